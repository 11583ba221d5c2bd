"""Contact details in search results: one query per check on the chosen backend, then the result pages.

By default the queries carry only search identifiers (name, city, email, handle). The
user's phone and street address are looked for locally, in the snippets and in the
fetched pages; they are searched for only with `search_sensitive`, which `plan` shows.
Each page is judged by `resolve`: a finding needs evidence the page is about the user,
a page that only shares the name is "possibly you" (INFO), a namesake is left out.

Result pages are untrusted input. They are de-duplicated across the queries of a scan and
capped per query and per scan (ResultBudget), fetched through the shared PageCache with the
fetcher's `untrusted=True` guard (http/https only, size-capped, and IP literals in private,
loopback or link-local ranges, `localhost`, `.local` and `.internal` refused at every redirect
hop) unless the user allows private addresses. Known limit: a public host *name* that resolves
to a private address is not refused. A lookup of our own before the fetch would not fix it (a
rebinding DNS server answers that lookup and the connection's own lookup differently); the fix
belongs in net/: check the peer address at connect time and pin it for the connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import quote_plus, urlsplit, urlunsplit

import phonenumbers
from bs4 import BeautifulSoup

from .. import advice, pii
from ..config import RunConfig
from ..errors import InputError
from ..i18n import t
from ..identity import Identity
from ..model import CheckOutcome, Finding, ManualLink, PlannedRequest, Severity, Status, Tip
from ..net.fetch import FetchResult
from ..resolve import Resolution, resolve
from .base import CheckContext, make_finding, outcome
from .blocks import block_reason
from .search_backends import (
    DDG_BLOCK,
    DDG_URL,
    Brave,
    DuckDuckGo,
    Parsed,
    SearchBackend,
    SearchResult,
    SearXNG,
    parse_ddg,
    searxng_base,
)

__all__ = ["DDG_BLOCK", "DDG_URL", "ManualLink", "SearchCheck", "SearchQuery", "SearchResult", "SearchSettings",
           "build_search_checks", "choose_backend", "manual_label", "manual_links", "page_text", "parse_ddg", "search_queries"]

SEVERITY = {"phone": Severity.HIGH, "address": Severity.HIGH, "email": Severity.MEDIUM}
PAGE_TEXT_LIMIT = 1_000_000
BACKENDS = ("auto", "duckduckgo", "searxng", "brave")
SNIPPET_CONFIDENCE_CAP = 0.9  # a snippet is a few words out of context


@dataclass(frozen=True)
class SearchSettings:
    """The search part of RunConfig. Read with defaults, so older configs keep working."""

    backend: str = "auto"  # auto | duckduckgo | searxng | brave
    searxng_url: str | None = None
    brave_api_key: str | None = field(default=None, repr=False)
    sensitive: bool = False  # also search for the phone number and street address
    allow_private: bool = False  # fetch result pages on private/loopback/link-local addresses
    pages_per_query: int = 5
    pages_total: int = 40

    @classmethod
    def from_config(cls, config: RunConfig) -> SearchSettings:
        def get(name: str, default: Any) -> Any:
            return getattr(config, name, default)

        return cls(
            backend=str(get("search_backend", "auto") or "auto"),
            searxng_url=cast("str | None", get("searxng_url", None)),
            brave_api_key=cast("str | None", get("brave_api_key", None)),
            sensitive=bool(get("search_sensitive", False)),
            allow_private=bool(get("allow_private_addresses", False)),
            pages_per_query=max(0, int(get("max_result_pages", 5))),
            pages_total=max(0, int(get("max_total_result_pages", 40))),
        )


# --- query plan -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchQuery:
    kind: str  # name | name+city | name+handle | email | handle | phone | address
    text: str
    uses: tuple[str, ...]  # identifier kinds this query sends

    @property
    def sensitive(self) -> bool:
        return bool({"phone", "address"} & set(self.uses))


def phone_query(e164: str) -> str:
    """The national and international spellings, without spaces (engines read `06-12345678` as a phrase)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return f'"{e164}"'
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    forms = dict.fromkeys((national.replace(" ", "-"), national.replace(" ", ""), e164))
    return " OR ".join(f'"{f}"' for f in forms)


def address_query(address: str, city: str) -> tuple[str, bool]:
    """(query, sends city): the street and house number, with the city when known."""
    street = " ".join(address.split(",")[0].split())
    if not city and "," in address:
        last = address.split(",")[-1]
        city = " ".join(w for w in last.split() if not any(ch.isdigit() for ch in w) and not (w.isupper() and len(w) == 2))
    return (f'"{street}" "{city}"', True) if city else (f'"{street}"', False)


