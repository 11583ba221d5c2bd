"""Each search backend against a real saved page (DuckDuckGo, from the corpus) or documented shapes
(SearXNG, Brave: fictional fixtures), their block and error answers, and malformed bodies."""

import json
from pathlib import Path

import pytest

from doxaudit.checks.search_backends import (
    Brave,
    DuckDuckGo,
    Parsed,
    SearXNG,
    http_url,
    parse_brave,
    parse_searxng,
    searxng_base,
)
from doxaudit.model import Status
from tests.helpers import result

FIX = Path(__file__).resolve().parent / "fixtures" / "search"
HTML = {"Content-Type": "text/html; charset=utf-8"}
JSON = {"Content-Type": "application/json"}
SERP = "serp/se-scraper-{}-test_keyword_page1.html"


def fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


# --- DuckDuckGo -----------------------------------------------------------------------------

def test_ddg_real_saved_page_gives_results_not_a_block(corpus: Path) -> None:
    body = (corpus / SERP.format("duckduckgo")).read_bytes()
    parsed = DuckDuckGo().parse(result(200, body, HTML))
    assert parsed.status is Status.FOUND and not parsed.blocked
    assert len(parsed.results) >= 5
    assert all(r.url.startswith(("http://", "https://")) and "duckduckgo.com/l/" not in r.url for r in parsed.results)
    assert all(r.title for r in parsed.results)
    assert len({r.url for r in parsed.results}) == len(parsed.results)


def test_ddg_truncated_real_page_still_parses_without_raising(corpus: Path) -> None:
    body = (corpus / SERP.format("duckduckgo")).read_bytes()
    parsed = DuckDuckGo().parse(result(200, body[: len(body) // 2], HTML, truncated=True))
    assert parsed.status in (Status.FOUND, Status.UNKNOWN)


@pytest.mark.parametrize("engine", ["google", "bing"])
def test_another_engines_real_page_is_unreadable_not_no_results(corpus: Path, engine: str) -> None:
    """If DuckDuckGo's markup changes, the honest answer is `unknown`, never 'nothing found'."""
    parsed = DuckDuckGo().parse(result(200, (corpus / SERP.format(engine)).read_bytes(), HTML))
    assert parsed.status is Status.UNKNOWN and parsed.reason == "search.reason.unreadable"


@pytest.mark.parametrize("status, body, headers, reason, blocked", [
    (200, fixture("ddg-anomaly.html"), HTML, "search.reason.bot_check", True),
    (202, b"", HTML, "search.reason.bot_check", True),
    (429, b"", HTML, "search.reason.rate_limited", True),
    (403, b"<title>Just a moment...</title><div id='cf-chl-widget'>", {"Server": "cloudflare"},
     "search.reason.blocked", True),
    (500, b"oops", HTML, "search.reason.unexpected", False),
    (None, b"", {}, "search.reason.no_answer", False),
])
def test_ddg_refusals_are_unknown(status: int | None, body: bytes, headers: dict[str, str], reason: str,
                                  blocked: bool) -> None:
    res = result(status, body, headers, error="timeout" if status is None else None)
    parsed = DuckDuckGo().parse(res)
    assert (parsed.status, parsed.reason, parsed.blocked) == (Status.UNKNOWN, reason, blocked)
    if blocked:
        assert parsed.args["alternative"] == "search.alt.duckduckgo"


def test_ddg_no_results_page_is_not_found() -> None:
    parsed = DuckDuckGo().parse(result(200, fixture("ddg-no-results.html"), HTML))
    assert parsed.status is Status.NOT_FOUND


def test_ddg_request_is_the_html_endpoint_without_headers() -> None:
    assert DuckDuckGo().url('"Noor Voorbeeld"') == (
        "GET", "https://html.duckduckgo.com/html/?q=%22Noor+Voorbeeld%22", {})


# --- SearXNG --------------------------------------------------------------------------------

def test_searxng_results_are_read_and_hostile_items_dropped() -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(200, fixture("searxng-ok.json"), JSON))
    assert parsed.status is Status.FOUND
    assert [r.url for r in parsed.results] == ["https://www.example.org/team", "https://keramiek.example.net/over-mij"]
    assert parsed.results[0].title == "Ons team – Voorbeeld & Partners"
    assert parsed.results[0].engine == "bing" and parsed.results[1].engine == "duckduckgo"
    assert "google: CAPTCHA" in parsed.args["engines_failed"]


def test_searxng_empty_results_are_not_found() -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(200, fixture("searxng-empty.json"), JSON))
    assert parsed.status is Status.NOT_FOUND


def test_searxng_nothing_because_its_engines_failed_is_unknown() -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(200, fixture("searxng-engines-failed.json"), JSON))
    assert parsed.status is Status.UNKNOWN and parsed.blocked
    assert "google: CAPTCHA" in parsed.args["engines"] and "bing: timeout" in parsed.args["engines"]


