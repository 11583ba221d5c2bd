"""The search check end to end on recorded answers: query plan, privacy of the plan, page budget,
"is this page about me?", backends' refusals, and the manual follow-up links."""

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from doxaudit.checks.base import CheckContext, PageCache
from doxaudit.checks.search import (
    ResultBudget,
    SearchCheck,
    SearchSettings,
    build_search_checks,
    choose_backend,
    manual_label,
    manual_links,
    search_queries,
    url_key,
)
from doxaudit.checks.search_backends import Brave, DuckDuckGo, SearXNG
from doxaudit.config import NetConfig, RunConfig
from doxaudit.engine import plan
from doxaudit.errors import InputError
from doxaudit.identity import build_identity
from doxaudit.masking import Masker
from doxaudit.model import CheckOutcome, Severity, Status, Tip
from doxaudit.net.client import open_session
from doxaudit.net.har import HarReplayer
from tests.helpers import har_entry, run_check

FIX = Path(__file__).resolve().parent / "fixtures" / "search"
HTML = {"Content-Type": "text/html; charset=utf-8"}
NOOR = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=["noorvoorbeeld"],
                      phones=["06 12345678"], addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht")
TEAM = ("<html><head><title>Ons team – Voorbeeld &amp; Partners</title></head><body><h2>Noor Voorbeeld</h2>"
        "<p>Bel of app: 06-12345678</p><h2>Bram Testman</h2><p>Bel: 06-11112222</p></body></html>")
NAMESAKE = ("<html><head><title>Over mij – Noor Voorbeeld Keramiek, Groningen</title></head><body>"
            "<p>Ik ben Noor Voorbeeld, keramist.</p><p>Kleilaan 3, 9711 AA Groningen. Tel. 06-98765432</p></body></html>")
CHESS = ("<html><head><title>Uitslagen – Schaakclub De Toren</title></head><body><table><tr><td>1.</td>"
         "<td>Bram Testman</td></tr><tr><td>2.</td><td>Noor Voorbeeld</td></tr></table></body></html>")
PAGES = {"https://www.example.org/team": TEAM, "https://keramiek.example.net/over-mij": NAMESAKE,
         "https://schaakclub.example.org/uitslagen": CHESS}


@dataclass(frozen=True)
class Config(RunConfig):
    """RunConfig with the search fields this issue asks for (as the integration diff adds them)."""

    search_backend: str = "auto"
    searxng_url: str | None = None
    brave_api_key: str | None = None
    search_sensitive: bool = False
    allow_private_addresses: bool = False
    max_total_result_pages: int = 40


def ddg(results: list[tuple[str, str, str]]) -> str:
    items = "".join(f"<div class='result'><a class='result__a' href='//duckduckgo.com/l/?uddg={quote(u, safe='')}'>"
                    f"{t}</a><a class='result__snippet'>{s}</a></div>" for u, t, s in results)
    return f"<html><body>{items}</body></html>"


def pages(*urls: str) -> list[dict[str, Any]]:
    return [har_entry(u, 200, PAGES[u], headers=HTML) for u in urls]


def run_all(checks: list[SearchCheck], entries: list[dict[str, Any]],
            config: RunConfig | None = None) -> tuple[list[CheckOutcome], list[str]]:
    """Run checks one after another in one scan context; returns outcomes and the URLs requested."""
    config = config or Config(net=NetConfig(timeout=5))
    replayer = HarReplayer({"log": {"entries": entries}})

    async def go() -> tuple[list[CheckOutcome], list[str]]:
        session = open_session(config.net, replay=replayer)
        try:
            ctx = CheckContext(NOOR, session.fetcher, config, PageCache(session.fetcher))
            outs = [await c.run(ctx) for c in checks]
            return outs, [r.url for r in session.fetcher.log]
        finally:
            await session.aclose()

    return asyncio.run(go())


# --- query plan -----------------------------------------------------------------------------

