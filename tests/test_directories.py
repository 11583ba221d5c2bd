"""The people-search/directory catalog and its check: name-only searches, local needle matching, honesty."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from doxaudit import directories
from doxaudit.checks.directories import DirectoryCheck, directory_checks
from doxaudit.directories import Directory, builtin_directories, fill, parse_directories, parse_entry
from doxaudit.errors import InputError
from doxaudit.identity import build_identity
from doxaudit.model import Severity, Status, Tip
from tests.helpers import har_entry, run_check

ROOT = Path(__file__).resolve().parent.parent
IDENT = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], phones=["06 12345678"],
                       addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht")
HTML = {"Content-Type": "text/html; charset=utf-8"}
ENTRY: dict[str, Any] = {
    "id": "gids-example", "name": "Gids Voorbeeld", "country": "NL", "kind": "directory",
    "search_url": "https://gids.example/zoeken/{name_path}/", "search_url_city": "https://gids.example/zoeken/{name_path}/{city_path}/",
    "automatable": True, "optout_url": "https://gids.example/verwijderen", "verified": False,
    "no_results": ["geen vermeldingen"],
}
GIDS = parse_entry(ENTRY, "test")


def raw_catalog() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "checks" / "directories.json").read_text(encoding="utf-8"))
    return data


# --- the catalog -------------------------------------------------------------------------------------

def test_builtin_catalog_matches_its_schema_and_loads() -> None:
    schema = json.loads((ROOT / "checks" / "directories.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(raw_catalog(), schema)
    loaded = builtin_directories()
    assert len(loaded) == len(raw_catalog()["directories"]) >= 10
    assert {d.country for d in loaded} >= {"NL", "US"}
    assert {d.kind for d in loaded} == set(directories.KINDS)
    assert any(d.automatable for d in loaded if d.country == "NL")


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads((ROOT / "checks" / "directories.schema.json").read_text(encoding="utf-8"))
    bad = raw_catalog()
    bad["directories"][0]["search_url"] = "https://gids.example/?q={phone}"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    with pytest.raises(InputError):
        parse_directories(bad)


@pytest.mark.parametrize("change, message", [
    ({"search_url": "https://gids.example/?tel={phone}"}, "only name"),
    ({"search_url": "https://gids.example/?q={address}&n={name}"}, "only name"),
    ({"search_url": "https://gids.example/?q={city}"}, "only name"),
    ({"search_url": "https://{name}.gids.example/"}, "fixed host"),
    ({"search_url": "http://gids.example/{name}"}, "https"),
    ({"search_url": "https://gids.example/zoeken"}, "no name placeholder"),
    ({"search_url_city": "https://gids.example/{name}"}, "no city placeholder"),
    ({"optout_url": "https://gids.example/{name}"}, "optout_url"),
    ({"optout_url": "javascript:alert(1)"}, "optout_url"),
    ({"kind": "broker"}, "kind must be"),
    ({"country": "nl"}, "country"),
    ({"id": "Gids Voorbeeld"}, "id must be"),
    ({"automatable": "yes"}, "'automatable' must be a boolean"),
    ({"verified": None}, "'verified' must be a boolean"),
    ({"phone_lookup": True}, "unknown field"),
    ({"no_results": "geen"}, "no_results"),
])
def test_bad_entries_fail_with_an_error_naming_the_entry(change: dict[str, Any], message: str) -> None:
    raw = copy.deepcopy(ENTRY) | change
    with pytest.raises(InputError, match=message) as e:
        parse_entry(raw, "checks/directories.json #3")
    assert "#3" in str(e.value) and repr(raw["id"]) in str(e.value)


def test_missing_field_and_duplicate_ids_are_named() -> None:
    raw = copy.deepcopy(ENTRY)
    del raw["optout_url"]
    with pytest.raises(InputError, match="lacks required field 'optout_url'"):
        parse_entry(raw, "x")
    with pytest.raises(InputError, match="appears twice"):
        parse_directories({"directories": [ENTRY, ENTRY]})
    with pytest.raises(InputError, match="'directories' list"):
        parse_directories([ENTRY])


@pytest.mark.parametrize("name, city, url", [
    ("Noor Voorbeeld", "", "https://gids.example/zoeken/Noor-Voorbeeld/"),
    ("Noor Voorbeeld", "Den Haag", "https://gids.example/zoeken/Noor-Voorbeeld/Den-Haag/"),
    ("Noor van der Voorbeeld", "", "https://gids.example/zoeken/Noor-van-der-Voorbeeld/"),
    ("Zoë Ünal", "", "https://gids.example/zoeken/Zo%C3%AB-%C3%9Cnal/"),
    ("a/../../admin?x=1#y", "@evil.example", "https://gids.example/zoeken/a%2F..%2F..%2Fadmin%3Fx%3D1%23y/%40evil.example/"),
])
def test_names_are_encoded_so_they_never_change_host_or_path(name: str, city: str, url: str) -> None:
    assert GIDS.search(name, city) == url


def test_every_placeholder_encodes_for_its_position() -> None:
    template = "https://x.example/{first}/{last}/{name_slug}?n={name}&c={city}&s={city_slug}"
    assert fill(template, "Zoë van Ünal", "Den Haag") == \
        "https://x.example/Zo%C3%AB/%C3%9Cnal/zoe-van-unal?n=Zo%C3%AB+van+%C3%9Cnal&c=Den+Haag&s=den-haag"


def test_no_builtin_search_url_can_carry_the_phone_or_address() -> None:
    for d in builtin_directories():
        for url in (d.search("Noor Voorbeeld", "Utrecht"), d.search("Noor Voorbeeld")):
            assert "12345678" not in url and "Voorbeeldstraat" not in url and "3511" not in url
            assert url.startswith("https://") and url.split("/")[2] == d.search_url.split("/")[2]


def test_every_directory_has_advice_with_its_optout_page_in_both_languages() -> None:
    advice = json.loads((ROOT / "checks" / "advice" / "contact.json").read_text(encoding="utf-8"))
    for d in builtin_directories():
        entry = advice["platforms"][f"directory:{d.id}"]
        assert entry["help_url"] == d.optout_url and entry["name"] == d.name
        assert entry["en"]["steps"] and entry["nl"]["steps"]
    for key in ("rdap_whois_privacy", "rdap_nl_shielding", "birthdate_in_search", "directory_listing"):
        assert advice["advice"][key]["en"]["title"] and advice["advice"][key]["nl"]["title"]


def test_contact_messages_exist_in_both_languages() -> None:
    en = json.loads((ROOT / "doxaudit" / "locales" / "en" / "contact.json").read_text(encoding="utf-8"))
    nl = json.loads((ROOT / "doxaudit" / "locales" / "nl" / "contact.json").read_text(encoding="utf-8"))
    assert set(en) == set(nl) and all(k.startswith("contact.") for k in en)


# --- building checks ---------------------------------------------------------------------------------

def test_checks_cover_the_users_country_one_per_name() -> None:
    two = build_identity(names=["Noor Voorbeeld", "Noor de Proef"], phones=["06 12345678"], country="NL")
    checks = directory_checks(two)
    assert checks and all(c.id.startswith("directory:") and c.tip is Tip.CONTACT_INFO for c in checks)
    nl_ids = {d.id for d in builtin_directories() if d.country == "NL"}
    assert {c.id.split(":", 1)[1] for c in checks} == nl_ids
    assert len(checks) == 2 * len(nl_ids)
    us = build_identity(names=["Noor Voorbeeld"], phones=["+1 202 555 0143"], country="US")
    assert {c.id for c in directory_checks(us)} >= {"directory:truepeoplesearch", "directory:spokeo"}


def test_plan_sends_name_and_city_only_and_never_for_manual_directories() -> None:
    for check in directory_checks(IDENT):
        for req in check.requests():
            assert set(req.sends) <= {"name", "city"}
            assert "12345678" not in req.url and "voorbeeldstraat" not in req.url.lower()
        assert isinstance(check, DirectoryCheck)
        if not check.directory.automatable:
            assert check.requests() == []


def test_without_needles_nothing_is_fetched() -> None:
    name_only = build_identity(names=["Noor Voorbeeld"], city="Utrecht")
    checks = directory_checks(name_only)
    assert checks and all(c.requests() == [] for c in checks)
    out, _ = run_check(checks[0], name_only, [])
    assert out.status is Status.SKIPPED and out.reason.startswith("manual check") and out.url.startswith("https://")


def test_manual_links_list_search_and_removal_pages() -> None:
    links = directories.manual_links(IDENT)
    assert links and all(link["url"].startswith("https://") and link["optout_url"].startswith("https://")
                         for link in links)
    assert "KVK Handelsregister" in {link["label"] for link in links}


# --- the check on result pages -----------------------------------------------------------------------

def page(*rows: str, title: str = "Noor Voorbeeld – zoekresultaten") -> str:
    items = "".join(f"<li>{r}</li>" for r in rows)
    return f"<html><head><title>{title}</title><script>var x='06-12345678';</script></head><body><ol>{items}</ol></body></html>"


def run_gids(status: int, body: str, headers: dict[str, str] | None = None, identity: Any = IDENT) -> Any:
    check = DirectoryCheck(GIDS, "Noor Voorbeeld", "Utrecht")
    out, _ = run_check(check, identity, [har_entry(check.url, status, body, headers=headers or HTML)])
    return out


def test_users_phone_on_the_result_page_is_a_high_finding_with_the_optout_page() -> None:
    out = run_gids(200, page("N. Voorbeeld, Utrecht, 06-12345678", "Noor Voorbeeld-de Vries, Groningen, 050-1234567"))
    assert out.status is Status.FOUND
    (finding,) = out.findings
    assert finding.kind == "phone_in_directory" and finding.severity is Severity.HIGH
    assert finding.advice == "directory:gids-example" and finding.detail["optout_url"] == "https://gids.example/verwijderen"
    assert "06-12345678" in finding.evidence.snippet and "050" not in finding.evidence.snippet[:20]
    assert finding.title_key == "contact.finding.in_directory"


def test_address_and_email_are_found_too() -> None:
    out = run_gids(200, page("Noor Voorbeeld, Voorbeeldstraat 12, Utrecht — noor.voorbeeld [at] example [dot] com"))
    assert {f.kind for f in out.findings} == {"address_in_directory", "email_in_directory"}


def test_namesakes_details_are_context_not_findings() -> None:
    out = run_gids(200, page("Noor Voorbeeld, Kleilaan 3, 9711 AA Groningen, 050-1234567",
                             "Noor Voorbeeld, Proefweg 7, 3512 CD Utrecht, 030-2345678"))
    assert out.status is Status.NOT_FOUND and out.findings == ()
    assert "2 phone numbers" in out.reason and "2 street addresses" in out.reason


def test_script_contents_are_not_read_as_listings() -> None:
    out = run_gids(200, page("Noor Voorbeeld, Groningen"))  # her number only appears inside a <script>
    assert out.status is Status.NOT_FOUND


def test_no_results_page_is_not_found() -> None:
    out = run_gids(200, "<html><body><p>Geen vermeldingen voor deze zoekopdracht.</p></body></html>")
    assert out.status is Status.NOT_FOUND


def test_javascript_shell_is_unknown_not_missing() -> None:
    out = run_gids(200, "<html><body><div id='app'></div><script src='/app.js'></script></body></html>")
    assert out.status is Status.UNKNOWN and "JavaScript" in out.reason


@pytest.mark.parametrize("status, body, headers, expected", [
    (200, "<html><div class='g-recaptcha'></div>Noor Voorbeeld 06-12345678</html>", HTML, Status.UNKNOWN),
    (403, "<html><title>Just a moment...</title><div id='cf-chl-widget'></div></html>", {"Server": "cloudflare"},
     Status.UNKNOWN),
    (429, "slow down", HTML, Status.UNKNOWN),
    (500, "oops", HTML, Status.UNKNOWN),
    (404, "<html>Niet gevonden</html>", HTML, Status.NOT_FOUND),
    (200, '{"results": ["06-12345678"]}', {"Content-Type": "application/json"}, Status.UNKNOWN),
    (200, "\x00\xff" * 1000, {"Content-Type": "image/png"}, Status.UNKNOWN),
])
def test_blocks_and_odd_answers_are_honest(status: int, body: str, headers: dict[str, str], expected: Status) -> None:
    out = run_gids(status, body, headers)
    assert out.status is expected and not out.findings


def test_no_answer_at_all_is_unknown() -> None:
    check = DirectoryCheck(GIDS, "Noor Voorbeeld", "Utrecht")
    out, _ = run_check(check, IDENT, [])
    assert out.status is Status.UNKNOWN


def test_manual_directory_is_skipped_with_its_search_link() -> None:
    manual = Directory(**{**GIDS.__dict__, "automatable": False})
    check = DirectoryCheck(manual, "Noor Voorbeeld", "Utrecht", fetch=False)
    assert check.requests() == []
    out, _ = run_check(check, IDENT, [])
    assert out.status is Status.SKIPPED and out.reason.startswith("manual check")
    assert out.url == "https://gids.example/zoeken/Noor-Voorbeeld/Utrecht/" and "gids.example/verwijderen" in out.reason


def test_hostile_result_page_does_not_crash() -> None:
    body = "<html><title>Noor Voorbeeld</title><body>" + "<div>" * 5000 + "06-" * 50_000 + "@[at]" * 20_000 + "</body>"
    out = run_gids(200, body)
    assert out.status in (Status.NOT_FOUND, Status.UNKNOWN)
