"""Is this page about me? Evidence-based, pure: page text (+ title, URL) and the Identity in, a verdict out.

A common name returns thousands of pages about other people. A page counts as about the
user only on evidence:

- one exact unique identifier: the user's email, phone number or street address, or
  their handle in a profile context (a URL path segment or subdomain, the page title,
  an `@handle` mention); or
- at least two independent identifiers together: the name plus the city, the employer
  or the handle, near each other on the page.

A name alone is "possibly you, check" (confidence below THRESHOLD). A name next to
somebody else's contact details (another phone number or postcode, when the user gave
theirs) is a namesake, and is not reported at all.

Limits, on purpose: a namesake page that states no contact details stays "possibly
you"; there is no gazetteer, so "lives in Groningen" is only a conflict when a postcode
or phone number says so. A single-word name counts like a full one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import phonenumbers

from . import pii
from .identity import Identity, fold

THRESHOLD = 0.5  # at or above: about the user
MAX_TEXT = 1_000_000
MAX_ANCHORS = 50
BEFORE, AFTER = 80, 300  # the context of a name mention, in characters
CONFLICT_SCAN = 20_000  # characters read for other people's details when the whole page is about the name
MIN_PHONE_DIGITS = 8  # "possible" numbers shorter than this are scores, years and dates, not phones
MIN_UNIQUE_HANDLE = 5  # shorter handles ("noor") are common words, not identifiers
UNIQUE_CONFIDENCE = {"email": 0.95, "phone": 0.95, "address": 0.95, "handle": 0.9}
ADDRESS_WITHOUT_NAME = 0.7  # an address is shared by a household and by listings
NL_POSTCODE = re.compile(r"(?<![\w])([1-9][0-9]{3}) ?(?!SA|SD|SS)([A-Z]{2})(?![\w])")


@dataclass(frozen=True)
class Clue:
    """One piece of evidence. Kinds only, never values: evidence lists go into reports."""

    kind: str  # email | phone | address | handle | name | city | employer
    where: str  # text | title | url
    unique: bool


@dataclass(frozen=True)
class Resolution:
    confidence: float
    verdict: str  # about_me | possible | namesake | unrelated
    evidence: tuple[Clue, ...] = ()
    conflicts: tuple[str, ...] = ()  # other_phone | other_postcode | other_email
    anchor: tuple[int, int] | None = None  # first name mention, offsets in fold(text)

    @property
    def about_me(self) -> bool:
        return self.confidence >= THRESHOLD

    @property
    def evidence_kinds(self) -> str:
        return ", ".join(dict.fromkeys(c.kind for c in self.evidence))


def _phrase(value: str, between: str = r"[\W_]{1,5}") -> re.Pattern[str] | None:
    """A folded phrase matched on word boundaries, with a little punctuation or space between its words."""
    tokens = re.findall(r"\w+", fold(value))
    if not tokens:
        return None
    return re.compile(r"(?<!\w)" + between.join(re.escape(t) for t in tokens) + r"(?!\w)")


def name_patterns(name: str) -> list[re.Pattern[str]]:
    """`Noor Voorbeeld`, `noor-voorbeeld` and `Voorbeeld, Noor`."""
    tokens = re.findall(r"\w+", fold(name))
    patterns = [p for p in (_phrase(name, r"[\s\-]+"),) if p]  # not `.`: noor.voorbeeld@… is the email
    if len(tokens) >= 2:
        patterns.append(re.compile(rf"(?<!\w){re.escape(tokens[-1])},?\s+"
                                   + r"\s+".join(re.escape(t) for t in tokens[:-1]) + r"(?!\w)"))
    return patterns


def _handle_pattern(handle: str, at: bool) -> re.Pattern[str]:
    body = ("@" if at else "") + re.escape(fold(handle))
    return re.compile(rf"(?<![\w@.\-/]){body}(?![\w\-]|\.\w)")


def _url_parts(url: str) -> tuple[list[str], str, str]:
    """(path segments, first host label, path as words) of a result URL, folded."""
    try:
        parts = urlsplit(url[:2000])
    except ValueError:
        return [], "", ""
    path = fold(unquote(parts.path))
    segments = [s.lstrip("@~") for s in path.split("/") if s]
    host = (parts.hostname or "").lower()
    label = host.split(".")[0] if host.count(".") >= 2 else ""
    words = re.sub(r"[/\-_+.]+", " ", path)
    return segments, label, words


def _windows(anchors: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in anchors:
        lo, hi = max(0, start - BEFORE), min(length, end + AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def _near(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> bool:
    return any(pattern.search(text, lo, hi) for lo, hi in spans)


def _conflicts(text: str, folded: str, spans: list[tuple[int, int]], identity: Identity) -> list[str]:
    """Somebody else's contact details next to the name, of the kinds the user gave us."""
    found: list[str] = []
    spans = [(lo, min(hi, lo + CONFLICT_SCAN)) for lo, hi in spans[:MAX_ANCHORS]]
    chunks = [folded[lo:hi] for lo, hi in spans]
    if identity.phones:
        wanted = set(identity.phones)
        for chunk in chunks:
            try:
                numbers = [phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                           for m in phonenumbers.PhoneNumberMatcher(chunk, identity.country,
                                                                    leniency=phonenumbers.Leniency.POSSIBLE,
                                                                    max_tries=200)
                           if sum(ch.isdigit() for ch in m.raw_string) >= MIN_PHONE_DIGITS]
            except Exception:  # phonenumbers on hostile text must never stop a scan
                numbers = []
            if any(n not in wanted for n in numbers):
                found.append("other_phone")
                break
    own_postcodes = {m.group(1) + m.group(2) for a in identity.addresses for m in NL_POSTCODE.finditer(a.upper())}
    if own_postcodes and len(text) == len(folded):  # offsets line up: read the postcode's case from the original
        for lo, hi in spans:
            if any(m.group(1) + m.group(2) not in own_postcodes for m in NL_POSTCODE.finditer(text, lo, hi)):
                found.append("other_postcode")
                break
    if identity.emails:
        own = set(identity.emails)
        if any(m.group(0).lower() not in own for chunk in chunks for m in pii.EMAIL_RE.finditer(chunk)):
            found.append("other_email")
    return found


