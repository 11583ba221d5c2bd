"""Personal data in text: detectors for *kinds* of data, and matching of the user's own details.

Two jobs, both pure functions (text in, matches out), both local — nothing here sends anything:

* **Needles** (`find_*`, `find_sensitive`): the user's own phone, email, street address and birth
  date, normalised (formats, spacing, abbreviations, diacritics) and matched exactly. Other people's
  details on the same page are never matches.
* **Detectors** (`detect_*`, `detect_all`): every email address, phone number, Dutch postcode, street
  address, IBAN or birth date in a text, whoever it belongs to. They give context ("this directory page
  lists 12 phone numbers"), never findings about the user.

Every pattern is written to run in linear time on hostile input: all repetitions are bounded, nothing
nests an unbounded quantifier, and email addresses are anchored on their `@` instead of being searched
from every position. Texts are cut at MAX_SCAN_CHARS.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import phonenumbers

from .identity import Identity, fold

MAX_SCAN_CHARS = 2_000_000
MAX_DETECTIONS = 2_000  # per detector and text: enough for any real page, bounded for hostile ones
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "FM", "PW", "MH"})  # where 05/03/1990 is May 3rd

# --- the user's needles ---------------------------------------------------------------------------

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")  # kept for callers
NL_POSTCODE_RE = re.compile(r"\b([1-9][0-9]{3})\s?([a-z]{2})\b")
STREET_ABBREVIATIONS = {
    "straat": "str", "laan": "ln", "weg": "wg", "plein": "pln", "gracht": "gr", "singel": "sngl",
    "street": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr", "lane": "ln",
    "strasse": "str", "court": "ct", "place": "pl", "square": "sq",
}
# Whole words that are often abbreviated in street names (`Burg. de Withstraat`, `St.-Jansstraat`).
WORD_ABBREVIATIONS = {
    "burgemeester": "burg", "sint": "st", "professor": "prof", "dokter": "dr", "doctor": "dr",
    "koningin": "kon", "koning": "kon", "prins": "pr", "prinses": "pr", "saint": "st", "mount": "mt",
}


@dataclass(frozen=True)
class Match:
    kind: str  # phone | email | address | birthdate | name | city
    value: str  # the user's own value that matched
    start: int
    end: int


def _token_pattern(token: str) -> str:
    """A street word that also matches its usual spellings (`Lindengracht` ~ `Lindengr.` ~ `Linden gracht`)."""
    if token in WORD_ABBREVIATIONS:
        return rf"(?:{token}|{WORD_ABBREVIATIONS[token]}\.?)"
    fulls = [full for table in (WORD_ABBREVIATIONS, STREET_ABBREVIATIONS) for full, short in table.items()
             if short == token]
    if fulls:  # `st` may be sint, saint or street
        return rf"(?:{'|'.join(fulls)}|{token}\.?)"
    for long, short in STREET_ABBREVIATIONS.items():
        if token.endswith(long):
            stem = re.escape(token[: -len(long)])
            return rf"{stem}[ -]?(?:{long}|{short}\.?)" if stem else rf"(?:{long}|{short}\.?)"
    for long, short in STREET_ABBREVIATIONS.items():
        if token.endswith(short) and len(token) - len(short) >= 3:
            stem = re.escape(token[: -len(short)])
            return rf"{stem}[ -]?(?:{long}|{short}\.?)"
    return re.escape(token)


def _address_tokens(street: str) -> list[str]:
    """`Voorbeeldstraat 12a` -> ['voorbeeldstraat', '12', 'a']; `ß` folds to `ss`."""
    return re.findall(r"\d+|[^\W\d_]+", fold(street))


@lru_cache(maxsize=64)
def _address_patterns(address: str) -> tuple[re.Pattern[str], ...]:
    patterns = []
    tokens = _address_tokens(address.split(",")[0])
    has_number = any(t.isdigit() for t in tokens)
    has_street = any(re.fullmatch(r"[^\W\d_]{3,}", t) for t in tokens)
    if has_number and has_street:
        body = r"[\W_]{0,4}".join(_token_pattern(t) for t in tokens)
        patterns.append(re.compile(rf"(?<!\w){body}(?!\w)"))
    postcode = NL_POSTCODE_RE.search(fold(address))
    number = next((t for t in tokens if t.isdigit()), None)
    if postcode and number:
        patterns.append(re.compile(
            rf"(?<!\w){postcode.group(1)}\s?{postcode.group(2)}(?!\w)(?=.{{0,80}}(?<!\d){number}(?!\d))"
            rf"|(?<!\d){number}(?!\d)(?=.{{0,80}}(?<!\w){postcode.group(1)}\s?{postcode.group(2)}(?!\w))",
            re.DOTALL,
        ))
    return tuple(patterns)


def address_patterns(address: str) -> list[re.Pattern[str]]:
    """Patterns that identify a street address in folded text.

    'street + house number' in any spacing, punctuation or abbreviation, and for Dutch
    addresses 'postcode' near the house number. The city alone never identifies a home.
    """
    return list(_address_patterns(address))


def find_phones(text: str, identity: Identity) -> list[Match]:
    if not identity.phones:
        return []
    wanted = set(identity.phones)
    return [Match("phone", d.value, d.start, d.end)
            for d in _phone_matches(text, identity.country, phonenumbers.Leniency.POSSIBLE) if d.value in wanted]


def find_emails(text: str, identity: Identity) -> list[Match]:
    """The user's email addresses, also when written as `naam [at] domein [dot] nl`."""
    wanted = set(identity.emails)
    if not wanted:
        return []
    return [Match("email", d.value, d.start, d.end) for d in detect_emails(text) if d.value in wanted]


