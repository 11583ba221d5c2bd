"""What a public profile shows a stranger, and whether it shows the user's own contact details.

`exposure_findings` is shared by every profile extractor: give it the fields a profile
exposes and it returns findings, with the user's own needles weighed highest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import pii
from ..identity import Identity, fold
from ..model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from .base import Check, CheckContext, make_finding, outcome, unknown_from_fetch
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json, text_field

FIELD_WEIGHT = {"email": Severity.MEDIUM, "phone": Severity.HIGH, "location": Severity.LOW,
                "real_name": Severity.LOW, "employer": Severity.LOW, "website": Severity.INFO,
                "bio": Severity.INFO, "display_name": Severity.INFO, "linked_accounts": Severity.INFO}


def exposure_findings(check: Check, platform: str, url: str, fields: dict[str, str],
                      identity: Identity, advice: str) -> list[Finding]:
    findings: list[Finding] = []
    shown = {k: v for k, v in fields.items() if v}
    if not shown:
        return findings
    for name, text in shown.items():
        for match in pii.find_sensitive(text, identity):
            findings.append(_needle_finding(check, platform, url, name, text, match))
    location = shown.get("location", "")
    if location and identity.city and fold(identity.city) in fold(location):
        findings.append(make_finding(
            check, "city_in_profile", title=("finding.city_in_profile", {"platform": platform}),
            severity=Severity.MEDIUM, confidence=0.9, url=url, snippet=f"location: {location}",
            advice="profile_location_public", detail={"platform": platform, "field": "location"},
            value=identity.city,
        ))
    listed = ", ".join(sorted(shown))
    worst = max((FIELD_WEIGHT.get(k, Severity.INFO) for k in shown), default=Severity.INFO)
    summary = "; ".join(f"{k}: {v}" for k, v in shown.items())
    findings.append(make_finding(
        check, "public_profile",
        title=("finding.public_profile", {"platform": platform, "fields": listed}),
        severity=worst, confidence=0.95, url=url, snippet=summary,
        advice=advice, detail={"platform": platform, "fields": listed, "visibility": "public"},
        value=f"{platform}:{listed}",
    ))
    return findings


def _needle_finding(check: Check, platform: str, url: str, field_name: str, text: str,
                    match: pii.Match) -> Finding:
    severity = Severity.HIGH if match.kind in ("phone", "address") else Severity.MEDIUM
    return make_finding(
        check, f"{match.kind}_in_profile",
        title=("finding.in_profile", {"field": match.kind, "platform": platform}),
        severity=severity, confidence=0.95, url=url,
        snippet=f"{field_name}: " + pii.snippet_around(text, match.start, match.end, 60),
        advice="contact_in_profile", detail={"platform": platform, "field": match.kind, "profile_field": field_name},
        value=match.value,
    )


@dataclass
class GitHubProfileCheck:
    """GitHub's public REST API shows what anyone sees on a profile, including a public email."""

    handle: str
    tip: Tip = Tip.SOCIAL_VISIBILITY
    uses: tuple[str, ...] = ("handle",)
    id: str = "profile:github"
    label: str = "GitHub profile"

    @property
    def target(self) -> str:
        return self.handle

    @property
    def url(self) -> str:
        return f"https://api.github.com/users/{self.handle}"

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses)]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url, headers={"Accept": "application/vnd.github+json"})
        page = f"https://github.com/{self.handle}"
        if result.status == 403 and result.headers.get("x-ratelimit-remaining") == "0":
            return outcome(self, Status.UNKNOWN, "GitHub API rate limit reached", url=page)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no GitHub user with this handle", url=page)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=page)
        try:
            data = parse_json(result.body)
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=page)
        fields = extract_github(data)
        if fields is None:
            return outcome(self, Status.UNKNOWN, "answer is not a GitHub user object", url=page)
        findings = exposure_findings(self, "GitHub", page, fields, ctx.identity, "github")
        return outcome(self, Status.FOUND, "public profile", url=page, findings=findings)


def extract_github(data: Any) -> dict[str, str] | None:
    if not isinstance(data, dict) or not isinstance(data.get("login"), str):
        return None
    fields = {
        "real_name": text_field(data, "name"),
        "location": text_field(data, "location"),
        "email": text_field(data, "email"),
        "website": text_field(data, "blog"),
        "employer": text_field(data, "company"),
        "bio": text_field(data, "bio"),
        "linked_accounts": ("x.com/" + text_field(data, "twitter_username")) if text_field(data, "twitter_username") else "",
    }
    return fields