def resolve(text: str, identity: Identity, *, title: str = "", url: str = "",
            employers: tuple[str, ...] = ()) -> Resolution:
    """How sure are we that this page is about the user, and on what evidence."""
    text = text[:MAX_TEXT]
    title = " ".join(title[:1000].split())
    folded, folded_title = fold(text), fold(title)
    both = f"{title}\n{text}"
    clues: list[Clue] = []

    for kind, matches in (("email", pii.find_emails(both, identity)), ("phone", pii.find_phones(both, identity)),
                          ("address", pii.find_addresses(both, identity))):
        if matches:
            clues.append(Clue(kind, "text", True))

    anchors: list[tuple[int, int]] = []
    name_in_context = ""
    segments, host_label, url_words = _url_parts(url)
    for name in identity.names:
        for pattern in name_patterns(name):
            for m in pattern.finditer(folded):
                anchors.append(m.span())
                if len(anchors) >= MAX_ANCHORS:
                    break
            if pattern.search(folded_title):
                name_in_context = "title"
            elif not name_in_context and pattern.search(url_words):
                name_in_context = "url"
    anchors.sort()
    if name_in_context or anchors:
        clues.append(Clue("name", name_in_context or "text", False))
    # Near the name in the text, or anywhere when the name is the page's subject (title/URL).
    spans = [(0, len(folded))] if name_in_context else _windows(anchors, len(folded))

    for handle in identity.handles:
        h = fold(handle)
        distinctive = len(h) >= MIN_UNIQUE_HANDLE
        if h in segments or h == host_label:
            clues.append(Clue("handle", "url", distinctive))
        elif _handle_pattern(handle, at=False).search(folded_title):
            clues.append(Clue("handle", "title", distinctive))
        elif _handle_pattern(handle, at=True).search(folded):
            clues.append(Clue("handle", "text", distinctive))
        elif _near(_handle_pattern(handle, at=False), folded, spans):
            clues.append(Clue("handle", "text", False))

    for kind, values in (("city", (identity.city,) if identity.city else ()),
                         ("employer", employers or ((identity.extra["employer"],) if identity.extra.get("employer")
                                                    else ()))):
        for value in values:
            phrase = _phrase(value)
            if phrase is None:
                continue
            if phrase.search(folded_title) or phrase.search(url_words):
                clues.append(Clue(kind, "title", False))
                break
            if _near(phrase, folded, spans):
                clues.append(Clue(kind, "text", False))
                break

    has_name = any(c.kind == "name" for c in clues)
    unique = [c for c in clues if c.unique]
    anchor = anchors[0] if anchors else None
    if unique:
        named = has_name or any(c.kind in ("email", "phone", "handle") for c in unique)
        confidence = max(UNIQUE_CONFIDENCE[c.kind] if (c.kind != "address" or named) else ADDRESS_WITHOUT_NAME
                         for c in unique)
        confidence = min(0.99, confidence + 0.02 * (len({c.kind for c in clues}) - 1))
        return Resolution(round(confidence, 2), "about_me", tuple(clues), (), anchor)

    others = {c.kind for c in clues if c.kind != "name"}
    if not has_name:
        return Resolution(round(min(0.3, 0.15 * len(others)), 2), "unrelated", tuple(clues), (), anchor)
    conflicts = _conflicts(text, folded, spans, identity) if spans else []
    strong = sum(1 for c in conflicts if c != "other_email")
    confidence = {0: 0.3, 1: 0.7}.get(len(others), 0.85) - 0.3 * strong - 0.1 * (len(conflicts) - strong)
    confidence = round(max(0.05, confidence), 2)
    if confidence >= THRESHOLD:
        verdict = "about_me"
    elif strong > len(others):
        verdict = "namesake"
    else:
        verdict = "possible"
    return Resolution(confidence, verdict, tuple(clues), tuple(conflicts), anchor)
