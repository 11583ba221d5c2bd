"""Search engines behind one interface: build the request, then read the answer (pure).

A backend never touches the network itself: `url(query)` says what to request and the
check sends it through the one Fetcher (so `plan`, the request log, HAR record/replay,
size caps and deadlines all apply). `parse(result)` is pure and recognises the engine's
own refusals (bot checks, 202s, quota and key errors, a misconfigured instance): those
make the query `unknown` with a reason that names another backend to try, never
"no results".
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs, quote_plus, urlparse, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from ..model import Status
from ..net.fetch import FetchResult
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json, text_field

DDG_URL = "https://html.duckduckgo.com/html/?q={query}"
DDG_BLOCK = re.compile(r"anomaly-modal|bots use duckduckgo too|please complete the following challenge"
                       r"|challenge-form|anomaly\.js", re.IGNORECASE)
BRAVE_URL = "https://api.search.brave.com/res/v1/web/search?q={query}"
MAX_RESULTS = 50  # per answer: more is noise, and every result is hostile input
SCAN_CHARS = 200_000
TAG_RE = re.compile(r"<[^<>]{0,300}>")


@dataclass(frozen=True)
class SearchResult:
    url: str
    title: str
    snippet: str
    engine: str = ""


@dataclass(frozen=True)
class Parsed:
    """What one answer says. `reason` is a message key (search.reason.*) with its arguments.

    status FOUND: results to read; NOT_FOUND: the engine says there are none; UNKNOWN: no
    usable answer. `blocked` means this backend refused us, so the reason suggests another.
    """

    status: Status
    results: tuple[SearchResult, ...] = ()
    reason: str = ""
    args: dict[str, str] = field(default_factory=dict)
    blocked: bool = False


class SearchBackend(Protocol):
    """One search engine. `name` is the id suffix (`search:<name>`), `label` what people read."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...

    def url(self, query: str) -> tuple[str, str, dict[str, str]]:
        """(method, url, headers) of the request for `query`. Headers may hold secrets: never log them."""
        ...

    def parse(self, result: FetchResult) -> Parsed: ...


def http_url(href: str) -> str | None:
    """Keep http(s) URLs with a host, without fragments; anything else is dropped."""
    href = href.strip()
    if len(href) > 2000:
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))


def strip_tags(text: str) -> str:
    """Plain text from an API field that may carry highlight markup (`<strong>`) and entities."""
    return " ".join(html_lib.unescape(TAG_RE.sub("", text)).split())


def _failure(result: FetchResult, label: str, alternative: str) -> Parsed | None:
    """The answers every backend treats alike: no answer, rate limits, challenge pages."""
    if result.error or result.status is None:
        return Parsed(Status.UNKNOWN, reason="search.reason.no_answer",
                      args={"backend": label, "error": (result.error or "no answer")[:200]})
    if result.status == 429:
        return Parsed(Status.UNKNOWN, reason="search.reason.rate_limited",
                      args={"backend": label, "alternative": alternative}, blocked=True)
    why = block_reason(result)
    if why:
        return Parsed(Status.UNKNOWN, reason="search.reason.blocked",
                      args={"backend": label, "why": why, "alternative": alternative}, blocked=True)
    return None


# --- DuckDuckGo (HTML endpoint, no key) -------------------------------------------------------

def _ddg_result_url(href: str) -> str | None:
    """DuckDuckGo wraps result links as //duckduckgo.com/l/?uddg=<target>; unwrap and keep http(s) only."""
    if href.startswith("//"):
        href = "https:" + href
    try:
        parsed = urlparse(href)
    except ValueError:
        return None
    if parsed.netloc.endswith("duckduckgo.com") and parsed.path.startswith("/l/"):
        href = parse_qs(parsed.query).get("uddg", [""])[0]
    return http_url(href)


BLOCK_DEPTH = 6  # a.result__a sits three levels below its div.result on DuckDuckGo's page


def _block_of(tag: Tag) -> Tag | None:
    """The result block (`div.result`, `div.web-result`) a link or snippet is in, looking a few levels up only."""
    node = tag.parent
    for _ in range(BLOCK_DEPTH):
        if not isinstance(node, Tag):
            return None
        if node.name == "div" and {"result", "web-result"} & set(node.get("class") or []):
            return node
        node = node.parent
    return None


def parse_ddg(html: str) -> tuple[list[SearchResult], bool]:
    """(results, page_says_no_results). Ads and non-http links are skipped.

    Linear in the page: links and snippets are each found in one pass and tied to their block by a short
    walk up, so nested result blocks cannot make the work quadratic.
    """
    soup = BeautifulSoup(html, "lxml")
    snippets: dict[int, Tag] = {}
    for tag in soup.select(".result__snippet"):
        block = _block_of(tag)
        if block is not None:
            snippets.setdefault(id(block), tag)
    results: list[SearchResult] = []
    seen: set[str] = set()
    for link in soup.select("a.result__a"):
        block = _block_of(link)
        if block is None or {"result--ad", "result--ad--small"} & set(block.get("class") or []):
            continue
        if not link.get("href"):
            continue
        url = _ddg_result_url(str(link["href"]))
        if not url or url in seen:
            continue
        seen.add(url)
        snippet = snippets.get(id(block))
        results.append(SearchResult(url=url, title=link.get_text(" ", strip=True)[:300],
                                    snippet=snippet.get_text(" ", strip=True)[:600] if snippet else "",
                                    engine="duckduckgo"))
        if len(results) >= MAX_RESULTS:
            break
    no_results = bool(soup.select_one(".no-results")) or "No results." in html
    return results, no_results


