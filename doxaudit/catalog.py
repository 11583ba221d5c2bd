"""The site catalog: WhatsMyName-format entries (plus our `doxaudit` metadata), validated on load.

Built-in entries live in `checks/sites.json`. The community WhatsMyName list (downloaded by
`doxaudit sites update`) and extra files (`--sites`) merge under them: a built-in entry wins
over an added one with the same name.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs

from .errors import InputError
from .resources import resource

# A fixed host (a domain, localhost or an IPv4 literal for local simulations), or `{account}.` as the
# leftmost label of a domain (`https://{account}.example.com/`).
HOST_RE = re.compile(r"^https?://(?:\{account\}\.)?(?:[A-Za-z0-9-]+\.)*(?:[A-Za-z0-9-]+\.[A-Za-z]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?:[/?#]|$)")
HOST_LABEL_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
REQUIRED = {"name": str, "uri_check": str, "e_code": int, "e_string": str, "m_code": int, "m_string": str,
            "known": list, "cat": str}


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    uri_check: str
    e_code: int
    e_string: str
    m_code: int
    m_string: str
    cat: str
    known: tuple[str, ...] = ()
    uri_pretty: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    post_body: str = ""
    strip_bad_char: str = ""
    protection: tuple[str, ...] = ()
    exposes: tuple[str, ...] = ()
    visibility: str = "unknown"
    advice: str = ""
    handle_pattern: str = ""
    source: str = "builtin"  # builtin | community | a --sites file name

    def account(self, handle: str) -> str:
        for ch in self.strip_bad_char:
            handle = handle.replace(ch, "")
        return handle

    def accepts(self, handle: str) -> bool:
        account = self.account(handle)
        if not account or not any(ch.isalnum() for ch in account):
            return False  # nothing to look for; "." or ".." would be a dot-segment that changes the path
        if "://{account}." in self.uri_check and not HOST_LABEL_RE.fullmatch(account):
            return False  # would not be a valid host name, or would change which host is asked
        return not self.handle_pattern or re.fullmatch(self.handle_pattern, account) is not None

    def check_url(self, handle: str) -> str:
        return self.uri_check.replace("{account}", quote(self.account(handle), safe=""))

    def profile_url(self, handle: str) -> str:
        return (self.uri_pretty or self.uri_check).replace("{account}", quote(self.account(handle), safe=""))

    def body(self, handle: str) -> bytes | None:
        if not self.post_body:
            return None
        return self.post_body.replace("{account}", json.dumps(self.account(handle))[1:-1]).encode("utf-8")

    @property
    def method(self) -> str:
        return "POST" if self.post_body else "GET"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "site"


def parse_site(raw: Any, where: str, source: str = "builtin") -> Site | None:
    """One entry, or None for entries upstream marks `valid: false`. Raises InputError naming the entry."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: entry is not an object")
    label = f"{where}: entry {raw.get('name', '?')!r}"
    for key, kind in REQUIRED.items():
        if key not in raw:
            raise InputError(f"{label} lacks required field {key!r}")
        if not isinstance(raw[key], kind) or (kind is int and isinstance(raw[key], bool)):
            raise InputError(f"{label}: field {key!r} must be {kind.__name__}")
    if raw.get("valid") is False:
        return None
    uri = raw["uri_check"]
    if not HOST_RE.match(uri):
        raise InputError(f"{label}: uri_check must be an http(s) URL whose host is fixed "
                         "(an {{account}} is allowed only as the leftmost host label)")
    if "{account}" not in uri and "{account}" not in raw.get("post_body", ""):
        raise InputError(f"{label}: uri_check has no {{account}} placeholder")
    if raw.get("post_body") and not raw.get("headers"):
        raise InputError(f"{label}: post_body requires headers")
    headers = raw.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise InputError(f"{label}: headers must map strings to strings")
    ours = raw.get("doxaudit") or {}
    if not isinstance(ours, dict):
        raise InputError(f"{label}: 'doxaudit' must be an object")
    pattern = ours.get("handle_pattern", "")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as e:
            raise InputError(f"{label}: handle_pattern is not a valid regex: {e}") from e
    return Site(
        id=str(ours.get("id") or slug(raw["name"])),
        name=raw["name"],
        uri_check=uri,
        e_code=raw["e_code"], e_string=raw["e_string"], m_code=raw["m_code"], m_string=raw["m_string"],
        cat=raw["cat"],
        known=tuple(str(k) for k in raw["known"]),
        uri_pretty=str(raw.get("uri_pretty", "")),
        # The User-Agent is always our own, honest one; other site headers pass through.
        headers={k: v for k, v in headers.items() if k.lower() != "user-agent"},
        post_body=str(raw.get("post_body", "")),
        strip_bad_char=str(raw.get("strip_bad_char", "")),
        protection=tuple(raw.get("protection") or ()),
        exposes=tuple(ours.get("exposes") or ()),
        visibility=str(ours.get("visibility", "unknown")),
        advice=str(ours.get("advice", "")),
        handle_pattern=pattern,
        source=source,
    )


