"""GitHub commit search by author email: is the (login) email public in commits?

Every Git commit carries its author's email, and GitHub's commit search finds them by
address for anyone. A count above 0 means the address is public; the advice is to
commit with GitHub's no-reply address. A rate limit (403/429), a refused query (422) or
an incomplete search is `unknown`, never "not in commits".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..model import CheckOutcome, PlannedRequest, Severity, Status, Tip
from ..net.fetch import FetchResult
from .base import CheckContext, make_finding, outcome, unknown_from_fetch
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json, text_field

API = "https://api.github.com/search/commits"
MAX_COUNT = 10**9


@dataclass(frozen=True)
class CommitHits:
    total: int
    incomplete: bool
    example_url: str = ""  # a commit page on github.com, if the answer gave a safe one
    example_repo: str = ""


def _github_page(value: object) -> str:
    """Only https://github.com/ pages are used as evidence links; anything else is dropped."""
    if not isinstance(value, str) or len(value) > 500 or not value.startswith("https://github.com/"):
        return ""
    if any(ch.isspace() or ord(ch) < 0x20 or ch in "\"'<>\\" for ch in value):
        return ""
    return value


def parse_commit_search(data: Any) -> CommitHits | None:
    """GitHub's search answer: `total_count`, `incomplete_results`, `items`. None if it is not one."""
    if not isinstance(data, dict):
        return None
    total = data.get("total_count")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        return None
    incomplete = data.get("incomplete_results") is True
    items = data.get("items")
    first = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
    repo = first.get("repository")
    repo_name = text_field(repo, "full_name", 140) if isinstance(repo, dict) else ""
    return CommitHits(min(total, MAX_COUNT), incomplete, _github_page(first.get("html_url")), repo_name)


@dataclass
class GitHubCommitEmailCheck:
    email: str
    tip: Tip = Tip.PASSWORDS  # the login email, public in commits
    uses: tuple[str, ...] = ("email",)
    id: str = "api:github-commits"
    label: str = "Email in public GitHub commits"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        query = quote(f"author-email:{self.email}", safe=":@")
        return f"{API}?q={query}&per_page=1"

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses, note="GitHub commit search")]

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        if result.error:
            return None
        if result.status in (403, 429) and (result.headers.get("x-ratelimit-remaining") == "0"
                                            or "retry-after" in result.headers or result.status == 429):
            return outcome(self, Status.UNKNOWN, "GitHub API rate limit reached", url=self.url)
        if result.status == 403:
            return outcome(self, Status.UNKNOWN, "GitHub refused the search (HTTP 403)", url=self.url)
        if result.status == 422:
            return outcome(self, Status.UNKNOWN, "GitHub could not run this search (HTTP 422)", url=self.url)
        return None

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url, headers={"Accept": "application/vnd.github+json"})
        special = self.special_status(result)
        if special is not None:
            return special
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        if result.truncated:
            return outcome(self, Status.UNKNOWN, "answer too large (cut off)", url=self.url)
        try:
            hits = parse_commit_search(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if hits is None:
            return outcome(self, Status.UNKNOWN, "answer not in GitHub's documented search format", url=self.url)
        if hits.total == 0:
            if hits.incomplete:  # the search timed out on GitHub's side: absence is not established
                return outcome(self, Status.UNKNOWN, "GitHub's search was incomplete", url=self.url)
            return outcome(self, Status.NOT_FOUND, "no public commits with this email", url=self.url)
        page = hits.example_url or self.url
        snippet = f"{hits.total} commits" + (f", e.g. in {hits.example_repo}" if hits.example_repo else "")
        finding = make_finding(
            self, "email_in_commits", title=("passwords.finding.github_commits", {"count": str(hits.total)}),
            severity=Severity.MEDIUM, confidence=0.9, url=page, snippet=snippet, advice="github_commit_email",
            detail={"commits": str(hits.total), "repository": hits.example_repo,
                    **({"incomplete": "true"} if hits.incomplete else {})},
            value=self.email,
        )
        return outcome(self, Status.FOUND, f"{hits.total} public commits", url=page, findings=[finding])