def find_addresses(text: str, identity: Identity) -> list[Match]:
    if not identity.addresses:
        return []
    folded = fold(text[:MAX_SCAN_CHARS])
    found = []
    for address in identity.addresses:
        for pattern in _address_patterns(address):
            m = pattern.search(folded)
            if m:
                found.append(Match("address", address, m.start(), m.end()))
                break
    return found


def find_birthdates(text: str, identity: Identity, birthdate: str = "", window: int = 150) -> list[Match]:
    """The user's birth date, in any common format, next to their name or a birth marker (`geboren`, `born`).

    A bare date is not enough: the same day may be any event's date. `birthdate` (ISO) defaults to the
    identity's own, once Identity has that field.
    """
    wanted = birthdate or str(getattr(identity, "birthdate", "") or "")
    try:
        target = date.fromisoformat(wanted) if wanted else None
    except ValueError:
        return []
    if target is None:
        return []
    day_first = identity.country not in MONTH_FIRST_COUNTRIES
    found: list[Match] = []
    for when, start, end in parse_dates(text, day_first=day_first):
        if when != target:
            continue
        marker = _birth_marker_before(text, start)
        if marker is not None or _name_near(text, start, end, identity.names, window):
            found.append(Match("birthdate", wanted, marker if marker is not None else start, end))
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
    """The user's contact details (phone, email, address, and birth date when known) in a text."""
    return (find_phones(text, identity) + find_emails(text, identity) + find_addresses(text, identity)
            + find_birthdates(text, identity))


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


# --- detectors: kinds of personal data, anyone's ---------------------------------------------------

@dataclass(frozen=True)
class Detected:
    """Personal data of some kind found in a text; not necessarily the user's."""

    kind: str  # email | phone | postcode | address | iban | birthdate
    value: str  # normalised: lower-case email, E.164, `3511AB 12`, `voorbeeldstraat 12`, compact IBAN, ISO date
    start: int
    end: int


_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
# `@`, or an obfuscated at: `[at]`, `(at)`, `{at}`, `<at>`, `(@)`, `[apenstaartje]`, or ` at ` between spaces.
AT_RE = re.compile(rf"@|[ \t]{{0,3}}{_OPEN}[ \t]{{0,3}}(?:at|@|apenstaartje)[ \t]{{0,3}}{_CLOSE}[ \t]{{0,3}}"
                   r"|[ \t]{1,3}at[ \t]{1,3}", re.IGNORECASE)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOT_BRACKETED = rf"[ \t]{{0,3}}{_OPEN}[ \t]{{0,3}}(?:dot|punt|punkt|\.)[ \t]{{0,3}}{_CLOSE}[ \t]{{0,3}}"