@dataclass(frozen=True)
class DuckDuckGo:
    name: str = "duckduckgo"
    label: str = "DuckDuckGo"

    def url(self, query: str) -> tuple[str, str, dict[str, str]]:
        return "GET", DDG_URL.format(query=quote_plus(query)), {}

    def parse(self, result: FetchResult) -> Parsed:
        alternative = "search.alt.duckduckgo"
        failed = _failure(result, self.label, alternative)
        if failed:
            return failed
        text = result.text
        if result.status == 202 or DDG_BLOCK.search(text[:SCAN_CHARS]):
            return Parsed(Status.UNKNOWN, reason="search.reason.bot_check",
                          args={"backend": self.label, "alternative": alternative}, blocked=True)
        if result.status != 200:
            return Parsed(Status.UNKNOWN, reason="search.reason.unexpected",
                          args={"backend": self.label, "status": str(result.status)})
        results, no_results = parse_ddg(text)
        if results:
            return Parsed(Status.FOUND, tuple(results))
        if no_results:
            return Parsed(Status.NOT_FOUND, reason="search.reason.no_results")
        return Parsed(Status.UNKNOWN, reason="search.reason.unreadable", args={"backend": self.label})


# --- SearXNG (the user's own instance, JSON API) ----------------------------------------------

def searxng_base(url: str) -> str | None:
    """The instance's base URL from what the user typed, or None if it cannot be one."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    if not re.match(r"^https?://", url, re.IGNORECASE):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.hostname or parts.query or parts.fragment or parts.username or parts.password:
        return None
    path = parts.path.rstrip("/")
    if path.endswith("/search"):
        path = path[: -len("/search")]
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def _engine_failures(value: Any) -> list[str]:
    """`unresponsive_engines` is a list of [engine, error] pairs."""
    out: list[str] = []
    if not isinstance(value, list):
        return out
    for item in value[:20]:
        if isinstance(item, list | tuple) and item and isinstance(item[0], str):
            error = item[1] if len(item) > 1 and isinstance(item[1], str) else ""
            out.append(f"{item[0][:40]}: {error[:60]}" if error else item[0][:40])
    return out


def _distinct_results(items: list[Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """(item, its http(s) URL) for each JSON result object, first occurrence of each URL only."""
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict):
            continue
        url = http_url(item["url"]) if isinstance(item.get("url"), str) else None
        if url and url not in seen:
            seen.add(url)
            yield item, url


def parse_searxng(data: Any) -> Parsed:
    """The documented JSON answer: query, number_of_results, results[], unresponsive_engines."""
    label = "SearXNG"
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                      args={"backend": label, "why": "no results list"})
    results: list[SearchResult] = []
    for item, url in _distinct_results(data["results"]):
        engine = text_field(item, "engine", 40)
        if not engine and isinstance(item.get("engines"), list):
            engine = ",".join(e for e in item["engines"][:5] if isinstance(e, str))[:60]
        results.append(SearchResult(url=url, title=strip_tags(text_field(item, "title", 300)),
                                    snippet=strip_tags(text_field(item, "content", 600)), engine=engine))
        if len(results) >= MAX_RESULTS:
            break
    failures = _engine_failures(data.get("unresponsive_engines"))
    if results:
        return Parsed(Status.FOUND, tuple(results),
                      args={"engines_failed": "; ".join(failures)} if failures else {})
    if failures:  # nothing found because the engines behind it failed: not an answer
        return Parsed(Status.UNKNOWN, reason="search.reason.searxng_engines_failed",
                      args={"engines": "; ".join(failures)[:300], "alternative": "search.alt.searxng"},
                      blocked=True)
    return Parsed(Status.NOT_FOUND, reason="search.reason.no_results")


@dataclass(frozen=True)
class SearXNG:
    base: str
    name: str = "searxng"
    label: str = "SearXNG"

    def url(self, query: str) -> tuple[str, str, dict[str, str]]:
        return "GET", f"{self.base}/search?q={quote_plus(query)}&format=json", {"Accept": "application/json"}

    def parse(self, result: FetchResult) -> Parsed:
        alternative = "search.alt.searxng"
        failed = _failure(result, self.label, alternative)
        if failed:
            return failed
        if result.status == 403:  # SearXNG's own answer when `json` is not in search.formats
            return Parsed(Status.UNKNOWN, reason="search.reason.searxng_forbidden",
                          args={"alternative": alternative}, blocked=True)
        if result.status != 200:
            return Parsed(Status.UNKNOWN, reason="search.reason.unexpected",
                          args={"backend": self.label, "status": str(result.status)})
        ctype = result.headers.get("content-type", "").lower()
        head = result.body[:200].lstrip()
        if "html" in ctype or head[:1] == b"<":
            return Parsed(Status.UNKNOWN, reason="search.reason.searxng_not_json",
                          args={"alternative": alternative}, blocked=True)
        if result.truncated:
            return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                          args={"backend": self.label, "why": "answer too large"})
        try:
            data = parse_json(result.body)
        except BadJSON as e:
            return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                          args={"backend": self.label, "why": str(e)[:120]})
        return parse_searxng(data)


# --- Brave Search API (BRAVE_API_KEY) ---------------------------------------------------------

KEY_ERRORS = {"SUBSCRIPTION_TOKEN_INVALID", "SUBSCRIPTION_TOKEN_MISSING", "SUBSCRIPTION_NOT_FOUND",
              "SUBSCRIPTION_EXPIRED", "UNAUTHORIZED"}
QUOTA_ERRORS = {"RATE_LIMITED", "QUOTA_LIMITED", "QUOTA_EXCEEDED"}


def _brave_error(data: Any) -> tuple[str, str]:
    """(code, detail) of Brave's ErrorResponse ({"type": "ErrorResponse", "error": {...}}), or ("", "")."""
    if not isinstance(data, dict):
        return "", ""
    error = data.get("error")
    if not isinstance(error, dict):
        errors = data.get("errors")
        error = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else None
    if not isinstance(error, dict):
        return "", ""
    code = text_field(error, "code", 60)
    code = code if re.fullmatch(r"[A-Z0-9_]{1,60}", code) else ""
    return code, text_field(error, "detail", 160)


