"""Masking of the user's own details, so a report can be projected or shared.

Masks keep enough to recognise a detail (`s****@example.nl`, `+31 6 ** ** ** 78`).
Handles and domains are not masked: they are public by nature and are what the
evidence URLs are made of.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

import phonenumbers

from . import pii
from .identity import Identity, fold
from .pii import birthdate_variants

MASKED_KINDS = ("name", "email", "phone", "address", "city", "birthdate")


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(3, len(local) - 1)}@{domain}"


def mask_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        text = e164
    prefix_len = len(f"+{number.country_code} ") + 1 if text.startswith("+") else 1
    digits_seen = 0
    total_digits = sum(ch.isdigit() for ch in text)
    out = []
    for i, ch in enumerate(text):
        if ch.isdigit():
            digits_seen += 1
            keep = i < prefix_len or digits_seen > total_digits - 2
            out.append(ch if keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_words(text: str) -> str:
    """Keep the first letter of each word, star the rest and every digit."""
    def one(word: re.Match[str]) -> str:
        w = word.group(0)
        return w[0] + "*" * (len(w) - 1) if w[0].isalpha() else "*" * len(w)
    return re.sub(r"\w+", one, text)


def mask_value(kind: str, value: str) -> str:
    if kind == "email":
        return mask_email(value)
    if kind == "phone":
        return mask_phone(value)
    if kind in ("name", "address", "city", "birthdate"):
        return mask_words(value)
    return value


class Masker:
    """Replaces every occurrence of the user's own details in text with its mask."""

    def __init__(self, identity: Identity, reveal: bool = False) -> None:
        self.identity = identity
        self.reveal = reveal
        pairs: dict[str, str] = {}
        for kind in MASKED_KINDS:
            for value in identity.values(kind):
                masked = mask_value(kind, value)
                for variant in {value, quote(value, safe=""), quote_plus(value), quote(value)}:
                    pairs[variant] = masked
                if kind == "phone":
                    for variant in _phone_variants(value):
                        for spelled in {variant, quote_plus(variant), quote(variant, safe="")}:
                            pairs[spelled] = masked
                if kind == "birthdate":
                    for variant in birthdate_variants(value):
                        pairs[variant] = mask_words(variant)
                if kind == "address":
                    street = value.split(",")[0].strip()
                    if len(street) >= 5:
                        for spelled in {street, quote_plus(street), quote(street, safe="")}:
                            pairs[spelled] = mask_words(street)
        ordered = sorted(pairs, key=len, reverse=True)
        self._pairs = pairs
        self._pattern = re.compile("|".join(re.escape(p) for p in ordered), re.IGNORECASE) if ordered else None
        self._lower = {k.lower(): v for k, v in pairs.items()}

    def mask(self, text: str) -> str:
        if self.reveal or not text or self._pattern is None:
            return text
        text = self._pattern.sub(lambda m: self._lower.get(m.group(0).lower(), "****"), text)
        if self.identity.phones:
            text = self._mask_phone_matches(text)
        if self.identity.emails or self.identity.addresses:
            text = self._mask_spelled_matches(text)
        return text

    def _mask_spelled_matches(self, text: str) -> str:
        """The email and street in the spellings pii's matchers find but no literal pair covers:
        `naam [at] domein [dot] nl`, `Voorbeeldstr. 12`, `Voorbeeld straat 12`, `3511 AB … 12`.
        mask_words keeps lengths, so every span stays valid while the others are masked."""
        for m in pii.find_emails(text, self.identity):
            text = text[:m.start] + mask_words(text[m.start:m.end]) + text[m.end:]
        folded = fold(text)
        spans = [m.span() for address in self.identity.addresses for pattern in pii.address_patterns(address)
                 for m in pattern.finditer(folded)]
        if spans and len(folded) != len(text):
            text = folded  # the offsets are in the folded text: show it folded rather than show the address
        for start, end in spans:
            text = text[:start] + mask_words(text[start:end]) + text[end:]
        return text

    def _mask_phone_matches(self, text: str) -> str:
        wanted = set(self.identity.phones)
        try:
            spans = [
                (m.start, m.end, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
                for m in phonenumbers.PhoneNumberMatcher(text, self.identity.country,
                                                         leniency=phonenumbers.Leniency.POSSIBLE)
            ]
        except Exception:
            return text
        for start, end, e164 in reversed(spans):
            if e164 in wanted:
                text = text[:start] + mask_phone(e164) + text[end:]
        return text

    def value(self, kind: str, value: str) -> str:
        return value if self.reveal else mask_value(kind, value)


def _phone_variants(e164: str) -> set[str]:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return set()
    fmt = phonenumbers.PhoneNumberFormat
    variants = {phonenumbers.format_number(number, f) for f in (fmt.E164, fmt.INTERNATIONAL, fmt.NATIONAL)}
    variants |= {v.replace(" ", "") for v in variants} | {v.replace(" ", "-") for v in variants}
    variants.add(e164.replace("+", "%2B"))
    return {v for v in variants if len(v) >= 6}