@pytest.mark.parametrize("status, body, headers, reason", [
    (403, fixture("searxng-403.html"), HTML, "search.reason.searxng_forbidden"),
    (200, b"<!doctype html><html><body><form id='search'></form></body></html>", HTML,
     "search.reason.searxng_not_json"),
    (200, b"<html>no content type</html>", {}, "search.reason.searxng_not_json"),
    (429, b"Too Many Requests", {"Content-Type": "text/plain"}, "search.reason.rate_limited"),
])
def test_searxng_refusals_name_the_fix(status: int, body: bytes, headers: dict[str, str], reason: str) -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(status, body, headers))
    assert (parsed.status, parsed.reason, parsed.blocked) == (Status.UNKNOWN, reason, True)
    assert parsed.args["alternative"] == "search.alt.searxng"


@pytest.mark.parametrize("body", [b"{", b"[]", b'{"results": "many"}', b"null", b'{"results": [1, 2]}x',
                                  b"\xff\xfe\x00garbage", b'{"a":' * 5000])
def test_searxng_malformed_json_is_unknown_not_a_crash(body: bytes) -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(200, body, JSON))
    assert parsed.status is Status.UNKNOWN and parsed.reason == "search.reason.malformed"


def test_searxng_truncated_answer_is_unknown() -> None:
    parsed = SearXNG("http://localhost:8888").parse(result(200, fixture("searxng-ok.json")[:300], JSON, truncated=True))
    assert parsed.status is Status.UNKNOWN


@pytest.mark.parametrize("typed, base", [
    ("http://localhost:8888", "http://localhost:8888"),
    ("http://localhost:8888/", "http://localhost:8888"),
    ("https://search.example.net/searx/search", "https://search.example.net/searx"),
    ("search.example.net", "https://search.example.net"),
    ("ftp://search.example.net", None),
    ("https://user:pw@search.example.net", None),
    ("https://search.example.net/?q=x", None),
    ("http://", None),
])
def test_searxng_base_url(typed: str, base: str | None) -> None:
    assert searxng_base(typed) == base


def test_searxng_request_asks_for_json() -> None:
    _method, url, headers = SearXNG("http://localhost:8888").url('"Noor Voorbeeld" "Utrecht"')
    assert url == "http://localhost:8888/search?q=%22Noor+Voorbeeld%22+%22Utrecht%22&format=json"
    assert headers == {"Accept": "application/json"}


def test_parse_searxng_hostile_shapes() -> None:
    assert parse_searxng({"results": [{"url": "https://a.example/" + "x" * 3000}]}).status is Status.NOT_FOUND
    assert parse_searxng({"results": [], "unresponsive_engines": "oops"}).status is Status.NOT_FOUND
    many = {"results": [{"url": f"https://a.example/{i}", "title": "t"} for i in range(500)]}
    assert len(parse_searxng(many).results) == 50


# --- Brave ----------------------------------------------------------------------------------

KEY = "BSA-fictional-test-key-0000"


