"""Handle presence on one catalog site, with WhatsMyName's three-valued semantics.

found only when e_code and e_string both match; not_found only when m_code and
m_string both match; anything else (including both, or a block page) is unknown.
Redirects are not followed: WhatsMyName uses a 3xx as its own "missing" signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Site
from ..model import CheckOutcome, PlannedRequest, Severity, Status, Tip
from ..net.fetch import FetchResult
from .base import CheckContext, make_finding, outcome
from .blocks import block_reason

SENSITIVE_EXPOSURE = {"real_name", "location", "email", "phone", "employer", "birthday", "workouts_map",
                      "contacts", "payments"}


def classify(site: Site, result: FetchResult) -> tuple[Status, str, float]:
    """(status, reason, confidence) for one response. Pure."""
    blocked = block_reason(result)
    status = result.status
    if blocked and not (status == site.m_code and status in (301, 302, 303, 307, 308) and not site.m_string):
        return Status.UNKNOWN, blocked, 0.0
    if status is None:
        return Status.UNKNOWN, "no answer", 0.0
    text = result.text
    e_hit = status == site.e_code and site.e_string in text
    m_hit = status == site.m_code and site.m_string in text
    if e_hit and m_hit:
        # Equal codes: the side with a real string that matched is the stronger evidence.
        if site.e_string and not site.m_string:
            m_hit = False
        elif site.m_string and not site.e_string:
            e_hit = False
    if e_hit and not m_hit:
        confidence = 0.9 if site.e_string else 0.6
        if site.e_code == site.m_code and not site.e_string:
            confidence = 0.5
        return Status.FOUND, f"HTTP {status}" + (" with the profile marker" if site.e_string else ""), confidence
    if m_hit and not e_hit:
        return Status.NOT_FOUND, f"HTTP {status}" + (" with the not-found marker" if site.m_string else ""), 0.9
    if e_hit and m_hit:
        return Status.UNKNOWN, f"ambiguous answer (HTTP {status} matches both found and missing)", 0.0
    if 300 <= status < 400:
        return Status.UNKNOWN, f"unexpected redirect (HTTP {status})", 0.0
    if result.truncated:
        return Status.UNKNOWN, f"unexpected answer (HTTP {status}, body cut at size limit)", 0.0
    return Status.UNKNOWN, f"unexpected answer (HTTP {status})", 0.0


@dataclass
class SiteCheck:
    site: Site
    handle: str
    tip: Tip = Tip.SOCIAL_VISIBILITY
    uses: tuple[str, ...] = ("handle",)

    @property
    def id(self) -> str:
        return f"site:{self.site.id}"

    @property
    def target(self) -> str:
        return self.handle

    @property
    def label(self) -> str:
        return self.site.name

    def requests(self) -> list[PlannedRequest]:
        if not self.site.accepts(self.handle):
            return []
        return [PlannedRequest(self.id, self.site.method, self.site.check_url(self.handle), self.uses)]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        if not self.site.accepts(self.handle):
            return outcome(self, Status.SKIPPED, f"{self.site.name} does not accept this handle")
        result = await ctx.fetcher.request(
            self.site.method, self.site.check_url(self.handle), headers=self.site.headers or None,
            content=self.site.body(self.handle), follow_redirects=False,
        )
        status, reason, confidence = classify(self.site, result)
        profile = self.site.profile_url(self.handle)
        if status is not Status.FOUND:
            return outcome(self, status, reason, url=profile)
        exposes = [e for e in self.site.exposes if e in SENSITIVE_EXPOSURE]
        finding = make_finding(
            self, "account",
            title=("finding.account", {"handle": self.handle, "platform": self.site.name}),
            severity=Severity.LOW if exposes else Severity.INFO,
            confidence=confidence, url=profile,
            snippet=profile,
            advice=self.site.advice or "account_found",
            detail={"platform": self.site.name, "category": self.site.cat,
                    "typically_exposes": ", ".join(self.site.exposes), "visibility": "unknown"},
            value=f"{self.site.id}:{self.handle.lower()}",
        )
        return outcome(self, Status.FOUND, reason, url=profile, findings=[finding])
