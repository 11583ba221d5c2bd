"""Each check against documented/recorded responses (corpus where one exists) and hostile ones."""

import json
from pathlib import Path

import pytest

from doxaudit.checks.breaches import Breach, HibpCheck, XposedOrNotCheck, breach_severity
from doxaudit.checks.extractors.github import GitHubProfileCheck
from doxaudit.checks.gravatar import GravatarCheck
from doxaudit.checks.search import SearchCheck, parse_ddg
from doxaudit.identity import build_identity
from doxaudit.model import Severity, Status
from tests.helpers import har_entry, run_check

IDENT = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=["octocat"],
                       phones=["06 12345678"], addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="San Francisco")
API = "api-examples"


def load(corpus: Path, *parts: str) -> str:
    return (corpus / API).joinpath(*parts).read_text(encoding="utf-8")


# --- GitHub ---------------------------------------------------------------------------------

def test_github_documented_profile_shows_its_public_fields(corpus: Path) -> None:
    check = GitHubProfileCheck("octocat")
    body = load(corpus, "github", "github-get-user-default-response.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.FOUND
    public = next(f for f in out.findings if f.kind == "public_profile")
    assert "location" in public.detail["fields"] and "real_name" in public.detail["fields"]
    city = [f for f in out.findings if f.kind == "city_in_profile"]
    assert city and city[0].severity is Severity.MEDIUM  # octocat lives in San Francisco, as IDENT says


def test_github_user_email_in_profile_is_a_finding() -> None:
    check = GitHubProfileCheck("noor")
    body = {"login": "noor", "name": "Noor", "email": "noor.voorbeeld@example.com", "bio": "bel 06-12345678"}
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    kinds = {f.kind for f in out.findings}
    assert {"email_in_profile", "phone_in_profile"} <= kinds
    phone = next(f for f in out.findings if f.kind == "phone_in_profile")
    assert phone.severity is Severity.HIGH


@pytest.mark.parametrize("status, body, expected", [
    (404, {"message": "Not Found"}, Status.NOT_FOUND),
    (403, {"message": "API rate limit exceeded"}, Status.UNKNOWN),
    (429, {}, Status.UNKNOWN),
    (200, "{not json", Status.UNKNOWN),
    (200, [1, 2, 3], Status.UNKNOWN),
    (200, {"login": ["not", "a", "string"]}, Status.UNKNOWN),
])
def test_github_failures_are_honest(status: int, body: object, expected: Status) -> None:
    check = GitHubProfileCheck("noor")
    headers = {"x-ratelimit-remaining": "0"} if status == 403 else {}
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, body, headers=headers)])  # type: ignore[arg-type]
    assert out.status is expected and not out.findings


def test_github_deeply_nested_json_does_not_crash() -> None:
    check = GitHubProfileCheck("noor")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, "[" * 100_000 + "]" * 100_000)])
    assert out.status is Status.UNKNOWN


# --- XposedOrNot ---------------------------------------------------------------------------

def test_xposedornot_found_lists_breaches_with_data_classes(corpus: Path) -> None:
    check = XposedOrNotCheck("noor.voorbeeld@example.com")
    body = load(corpus, "xposedornot", "xon-breach-analytics-found.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.FOUND
    assert [f.detail["breach"] for f in out.findings] == ["SweClockers"]
    assert "Passwords" in out.findings[0].detail["data_classes"]


def test_xposedornot_all_null_answer_is_no_breach_not_an_error(corpus: Path) -> None:
    check = XposedOrNotCheck("noor.voorbeeld@example.com")
    body = load(corpus, "xposedornot", "xon-breach-analytics-not-found.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.NOT_FOUND


@pytest.mark.parametrize("status, body", [(429, "{}"), (200, "<html>"), (200, '{"unexpected": 1}'),
                                           (502, "bad gateway")])
def test_xposedornot_rate_limit_and_garbage_are_unknown(status: int, body: str) -> None:
    check = XposedOrNotCheck("noor.voorbeeld@example.com")
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, body)])
    assert out.status is Status.UNKNOWN


def test_breach_severity_grows_with_passwords_contact_details_and_recency() -> None:
    from datetime import UTC, datetime
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert breach_severity(Breach("a", "2025", ("Email addresses",)), now) is Severity.MEDIUM
    assert breach_severity(Breach("a", "2025", ("Passwords",)), now) is Severity.HIGH
    assert breach_severity(Breach("a", "2025", ("Passwords", "Phone numbers")), now) is Severity.CRITICAL
    assert breach_severity(Breach("a", "2010", ("Passwords", "Phone numbers")), now) is Severity.HIGH


# --- Have I Been Pwned (documented v3 breach model) -----------------------------------------

HIBP_BODY = [{"Name": "Adobe", "Title": "Adobe", "Domain": "adobe.com", "BreachDate": "2013-10-04",
              "AddedDate": "2013-12-04T00:00:00Z", "ModifiedDate": "2022-05-15T23:52:49Z", "PwnCount": 152445165,
              "Description": "<a href='x'>html</a>", "LogoPath": "", "DataClasses":
              ["Email addresses", "Password hints", "Passwords", "Usernames"], "IsVerified": True,
              "IsFabricated": False, "IsSensitive": False, "IsRetired": False, "IsSpamList": False,
              "IsMalware": False, "IsSubscriptionFree": False, "IsStealerLog": False}]