_DOT_WORD = r"[ \t]{1,3}(?:dot|punt|punkt)[ \t]{1,3}"
# A domain after a plain `@` may use `.` or a bracketed dot; after an obfuscated at also ` dot `/` punt `.
DOMAIN_RE = re.compile(rf"(?:{_LABEL}(?:\.|{_DOT_BRACKETED})){{1,8}}[a-z]{{2,63}}(?![a-z0-9-])", re.IGNORECASE)
DOMAIN_OBFUSCATED_RE = re.compile(rf"(?:{_LABEL}(?:\.|{_DOT_BRACKETED}|{_DOT_WORD})){{1,8}}[a-z]{{2,63}}(?![a-z0-9-])",
                                  re.IGNORECASE)
DOT_TOKEN_RE = re.compile(rf"{_DOT_BRACKETED}|{_DOT_WORD}", re.IGNORECASE)
LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
VALID_EMAIL_RE = re.compile(r"[a-z0-9._%+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,63}")
MAX_AT_CANDIDATES = 200_000


def detect_emails(text: str) -> list[Detected]:
    """Email addresses, also in simple obfuscations: `naam [at] domein [dot] nl`, `naam(at)domein.nl`.

    Anchored on each `@` (or spelled-out at): the local part is read backwards, the domain forwards,
    both bounded, so a page of `@@@…` or `aaaa…` costs linear time.
    """
    text = text[:MAX_SCAN_CHARS]
    found: list[Detected] = []
    for n, at in enumerate(AT_RE.finditer(text)):
        if n >= MAX_AT_CANDIDATES or len(found) >= MAX_DETECTIONS:
            break
        plain = at.group(0) == "@"
        spelled = not plain and "@" not in at.group(0) and not re.search(_OPEN, at.group(0))
        i = at.start()
        while i > 0 and at.start() - i < 65 and text[i - 1] in LOCAL_CHARS:
            i -= 1
        if at.start() - i > 64 or (i > 0 and text[i - 1] in LOCAL_CHARS):
            continue  # a run longer than any local part: not an address
        local = text[i:at.start()].strip(".")
        start = i + (len(text[i:at.start()]) - len(text[i:at.start()].lstrip(".")))
        if not local:
            continue
        domain_re = DOMAIN_RE if plain else DOMAIN_OBFUSCATED_RE
        dm = domain_re.match(text, at.end())
        if dm is None:
            continue
        raw_domain = dm.group(0)
        if spelled and not DOT_TOKEN_RE.search(raw_domain):
            continue  # `meet me at home.nl` is prose; ` at ` counts only with a spelled-out dot as well
        domain = DOT_TOKEN_RE.sub(".", raw_domain).replace(" ", "").replace("\t", "").lower()
        value = f"{local.lower()}@{domain}"
        if VALID_EMAIL_RE.fullmatch(value):
            found.append(Detected("email", value, start, dm.end()))
    return found


def _phone_matches(text: str, region: str, leniency: int) -> list[Detected]:
    found: list[Detected] = []
    try:
        matcher = phonenumbers.PhoneNumberMatcher(text[:MAX_SCAN_CHARS], region or "NL", leniency=leniency,
                                                  max_tries=5000)
        for m in matcher:
            e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            found.append(Detected("phone", e164, m.start, m.end))
            if len(found) >= MAX_DETECTIONS:
                break
    except Exception:  # phonenumbers on hostile text must never stop a scan
        return found
    return found


def detect_phones(text: str, region: str = "NL") -> list[Detected]:
    """Valid phone numbers in any national or international format; `region` reads national ones."""
    return _phone_matches(text, region, phonenumbers.Leniency.VALID)


