"""The shared half of every profile extractor: fetch, honest failure handling, exposure findings.

A subclass declares `site_id`, `platform`, `profile_url()` and `request_url()`, and a pure
`extract(result) -> Extracted | None`. Everything else (blocks, 404s, malformed bodies,
needle matching, findings) is here, once. A platform whose first answer only proves the
account exists may fetch the details in `enrich` (planned as a dynamic request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import quote

from ... import pii
from ...identity import Identity
from ...model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from ...net.fetch import FetchResult
from ..base import CheckContext, make_finding, outcome, unknown_from_fetch
from ..blocks import block_reason
from ..profiles import exposure_findings

# What a hostile body can make a pure extractor raise. ParseError from XML is a SyntaxError;
# anything else is a bug and becomes an `error` outcome in run_safely.
UNREADABLE = (ValueError, LookupError, TypeError, AttributeError, SyntaxError, RecursionError)


@dataclass(frozen=True)
class Extracted:
    """What one profile shows. `visibility`: public | private | unknown.

    `reason` replaces the generic outcome reason (e.g. "account suspended"); `meta` carries
    values a follow-up request needs (never reported).
    """

    fields: dict[str, str] = field(default_factory=dict)
    visibility: str = "public"
    exists: bool = True
    reason: str = ""
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class ProfileCheck:
    handle: str
    site_id: ClassVar[str] = ""
    platform: ClassVar[str] = ""
    advice: ClassVar[str] = ""  # advice id; defaults to site_id
    method: ClassVar[str] = "GET"
    headers: ClassVar[dict[str, str]] = {}
    not_found_statuses: ClassVar[tuple[int, ...]] = (404, 410)
    handle_pattern: ClassVar[str] = ""  # re.fullmatch on the raw handle; the catalog entry's pattern
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

    @property
    def account(self) -> str:
        """The handle as it goes into a URL path or query: every reserved character escaped."""
        return quote(self.handle, safe="")

    def request_url(self) -> str:
        raise NotImplementedError

    def profile_url(self) -> str:
        return self.request_url()

    def accepts(self) -> bool:
        """False when this platform cannot have an account with this handle (the check is skipped)."""
        if not self.handle:
            return False
        return not self.handle_pattern or re.fullmatch(self.handle_pattern, self.handle) is not None

    def follow_up_requests(self) -> list[PlannedRequest]:
        """Requests `enrich` may make, known only at run time (shown by `plan` as dynamic)."""
        return []

    def requests(self) -> list[PlannedRequest]:
        if not self.accepts():
            return []
        return [PlannedRequest(self.id, self.method, self.request_url(), self.uses), *self.follow_up_requests()]

    def extract(self, result: FetchResult) -> Extracted | None:
        """Pure: the response in, what the profile shows out; None if the answer cannot be read."""
        raise NotImplementedError

    async def enrich(self, ctx: CheckContext, extracted: Extracted) -> Extracted:
        """Hook: fetch more of a profile that exists. Must never raise; a failure keeps `extracted`."""
        return extracted

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
        except UNREADABLE as e:
            return outcome(self, Status.UNKNOWN, f"unreadable answer: {type(e).__name__}", url=page)
        if extracted is None:
            reason = f"answer is not a {self.platform} profile"
            if result.truncated:
                reason += " (body cut at size limit)"
            return outcome(self, Status.UNKNOWN, reason, url=page)
        if not extracted.exists:
            return outcome(self, Status.NOT_FOUND, extracted.reason or f"no {self.platform} account with this handle",
                           url=page)
        extracted = await self.enrich(ctx, extracted)
        advice = self.advice or self.site_id
        if extracted.visibility == "private":
            finding = make_finding(
                self, "private_profile", title=("finding.private_profile", {"platform": self.platform}),
                severity=Severity.INFO, confidence=0.9, url=page, snippet=f"{self.platform}: {page}",
                advice=advice, detail={"platform": self.platform, "visibility": "private"},
                value=f"{self.site_id}:{self.handle.lower()}",
            )
            shown = [f for f in self._exposure(page, extracted.fields, ctx.identity, advice)
                     if f.kind != "public_profile"]
            return outcome(self, Status.PRIVATE, extracted.reason or "profile is private", url=page,
                           findings=[finding, *shown])
        findings = self._exposure(page, extracted.fields, ctx.identity, advice)
        if not findings:
            findings = [make_finding(
                self, "account", title=("finding.account", {"handle": self.handle, "platform": self.platform}),
                severity=Severity.INFO, confidence=0.9, url=page, snippet=f"{self.platform}: {page}", advice=advice,
                detail={"platform": self.platform, "visibility": extracted.visibility},
                value=f"{self.site_id}:{self.handle.lower()}",
            )]
        reason = "public profile" if extracted.visibility == "public" else "profile found, visibility unknown"
        return outcome(self, Status.FOUND, extracted.reason or reason, url=page, findings=findings)

    def _exposure(self, page: str, fields: dict[str, str], identity: Identity, advice: str) -> list[Finding]:
        findings = exposure_findings(self, self.platform, page, fields, identity, advice)
        if identity.city and not any(f.kind == "city_in_profile" for f in findings):
            city = city_elsewhere(self, page, fields, identity)
            if city is not None:
                findings.insert(0, city)
        return findings

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        """Hook for platform-specific answers (rate-limit headers, odd not-found codes) before the generic ones."""
        return None


CITY_TEXT_FIELDS = ("bio", "display_name", "employer")


def city_elsewhere(check: ProfileCheck, page: str, fields: dict[str, str], identity: Identity) -> Finding | None:
    """The user's city named in a bio, display name or employer (exposure_findings handles the location field)."""
    for name in CITY_TEXT_FIELDS:
        text = fields.get(name, "")
        if not text:
            continue
        matches = pii.find_words(text, (identity.city,), "city")
        if matches:
            m = matches[0]
            snippet = pii.snippet_around(text, m.start, m.end, 60)
            return make_finding(
                check, "city_in_profile", title=("finding.city_in_profile", {"platform": check.platform}),
                severity=Severity.MEDIUM, confidence=0.8, url=page, snippet=f"{name}: {snippet}",
                advice="profile_location_public", detail={"platform": check.platform, "field": name},
                value=identity.city,
            )
    return None