def test_hibp_breaches_and_key_header() -> None:
    check = HibpCheck("noor.voorbeeld@example.com", api_key="k")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, HIBP_BODY)])
    assert out.status is Status.FOUND and out.findings[0].detail["breach"] == "Adobe"


@pytest.mark.parametrize("status, expected", [(404, Status.NOT_FOUND), (401, Status.ERROR), (429, Status.UNKNOWN)])
def test_hibp_statuses(status: int, expected: Status) -> None:
    check = HibpCheck("noor.voorbeeld@example.com", api_key="k")
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, "")])
    assert out.status is expected


# --- Gravatar --------------------------------------------------------------------------------

def test_gravatar_documented_full_profile(corpus: Path) -> None:
    check = GravatarCheck("noor.voorbeeld@example.com")
    body = load(corpus, "gravatar", "gravatar-sdk-ios-test-fullProfile.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.FOUND
    assert {"gravatar_public", "public_profile"} <= {f.kind for f in out.findings}


def test_gravatar_404_is_no_profile() -> None:
    check = GravatarCheck("noor.voorbeeld@example.com")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 404, '{"error":"Profile not found"}')])
    assert out.status is Status.NOT_FOUND


def test_gravatar_url_is_a_hash_not_the_email() -> None:
    assert "noor" not in GravatarCheck("noor.voorbeeld@example.com").url


# --- DuckDuckGo --------------------------------------------------------------------------------

def test_ddg_real_result_page_parses(corpus: Path) -> None:
    html = (corpus / "serp" / "se-scraper-duckduckgo-test_keyword_page1.html").read_text(encoding="utf-8",
                                                                                          errors="replace")
    results, _ = parse_ddg(html)
    assert len(results) >= 5
    assert all(r.url.startswith(("http://", "https://")) for r in results)
    assert not any("duckduckgo.com/l/" in r.url for r in results)


def ddg(results: list[tuple[str, str, str]]) -> str:
    from urllib.parse import quote
    items = "".join(f"<div class='result'><a class='result__a' href='//duckduckgo.com/l/?uddg={quote(u, safe='')}'>"
                    f"{t}</a><a class='result__snippet'>{s}</a></div>" for u, t, s in results)
    return f"<html><body>{items}</body></html>"


def test_search_finds_phone_on_result_page_and_ignores_namesake() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    entries = [
        har_entry(check.url, 200, ddg([("https://www.example.org/team", "Team", "Noor Voorbeeld"),
                                       ("https://other.example.net/", "Noor Voorbeeld, Groningen", "keramiek")]),
                  headers={"Content-Type": "text/html"}),
        har_entry("https://www.example.org/team", 200, "<p>Noor Voorbeeld</p><p>Tel 06-12345678</p>",
                  headers={"Content-Type": "text/html"}),
        har_entry("https://other.example.net/", 200, "<p>Noor Voorbeeld, Tel 06-98765432, Kleilaan 3</p>",
                  headers={"Content-Type": "text/html"}),
    ]
    out, _ = run_check(check, IDENT, entries)
    assert out.status is Status.FOUND
    assert [(f.kind, f.evidence.url) for f in out.findings] == [("phone_in_search", "https://www.example.org/team")]
    assert out.findings[0].severity is Severity.HIGH


def test_search_block_page_is_unknown_and_names_the_backend() -> None:
    check = SearchCheck(kind="email", query='"noor.voorbeeld@example.com"')
    body = "<html><div class='anomaly-modal__title'>Unfortunately, bots use DuckDuckGo too.</div></html>"
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.UNKNOWN and "DuckDuckGo" in out.reason


def test_search_202_is_unknown() -> None:
    check = SearchCheck(kind="email", query='"x"')
    out, _ = run_check(check, IDENT, [har_entry(check.url, 202, "")])
    assert out.status is Status.UNKNOWN


def test_search_refuses_result_pages_on_private_addresses() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    entries = [har_entry(check.url, 200, ddg([("http://127.0.0.1:8080/admin", "x", "y"),
                                              ("http://169.254.169.254/latest/meta-data", "x", "y")]))]
    out, _ = run_check(check, IDENT, entries)
    assert out.status is Status.NOT_FOUND and "2 could not be read" in out.reason


def test_search_skips_ads_and_non_http_links() -> None:
    html = ("<div class='result result--ad'><a class='result__a' href='https://ad.example/'>ad</a></div>"
            "<div class='result'><a class='result__a' href='javascript:alert(1)'>x</a></div>"
            "<div class='result'><a class='result__a' href='https://ok.example/'>ok</a></div>")
    results, _ = parse_ddg(html)
    assert [r.url for r in results] == ["https://ok.example/"]


# --- WhatsMyName entries against the stored API bodies --------------------------------------

@pytest.mark.parametrize("site_name, path", [
    ("GitHub (User)", "github/github-get-user-default-response.json"),
    ("Reddit", "reddit/reddit-user-about-spez.json"),
    ("Hacker News", "hackernews-user-jl.json"),
])
def test_wmn_entries_classify_their_documented_bodies_as_found(corpus: Path, site_name: str, path: str) -> None:
    from doxaudit.catalog import parse_catalog
    from doxaudit.checks.sites import classify
    from tests.helpers import result
    sites = parse_catalog(json.loads((corpus / "whatsmyname" / "wmn-data.json").read_text()), "wmn")
    site = next(s for s in sites if s.name == site_name)
    assert classify(site, result(200, load(corpus, *path.split("/"))))[0] is Status.FOUND