# Letter pairs after four digits that are units or codes far more often than postcodes.
POSTCODE_STOP = frozenset({"SA", "SD", "SS", "MB", "GB", "KB", "TB", "PB", "KM", "CM", "MM", "KG", "PK", "EU",
                           "US", "UK", "AD", "BC", "CE", "PM", "AM", "HP", "KW", "MW", "GW", "KV", "ML", "CL",
                           "DL", "OK", "TV", "CD", "PC", "HZ"})
POSTCODE_DETECT_RE = re.compile(r"(?<![\w-])([1-9]\d{3})[ \u00a0]?([A-Z]{2})(?![\w-])")
HOUSE_AFTER_RE = re.compile(r"[ ,\u00a0]{1,3}(\d{1,5})(?![\d.,:]?\d)")
HOUSE_BEFORE_RE = re.compile(r"(?<![\d.])(\d{1,5})[ -]?[a-zA-Z]?(?:[-/]\d{1,4})?[ ,\u00a0]{1,4}\Z")


def detect_postcodes(text: str) -> list[Detected]:
    """Dutch postcodes (`3511 AB`), with the house number when it stands right next to them.

    Letters must be capitals: in running text `2019 we` is a year, not a postcode.
    """
    text = text[:MAX_SCAN_CHARS]
    found: list[Detected] = []
    for m in POSTCODE_DETECT_RE.finditer(text):
        if m.group(2) in POSTCODE_STOP:
            continue
        value, start, end = f"{m.group(1)}{m.group(2)}", m.start(), m.end()
        before = HOUSE_BEFORE_RE.search(text[max(0, start - 12):start])
        after = HOUSE_AFTER_RE.match(text, end)
        if before:
            value += f" {before.group(1)}"
        elif after:
            value += f" {after.group(1)}"
            end = after.end()
        found.append(Detected("postcode", value, start, end))
        if len(found) >= MAX_DETECTIONS:
            break
    return found


_UPPER = "A-ZÀ-ÖØ-Þ"
NL_STREET_SUFFIXES = (
    "straatweg", "dwarsstraat", "straat", "laan", "weg", "plein", "gracht", "burgwal", "kade", "singel", "dijk",
    "dreef", "hof", "pad", "steeg", "markt", "plantsoen", "baan", "wal", "haven", "kanaal", "allee", "boulevard",
    "zijde", "kant", "veld", "poort", "straße", "strasse", "gasse", "platz", "damm", "ufer",
)
_SUFFIX_ALT = "|".join(sorted(NL_STREET_SUFFIXES, key=len, reverse=True))
_HOUSE_NUMBER = r"\d{1,5}(?:[ -]?[a-zA-Z](?![\w]))?(?:-\d{1,4})?"
STREET_NL_RE = re.compile(
    rf"(?<![\w-])(?P<street>[{_UPPER}][^\W\d_]{{1,40}}?(?:{_SUFFIX_ALT})|[{_UPPER}][^\W\d_]{{2,40}}?str\.)"
    rf"[ \u00a0]{{1,3}}(?P<num>{_HOUSE_NUMBER})(?![\d%°]|[.,:]\d)"
)
_EN_TYPES = (r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?"
             r"|Place|Pl\.?|Way|Terrace|Close|Crescent|Square|Sq\.?|Parkway|Highway")
STREET_EN_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,5}}[A-Za-z]?)[ \u00a0]{{1,3}}"
    rf"(?P<street>(?:[A-Z][a-z]{{1,20}}[ \u00a0]{{1,3}}){{1,3}}(?:{_EN_TYPES}))(?![A-Za-z])"
)
STREET_FR_RE = re.compile(
    r"(?<![\w-])(?P<num>\d{1,4}(?:[ ]?(?:bis|ter))?),?[ \u00a0]{1,3}"
    r"(?P<street>(?i:rue|avenue|av\.|boulevard|bd|place|all[ée]e|impasse|chemin|quai|route|cours)[ \u00a0]{1,3}"
    rf"(?:(?i:de|du|des|la|le)[ \u00a0]{{1,3}}|(?i:l'|d'|l’|d’)){{0,2}}[{_UPPER}][\w'’-]{{1,30}})"
)