def parse_catalog(data: Any, where: str, source: str = "builtin") -> list[Site]:
    if isinstance(data, dict) and "sites" in data:
        entries = data["sites"]
    elif isinstance(data, list):
        entries = data
    else:
        raise InputError(f"{where}: not a WhatsMyName-format file (no 'sites' list)")
    if not isinstance(entries, list):
        raise InputError(f"{where}: 'sites' must be a list")
    return [s for i, raw in enumerate(entries) if (s := parse_site(raw, f"{where} #{i}", source)) is not None]


def load_file(path: Path) -> list[Site]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"site file {str(path)!r} does not exist") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"site file {str(path)!r} cannot be read: {e}") from e
    except json.JSONDecodeError as e:
        raise InputError(f"site file {str(path)!r} is not JSON: {e}") from e
    return parse_catalog(data, f"site file {str(path)!r}", source=path.name)


def builtin_sites() -> list[Site]:
    data = json.loads(resource("checks", "sites.json").read_text(encoding="utf-8"))
    return parse_catalog(data, "built-in catalog")


def community_path() -> Path:
    """Where `doxaudit sites update` keeps the community WhatsMyName list (the user's cache dir)."""
    override = os.environ.get("DOXAUDIT_CACHE_DIR")
    base = Path(override) if override else platformdirs.user_cache_path("doxaudit")
    return base / "wmn-data.json"


def community_sites() -> list[Site]:
    """The downloaded community list, or [] when there is none. A damaged cache is an error to fix."""
    path = community_path()
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"the downloaded site list {str(path)!r} is damaged ({e}); run 'doxaudit sites update'") from e
    return parse_catalog(data, f"downloaded site list {str(path)!r}", source="community")


def validate_download(body: bytes, url: str) -> tuple[Any, list[Site]]:
    """Parse and validate a downloaded WhatsMyName file before it may replace the cached one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{url} did not return a JSON site list: {e}") from e
    sites = parse_catalog(data, f"site list from {url}", source="community")
    if not sites:
        raise InputError(f"{url} returned a site list with no usable entries")
    return data, sites


def load_sites(extra: list[Path] | None = None, *, no_builtin: bool = False, community: bool = True) -> list[Site]:
    """Built-in first, then the downloaded community list, then --sites files: earlier entries win."""
    if no_builtin and not extra:
        raise InputError("--no-builtin needs at least one --sites FILE")
    primary = [] if no_builtin else builtin_sites()
    downloaded = community_sites() if community and not no_builtin else []
    return merge(primary, downloaded, *[load_file(p) for p in extra or []])


def merge(primary: list[Site], *others: list[Site]) -> list[Site]:
    """Primary entries win; later lists only add sites (by name or check URL) not seen yet."""
    seen_names = {s.name.lower() for s in primary}
    seen_urls = {s.uri_check for s in primary}
    seen_ids = {s.id for s in primary}
    out = list(primary)
    for extra in others:
        for site in extra:
            if site.name.lower() in seen_names or site.uri_check in seen_urls:
                continue
            seen_urls.add(site.uri_check)
            sid = site.id
            n = 2
            while sid in seen_ids:
                sid, n = f"{site.id}-{n}", n + 1
            seen_names.add(site.name.lower())
            seen_ids.add(sid)
            out.append(site if sid == site.id else Site(**{**site.__dict__, "id": sid}))
    return out
