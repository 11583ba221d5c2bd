"""GDPR Article 17 erasure letters: the page, the law, the deadline, the authority; masked data stays masked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from doxaudit import letters
from doxaudit.errors import InputError

PAGE: dict[str, Any] = {
    "id": "e313016e4258fbf8", "check": "search:duckduckgo", "tip": "contact_info", "kind": "address_in_search",
    "severity": "high", "confidence": 0.95, "title": "Your home address appears on a public web page",
    "url": "https://buurt.example.org/nieuwsbrief-oktober",
    "snippet": "N*** V******** woont sinds september op V************** ** en helpt mee.",
    "advice": "", "advice_id": "address_in_search", "detail": {"query_kind": "name", "found_in": "page"},
}
PROFILE: dict[str, Any] = {
    "id": "20f296d8ceea8b16", "check": "profile:github", "tip": "social_visibility", "kind": "public_profile",
    "severity": "medium", "confidence": 0.95, "title": "Public GitHub profile shows: bio, email address",
    "url": "https://github.com/noorvoorbeeld", "snippet": "email: n*************@example.com",
    "advice": "", "detail": {"platform": "GitHub", "fields": "bio, email, real_name", "visibility": "public"},
}
ACCOUNT: dict[str, Any] = {
    "id": "2e0a6a954386e323", "check": "site:instagram", "tip": "social_visibility", "kind": "account",
    "severity": "low", "confidence": 0.9, "title": "Account 'noorvoorbeeld' exists on Instagram",
    "url": "https://www.instagram.com/noorvoorbeeld/", "snippet": "Instagram profile", "advice": "",
    "detail": {"platform": "Instagram", "visibility": "unknown"},
}
BREACH: dict[str, Any] = {
    "id": "793298b08d18324f", "check": "breach:xposedornot", "tip": "passwords", "kind": "breach",
    "severity": "critical", "confidence": 0.95, "title": "Your email was in the Voorbeeldwinkel data breach (2023)",
    "url": "https://xposedornot.com/", "snippet": "Voorbeeldwinkel: Email addresses, Passwords", "advice": "",
    "detail": {"breach": "Voorbeeldwinkel", "date": "2023", "domain": "voorbeeldwinkel.example"},
}
REUSE: dict[str, Any] = {
    "id": "0b1f69e8c706f339", "check": "derived:linkability", "tip": "social_visibility", "kind": "handle_reuse",
    "severity": "medium", "confidence": 0.9, "title": "The handle links 10 accounts together",
    "url": "https://github.com/noorvoorbeeld", "snippet": "", "advice": "", "detail": {},
}
# The persona's real details: none of them may appear in a letter written from a masked report.
REAL = ("Noor Voorbeeld", "noor.voorbeeld@", "12345678", "Voorbeeldstraat", "Utrecht")
DAY = date(2030, 5, 17)


@pytest.mark.parametrize("lang, law, deadline, authority, subject", [
    ("en", "Article 17 of the General Data Protection Regulation", "within one month of receiving this request "
     "(Article 12(3) GDPR)", "my national data protection authority",
     "Request for erasure of personal data (Article 17 GDPR)"),
    ("nl", "artikel 17 van de Algemene verordening gegevensbescherming (AVG)", "binnen een maand na ontvangst van "
     "dit verzoek (artikel 12, lid 3, AVG)", "de Autoriteit Persoonsgegevens",
     "Verzoek tot verwijdering van persoonsgegevens (artikel 17 AVG)"),
])
def test_page_letter_names_the_page_the_law_the_deadline_and_the_authority(
        lang: str, law: str, deadline: str, authority: str, subject: str) -> None:
    text = letters.letter(PAGE, lang, today=DAY)
    assert subject in text and law in text and deadline in text and authority in text
    assert "https://buurt.example.org/nieuwsbrief-oktober" in text and "buurt.example.org" in text
    assert "2030-05-17" in text
    assert "Article 77" in text or "artikel 77" in text
    assert ("[your full name]" if lang == "en" else "[je volledige naam]") in text
    assert ("[the exact data]" if lang == "en" else "[de precieze gegevens]") in text
    assert ("my home address" if lang == "en" else "mijn huisadres") in text
    assert "*" not in text  # the masked snippet is a note for the user, not part of the letter
    assert not any(value in text for value in REAL)


def test_letter_from_an_unmasked_report_quotes_the_passage_so_the_site_can_find_it() -> None:
    revealed = {**PAGE, "snippet": "Noor Voorbeeld woont sinds september op Voorbeeldstraat 12."}
    assert "Voorbeeldstraat 12" in letters.letter(revealed, "en", masked=False, today=DAY)
    assert "Voorbeeldstraat" not in letters.letter(revealed, "en", masked=True, today=DAY)


def test_sender_name_signs_the_letter() -> None:
    text = letters.letter(PAGE, "nl", sender_name="Noor V.", today=DAY)
    assert "Met vriendelijke groet,\n\nNoor V.\n" in text and "[je volledige naam]" not in text


def test_profile_letter_lists_the_fields_and_asks_to_delete_the_account_if_needed() -> None:
    en = letters.letter(PROFILE, "en", today=DAY)
    assert "GitHub profile" in en and "bio, email address, real name" in en and "delete the account" in en
    nl = letters.letter(PROFILE, "nl", today=DAY)
    assert "GitHub-profiel" in nl and "bio, e-mailadres, echte naam" in nl and "het account te verwijderen" in nl
    account = letters.letter(ACCOUNT, "en", today=DAY)
    assert "my account and the profile that belongs to it." in account and "[the exact data]" not in account


@pytest.mark.parametrize("finding, lang, fragment", [
    (BREACH, "en", "Article 15"),
    (BREACH, "nl", "artikel 15 AVG"),
    (REUSE, "en", "one letter per account"),
    ({**PAGE, "url": ""}, "en", "no web page"),
    ({**PAGE, "kind": "something_else", "tip": "passwords"}, "en", "does not fit"),
])
def test_findings_that_are_not_about_a_page_are_refused_with_the_reason(
        finding: dict[str, Any], lang: str, fragment: str) -> None:
    assert letters.letter_type(finding) is None
    with pytest.raises(InputError, match=fragment) as info:
        letters.letter(finding, lang)
    assert str(finding["id"]) in str(info.value)


def test_letter_types() -> None:
    assert letters.letter_type(PAGE) == "page"
    assert letters.letter_type(PROFILE) == "profile"
    assert letters.letter_type(ACCOUNT) == "profile"
    assert letters.letter_type({**PAGE, "kind": "email_in_profile"}) == "profile"


def test_notes_tell_the_user_what_to_fill_in_and_show_what_doxaudit_saw() -> None:
    notes = letters.notes(PAGE, "en")
    assert any("[square brackets]" in n for n in notes)
    assert any("buurt.example.org" in n for n in notes)
    assert any(str(PAGE["snippet"]) in n for n in notes)
    assert any("own account" in n for n in letters.notes(ACCOUNT, "en"))
    assert any("eigen account" in n for n in letters.notes(ACCOUNT, "nl"))
    assert letters.notes(BREACH, "en") == []


def test_a_masked_url_is_flagged_for_checking() -> None:
    text = letters.letter({**PAGE, "url": "https://people.example/n***-v********"}, "en", today=DAY)
    assert "[check this address" in text


def test_hostile_text_from_a_page_cannot_inject_terminal_escapes() -> None:
    hostile = {**PAGE, "url": "https://evil.example/\x1b[2Jx", "snippet": "\x1b]8;;https://x\x07click\nme"}
    text = letters.letter(hostile, "en", masked=False, today=DAY)
    assert "\x1b" not in text and "\x07" not in text
    assert all("\x1b" not in n for n in letters.notes(hostile, "en"))


def test_find_by_id_or_unique_prefix() -> None:
    report = {"findings": [PAGE, PROFILE, {**ACCOUNT, "id": "2e0a0000ffffffff"}, ACCOUNT]}
    assert letters.find(report, "E313016E4258FBF8") == [PAGE]
    assert letters.find(report, "e313") == [PAGE]
    assert letters.find(report, "e31") == []  # too short to be a prefix
    assert len(letters.find(report, "2e0a")) == 2
    assert letters.find(report, "nope") == []