def test_query_plan_by_default() -> None:
    assert [(q.kind, q.text, q.uses) for q in search_queries(NOOR)] == [
        ("name", '"Noor Voorbeeld"', ("name",)),
        ("name+city", '"Noor Voorbeeld" "Utrecht"', ("name", "city")),
        ("name+handle", '"Noor Voorbeeld" "noorvoorbeeld"', ("name", "handle")),
        ("email", '"noor.voorbeeld@example.com"', ("email",)),
        ("handle", '"noorvoorbeeld"', ("handle",)),
    ]


def test_sensitive_queries_only_when_asked() -> None:
    extra = [(q.kind, q.text, q.uses) for q in search_queries(NOOR, sensitive=True)][5:]
    assert extra == [
        ("phone", '"06-12345678" OR "0612345678" OR "+31612345678"', ("phone",)),
        ("address", '"Voorbeeldstraat 12" "Utrecht"', ("address", "city")),
    ]


PHONE_SPELLINGS = ("12345678", "1234 5678", "12%20345678", "612345678")


def test_plan_never_sends_phone_or_address_without_search_sensitive() -> None:
    requests = plan(list(build_search_checks(NOOR, Config())))
    assert requests and all(not {"phone", "address"} & set(r.sends) for r in requests)
    for r in requests:
        assert not any(p in r.url.replace("+", "").replace("-", "") for p in PHONE_SPELLINGS), r.url
        assert "voorbeeldstraat" not in r.url.lower() and "3511" not in r.url


def test_plan_shows_sensitive_queries_with_what_they_send() -> None:
    requests = plan(list(build_search_checks(NOOR, Config(search_sensitive=True))))
    sends = [set(r.sends) for r in requests if not r.dynamic]
    assert {"phone"} in sends and {"address", "city"} in sends
    phone_url = next(r.url for r in requests if "phone" in r.sends)
    assert "0612345678" in phone_url
    assert "12345678" not in Masker(NOOR).mask(phone_url)  # a masked plan or report hides it again


def test_every_search_of_a_scan_uses_one_backend_and_one_budget() -> None:
    checks = build_search_checks(NOOR, Config(search_backend="searxng", searxng_url="http://localhost:8888/"))
    assert {c.id for c in checks} == {"search:searxng"}
    assert len({id(c.budget) for c in checks}) == 1
    assert checks[0].url.startswith("http://localhost:8888/search?q=")


@pytest.mark.parametrize("settings, chosen", [
    (SearchSettings(), DuckDuckGo),
    (SearchSettings(brave_api_key="k"), Brave),
    (SearchSettings(searxng_url="http://localhost:8888"), SearXNG),
    (SearchSettings(backend="duckduckgo", brave_api_key="k"), DuckDuckGo),
])
def test_auto_backend(settings: SearchSettings, chosen: type) -> None:
    assert isinstance(choose_backend(settings), chosen)


@pytest.mark.parametrize("settings, message", [
    (SearchSettings(backend="searxng"), "--searxng URL"),
    (SearchSettings(backend="searxng", searxng_url="ftp://x.example"), "--searxng"),
    (SearchSettings(backend="brave"), "BRAVE_API_KEY"),
    (SearchSettings(backend="google"), "not one of"),
])
def test_backend_misconfiguration_is_an_input_error(settings: SearchSettings, message: str) -> None:
    with pytest.raises(InputError, match=message):
        choose_backend(settings)


def test_settings_default_when_config_has_no_search_fields() -> None:
    s = SearchSettings.from_config(RunConfig(max_result_pages=3))
    assert (s.backend, s.sensitive, s.allow_private, s.pages_per_query, s.pages_total) == ("auto", False, False, 3, 40)


# --- is this page about me? -----------------------------------------------------------------