def parse_brave(data: Any) -> Parsed:
    """The documented answer: {"type": "search", "query": {...}, "web": {"results": [{url, title, description}]}}."""
    label = "Brave"
    if not isinstance(data, dict) or data.get("type") == "ErrorResponse":
        return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                      args={"backend": label, "why": "not a search answer"})
    web = data.get("web")
    if web is None:
        if isinstance(data.get("query"), dict):  # Brave leaves `web` out when nothing matched
            return Parsed(Status.NOT_FOUND, reason="search.reason.no_results")
        return Parsed(Status.UNKNOWN, reason="search.reason.malformed", args={"backend": label, "why": "no web results"})
    if not isinstance(web, dict) or not isinstance(web.get("results"), list):
        return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                      args={"backend": label, "why": "no result list at web.results"})
    results: list[SearchResult] = []
    for item, url in _distinct_results(web["results"]):
        results.append(SearchResult(url=url, title=strip_tags(text_field(item, "title", 300)),
                                    snippet=strip_tags(text_field(item, "description", 600)), engine="brave"))
        if len(results) >= MAX_RESULTS:
            break
    if results:
        return Parsed(Status.FOUND, tuple(results))
    return Parsed(Status.NOT_FOUND, reason="search.reason.no_results")


@dataclass(frozen=True)
class Brave:
    api_key: str = field(repr=False)
    name: str = "brave"
    label: str = "Brave"

    def url(self, query: str) -> tuple[str, str, dict[str, str]]:
        # The key goes in a header only: never in the URL, the plan, the request log or a report.
        # The HAR recorder redacts `x-subscription-token`.
        return "GET", BRAVE_URL.format(query=quote_plus(query)), {
            "Accept": "application/json", "X-Subscription-Token": self.api_key}

    def parse(self, result: FetchResult) -> Parsed:
        alternative = "search.alt.brave"
        if result.error or result.status is None:
            return Parsed(Status.UNKNOWN, reason="search.reason.no_answer",
                          args={"backend": self.label, "error": (result.error or "no answer")[:200]})
        data: Any = None
        json_error = ""
        try:
            data = parse_json(result.body)
        except BadJSON as e:
            json_error = str(e)[:120]
        code, detail = _brave_error(data)
        status = result.status
        if status in (401, 403) or code in KEY_ERRORS:
            return Parsed(Status.UNKNOWN, reason="search.reason.brave_key",
                          args={"code": code or f"HTTP {status}", "alternative": alternative}, blocked=True)
        if status == 429 or code in QUOTA_ERRORS:
            return Parsed(Status.UNKNOWN, reason="search.reason.brave_quota",
                          args={"alternative": alternative}, blocked=True)
        if status != 200:
            failed = _failure(result, self.label, alternative)
            if failed:
                return failed
            return Parsed(Status.UNKNOWN, reason="search.reason.brave_error",
                          args={"code": code or f"HTTP {status}", "detail": detail or "-"})
        if json_error:
            return Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                          args={"backend": self.label, "why": json_error})
        return parse_brave(data)