def search_queries(identity: Identity, sensitive: bool = False) -> list[SearchQuery]:
    """Every query a scan sends. The phone and street address only when `sensitive` is asked for."""
    queries: list[SearchQuery] = []
    for name in identity.names:
        queries.append(SearchQuery("name", f'"{name}"', ("name",)))
        if identity.city:
            queries.append(SearchQuery("name+city", f'"{name}" "{identity.city}"', ("name", "city")))
        for handle in identity.handles:
            queries.append(SearchQuery("name+handle", f'"{name}" "{handle}"', ("name", "handle")))
    queries += [SearchQuery("email", f'"{email}"', ("email",)) for email in identity.emails]
    queries += [SearchQuery("handle", f'"{handle}"', ("handle",)) for handle in identity.handles]
    if sensitive:
        queries += [SearchQuery("phone", phone_query(phone), ("phone",)) for phone in identity.phones]
        for address in identity.addresses:
            text, with_city = address_query(address, identity.city)
            queries.append(SearchQuery("address", text, ("address", "city") if with_city else ("address",)))
    return queries


def valid_searxng_url(url: str) -> str:
    """The instance's base URL, or an InputError the CLI shows as one line."""
    base = searxng_base(url)
    if base is None:
        raise InputError(f"--searxng {url!r} is not an http(s) URL of a SearXNG instance (e.g. http://localhost:8888)")
    return base


def choose_backend(settings: SearchSettings) -> SearchBackend:
    """`auto`: Brave when a key is set, else the user's SearXNG when given, else DuckDuckGo."""
    name = settings.backend
    if name == "auto":
        name = "brave" if settings.brave_api_key else "searxng" if settings.searxng_url else "duckduckgo"
    if name == "duckduckgo":
        return DuckDuckGo()
    if name == "searxng":
        if not settings.searxng_url:
            raise InputError("--search-backend searxng needs --searxng URL (your SearXNG instance)")
        return SearXNG(valid_searxng_url(settings.searxng_url))
    if name == "brave":
        if not settings.brave_api_key:
            raise InputError("--search-backend brave needs the BRAVE_API_KEY environment variable")
        return Brave(settings.brave_api_key)
    raise InputError(f"--search-backend {name!r} is not one of {', '.join(BACKENDS)}")


# --- result pages -----------------------------------------------------------------------------

