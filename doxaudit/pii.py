"""Local matching of the user's own details ("needles") inside fetched text.

Pure functions: text in, matches out. This is where phone numbers and street
addresses are looked for, so they never have to be sent anywhere. Other people's
details on the same page are not matches: only the user's own values count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from .identity import Identity, fold

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
NL_POSTCODE_RE = re.compile(r"\b([1-9][0-9]{3})\s?([a-z]{2})\b")
STREET_ABBREVIATIONS = {
    "straat": "str", "laan": "ln", "weg": "wg", "plein": "pln", "gracht": "gr", "street": "st",
    "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr", "lane": "ln",
}
MAX_SCAN_CHARS = 2_000_000


@dataclass(frozen=True)
class Match:
    kind: str  # phone | email | address | name | city
    value: str  # the user's own value that matched
    start: int
    end: int


def _token_pattern(token: str) -> str:
    """A street word that also matches its usual abbreviation (`Lindengracht` ~ `Lindengr.`)."""
    for long, short in STREET_ABBREVIATIONS.items():
        if token.endswith(long):
            stem = re.escape(token[: -len(long)])
            return rf"{stem}(?:{long}|{short}\.?)"
    return re.escape(token)


def address_patterns(address: str) -> list[re.Pattern[str]]:
    """Patterns that identify a street address in folded text.

    'street + house number' in any spacing, punctuation or abbreviation, and for Dutch
    addresses 'postcode' near the house number. The city alone never identifies a home.
    """
    patterns = []
    first = fold(address.split(",")[0])
    tokens = re.findall(r"\w+", first)
    has_number = any(t.isdigit() or re.fullmatch(r"\d+[a-z]?", t) for t in tokens)
    has_street = any(re.fullmatch(r"[^\W\d_]{3,}", t) for t in tokens)
    if has_number and has_street:
        body = r"[\W_]{0,4}".join(_token_pattern(t) for t in tokens)
        patterns.append(re.compile(rf"(?<!\w){body}(?!\w)"))
    postcode = NL_POSTCODE_RE.search(fold(address))
    number = next((t for t in tokens if re.fullmatch(r"\d+", t)), None)
    if postcode and number:
        patterns.append(re.compile(
            rf"(?<!\w){postcode.group(1)}\s?{postcode.group(2)}(?!\w)(?=.{{0,80}}(?<!\d){number}(?!\d))"
            rf"|(?<!\d){number}(?!\d)(?=.{{0,80}}(?<!\w){postcode.group(1)}\s?{postcode.group(2)}(?!\w))",
            re.DOTALL,
        ))
    return patterns


def find_phones(text: str, identity: Identity) -> list[Match]:
    if not identity.phones:
        return []
    wanted = set(identity.phones)
    found = []
    try:
        matcher = phonenumbers.PhoneNumberMatcher(text[:MAX_SCAN_CHARS], identity.country,
                                                  leniency=phonenumbers.Leniency.POSSIBLE, max_tries=5000)
        for m in matcher:
            e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in wanted:
                found.append(Match("phone", e164, m.start, m.end))
    except Exception:  # phonenumbers on hostile text must never stop a scan
        return found
    return found


def find_emails(text: str, identity: Identity) -> list[Match]:
    wanted = set(identity.emails)
    if not wanted:
        return []
    return [
        Match("email", m.group(0).lower(), m.start(), m.end())
        for m in EMAIL_RE.finditer(text[:MAX_SCAN_CHARS])
        if m.group(0).lower() in wanted
    ]


def find_addresses(text: str, identity: Identity) -> list[Match]:
    if not identity.addresses:
        return []
    folded = fold(text[:MAX_SCAN_CHARS])
    found = []
    for address in identity.addresses:
        for pattern in address_patterns(address):
            m = pattern.search(folded)
            if m:
                found.append(Match("address", address, m.start(), m.end()))
                break
    return found


def find_words(text: str, values: tuple[str, ...], kind: str) -> list[Match]:
    folded = fold(text[:MAX_SCAN_CHARS])
    found = []
    for value in values:
        needle = fold(value)
        m = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded)
        if m:
            found.append(Match(kind, value, m.start(), m.end()))
    return found


def find_sensitive(text: str, identity: Identity) -> list[Match]:
    """The user's contact details (phone, email, address) in a text."""
    return find_phones(text, identity) + find_emails(text, identity) + find_addresses(text, identity)


def snippet_around(text: str, start: int, end: int, width: int = 80) -> str:
    """A short one-line excerpt around a match, for evidence.

    Matches found in folded text keep their offsets as long as folding kept the length,
    which holds for ordinary (NFC) text; otherwise the folded text is excerpted.
    """
    if len(fold(text)) != len(text):
        text = fold(text)
    lo, hi = max(0, start - width), min(len(text), end + width)
    excerpt = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + excerpt + ("…" if hi < len(text) else "")
