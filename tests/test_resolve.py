"""Is this page about me? A truth table over fictional pages, and properties over random text."""

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doxaudit.identity import build_identity
from doxaudit.resolve import THRESHOLD, name_patterns, resolve

NOOR = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=["noorvoorbeeld"],
                      phones=["06 12345678"], addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht")
NAME_ONLY = build_identity(names=["Noor Voorbeeld"])


@pytest.mark.parametrize("text, title, url, verdict, evidence", [
    # one exact unique identifier is enough
    ("Bel of app: 06-12345678", "", "https://www.example.org/team", "about_me", "phone"),
    ("mail me: noor.voorbeeld@example.com", "", "https://forum.example.net/t/1", "about_me", "email"),
    ("Projectleider data.", "noorvoorbeeld (Noor Voorbeeld) · GitHub", "https://github.com/noorvoorbeeld",
     "about_me", "name, handle"),
    ("fietsen, schaken", "", "https://linktr.ee/noorvoorbeeld", "about_me", "handle"),
    ("volg @noorvoorbeeld voor meer", "", "https://blog.example.net/p/1", "about_me", "handle"),
    ("Noor Voorbeeld woont op Voorbeeldstraat 12.", "", "https://buurt.example.org/n", "about_me", "address, name"),
    # two independent identifiers together
    ("Noor Voorbeeld uit Utrecht won de prijs.", "", "https://news.example.org/a", "about_me", "name, city"),
    ("Noor Voorbeeld (noorvoorbeeld) schreef:", "", "https://forum.example.net/t/2", "about_me", "name, handle"),
    ("Uitslagen", "Noor Voorbeeld – Utrecht", "https://club.example.org/", "about_me", "name, city"),
    # a name alone: possibly you
    ("2. Noor Voorbeeld 5 punten", "Uitslagen", "https://club.example.org/u", "possible", "name"),
    ("Voorbeeld, Noor – lid sinds 2019", "", "https://club.example.org/leden", "possible", "name"),
    ("", "", "https://www.example.org/people/noor-voorbeeld", "possible", "name"),
    ("Clubkampioenschap 2026 1. Bram Testman 5½ 2. Noor Voorbeeld 5 3. Fenna Proef 3½", "", "", "possible", "name"),
    # namesakes: the name next to someone else's phone or postcode
    ("Ik ben Noor Voorbeeld, keramist. Tel. 06-98765432", "", "https://keramiek.example.net/", "namesake", "name"),
    ("Noor Voorbeeld, Kleilaan 3, 9711 AA Groningen", "", "https://keramiek.example.net/", "namesake", "name"),
    # nothing about the user
    ("Bram Testman, Utrecht, 06-11112222", "", "https://www.example.org/", "unrelated", ""),
    ("", "", "", "unrelated", ""),
])
def test_truth_table(text: str, title: str, url: str, verdict: str, evidence: str) -> None:
    res = resolve(text, NOOR, title=title, url=url)
    assert res.verdict == verdict, res
    assert res.evidence_kinds == evidence
    assert res.about_me is (verdict == "about_me")
    if verdict == "possible":
        assert res.confidence < THRESHOLD


def test_city_far_from_the_name_does_not_count() -> None:
    text = "Noor Voorbeeld " + "bla " * 200 + " Utrecht"
    assert resolve(text, NOOR).verdict == "possible"


def test_namesake_in_the_same_city_with_another_phone_is_only_possible() -> None:
    res = resolve("Noor Voorbeeld, Utrecht, tel 06-98765432", NOOR)
    assert res.verdict == "possible" and "other_phone" in res.conflicts and res.confidence < THRESHOLD


def test_other_details_are_conflicts_only_for_kinds_the_user_gave() -> None:
    """Without the user's phone we cannot tell another number from theirs: possibly you, not a namesake."""
    res = resolve("Ik ben Noor Voorbeeld, keramist. Tel. 06-98765432", NAME_ONLY)
    assert res.verdict == "possible" and res.conflicts == ()


def test_employer_counts_as_a_second_identifier() -> None:
    res = resolve("Noor Voorbeeld, projectleider bij Voorbeeld & Partners", NAME_ONLY,
                  employers=("Voorbeeld & Partners",))
    assert res.verdict == "about_me" and res.evidence_kinds == "name, employer"


