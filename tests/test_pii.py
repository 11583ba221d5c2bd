from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doxaudit import pii
from doxaudit.identity import build_identity

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "contact"
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


# --- normalisation of the user's own needles -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "mail noor.voorbeeld [at] example [dot] com", "noor.voorbeeld(at)example.com", "noor.voorbeeld (at) example.com",
    "noor.voorbeeld{at}example{dot}com", "NOOR.VOORBEELD@EXAMPLE.COM", "noor.voorbeeld at example dot com",
    "noor.voorbeeld [apenstaartje] example [punt] com",
])
def test_users_email_is_found_in_simple_obfuscations(text: str) -> None:
    assert [m.value for m in pii.find_emails(text, IDENT)] == ["noor.voorbeeld@example.com"]


@pytest.mark.parametrize("text", [
    "noor.voorbeeld at example.com",  # ` at ` without a spelled-out dot is prose
    "noor.voorbeeld@example.com.evil", "voorbeeld@example.com", "noor.voorbeeld@example.co",
])
def test_near_misses_are_not_the_users_email(text: str) -> None:
    assert pii.find_emails(text, IDENT) == []


@pytest.mark.parametrize("address, text", [
    ("Voorbeeldstr. 12, Utrecht", "Voorbeeldstraat 12"),
    ("Voorbeeldstraat 12", "Voorbeeld straat 12"),
    ("Voorbeeldstraat 12a", "Voorbeeldstraat 12-A"),
    ("Voorbeeldstraat 12a", "voorbeeldstraat 12 a"),
    ("Burgemeester de Withstraat 3", "Burg. de Withstraat 3"),
    ("Burg. de Withstraat 3", "Burgemeester de Withstraat 3"),
    ("Sint Jansstraat 4", "St. Jansstraat 4"),
    ("Hauptstraße 5, 10115 Berlin", "Hauptstrasse 5"),
    ("Hauptstrasse 5", "HAUPTSTRASSE 5"),
    ("Rue de l'Église 7", "rue de l'eglise 7"),
    ("221 Baker Street, London", "221 Baker St."),
    ("221 Baker St, London", "221 Baker Street"),
])
def test_address_spellings_are_normalised(address: str, text: str) -> None:
    ident = build_identity(names=["Noor Voorbeeld"], addresses=[address])
    assert [m.kind for m in pii.find_addresses(text, ident)] == ["address"]


@pytest.mark.parametrize("address, text", [
    ("Voorbeeldstraat 12a", "Voorbeeldstraat 12"),
    ("Voorbeeldstraat 12", "Voorbeeldstraat 12b"),
    ("Burg. de Withstraat 3", "Burg. de Withstraat 33"),
    ("221 Baker Street", "1221 Baker Street"),
])
def test_address_normalisation_keeps_the_house_number_exact(address: str, text: str) -> None:
    ident = build_identity(names=["Noor Voorbeeld"], addresses=[address])
    assert pii.find_addresses(text, ident) == []


BIRTH = "1990-05-03"


@pytest.mark.parametrize("text", [
    "Noor Voorbeeld, geboren 3 mei 1990 in Utrecht",
    "Noor Voorbeeld (born 1990-05-03)",
    "Noor Voorbeeld, ° 03-05-1990",
    "Noor Voorbeeld werd op 3 mei 1990 geboren",  # the name is near: no marker needed
    "Geboortedatum: 3-5-1990",  # the marker is enough
    "NOOR VOORBEELD — born on May 3rd, 1990",
    "Noor Voorbeeld, née le 3 mai 1990",
])
def test_users_birthdate_is_found_next_to_name_or_birth_marker(text: str) -> None:
    assert [m.value for m in pii.find_birthdates(text, IDENT, birthdate=BIRTH)] == [BIRTH]


@pytest.mark.parametrize("text", [
    "Opgericht op 3 mei 1990.",  # the right date, but about a club: no name, no birth marker
    "Noor Voorbeeld, geboren 3 mei 1991",
    "Noor Voorbeeld, geboren 5 maart 1990",
    "Noor Voorbeeld " + "x" * 400 + " 3 mei 1990",  # too far from the name
])
def test_other_dates_are_not_the_users_birthdate(text: str) -> None:
    assert pii.find_birthdates(text, IDENT, birthdate=BIRTH) == []


def test_us_identity_reads_numeric_dates_month_first() -> None:
    us = build_identity(names=["Noor Voorbeeld"], country="US")
    assert pii.find_birthdates("Noor Voorbeeld, DOB 05/03/1990", us, birthdate=BIRTH)
    assert not pii.find_birthdates("Noor Voorbeeld, DOB 03/05/1990", us, birthdate=BIRTH)


def test_birthdate_is_not_searched_without_one() -> None:
    assert pii.find_birthdates("Noor Voorbeeld, geboren 3 mei 1990", IDENT) == []
    assert pii.find_birthdates("Noor Voorbeeld, geboren 3 mei 1990", IDENT, birthdate="not-a-date") == []


def test_birthdate_variants_cover_the_formats_the_masker_needs() -> None:
    variants = pii.birthdate_variants(BIRTH)
    assert {"1990-05-03", "03-05-1990", "3-5-1990", "3 mei 1990", "May 3, 1990", "05/03/1990"} <= variants
    assert pii.birthdate_variants("nonsense") == set()


def test_sensitive_matches_on_a_realistic_dutch_page() -> None:
    text = (FIXTURES / "nl-vereniging-bestuur.html").read_text(encoding="utf-8")
    kinds = sorted(m.kind for m in pii.find_sensitive(text, IDENT))
    assert kinds == ["address", "phone"]  # her email there is on another domain; the others are other people
    ident = build_identity(names=["Noor Voorbeeld"], emails=["noor@voorbeeldbaan.example"], country="NL")
    assert [m.kind for m in pii.find_emails(text, ident)] == ["email"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=600))
def test_random_unicode_never_crashes_any_matcher(text: str) -> None:
    pii.find_sensitive(text, IDENT)
    pii.find_birthdates(text, IDENT, birthdate=BIRTH)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=99_999_999), min_size=1, max_size=20),
       st.sampled_from([" ", "\n", ", ", " - ", " tel. ", " / "]))
def test_other_peoples_numbers_are_never_the_users(numbers: list[int], sep: str) -> None:
    text = sep.join(f"06-{n:08d}" for n in numbers if n != 12345678)
    assert pii.find_phones(text, IDENT) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["Voorbeeldstraat", "Kerkstraat", "Voorbeeldlaan"]))
def test_other_house_numbers_are_never_the_users_address(number: int, street: str) -> None:
    text = f"{street} {number}, Utrecht"
    found = pii.find_addresses(text, IDENT)
    assert found == [] or (street == "Voorbeeldstraat" and number == 12)