def test_phone_on_employer_page_is_found_namesake_not_counted_name_only_is_possible() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    serp = ddg([("https://www.example.org/team", "Ons team", "Noor Voorbeeld. Projectleider"),
                ("https://keramiek.example.net/over-mij", "Over mij – Noor Voorbeeld", "keramist in Groningen"),
                ("https://schaakclub.example.org/uitslagen", "Uitslagen", "2. Noor Voorbeeld")])
    out, _ = run_check(check, NOOR, [har_entry(check.url, 200, serp, headers=HTML), *pages(*PAGES)])
    assert out.status is Status.FOUND
    by_url = {f.evidence.url: f for f in out.findings}
    assert set(by_url) == {"https://www.example.org/team", "https://schaakclub.example.org/uitslagen"}
    phone = by_url["https://www.example.org/team"]
    assert (phone.kind, phone.severity) == ("phone_in_search", Severity.HIGH) and phone.confidence >= 0.9
    assert "phone" in phone.detail["evidence"]
    possible = by_url["https://schaakclub.example.org/uitslagen"]
    assert (possible.kind, possible.severity) == ("possible_match", Severity.INFO) and possible.confidence < 0.5
    assert "Noor Voorbeeld" in possible.evidence.snippet
    assert "1 about someone else with your name" in out.reason and "1 possibly you" in out.reason


def test_snippet_with_the_users_phone_is_a_finding_even_if_the_page_cannot_be_read() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    serp = ddg([("https://gone.example.net/", "Noor Voorbeeld", "Noor Voorbeeld, bel 06 12345678")])
    out, _ = run_check(check, NOOR, [har_entry(check.url, 200, serp, headers=HTML),
                                     har_entry("https://gone.example.net/", 404, "gone")])
    assert [(f.kind, f.detail["found_in"]) for f in out.findings] == [("phone_in_search", "search snippet")]
    assert "1 could not be read" in out.reason


@pytest.mark.parametrize("ctype, body", [
    ("application/pdf", b"%PDF-1.7 Noor Voorbeeld 06-12345678"),
    ("text/html", b"\x00\xff" * 100_000),
    ("text/html", "<p>Noor Voorbeeld</p>" * 50_000),
    ("image/png", b"\x89PNG\r\n"),
])
def test_hostile_result_pages_never_raise(ctype: str, body: bytes | str) -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    serp = ddg([("https://hostile.example.net/x", "x", "y")])
    out, _ = run_check(check, NOOR, [har_entry(check.url, 200, serp, headers=HTML),
                                     har_entry("https://hostile.example.net/x", 200,
                                               body if isinstance(body, str) else body.decode("latin-1"),
                                               headers={"Content-Type": ctype})])
    assert out.status in (Status.FOUND, Status.NOT_FOUND)


# --- budget and de-duplication ----------------------------------------------------------------

def test_a_page_returned_by_two_queries_is_read_once() -> None:
    budget = ResultBudget(per_query=5, total=40)
    a = SearchCheck(kind="name", query='"Noor Voorbeeld"', budget=budget)
    b = SearchCheck(kind="name+city", query='"Noor Voorbeeld" "Utrecht"', budget=budget)
    entries = [har_entry(a.url, 200, ddg([("https://www.example.org/team", "Team", "x")]), headers=HTML),
               har_entry(b.url, 200, ddg([("https://www.example.org/team/", "Team", "x")]), headers=HTML),
               *pages("https://www.example.org/team")]
    outs, urls = run_all([a, b], entries)
    assert urls.count("https://www.example.org/team") == 1 and "https://www.example.org/team/" not in urls
    assert outs[0].status is Status.FOUND and outs[1].status is Status.NOT_FOUND
    assert "1 already read for another search" in outs[1].reason


def test_page_limits_per_query_and_per_scan() -> None:
    budget = ResultBudget(per_query=2, total=3)
    a = SearchCheck(kind="name", query='"Noor Voorbeeld"', budget=budget)
    b = SearchCheck(kind="email", query='"noor.voorbeeld@example.com"', budget=budget)
    results_a = [(f"https://a.example.net/{i}", "t", "s") for i in range(4)]
    results_b = [(f"https://b.example.net/{i}", "t", "s") for i in range(4)]
    entries = [har_entry(a.url, 200, ddg(results_a), headers=HTML), har_entry(b.url, 200, ddg(results_b), headers=HTML)]
    entries += [har_entry(u, 200, "<p>nothing</p>", headers=HTML) for u, _, _ in results_a + results_b]
    outs, urls = run_all([a, b], entries)
    fetched = [u for u in urls if "example.net/" in u]
    assert fetched == ["https://a.example.net/0", "https://a.example.net/1", "https://b.example.net/0"]
    assert "2 not read (page limit)" in outs[0].reason and "3 not read (page limit)" in outs[1].reason


