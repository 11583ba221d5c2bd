"""The shared half of every profile extractor: fetch, honest failure handling, exposure findings.

A subclass declares `site_id`, `platform`, `profile_url()` and `request_url()`, and a pure
`extract(result) -> Extracted | None`. Everything else (blocks, 404s, malformed bodies,
needle matching, findings) is here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ...model import CheckOutcome, PlannedRequest, Severity, Status, Tip
from ...net.fetch import FetchResult
from ..base import CheckContext, make_finding, outcome, unknown_from_fetch
from ..blocks import block_reason
from ..profiles import exposure_findings


@dataclass(frozen=True)
class Extracted:
    """What one profile shows. `visibility`: public | private | unknown."""

    fields: dict[str, str] = field(default_factory=dict)
    visibility: str = "public"
    exists: bool = True


@dataclass
class ProfileCheck:
    handle: str
    site_id: ClassVar[str] = ""
    platform: ClassVar[str] = ""
    advice: ClassVar[str] = ""  # advice id; defaults to site_id
    method: ClassVar[str] = "GET"
    headers: ClassVar[dict[str, str]] = {}
    not_found_statuses: ClassVar[tuple[int, ...]] = (404, 410)
    tip: Tip = Tip.SOCIAL_VISIBILITY
    uses: tuple[str, ...] = ("handle",)

    @property
    def id(self) -> str:
        return f"profile:{self.site_id}"

    @property
    def label(self) -> str:
        return self.platform

    @property
    def target(self) -> str:
        return self.handle

    def request_url(self) -> str:
        raise NotImplementedError

    def profile_url(self) -> str:
        return self.request_url()

    def accepts(self) -> bool:
        """False when this platform cannot have an account with this handle (the check is skipped)."""
        return True

    def requests(self) -> list[PlannedRequest]:
        if not self.accepts():
            return []
        return [PlannedRequest(self.id, self.method, self.request_url(), self.uses)]

    def extract(self, result: FetchResult) -> Extracted | None:
        """Pure: the response in, what the profile shows out; None if the answer cannot be read."""
        raise NotImplementedError

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        page = self.profile_url()
        if not self.accepts():
            return outcome(self, Status.SKIPPED, f"{self.platform} does not accept this handle", url=page)
        result = await ctx.fetcher.request(self.method, self.request_url(), headers=dict(self.headers) or None)
        special = self.special_status(result)
        if special is not None:
            return special
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status in self.not_found_statuses:
            return outcome(self, Status.NOT_FOUND, f"no {self.platform} account with this handle", url=page)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=page)
        try:
            extracted = self.extract(result)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return outcome(self, Status.UNKNOWN, f"unreadable answer: {type(e).__name__}", url=page)
        if extracted is None:
            return outcome(self, Status.UNKNOWN, f"answer is not a {self.platform} profile", url=page)
        if not extracted.exists:
            return outcome(self, Status.NOT_FOUND, f"no {self.platform} account with this handle", url=page)
        advice = self.advice or self.site_id
        if extracted.visibility == "private":
            finding = make_finding(
                self, "private_profile", title=("finding.private_profile", {"platform": self.platform}),
                severity=Severity.INFO, confidence=0.9, url=page, snippet=f"{self.platform}: {page}",
                advice=advice, detail={"platform": self.platform, "visibility": "private"},
                value=f"{self.site_id}:{self.handle.lower()}",
            )
            shown = [f for f in exposure_findings(self, self.platform, page, extracted.fields, ctx.identity, advice)
                     if f.kind != "public_profile"]
            return outcome(self, Status.PRIVATE, "profile is private", url=page, findings=[finding, *shown])
        findings = exposure_findings(self, self.platform, page, extracted.fields, ctx.identity, advice)
        if not findings:
            findings = [make_finding(
                self, "account", title=("finding.account", {"handle": self.handle, "platform": self.platform}),
                severity=Severity.INFO, confidence=0.9, url=page, snippet=f"{self.platform}: {page}", advice=advice,
                detail={"platform": self.platform, "visibility": extracted.visibility},
                value=f"{self.site_id}:{self.handle.lower()}",
            )]
        reason = "public profile" if extracted.visibility == "public" else "profile found, visibility unknown"
        return outcome(self, Status.FOUND, reason, url=page, findings=findings)

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        """Hook for platform-specific answers (rate-limit headers, odd not-found codes) before the generic ones."""
        return None
