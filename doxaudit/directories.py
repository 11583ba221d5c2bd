"""The people-search and directory catalog (`checks/directories.json`), validated on load.

Each entry is searched by **name (and city) only**: a search URL may only use the placeholders
below, so a phone number or street address can never end up in a request. Entries that need a
login, a captcha or JavaScript are `automatable: false` and become manual links in the report.
The JSON Schema in `checks/directories.schema.json` documents the same rules for editors and CI.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote, quote_plus

from .errors import InputError
from .identity import Identity
from .resources import load_json

KINDS = ("directory", "people_search", "business_register")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
# The host is fixed: nothing before the path may be a placeholder.
URL_RE = re.compile(r"^https://(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?/[^\s{}]*(?:\{[a-z_]+\}[^\s{}]*)*$")
FIXED_URL_RE = re.compile(r"^https://(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:/[^\s{}]*)?$")
NAME_PLACEHOLDERS = frozenset({"name", "name_path", "name_slug", "first", "last"})
CITY_PLACEHOLDERS = frozenset({"city", "city_path", "city_slug"})
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Directory:
    id: str
    name: str
    country: str
    kind: str
    search_url: str
    automatable: bool
    optout_url: str
    verified: bool
    search_url_city: str = ""
    notes: str = ""
    no_results: tuple[str, ...] = ()

    def search(self, name: str, city: str = "") -> str:
        """The search page for a name (and city, when this directory has a city search and one is given)."""
        template = self.search_url_city if city and self.search_url_city else self.search_url
        return fill(template, name, city)

    def uses(self, city: str = "") -> tuple[str, ...]:
        return ("name", "city") if city and self.search_url_city else ("name",)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _words(text: str) -> list[str]:
    """The words of a name or city. A word without a letter or digit (`..`, `.`, `-`) carries nothing to search
    for, and in a path placeholder it would be a dot-segment the client resolves to another path."""
    return [w for w in text.split() if any(ch.isalnum() for ch in w)]


def fill(template: str, name: str, city: str = "") -> str:
    """Put name and city into a template, each URL-encoded for where it stands."""
    words = _words(name)
    values = {
        "name": quote_plus(name),
        "name_path": quote("-".join(words), safe="-"),
        "name_slug": _slug(name),
        "first": quote(words[0] if words else "", safe=""),
        "last": quote(words[-1] if len(words) > 1 else "", safe=""),
        "city": quote_plus(city),
        "city_path": quote("-".join(_words(city)), safe="-"),
        "city_slug": _slug(city),
    }
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), ""), template)


def _placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(template))


def parse_entry(raw: Any, where: str) -> Directory:
    """One catalog entry; raises InputError naming the entry and the field that is wrong."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: entry is not an object")
    label = f"{where}: entry {raw.get('id', '?')!r}"
    required = {"id": str, "name": str, "country": str, "kind": str, "search_url": str, "automatable": bool,
                "optout_url": str, "verified": bool}
    for key, kind in required.items():
        if key not in raw:
            raise InputError(f"{label} lacks required field {key!r}")
        if not isinstance(raw[key], kind):
            raise InputError(f"{label}: field {key!r} must be {'a boolean' if kind is bool else 'a string'}")
    known = {*required, "search_url_city", "notes", "no_results"}
    unknown = set(raw) - known
    if unknown:
        raise InputError(f"{label}: unknown field(s) {sorted(unknown)}")
    if not ID_RE.fullmatch(raw["id"]):
        raise InputError(f"{label}: id must be a lowercase slug (letters, digits, '-', '_')")
    if not COUNTRY_RE.fullmatch(raw["country"]):
        raise InputError(f"{label}: country must be a two-letter code such as NL or US")
    if raw["kind"] not in KINDS:
        raise InputError(f"{label}: kind must be one of {', '.join(KINDS)}")
    for key in ("search_url", "search_url_city"):
        template = raw.get(key, "")
        if key == "search_url_city" and not template:
            continue
        if not isinstance(template, str) or not URL_RE.fullmatch(template):
            raise InputError(f"{label}: {key} must be an https URL with a fixed host and {{placeholders}} after it")
        used = _placeholders(template)
        allowed = NAME_PLACEHOLDERS | (CITY_PLACEHOLDERS if key == "search_url_city" else frozenset())
        if used - allowed:
            raise InputError(f"{label}: {key} uses {sorted(used - allowed)}; only name (and, in search_url_city, "
                             "city) placeholders are allowed: a directory never gets a phone number or address")
        if not used & NAME_PLACEHOLDERS:
            raise InputError(f"{label}: {key} has no name placeholder ({', '.join(sorted(NAME_PLACEHOLDERS))})")
        if key == "search_url_city" and not used & CITY_PLACEHOLDERS:
            raise InputError(f"{label}: search_url_city has no city placeholder")
    if not FIXED_URL_RE.fullmatch(raw["optout_url"]):
        raise InputError(f"{label}: optout_url must be an https URL without placeholders")
    no_results = raw.get("no_results", [])
    if not isinstance(no_results, list) or not all(isinstance(s, str) and s for s in no_results):
        raise InputError(f"{label}: no_results must be a list of non-empty strings")
    if not isinstance(raw.get("notes", ""), str):
        raise InputError(f"{label}: notes must be a string")
    return Directory(
        id=raw["id"], name=raw["name"], country=raw["country"], kind=raw["kind"], search_url=raw["search_url"],
        automatable=raw["automatable"], optout_url=raw["optout_url"], verified=raw["verified"],
        search_url_city=str(raw.get("search_url_city", "")), notes=str(raw.get("notes", "")),
        no_results=tuple(no_results),
    )


def parse_directories(data: Any, where: str = "checks/directories.json") -> list[Directory]:
    if not isinstance(data, dict) or not isinstance(data.get("directories"), list):
        raise InputError(f"{where}: expected an object with a 'directories' list")
    entries = [parse_entry(raw, f"{where} #{i}") for i, raw in enumerate(data["directories"])]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise InputError(f"{where}: entry {entry.id!r} appears twice")
        seen.add(entry.id)
    return entries


@cache
def builtin_directories() -> tuple[Directory, ...]:
    return tuple(parse_directories(load_json("checks", "directories.json")))


def for_identity(identity: Identity, directories: tuple[Directory, ...] | list[Directory] | None = None,
                 countries: tuple[str, ...] | None = None) -> list[Directory]:
    """The directories that cover the user's country (or the given countries)."""
    wanted = set(countries or (identity.country,))
    return [d for d in (builtin_directories() if directories is None else directories) if d.country in wanted]


def manual_links(identity: Identity, directories: list[Directory] | None = None) -> list[dict[str, str]]:
    """Ready-made search links for directories doxaudit cannot search itself (login, captcha, JavaScript).

    One per (directory, name): {label, url, optout_url, kind, country, note}. For a report's
    "check these yourself" list.
    """
    links = []
    for d in directories if directories is not None else for_identity(identity):
        if d.automatable:
            continue
        for name in identity.names:
            links.append({"label": d.name, "url": d.search(name, identity.city), "optout_url": d.optout_url,
                          "kind": d.kind, "country": d.country, "note": d.notes})
    return links