def test_url_key_ignores_case_of_host_fragment_and_trailing_slash() -> None:
    assert url_key("HTTPS://WWW.Example.org/team/#x") == url_key("https://www.example.org/team")
    assert url_key("https://a.example/p?q=1") != url_key("https://a.example/p?q=2")


def test_result_pages_on_private_addresses_are_refused_unless_allowed() -> None:
    serp = ddg([("http://127.0.0.1:8080/admin", "x", "y"), ("http://169.254.169.254/latest/meta-data", "x", "y")])
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"')
    entries = [har_entry(check.url, 200, serp, headers=HTML),
               har_entry("http://127.0.0.1:8080/admin", 200, "<p>Noor Voorbeeld 06-12345678</p>", headers=HTML)]
    out, _ = run_check(check, NOOR, entries)
    assert out.status is Status.NOT_FOUND and "2 could not be read" in out.reason
    out, _ = run_check(SearchCheck(kind="name", query='"Noor Voorbeeld"'), NOOR, entries,
                       Config(net=NetConfig(timeout=5), allow_private_addresses=True))
    assert out.status is Status.FOUND and "1 could not be read" in out.reason


# --- backends in a scan -----------------------------------------------------------------------

def test_blocked_duckduckgo_is_unknown_and_names_other_backends() -> None:
    check = SearchCheck(kind="email", query='"noor.voorbeeld@example.com"')
    out, _ = run_check(check, NOOR, [har_entry(check.url, 200, (FIX / "ddg-anomaly.html").read_text(), headers=HTML)])
    assert out.status is Status.UNKNOWN
    assert "DuckDuckGo" in out.reason and "--search-backend searxng --searxng URL" in out.reason
    assert "BRAVE_API_KEY" in out.reason


def test_blocked_reason_in_dutch() -> None:
    check = SearchCheck(kind="email", query='"x"')
    out, _ = run_check(check, NOOR, [har_entry(check.url, 202, "")], Config(net=NetConfig(timeout=5), lang="nl"))
    assert "botcontrole" in out.reason and "--search-backend searxng" in out.reason


def test_searxng_scan_reads_pages_and_names_failed_engines() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"', backend=SearXNG("http://localhost:8888"))
    entries = [har_entry(check.url, 200, (FIX / "searxng-ok.json").read_text(), headers={"Content-Type": "application/json"}),
               *pages("https://www.example.org/team", "https://keramiek.example.net/over-mij")]
    out, _ = run_check(check, NOOR, entries)
    assert out.status is Status.FOUND and out.check == "search:searxng"
    assert [f.kind for f in out.findings] == ["phone_in_search"]
    assert "google: CAPTCHA" in out.reason


def test_searxng_json_not_allowed_says_how_to_fix_it() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"', backend=SearXNG("http://localhost:8888"))
    out, _ = run_check(check, NOOR, [har_entry(check.url, 403, (FIX / "searxng-403.html").read_text(), headers=HTML)])
    assert out.status is Status.UNKNOWN and "search.formats" in out.reason and "BRAVE_API_KEY" in out.reason


