"""Gravatar: the email's SHA-256 hash leads anyone to a public profile (and back to the email)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..model import CheckOutcome, PlannedRequest, Severity, Status, Tip
from .base import CheckContext, make_finding, outcome, unknown_from_fetch
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json, text_field
from .profiles import exposure_findings


def extract_gravatar(data: Any) -> dict[str, str] | None:
    if not isinstance(data, dict) or not any(k in data for k in ("hash", "profile_url", "display_name")):
        return None
    raw_accounts = data.get("verified_accounts")
    accounts = raw_accounts if isinstance(raw_accounts, list) else []
    links = [str(a["url"]) for a in accounts if isinstance(a, dict) and isinstance(a.get("url"), str)
             and not a.get("is_hidden")]
    first, last = text_field(data, "first_name"), text_field(data, "last_name")
    return {
        "display_name": text_field(data, "display_name"),
        "real_name": f"{first} {last}".strip(),
        "location": text_field(data, "location"),
        "bio": text_field(data, "description"),
        "employer": text_field(data, "company"),
        "linked_accounts": ", ".join(links[:10]),
    }


@dataclass
class GravatarCheck:
    email: str
    tip: Tip = Tip.PASSWORDS
    uses: tuple[str, ...] = ("email",)
    id: str = "api:gravatar"
    label: str = "Gravatar profile"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        digest = hashlib.sha256(self.email.strip().lower().encode("utf-8")).hexdigest()
        return f"https://api.gravatar.com/v3/profiles/{digest}"

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses, note="as a SHA-256 hash, as Gravatar requires")]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no Gravatar profile for this email", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        try:
            fields = extract_gravatar(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if fields is None:
            return outcome(self, Status.UNKNOWN, "answer not in Gravatar's documented format", url=self.url)
        data = parse_json(result.body)
        page = data.get("profile_url") if isinstance(data.get("profile_url"), str) else self.url
        page = page if page.startswith("https://") else self.url
        findings = [make_finding(
            self, "gravatar_public", title=("finding.gravatar_public", {}),
            severity=Severity.MEDIUM, confidence=0.95, url=page,
            snippet=f"{page} ({fields.get('display_name') or fields.get('real_name') or 'profile'})",
            advice="gravatar_public", value=self.email,
        )]
        findings += [f for f in exposure_findings(self, "Gravatar", page, fields, ctx.identity, "gravatar")
                     if f.kind != "public_profile" or any(fields.values())]
        return outcome(self, Status.FOUND, "public profile", url=page, findings=findings)