def detect_addresses(text: str) -> list[Detected]:
    """Street + house number: Dutch/German (`Voorbeeldstraat 12a`, `Hauptstraße 5`), English
    (`221 Baker Street`) and French (`12 rue de la Paix`)."""
    text = text[:MAX_SCAN_CHARS]
    found: list[Detected] = []
    for pattern in (STREET_NL_RE, STREET_EN_RE, STREET_FR_RE):
        for m in pattern.finditer(text):
            number = re.sub(r"[\s-]", "", m.group("num")).lower()
            street = " ".join(_address_tokens(m.group("street")))
            value = f"{street} {number}" if pattern is STREET_NL_RE else f"{number} {street}"
            found.append(Detected("address", value, m.start(), m.end()))
            if len(found) >= MAX_DETECTIONS:
                return found
    return sorted(found, key=lambda d: d.start)


# ISO 13616 IBAN lengths per country (SWIFT IBAN registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SD": 18,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22,
    "VG": 24, "XK": 20,
}
IBAN_CANDIDATE_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){10,30}")


def iban_valid(iban: str) -> bool:
    """ISO 13616: known country, its exact length, and the mod-97 check digits (ISO 7064)."""
    iban = iban.replace(" ", "").upper()
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum() or not iban.isascii():
        return False
    remainder = 0
    for ch in iban[4:] + iban[:4]:
        for digit in str(int(ch, 36)):  # A=10 … Z=35
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder == 1


def detect_ibans(text: str) -> list[Detected]:
    """IBANs, compact or in groups of four, that pass their checksum (`NL91 ABNA 0417 1643 00`)."""
    text = text[:MAX_SCAN_CHARS]
    found: list[Detected] = []
    for m in IBAN_CANDIDATE_RE.finditer(text):
        length = IBAN_LENGTHS.get(m.group(0)[:2])
        if length is None:
            continue
        compact, end = "", m.start()
        for i in range(m.start(), m.end()):
            if text[i].isalnum():
                compact += text[i]
                if len(compact) == length:
                    end = i + 1
                    break
        if len(compact) != length or (end < len(text) and text[end].isalnum()):
            continue
        if iban_valid(compact):
            found.append(Detected("iban", compact, m.start(), end))
            if len(found) >= MAX_DETECTIONS:
                break
    return found


MONTHS = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12, "mrt": 3, "okt": 10,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # German and French
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
DATE_NUMERIC_RE = re.compile(r"(?<![\d./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d./-]?\d)")
DATE_DAY_MONTH_RE = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:e|ste|de|st|nd|rd|th|er)?\.?[ \u00a0]{{1,3}}(?:of[ \u00a0]{{1,3}})?({_MONTH_ALT})\.?,?"
    r"[ \u00a0]{1,3}(\d{4})(?!\d)", re.IGNORECASE)
DATE_MONTH_DAY_RE = re.compile(
    rf"(?<!\w)({_MONTH_ALT})\.?[ \u00a0]{{1,3}}(\d{{1,2}})(?:st|nd|rd|th)?,?[ \u00a0]{{1,3}}(\d{{4}})(?!\d)",
    re.IGNORECASE)
BIRTH_MARKER_RE = re.compile(
    r"(?<!\w)(?:geboren|geb\.|geboortedatum|geboortedag|born|date of birth|birth ?date|birthday|d\.o\.b\.?|\bdob\b"
    r"|né|née|geburtsdatum|geburtstag|°|\*)[ \u00a0:,]{0,3}(?:op|on|le|am|the|den)?[ \u00a0:]{0,3}\Z",
    re.IGNORECASE)
MAX_DATES = 500