def test_brave_key_is_sent_but_never_recorded_or_logged() -> None:
    key = "BSA-fictional-secret-key-1234"
    seen: list[str] = []
    body = (FIX / "brave-ok.json").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("x-subscription-token", ""))
        if request.url.host == "api.search.brave.com":
            return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
        return httpx.Response(200, text=PAGES.get(str(request.url), "<p>x</p>"), headers=HTML)

    check = SearchCheck(kind="name", query='"Noor Voorbeeld"', backend=Brave(key))
    config = Config(net=NetConfig(timeout=5))

    async def go() -> tuple[CheckOutcome, str]:
        session = open_session(config.net, record=True, transport=httpx.MockTransport(handler))
        try:
            ctx = CheckContext(NOOR, session.fetcher, config, PageCache(session.fetcher))
            out = await check.run(ctx)
            assert session.recorder is not None
            return out, json.dumps(session.recorder.to_har()) + repr(session.fetcher.log)
        finally:
            await session.aclose()

    out, recorded = asyncio.run(go())
    assert seen[0] == key and out.status is Status.FOUND
    assert key not in recorded and "[redacted]" in recorded
    assert key not in repr(check) and all(key not in r.url + r.note for r in check.requests())
    assert "header" in check.requests()[0].note


def test_brave_bad_key_is_unknown_and_suggests_other_backends() -> None:
    check = SearchCheck(kind="name", query='"Noor Voorbeeld"', backend=Brave("bad"))
    out, _ = run_check(check, NOOR, [har_entry(check.url, 422, (FIX / "brave-422-token.json").read_text())])
    assert out.status is Status.UNKNOWN and "BRAVE_API_KEY" in out.reason and "--search-backend duckduckgo" in out.reason


def test_a_parser_bug_is_unknown_not_an_exception() -> None:
    class Broken(DuckDuckGo):
        def parse(self, result: Any) -> Any:
            raise RuntimeError("boom")

    check = SearchCheck(kind="name", query='"x"', backend=Broken())
    out, _ = run_check(check, NOOR, [har_entry(check.url, 200, "<html></html>")])
    assert out.status is Status.UNKNOWN


# --- manual follow-up -----------------------------------------------------------------------

def _outcome(query: str, status: Status, check: str = "search:duckduckgo", tip: Tip = Tip.CONTACT_INFO,
             url: str = "", label: str = "") -> CheckOutcome:
    return CheckOutcome(check=check, tip=tip, target=query, status=status, url=url, label=label)


def test_manual_links_for_blocked_searches_other_engines_and_login_only_sites() -> None:
    outcomes = [_outcome(q.text, Status.UNKNOWN if q.kind == "email" else Status.NOT_FOUND) for q in search_queries(NOOR)]
    outcomes.append(_outcome("noorvoorbeeld", Status.UNKNOWN, "site:tiktok", Tip.SOCIAL_VISIBILITY,
                             "https://www.tiktok.com/@noorvoorbeeld", "TikTok"))
    links = manual_links(NOOR, outcomes)
    incomplete = [(link.engine, link.kind) for link in links if link.why == "search_incomplete"]
    assert incomplete == [("google", "email"), ("bing", "email"), ("duckduckgo", "email"), ("startpage", "email")]
    assert links[0].url == "https://www.google.com/search?q=%22noor.voorbeeld%40example.com%22"
    assert ("TikTok", "profile_unknown") in [(link.engine, link.why) for link in links]
    assert not any(link.engine == "duckduckgo" and link.why == "other_engine" for link in links)  # we did that one
    assert {link.kind for link in links if link.why == "login_only"} == {"name@linkedin.com", "name@facebook.com"}
    assert all(link.url.startswith("https://") for link in links)


def test_manual_links_never_carry_phone_or_address_unless_sensitive() -> None:
    def leaks(sensitive: bool) -> bool:
        urls = " ".join(link.url for link in manual_links(NOOR, [], sensitive=sensitive))
        return "12345678" in urls or "Voorbeeldstraat" in urls

    assert not leaks(False) and leaks(True)


def test_manual_link_labels_in_both_languages() -> None:
    links = manual_links(NOOR, [])
    labels = {manual_label(link, "en") for link in links}
    assert "Google: name + city" in labels and "Google: name · linkedin.com" in labels
    assert "Bing: naam + woonplaats" in {manual_label(link, "nl") for link in links}
