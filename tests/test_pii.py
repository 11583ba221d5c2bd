import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doxaudit import pii
from doxaudit.identity import build_identity

IDENT = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], phones=["06 12345678"],
                       addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht")


@pytest.mark.parametrize("text", [
    "Bel 06-12345678", "Tel: +31 6 1234 5678", "(06) 123 456 78", "0031612345678", "+31612345678",
])
def test_users_phone_is_found_in_any_format(text: str) -> None:
    assert [m.kind for m in pii.find_phones(text, IDENT)] == ["phone"]


@pytest.mark.parametrize("text", ["Bel 06-11112222", "+31 6 1234 5679", "order 612345678901", "3511 AB"])
def test_other_numbers_are_not_the_users_phone(text: str) -> None:
    assert pii.find_phones(text, IDENT) == []


@pytest.mark.parametrize("text", [
    "Voorbeeldstraat 12, Utrecht", "VOORBEELDSTRAAT 12", "Voorbeeldstr. 12", "voorbeeldstraat12",
    "3511 AB Utrecht, huisnummer 12", "3511AB 12",
])
def test_users_address_is_found_in_common_spellings(text: str) -> None:
    assert [m.kind for m in pii.find_addresses(text, IDENT)] == ["address"]


@pytest.mark.parametrize("text", [
    "Voorbeeldstraat 120", "Voorbeeldstraat 2", "Andere straat 12", "3511 AB 15", "Utrecht",
])
def test_nearby_addresses_are_not_the_users(text: str) -> None:
    assert pii.find_addresses(text, IDENT) == []


def test_email_matching_is_exact_and_case_insensitive() -> None:
    assert [m.value for m in pii.find_emails("Mail NOOR.VOORBEELD@example.com!", IDENT)] == \
        ["noor.voorbeeld@example.com"]
    assert pii.find_emails("xnoor.voorbeeld@example.community", IDENT) == []


def test_snippet_is_one_line_around_the_match() -> None:
    text = "a" * 200 + "\n\nBel 06-12345678\n" + "b" * 200
    m = pii.find_phones(text, IDENT)[0]
    snippet = pii.snippet_around(text, m.start, m.end, 20)
    assert "06-12345678" in snippet and "\n" not in snippet and snippet.startswith("…")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_crashes_or_matches_the_user(text: str) -> None:
    matches = pii.find_sensitive(text, IDENT)
    for m in matches:  # a match on random text is only acceptable if the text really holds the value
        assert m.kind in ("phone", "email", "address")
        assert any(ch.isdigit() for ch in text) or "@" in text
