"""Detectors for kinds of personal data (anyone's): truth tables, realistic pages, hostile input.

Every person and number here is fictional. No test measures time: the pathological inputs must
simply finish, which they only do because every pattern is linear.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doxaudit import pii

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "contact"


def values(found: list[pii.Detected], kind: str | None = None) -> list[str]:
    return [d.value for d in found if kind is None or d.kind == kind]


# --- email -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("mail bram.testman@example.org!", ["bram.testman@example.org"]),
    ("naam [at] domein [dot] nl", ["naam@domein.nl"]),
    ("naam(at)domein.nl", ["naam@domein.nl"]),
    ("naam (at) domein (dot) co (dot) uk", ["naam@domein.co.uk"]),
    ("naam{at}domein{dot}nl", ["naam@domein.nl"]),
    ("naam<at>domein.nl", ["naam@domein.nl"]),
    ("naam at domein dot nl", ["naam@domein.nl"]),
    ("naam [apenstaartje] domein [punt] nl", ["naam@domein.nl"]),
    ("erika {at} muster [punkt] example", ["erika@muster.example"]),
    ("Noor.V+post@Example.COM.", ["noor.v+post@example.com"]),
    ("a@b.c", []),  # one-letter TLD
    ("meet me at home tonight", []),
    ("see you at home.nl", []),  # ` at ` needs a spelled-out dot too
    ("@handle on social media", []),
    ("price: 5 @ 3.50 euro", []),
    ("noor@localhost", []),
    ("x" * 70 + "@example.com", []),  # local part longer than 64
    ("mailto:info@voorbeeld.example?subject=hoi", ["info@voorbeeld.example"]),
])
def test_email_detector_truth_table(text: str, expected: list[str]) -> None:
    assert values(pii.detect_emails(text)) == expected


def test_email_offsets_cover_the_written_form() -> None:
    text = "Schrijf naar noor [at] voorbeeld [dot] nl graag"
    (d,) = pii.detect_emails(text)
    assert text[d.start:d.end] == "noor [at] voorbeeld [dot] nl"


# --- phone -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, region, expected", [
    ("Bel 06-12345678", "NL", ["+31612345678"]),
    ("tel. 030 - 234 56 78", "NL", ["+31302345678"]),
    ("+44 20 7946 0958", "NL", ["+442079460958"]),
    ("(202) 555-0143", "US", ["+12025550143"]),
    ("Telefon: +49 30 901820", "NL", ["+4930901820"]),
    ("KvK 12345678", "NL", []),
    ("in 2019 we had 120 members", "NL", []),
    ("ISBN 978-3-16-148410-0", "NL", []),
])
def test_phone_detector_truth_table(text: str, region: str, expected: list[str]) -> None:
    assert values(pii.detect_phones(text, region)) == expected


# --- Dutch postcode + house number ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("3511 AB Utrecht", ["3511AB"]),
    ("3511AB 12", ["3511AB 12"]),
    ("Voorbeeldstraat 12, 3511 AB Utrecht", ["3511AB 12"]),
    ("Burg. de Withstraat 3a, 3581 EF Utrecht", ["3581EF 3"]),
    ("postcode 1011\u00a0AA", ["1011AA"]),
    ("In 2019 we gingen", []),  # lower-case letters: prose, not a postcode
    ("3511 ab", []),
    ("0123 AB", []),  # Dutch postcodes never start with 0
    ("a 1024 MB disk, 2000 KM away, 1500 SS", []),
    ("12345 AB", []),
])
def test_postcode_detector_truth_table(text: str, expected: list[str]) -> None:
    assert values(pii.detect_postcodes(text)) == expected


# --- street addresses --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Voorbeeldstraat 12", ["voorbeeldstraat 12"]),
    ("Voorbeeldstraat 12a", ["voorbeeldstraat 12a"]),
    ("Voorbeeldstraat 12-A", ["voorbeeldstraat 12a"]),
    ("Oudegracht 231-bis", ["oudegracht 231"]),
    ("Kleilaan 3, 9711 AA Groningen", ["kleilaan 3"]),
    ("Voorbeeldstr. 14", ["voorbeeldstr 14"]),
    ("Musterstraße 5, 10115 Berlin", ["musterstrasse 5"]),
    ("221 Baker Street, London", ["221 baker street"]),
    ("742 Evergreen Terrace", ["742 evergreen terrace"]),
    ("12 rue de la Paix, Paris", ["12 rue de la paix"]),
    ("In 2019 we gingen naar Rotterdam 2020", []),
    ("straat 12", []),  # no street name
    ("Kerkstraat 12,5 km verderop", []),  # a decimal, not a house number
    ("Kerkstraat 50% korting", []),
    ("Spring 2020 collection", []),
])
def test_address_detector_truth_table(text: str, expected: list[str]) -> None:
    assert values(pii.detect_addresses(text)) == expected


# --- IBAN --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("iban, valid", [
    ("NL91ABNA0417164300", True),
    ("NL91 ABNA 0417 1643 00", True),
    ("DE89370400440532013000", True),
    ("GB82 WEST 1234 5698 7654 32", True),
    ("BE68539007547034", True),
    ("NL91ABNA0417164301", False),  # wrong check digits
    ("NL91ABNA041716430", False),  # wrong length for NL
    ("XX91ABNA0417164300", False),  # no such country
    ("NL91ABNA0417164300€", False),
    ("", False),
])
def test_iban_checksum_truth_table(iban: str, valid: bool) -> None:
    assert pii.iban_valid(iban) is valid


@pytest.mark.parametrize("text, expected", [
    ("Contributie naar NL91 ABNA 0417 1643 00 t.n.v. de club", ["NL91ABNA0417164300"]),
    ("IBAN: DE89 3704 0044 0532 0130 00.", ["DE89370400440532013000"]),
    ("NL91 ABNA 0417 1643 00 EUR", ["NL91ABNA0417164300"]),
    ("NL91ABNA0417164301", []),
    ("NL91ABNA0417164300123", []),  # runs on: not an IBAN
    ("hash nl91abna0417164300", []),  # lower case is not how IBANs are printed
])
def test_iban_detector_truth_table(text: str, expected: list[str]) -> None:
    assert values(pii.detect_ibans(text)) == expected


# --- birth dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, names, expected", [
    ("Noor Voorbeeld, geboren 3 mei 1990", ["Noor Voorbeeld"], ["1990-05-03"]),
    ("Noor Voorbeeld (born 1990-05-03)", ["Noor Voorbeeld"], ["1990-05-03"]),
    ("Noor Voorbeeld, ° 03-05-1990 te Utrecht", ["Noor Voorbeeld"], ["1990-05-03"]),
    ("Jan Voorbeeld, * 14 februari 1958", [], ["1958-02-14"]),
    ("Geburtsdatum: 7. März 1985", [], ["1985-03-07"]),
    ("date of birth: May 3, 1990", [], ["1990-05-03"]),
    ("Noor Voorbeeld, geboren 3 mei 1990", ["Bram Testman"], []),  # not near the name asked about
    ("opgericht op 3 mei 1990", [], []),  # no birth marker
    ("Osborne 3 May 1990", [], []),  # `born` inside a word is no marker
    ("geboren 31 februari 1990", [], []),  # no such day
])
def test_birthdate_detector_truth_table(text: str, names: list[str], expected: list[str]) -> None:
    assert values(pii.detect_birthdates(text, names)) == expected


def test_parse_dates_reads_every_common_format() -> None:
    text = "1990-05-03, 3-5-1990, 03/05/1990, 3.5.1990, 3 mei 1990, 3rd of May 1990, May 3, 1990, 3 mai 1990"
    assert {d.isoformat() for d, _, _ in pii.parse_dates(text)} == {"1990-05-03"}
    assert len(pii.parse_dates(text)) == 8


# --- realistic pages ---------------------------------------------------------------------------------

def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_dutch_association_page_lists_everyone_detected() -> None:
    found = pii.detect_all(page("nl-vereniging-bestuur.html"), "NL", ["Noor Voorbeeld"])
    assert set(values(found, "phone")) == {"+31302345678", "+31612345678", "+31687654321"}
    assert set(values(found, "email")) == {"ledenadmin@voorbeeldbaan.example", "noor@voorbeeldbaan.example"}
    assert values(found, "iban") == ["NL91ABNA0417164300"]
    assert {"proefweg 7", "voorbeeldstraat 12", "withstraat 3a"} <= set(values(found, "address"))
    assert values(found, "birthdate") == []  # the club's founding date and a birth far from Noor's name
    summary = pii.summarize(found)
    assert summary["phone"] == 3 and summary["iban"] == 1


def test_genealogy_page_birthdates_only_near_the_name() -> None:
    text = page("nl-familieberichten.html")
    # Jan's date is two lines below Noor's name, Lotte's sentence names only "Noor": neither counts.
    assert values(pii.detect_birthdates(text, ["Noor Voorbeeld"])) == ["1990-05-03"]
    assert set(values(pii.detect_birthdates(text))) == {"1990-05-03", "1958-02-14", "1992-05-03"}


def test_english_team_page() -> None:
    found = pii.detect_all(page("en-team-page.html"), "GB")
    assert "+442079460958" in values(found, "phone")
    assert set(values(found, "email")) == {"noor.voorbeeld@example.com", "alex.placeholder@example.co.uk"}
    assert values(found, "iban") == ["GB82WEST12345698765432"]
    assert {"221 baker street", "742 evergreen terrace"} <= set(values(found, "address"))
    assert values(found, "birthdate") == ["1990-05-03"]


def test_german_imprint_page() -> None:
    found = pii.detect_all(page("de-impressum.html"), "DE")
    assert values(found, "email") == ["erika@muster.example"]
    assert values(found, "iban") == ["DE89370400440532013000"]
    assert values(found, "address") == ["musterstrasse 5"]
    assert values(found, "birthdate") == ["1985-03-07"]


# --- hostile input -----------------------------------------------------------------------------------

PATHOLOGICAL = [
    "@" * 300_000, "a" * 300_000, ("a" * 64 + "@" + "a." * 120) * 800, "a.a." * 80_000, " at " * 80_000,
    "[at]" * 80_000, "(at) x (dot) " * 30_000, "1" * 300_000, "06-1234 " * 40_000, "+31 " * 80_000,
    ("Aaaa" * 10 + " ") * 7000, "12 " * 100_000, ("Straat" * 7 + " 1") * 7000, "NL91" * 80_000,
    "3 mei 1990 " * 30_000, "geboren " * 40_000, "A" * 300_000, "aA1.@-_ " * 40_000, "3511 AB 12 " * 30_000,
    "\u00a0" * 300_000, "ß" * 200_000, "°" * 300_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=[f"{t[:6]!r}x{len(t)}" for t in PATHOLOGICAL])
def test_pathological_input_finishes(text: str) -> None:
    found = pii.detect_all(text, "NL", ["Noor Voorbeeld"])
    assert all(len(v) < 400 for v in values(found))
    assert len(found) <= 6 * pii.MAX_DETECTIONS + 4 * pii.MAX_DATES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_detectors_never_crash_on_random_text(text: str) -> None:
    for d in pii.detect_all(text, "NL", ["Noor Voorbeeld"]):
        assert 0 <= d.start <= d.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789 -+()./@[]atdonlNLAB", max_size=400), st.sampled_from(["NL", "US", "DE", "", "??"]))
def test_detectors_never_crash_on_number_soup(text: str, region: str) -> None:
    pii.detect_all(text, region)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", fullmatch=True))
def test_random_iban_shaped_strings_only_pass_with_a_real_checksum(candidate: str) -> None:
    if pii.iban_valid(candidate):
        digits = "".join(str(int(ch, 36)) for ch in candidate[4:] + candidate[:4])
        assert int(digits) % 97 == 1 and pii.IBAN_LENGTHS[candidate[:2]] == len(candidate)