def _date(year: int, month: int, day: int) -> date | None:
    if not 1850 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str, day_first: bool = True) -> list[tuple[date, int, int]]:
    """Every calendar date in a text: ISO, numeric (day first unless `day_first` is False) and with month names."""
    text = text[:MAX_SCAN_CHARS]
    found: list[tuple[date, int, int]] = []
    for m in DATE_ISO_RE.finditer(text):
        if (d := _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))) is not None:
            found.append((d, m.start(), m.end()))
    for m in DATE_NUMERIC_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        day, month = (a, b) if day_first else (b, a)
        if (d := _date(int(m.group(4)), month, day)) is not None:
            found.append((d, m.start(), m.end()))
    for m in DATE_DAY_MONTH_RE.finditer(text):
        if (d := _date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))) is not None:
            found.append((d, m.start(), m.end()))
    for m in DATE_MONTH_DAY_RE.finditer(text):
        if (d := _date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))) is not None:
            found.append((d, m.start(), m.end()))
        if len(found) >= MAX_DATES * 4:
            break
    return sorted(found, key=lambda x: x[1])[: MAX_DATES * 4]


def _birth_marker_before(text: str, start: int) -> int | None:
    """Where a birth marker (`geboren op`, `born`, `°`) ends right before `start`, or None."""
    m = BIRTH_MARKER_RE.search(text[max(0, start - 30):start])
    return max(0, start - 30) + m.start() if m else None


def _name_near(text: str, start: int, end: int, names: Iterable[str], window: int) -> bool:
    around = fold(text[max(0, start - window):end + window])
    return any(re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", around) for n in names if n)


def detect_birthdates(text: str, names: Iterable[str] = (), window: int = 60,
                      day_first: bool = True) -> list[Detected]:
    """Birth dates: a date right after a birth marker (`geboren 3 mei 1990`, `born 1990-05-03`,
    `° 03-05-1990`); with `names`, only those within `window` characters of one of the names."""
    names = tuple(names)
    found: list[Detected] = []
    for when, start, end in parse_dates(text, day_first=day_first)[:MAX_DATES]:
        marker = _birth_marker_before(text, start)
        if marker is None:
            continue
        if names and not _name_near(text, start, end, names, window):
            continue
        found.append(Detected("birthdate", when.isoformat(), marker, end))
    return found


def detect_all(text: str, region: str = "NL", names: Iterable[str] = ()) -> list[Detected]:
    """Every kind of personal data in a text, in text order (context for a page, never a finding)."""
    region = region if region and region.isalpha() else "NL"
    found = (detect_emails(text) + detect_phones(text, region) + detect_postcodes(text) + detect_addresses(text)
             + detect_ibans(text) + detect_birthdates(text, names, day_first=region not in MONTH_FIRST_COUNTRIES))
    return sorted(found, key=lambda d: (d.start, d.kind))


def summarize(detected: Iterable[Detected]) -> dict[str, int]:
    """Distinct values per kind (`{'phone': 12, 'address': 5}`): how much a page lists about people."""
    return dict(Counter(kind for kind, _ in {(d.kind, d.value) for d in detected}))


def birthdate_variants(iso: str) -> set[str]:
    """Common spellings of an ISO date, for masking it in evidence (`1990-05-03`, `03-05-1990`, `3 mei 1990`)."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return set()
    names = {1: ("januari", "january"), 2: ("februari", "february"), 3: ("maart", "march"), 4: ("april",),
             5: ("mei", "may"), 6: ("juni", "june"), 7: ("juli", "july"), 8: ("augustus", "august"),
             9: ("september",), 10: ("oktober", "october"), 11: ("november",), 12: ("december",)}
    out = {d.isoformat()}
    for day in {f"{d.day:02d}", str(d.day)}:
        for month in {f"{d.month:02d}", str(d.month)}:
            for sep in "-/.":
                out.add(f"{day}{sep}{month}{sep}{d.year}")
                out.add(f"{month}{sep}{day}{sep}{d.year}")
    for name in names[d.month]:
        out |= {f"{d.day} {name} {d.year}", f"{name} {d.day}, {d.year}", f"{name.capitalize()} {d.day}, {d.year}",
                f"{d.day} {name.capitalize()} {d.year}"}
    return out