def url_key(url: str) -> str:
    """The same page under small spelling differences (case of host, fragment, trailing slash)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


@dataclass
class ResultBudget:
    """Shared by the search checks of one scan: each page is read once, and at most `total` pages in all."""

    per_query: int = 5
    total: int = 40
    claimed: dict[str, str] = field(default_factory=dict)  # url key -> query that read it

    def claim(self, url: str, query: str) -> str:
        """`read` (yours to fetch), `duplicate` (another query reads it) or `exhausted` (global cap reached)."""
        key = url_key(url)
        owner = self.claimed.get(key)
        if owner is not None:
            return "read" if owner == query else "duplicate"
        if len(self.claimed) >= self.total:
            return "exhausted"
        self.claimed[key] = query
        return "read"


def page_text(html: str) -> str:
    soup = BeautifulSoup(html[:PAGE_TEXT_LIMIT], "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


def page_title(html: str) -> str:
    soup = BeautifulSoup(html[:200_000], "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return " ".join(title.split())[:300]


def _advice(key: str, fallback: str) -> str:
    """A dedicated advice entry when the catalog has it, else a general one (never the account advice)."""
    return key if advice.lookup(key, "en") else fallback


@dataclass
class Tally:
    fetched: int = 0
    unread: int = 0
    duplicates: int = 0
    capped: int = 0
    about: int = 0
    namesakes: int = 0
    possible: int = 0


@dataclass
class SearchCheck:
    """One query on one backend; findings are the user's contact details on pages that are about them."""

    kind: str  # which identifier kind the query is built from (name, name+city, email, ...)
    query: str
    backend: SearchBackend = field(default_factory=DuckDuckGo)
    budget: ResultBudget | None = None
    tip: Tip = Tip.CONTACT_INFO
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.uses:
            self.uses = tuple(self.kind.split("+"))

    @property
    def id(self) -> str:
        return f"search:{self.backend.name}"

    @property
    def target(self) -> str:
        return self.query

    @property
    def label(self) -> str:
        return t("search.label", "en", backend=self.backend.label, kind=self.kind)

    @property
    def url(self) -> str:
        return self.backend.url(self.query)[1]

    def requests(self) -> list[PlannedRequest]:
        method, url, headers = self.backend.url(self.query)
        note = t("search.plan.key_header", "en") if any(h.lower() == "x-subscription-token" for h in headers) else ""
        return [
            PlannedRequest(self.id, method, url, self.uses, note=note),
            PlannedRequest(self.id, "GET", t("search.plan.result_pages", "en"), (), dynamic=True,
                           note=t("search.plan.result_pages_note", "en")),
        ]

    def _reason(self, key: str, args: dict[str, str], lang: str) -> str:
        return t(key, lang, **{k: t(v, lang) if k == "alternative" else v for k, v in args.items()})

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        settings = SearchSettings.from_config(ctx.config)
        lang = ctx.config.lang
        method, url, headers = self.backend.url(self.query)
        answer = await ctx.fetcher.request(method, url, headers=headers or None)
        try:
            parsed = self.backend.parse(answer)
        except Exception as e:  # a parser bug on a hostile answer is `unknown`, never a crash
            parsed = Parsed(Status.UNKNOWN, reason="search.reason.malformed",
                            args={"backend": self.backend.label, "why": type(e).__name__})
        if parsed.status is Status.UNKNOWN:
            return outcome(self, Status.UNKNOWN, self._reason(parsed.reason, parsed.args, lang), url=url)
        if not parsed.results:
            return outcome(self, Status.NOT_FOUND, self._reason(parsed.reason or "search.reason.no_results",
                                                                 parsed.args, lang), url=url)
        budget = self.budget or ResultBudget(settings.pages_per_query, settings.pages_total)
        findings = self._snippet_findings(parsed.results, ctx.identity)
        tally = Tally()
        for item in parsed.results:
            if tally.fetched >= budget.per_query:
                tally.capped += 1
                continue
            claim = budget.claim(item.url, self.query)
            if claim == "duplicate":
                tally.duplicates += 1
                continue
            if claim == "exhausted":
                tally.capped += 1
                continue
            tally.fetched += 1
            page = await self._fetch(ctx, item.url, settings)
            findings += self._page_findings(page, item, ctx.identity, tally)
        reason = self._summary(len(parsed.results), tally, parsed.args.get("engines_failed", ""), lang)
        return outcome(self, Status.FOUND if findings else Status.NOT_FOUND, reason, url=url, findings=findings)

    async def _fetch(self, ctx: CheckContext, url: str, settings: SearchSettings) -> FetchResult:
        if settings.allow_private:  # the user asked for it: the guard is off, and so is the shared cache
            return await ctx.fetcher.request("GET", url, untrusted=False)
        return await ctx.pages.get(url)

    def _snippet_findings(self, results: Iterable[SearchResult], identity: Identity) -> list[Finding]:
        findings: list[Finding] = []
        for item in results:
            text = f"{item.title} {item.snippet}"
            matches = _first_per_kind(pii.find_sensitive(text, identity))
            if not matches:
                continue
            res = resolve(item.snippet, identity, title=item.title, url=item.url)
            for match in matches:
                findings.append(self._finding(match, item.url, text, "search snippet",
                                              min(res.confidence, SNIPPET_CONFIDENCE_CAP), res))
        return findings

    def _page_findings(self, page: FetchResult, item: SearchResult, identity: Identity, tally: Tally) -> list[Finding]:
        if page.error or page.status != 200 or block_reason(page):
            tally.unread += 1
            return []
        content_type = page.headers.get("content-type", "text/html").lower()
        if "html" not in content_type and "text" not in content_type:
            return []
        raw = page.text
        if "html" in content_type:
            text, title = page_text(raw), page_title(raw) or item.title
        else:
            text, title = raw[:PAGE_TEXT_LIMIT], item.title
        res = resolve(text, identity, title=title, url=item.url)
        matches = _first_per_kind(pii.find_sensitive(text, identity))
        if matches:
            tally.about += 1
            return [self._finding(m, item.url, text, "page", res.confidence, res) for m in matches]
        if res.verdict == "about_me":
            tally.about += 1
        elif res.verdict == "namesake":
            tally.namesakes += 1
        elif res.verdict == "possible":
            tally.possible += 1
            return [self._possible(item, text, title, res)]
        return []

    def _summary(self, results: int, tally: Tally, engines_failed: str, lang: str) -> str:
        parts = [t("search.reason.summary", lang, results=str(results), read=str(tally.fetched - tally.unread))]
        for key, count in (("unread", tally.unread), ("duplicates", tally.duplicates), ("capped", tally.capped),
                           ("about", tally.about), ("possible", tally.possible), ("namesakes", tally.namesakes)):
            if count:
                parts.append(t(f"search.reason.summary_{key}", lang, count=str(count)))
        if engines_failed:
            parts.append(t("search.reason.summary_engines_failed", lang, engines=engines_failed[:200]))
        return ", ".join(parts)

    def _finding(self, match: pii.Match, url: str, text: str, where: str, confidence: float,
                 res: Resolution) -> Finding:
        return make_finding(
            self, f"{match.kind}_in_search",
            title=("finding.in_search", {"field": match.kind}),
            severity=SEVERITY.get(match.kind, Severity.MEDIUM), confidence=confidence, url=url,
            snippet=pii.snippet_around(text, match.start, match.end), advice=f"{match.kind}_in_search",
            detail={"query_kind": self.kind, "found_in": where, "evidence": res.evidence_kinds}, value=match.value,
        )

    def _possible(self, item: SearchResult, text: str, title: str, res: Resolution) -> Finding:
        snippet = pii.snippet_around(text, *res.anchor) if res.anchor else title
        return make_finding(
            self, "possible_match", title=("search.finding.possible_match", {}),
            severity=Severity.INFO, confidence=min(res.confidence, 0.49), url=item.url, snippet=snippet,
            advice=_advice("possible_match", "check_regularly"),
            detail={"query_kind": self.kind, "found_in": "page", "evidence": res.evidence_kinds,
                    "conflicts": ", ".join(res.conflicts)},
            value=url_key(item.url),
        )


