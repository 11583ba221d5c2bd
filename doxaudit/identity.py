"""The user's identifiers: validated once, so nothing downstream handles bad input.

Identifiers come in two sensitivities. *Search* identifiers (name, email, handle,
domain) may be sent to services. *Sensitive needles* (phone, street address) are only
ever matched locally inside fetched pages; `sends` in every planned request proves it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers

from .errors import InputError

KINDS = ("name", "email", "handle", "phone", "address", "city", "domain", "birthdate")
SENSITIVE_KINDS = frozenset({"phone", "address", "birthdate"})

# Usernames on the web: letters, digits, dot, underscore, hyphen. Anything else could
# change a URL's host or path when substituted into a site template (`/`, `@`, `?`, `#`, `%`).
HANDLE_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
MAX_FIELD = 200


@dataclass(frozen=True)
class Identity:
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164
    addresses: tuple[str, ...] = ()
    city: str = ""
    country: str = "NL"
    domains: tuple[str, ...] = ()
    birthdate: str = ""  # ISO date; like phone and address only ever matched locally
    extra: dict[str, str] = field(default_factory=dict)

    def values(self, kind: str) -> tuple[str, ...]:
        return {
            "name": self.names,
            "email": self.emails,
            "handle": self.handles,
            "phone": self.phones,
            "address": self.addresses,
            "city": (self.city,) if self.city else (),
            "domain": self.domains,
            "birthdate": (self.birthdate,) if self.birthdate else (),
        }[kind]

    def kinds(self) -> list[str]:
        return [k for k in KINDS if self.values(k)]

    @property
    def empty(self) -> bool:
        return not (self.names or self.emails or self.handles or self.phones or self.addresses or self.domains)


def _clean(value: str, kind: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise InputError(f"--{kind} is empty")
    if len(value) > MAX_FIELD:
        raise InputError(f"--{kind} is longer than {MAX_FIELD} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        raise InputError(f"--{kind} contains control characters")
    if any(unicodedata.category(ch) == "Cs" for ch in value):  # what Python makes of invalid UTF-8 in argv
        raise InputError(f"--{kind} is not valid UTF-8 text")
    return value


def normalize_email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email  # ~35 ms to import; only emails need it

    value = _clean(value, "email")
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as e:
        raise InputError(f"--email {value!r} is not a valid email address: {e}") from e
    return str(result.normalized).lower()


def normalize_handle(value: str) -> str:
    value = _clean(value, "handle").lstrip("@")
    if not HANDLE_RE.fullmatch(value):
        raise InputError(
            f"--handle {value!r} has characters no site accepts in a username "
            "(use letters, digits, '.', '_' or '-', at most 64)"
        )
    return value


def normalize_phone(value: str, country: str) -> str:
    value = _clean(value, "phone")
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as e:
        raise InputError(f"--phone {value!r} is not a phone number: {e}") from e
    if not phonenumbers.is_possible_number(number):
        raise InputError(f"--phone {value!r} is not a possible phone number for country {country}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_domain(value: str) -> str:
    value = _clean(value, "domain").lower().rstrip(".")
    value = re.sub(r"^https?://", "", value).split("/")[0]
    try:
        value = value.encode("idna").decode("ascii")
    except UnicodeError as e:
        raise InputError(f"--domain {value!r} is not a domain name") from e
    if not DOMAIN_RE.fullmatch(value):
        raise InputError(f"--domain {value!r} is not a domain name")
    return value


def normalize_birthdate(value: str) -> str:
    """`1990-05-03`, `03-05-1990`, `3/5/1990` or `3.5.1990` (day first) -> ISO `1990-05-03`."""
    value = _clean(value, "birthdate")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    dmy = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    try:
        if iso:
            when = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif dmy:
            when = date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
        else:
            raise ValueError("unrecognised format")
    except ValueError as e:
        raise InputError(f"--birthdate {value!r} is not a date (use YYYY-MM-DD or DD-MM-YYYY): {e}") from e
    if not date(1900, 1, 1) <= when <= date.today():
        raise InputError(f"--birthdate {value!r} is not a plausible date of birth")
    return when.isoformat()


def normalize_name(value: str) -> str:
    value = " ".join(_clean(value, "name").split())
    if not any(ch.isalpha() for ch in value):
        raise InputError(f"--name {value!r} has no letters")
    return value


def _dedupe(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.casefold(), v)
    return tuple(seen.values())


def build_identity(
    *,
    names: list[str] | None = None,
    emails: list[str] | None = None,
    handles: list[str] | None = None,
    phones: list[str] | None = None,
    addresses: list[str] | None = None,
    city: str | None = None,
    country: str | None = None,
    domains: list[str] | None = None,
    birthdate: str | None = None,
) -> Identity:
    """Validate raw CLI/profile input into an Identity, or raise InputError naming the field."""
    country = (country or "NL").strip().upper()
    if not COUNTRY_RE.fullmatch(country):
        raise InputError(f"--country {country!r} must be a two-letter country code such as NL or BE")
    identity = Identity(
        names=_dedupe([normalize_name(v) for v in names or []]),
        emails=_dedupe([normalize_email(v) for v in emails or []]),
        handles=_dedupe([normalize_handle(v) for v in handles or []]),
        phones=_dedupe([normalize_phone(v, country) for v in phones or []]),
        addresses=_dedupe([" ".join(_clean(v, "address").split()) for v in addresses or []]),
        city=" ".join(_clean(city, "city").split()) if city else "",
        country=country,
        domains=_dedupe([normalize_domain(v) for v in domains or []]),
        birthdate=normalize_birthdate(birthdate) if birthdate else "",
    )
    if identity.empty:
        raise InputError("give at least one identifier: --name, --email, --handle, --phone, --address or --domain")
    return identity


PROFILE_FIELDS = {
    "name": "names", "names": "names", "email": "emails", "emails": "emails",
    "handle": "handles", "handles": "handles", "phone": "phones", "phones": "phones",
    "address": "addresses", "addresses": "addresses", "domain": "domains", "domains": "domains",
    "city": "city", "country": "country", "birthdate": "birthdate",
}


def load_profile(path: Path) -> dict[str, Any]:
    """Read a TOML profile with the same fields as the CLI options (strings or lists)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(f"profile {str(path)!r} does not exist") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"profile {str(path)!r} cannot be read: {e}") from e
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"profile {str(path)!r} is not valid TOML: {e}") from e
    out: dict[str, Any] = {}
    for key, value in data.items():
        target = PROFILE_FIELDS.get(key)
        if target is None:
            raise InputError(f"profile {str(path)!r}: unknown field {key!r} (known: {', '.join(sorted(PROFILE_FIELDS))})")
        if target in ("city", "country", "birthdate"):
            if not isinstance(value, str):
                raise InputError(f"profile {str(path)!r}: {key} must be a string")
            out[target] = value
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise InputError(f"profile {str(path)!r}: {key} must be a string or a list of strings")
        out.setdefault(target, []).extend(items)
    return out


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for local matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