def test_brave_results_are_read_and_markup_stripped() -> None:
    parsed = Brave(KEY).parse(result(200, fixture("brave-ok.json"), JSON))
    assert parsed.status is Status.FOUND
    assert [r.url for r in parsed.results] == ["https://www.example.org/team", "https://keramiek.example.net/over-mij"]
    assert parsed.results[0].title == "Ons team – Voorbeeld & Partners"
    assert parsed.results[0].snippet.startswith("Noor Voorbeeld. Projectleider")


def test_brave_without_web_section_is_not_found() -> None:
    assert Brave(KEY).parse(result(200, fixture("brave-no-web.json"), JSON)).status is Status.NOT_FOUND


@pytest.mark.parametrize("status, name, reason", [
    (422, "brave-422-token.json", "search.reason.brave_key"),
    (401, None, "search.reason.brave_key"),
    (403, None, "search.reason.brave_key"),
    (429, "brave-429.json", "search.reason.brave_quota"),
    (429, None, "search.reason.brave_quota"),
])
def test_brave_key_and_quota_errors_are_unknown_and_suggest_another_backend(status: int, name: str | None,
                                                                            reason: str) -> None:
    body = fixture(name) if name else b""
    parsed = Brave(KEY).parse(result(status, body, JSON))
    assert (parsed.status, parsed.reason, parsed.blocked) == (Status.UNKNOWN, reason, True)
    assert parsed.args["alternative"] == "search.alt.brave"


def test_brave_validation_error_says_what_brave_said() -> None:
    parsed = Brave(KEY).parse(result(422, fixture("brave-422-validation.json"), JSON))
    assert parsed.status is Status.UNKNOWN and parsed.reason == "search.reason.brave_error"
    assert parsed.args["code"] == "VALIDATION" and "validate" in parsed.args["detail"]


@pytest.mark.parametrize("body", [b"", b"{", b"[1]", b'{"web": []}', b'{"web": {"results": {}}}',
                                  b'{"type": "ErrorResponse"}', b"<html>proxy error</html>"])
def test_brave_malformed_answers_are_unknown(body: bytes) -> None:
    parsed = Brave(KEY).parse(result(200, body, JSON))
    assert parsed.status is Status.UNKNOWN


def test_brave_error_code_is_not_echoed_when_it_is_not_a_code() -> None:
    body = json.dumps({"type": "ErrorResponse", "error": {"code": "<script>x</script>", "detail": "d"}}).encode()
    parsed = Brave(KEY).parse(result(400, body, JSON))
    assert "<script>" not in json.dumps(parsed.args)


def test_brave_key_only_in_the_header() -> None:
    backend = Brave(KEY)
    _method, url, headers = backend.url('"Noor Voorbeeld"')
    assert KEY not in url and headers["X-Subscription-Token"] == KEY
    assert KEY not in repr(backend)


def test_parse_brave_caps_results() -> None:
    data = {"type": "search", "web": {"results": [{"url": f"https://a.example/{i}"} for i in range(200)]}}
    assert len(parse_brave(data).results) == 50


# --- shared ---------------------------------------------------------------------------------

@pytest.mark.parametrize("href, kept", [
    ("https://a.example/x#frag", "https://a.example/x"),
    ("HTTP://a.example/", "http://a.example/"),
    ("javascript:alert(1)", None),
    ("file:///etc/passwd", None),
    ("https:///nohost", None),
    ("http://[::1", None),
])
def test_only_http_urls_with_a_host_are_results(href: str, kept: str | None) -> None:
    assert http_url(href) == kept


@pytest.mark.parametrize("backend", [DuckDuckGo(), SearXNG("http://localhost:8888"), Brave(KEY)])
@pytest.mark.parametrize("body", [b"", b"\x00" * 1000, "ü".encode() * 10000, b"<" * 100000])
def test_no_backend_raises_on_garbage(backend: DuckDuckGo | SearXNG | Brave, body: bytes) -> None:
    for status in (200, 202, 204, 301, 404, 500):
        parsed = backend.parse(result(status, body, {"Content-Type": "text/html"}))
        assert isinstance(parsed, Parsed) and parsed.status in (Status.UNKNOWN, Status.NOT_FOUND, Status.FOUND)