def _first_per_kind(matches: list[pii.Match]) -> list[pii.Match]:
    seen: dict[str, pii.Match] = {}
    for m in matches:
        seen.setdefault(m.kind, m)
    return list(seen.values())


def build_search_checks(identity: Identity, config: RunConfig) -> list[SearchCheck]:
    """One check per query, all on one backend, sharing one result budget (pages read once, capped)."""
    settings = SearchSettings.from_config(config)
    backend = choose_backend(settings)
    budget = ResultBudget(settings.pages_per_query, settings.pages_total)
    return [SearchCheck(kind=q.kind, query=q.text, backend=backend, budget=budget, uses=q.uses)
            for q in search_queries(identity, settings.sensitive)]


# --- manual follow-up -------------------------------------------------------------------------

MANUAL_ENGINES = (
    ("google", "Google", "https://www.google.com/search?q={q}"),
    ("bing", "Bing", "https://www.bing.com/search?q={q}"),
    ("duckduckgo", "DuckDuckGo", "https://duckduckgo.com/?q={q}"),
    ("startpage", "Startpage", "https://www.startpage.com/do/dsearch?query={q}"),
)
LOGIN_ONLY_SITES = ("linkedin.com", "facebook.com")


def manual_links(identity: Identity, outcomes: Iterable[CheckOutcome], sensitive: bool = False) -> list[ManualLink]:
    """Ready-made links for the report. Phone and address only when `sensitive` searching was asked for."""
    outcomes = list(outcomes)
    searched: dict[str, CheckOutcome] = {o.target: o for o in outcomes if o.check.startswith("search:")}
    links: list[ManualLink] = []
    incomplete: list[ManualLink] = []
    for query in search_queries(identity, sensitive):
        done = searched.get(query.text)
        failed = done is None or done.status.failed
        ours = done.check.split(":", 1)[1] if done else ""
        for engine, _label, template in MANUAL_ENGINES:
            if engine == ours and not failed:
                continue  # doxaudit already read this engine's answer
            link = ManualLink(engine, query.kind, template.format(q=quote_plus(query.text)),
                              "search_incomplete" if failed else "other_engine")
            (incomplete if failed else links).append(link)
    for name in identity.names:
        for site in LOGIN_ONLY_SITES:
            q = quote_plus(f'"{name}" site:{site}')
            links.append(ManualLink("google", f"name@{site}", MANUAL_ENGINES[0][2].format(q=q), "login_only"))
    for o in outcomes:
        if o.tip is Tip.SOCIAL_VISIBILITY and o.status.failed and o.url.startswith(("https://", "http://")):
            incomplete.append(ManualLink(o.label[:60], "handle", o.url, "profile_unknown"))
    return incomplete + links


def manual_label(link: ManualLink, lang: str) -> str:
    """`Google: name + city`, `Google: name · linkedin.com`, `TikTok: username`, in the report's language."""
    engine = next((label for key, label, _ in MANUAL_ENGINES if key == link.engine), link.engine)
    kind, _, site = link.kind.partition("@")
    text = t(f"search.kind.{kind}", lang)
    return f"{engine}: {text} · {site}" if site else f"{engine}: {text}"
