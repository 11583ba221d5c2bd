"""Contact details in search results: DuckDuckGo's HTML endpoint, then the result pages themselves.

The query carries only search identifiers (name, email, handle). The user's phone and
street address are never sent: they are looked for locally, in the snippets and in the
fetched result pages (pii.find_sensitive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote_plus, urlparse

from bs4 import BeautifulSoup

from .. import pii
from ..model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from .base import CheckContext, make_finding, outcome
from .blocks import block_reason

DDG_URL = "https://html.duckduckgo.com/html/?q={query}"
DDG_BLOCK = re.compile(r"anomaly-modal|bots use duckduckgo too|please complete the following challenge"
                       r"|challenge-form|anomaly\.js", re.IGNORECASE)
SEVERITY = {"phone": Severity.HIGH, "address": Severity.HIGH, "email": Severity.MEDIUM}
PAGE_TEXT_LIMIT = 1_000_000


@dataclass(frozen=True)
class SearchResult:
    url: str
    title: str
    snippet: str


def _result_url(href: str) -> str | None:
    """DuckDuckGo wraps result links as //duckduckgo.com/l/?uddg=<target>; unwrap and keep http(s) only."""
    if href.startswith("//"):
        href = "https:" + href
    parsed = urlparse(href)
    if parsed.netloc.endswith("duckduckgo.com") and parsed.path.startswith("/l/"):
        target = parse_qs(parsed.query).get("uddg", [""])[0]
        href = target
    if urlparse(href).scheme not in ("http", "https"):
        return None
    return href


def parse_ddg(html: str) -> tuple[list[SearchResult], bool]:
    """(results, page_says_no_results). Ads are skipped."""
    soup = BeautifulSoup(html, "lxml")
    results: list[SearchResult] = []
    seen: set[str] = set()
    for block in soup.select("div.result, div.web-result"):
        classes: list[str] = list(block.get("class") or [])
        if "result--ad" in classes or "result--ad--small" in classes:
            continue
        link = block.select_one("a.result__a")
        if link is None or not link.get("href"):
            continue
        url = _result_url(str(link["href"]))
        if not url or url in seen:
            continue
        seen.add(url)
        snippet = block.select_one(".result__snippet")
        results.append(SearchResult(url=url, title=link.get_text(" ", strip=True)[:300],
                                    snippet=snippet.get_text(" ", strip=True)[:600] if snippet else ""))
    no_results = bool(soup.select_one(".no-results")) or "No results." in html
    return results, no_results


def page_text(html: str) -> str:
    soup = BeautifulSoup(html[:PAGE_TEXT_LIMIT], "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


@dataclass
class SearchCheck:
    """One query on DuckDuckGo; findings are the user's contact details on the pages it returns."""

    kind: str  # which identifier kind the query is built from
    query: str
    tip: Tip = Tip.CONTACT_INFO
    id: str = "search:duckduckgo"
    uses: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        self.uses = (self.kind,)

    @property
    def target(self) -> str:
        return self.query

    @property
    def label(self) -> str:
        return f"DuckDuckGo search ({self.kind})"

    @property
    def url(self) -> str:
        return DDG_URL.format(query=quote_plus(self.query))

    def requests(self) -> list[PlannedRequest]:
        return [
            PlannedRequest(self.id, "GET", self.url, self.uses),
            PlannedRequest(self.id, "GET", "<result pages of this search, up to the page limit>", (),
                           dynamic=True, note="fetched to look for your phone, address and email locally"),
        ]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url)
        blocked = block_reason(result)
        if not blocked and (result.status == 202 or DDG_BLOCK.search(result.text[:200_000])):
            blocked = ("DuckDuckGo answered with a bot check "
                       "(try again later, from another network, or use the manual search links)")
        if blocked:
            return outcome(self, Status.UNKNOWN, blocked, url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        results, no_results = parse_ddg(result.text)
        if not results:
            if no_results:
                return outcome(self, Status.NOT_FOUND, "no search results", url=self.url)
            return outcome(self, Status.UNKNOWN, "result page had no results we could read", url=self.url)
        findings: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for item in results:
            text = f"{item.title} {item.snippet}"
            for match in pii.find_sensitive(text, ctx.identity):
                findings.append(self._finding(match, item.url, text, "search snippet", 0.85))
                seen.add((match.kind, item.url))
        unread = 0
        for item in results[: ctx.config.max_result_pages]:
            page = await ctx.pages.get(item.url)
            if page.error or page.status != 200 or block_reason(page):
                unread += 1
                continue
            content_type = page.headers.get("content-type", "text/html")
            if "html" not in content_type and "text" not in content_type:
                continue
            text = page_text(page.text) if "html" in content_type else page.text[:PAGE_TEXT_LIMIT]
            for match in pii.find_sensitive(text, ctx.identity):
                if (match.kind, item.url) in seen:
                    continue
                seen.add((match.kind, item.url))
                findings.append(self._finding(match, item.url, text, "page", 0.95))
        reason = f"{len(results)} results, {min(len(results), ctx.config.max_result_pages) - unread} pages read"
        if unread:
            reason += f", {unread} could not be read"
        return outcome(self, Status.FOUND if findings else Status.NOT_FOUND, reason, url=self.url,
                       findings=findings)

    def _finding(self, match: pii.Match, url: str, text: str, where: str, confidence: float) -> Finding:
        return make_finding(
            self, f"{match.kind}_in_search",
            title=("finding.in_search", {"field": match.kind}),
            severity=SEVERITY.get(match.kind, Severity.MEDIUM), confidence=confidence, url=url,
            snippet=pii.snippet_around(text, match.start, match.end), advice=f"{match.kind}_in_search",
            detail={"query_kind": self.kind, "found_in": where}, value=match.value,
        )