def test_short_handle_is_not_unique() -> None:
    ident = build_identity(names=["Noor Voorbeeld"], handles=["noor"])
    assert resolve("", ident, url="https://example.net/noor").verdict == "unrelated"
    assert resolve("Noor Voorbeeld", ident, url="https://example.net/noor").verdict == "about_me"  # name + handle


def test_user_phone_wins_over_conflicts() -> None:
    res = resolve("Noor Voorbeeld 06-12345678 · Bram Testman 06-11112222", NOOR)
    assert res.verdict == "about_me" and res.confidence >= 0.95


def test_address_without_name_is_about_me_with_less_confidence() -> None:
    res = resolve("Te koop: Voorbeeldstraat 12, 3511 AB Utrecht", NOOR)
    assert res.verdict == "about_me" and 0.5 <= res.confidence < 0.95


def test_name_patterns_accept_hyphens_and_reversed_order() -> None:
    pats = name_patterns("Noor Voorbeeld")
    assert any(p.search("noor-voorbeeld") for p in pats)
    assert any(p.search("voorbeeld, noor") for p in pats)
    assert not any(p.search("noorvoorbeeld") for p in pats)


def test_anchor_points_at_the_name() -> None:
    text = "Welkom! Noor Voorbeeld doet mee."
    res = resolve(text, NAME_ONLY)
    assert res.anchor is not None and text[res.anchor[0]:res.anchor[1]] == "Noor Voorbeeld"


def test_huge_page_is_bounded() -> None:
    res = resolve("Noor Voorbeeld 06-98765432 " * 100_000, NOOR, title="x" * 10_000, url="https://a.example/" + "b" * 5000)
    assert res.verdict in ("namesake", "possible")


# --- properties -----------------------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=2000), title=st.text(max_size=200), url=st.text(max_size=200))
def test_random_text_never_crashes(text: str, title: str, url: str) -> None:
    res = resolve(text, NOOR, title=title, url=url)
    assert 0.0 <= res.confidence <= 1.0
    assert res.verdict in ("about_me", "possible", "namesake", "unrelated")
    assert (res.verdict == "about_me") == res.about_me


@settings(max_examples=300, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=8, max_size=8).filter(lambda d: d != "12345678"),
       style=st.sampled_from(["06{}", "06-{}", "06 {}", "+31 6 {}", "+316{}", "(06) {}"]),
       filler=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=60))
def test_other_peoples_numbers_never_count_as_the_users(digits: str, style: str, filler: str) -> None:
    number = style.format(digits)
    text = f"{filler} Noor Voorbeeld {filler} tel {number} {filler}"
    res = resolve(text, NOOR)
    assert "phone" not in res.evidence_kinds
    assert not res.about_me


@settings(max_examples=200, deadline=None)
@given(local=st.from_regex(r"[a-z][a-z0-9._]{0,20}", fullmatch=True), domain=st.sampled_from(
    ["example.com", "example.net", "voorbeeld.example"]))
def test_other_peoples_emails_never_count_as_the_users(local: str, domain: str) -> None:
    email = f"{local}@{domain}"
    if email == "noor.voorbeeld@example.com":
        return
    res = resolve(f"Noor Voorbeeld — contact: {email}", NOOR)
    assert "email" not in res.evidence_kinds and not res.about_me


@settings(max_examples=100, deadline=None)
@given(number=st.integers(min_value=1, max_value=999), postcode=st.from_regex(r"[1-9][0-9]{3} [A-Z]{2}", fullmatch=True))
def test_other_addresses_never_count_as_the_users(number: int, postcode: str) -> None:
    if number == 12:
        return
    res = resolve(f"Noor Voorbeeld, Voorbeeldstraat {number}, {postcode} Utrecht", NOOR)
    assert "address" not in res.evidence_kinds


def test_the_users_own_number_in_every_spelling_counts() -> None:
    number = phonenumbers.parse("06 12345678", "NL")
    for fmt in (phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.E164):
        spelled = phonenumbers.format_number(number, fmt)
        assert "phone" in resolve(f"bel {spelled}", NOOR).evidence_kinds, spelled
