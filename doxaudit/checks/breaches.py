"""Data breaches that exposed the email: Have I Been Pwned with a key, XposedOrNot without.

A 404 or all-null answer means "no known breach" (completed); a 429 or block page
means unknown. Severity grows with what leaked (passwords, phone, address) and recency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from ..model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from .base import Check, CheckContext, make_finding, outcome, unknown_from_fetch
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json

PASSWORD_CLASSES = {"passwords", "password hints", "password", "passwords (plaintext)"}
CONTACT_CLASSES = {"phone numbers", "physical addresses", "dates of birth", "home addresses", "addresses",
                   "geographic locations", "government issued ids", "passport numbers", "social security numbers"}


@dataclass(frozen=True)
class Breach:
    name: str
    date: str  # YYYY or YYYY-MM-DD
    data_classes: tuple[str, ...]
    domain: str = ""
    records: int | None = None


def breach_severity(breach: Breach, now: datetime | None = None) -> Severity:
    classes = {c.lower() for c in breach.data_classes}
    if classes & PASSWORD_CLASSES and classes & CONTACT_CLASSES:
        severity = Severity.CRITICAL
    elif classes & PASSWORD_CLASSES or classes & CONTACT_CLASSES:
        severity = Severity.HIGH
    else:
        severity = Severity.MEDIUM
    year_match = re.match(r"(\d{4})", breach.date)
    year_now = (now or datetime.now(UTC)).year
    if year_match and year_now - int(year_match.group(1)) > 8 and severity > Severity.MEDIUM:
        severity = Severity(severity - 1)
    return severity


def breach_findings(check: Check, breaches: list[Breach], email: str, source_url: str) -> list[Finding]:
    findings = []
    for b in breaches:
        classes = {c.lower() for c in b.data_classes}
        advice = ("breach_password_exposed" if classes & PASSWORD_CLASSES
                  else "breach_contact_exposed" if classes & CONTACT_CLASSES else "breach_found")
        findings.append(make_finding(
            check, "breach", title=("finding.breach", {"breach": b.name, "date": b.date or "?"}),
            severity=breach_severity(b), confidence=0.95, url=source_url,
            snippet=f"{b.name}: {', '.join(b.data_classes) or 'data classes not given'}",
            advice=advice, detail={"breach": b.name, "date": b.date, "data_classes": ", ".join(b.data_classes),
                                   "domain": b.domain},
            value=f"{email}:{b.name}",
        ))
    return findings


def parse_xon_analytics(data: Any) -> list[Breach] | None:
    """XposedOrNot breach-analytics. [] for the documented all-null "not found"; None if unreadable."""
    if not isinstance(data, dict):
        return None
    exposed = data.get("ExposedBreaches")
    if exposed is None:
        return [] if "ExposedBreaches" in data or data.get("Error") == "Not found" else None
    if not isinstance(exposed, dict) or not isinstance(exposed.get("breaches_details"), list):
        return None
    out = []
    for item in exposed["breaches_details"]:
        if not isinstance(item, dict) or not isinstance(item.get("breach"), str):
            continue
        xposed = item.get("xposed_data")
        classes = xposed if isinstance(xposed, str) else ""
        records = item.get("xposed_records")
        out.append(Breach(
            name=item["breach"][:100], date=str(item.get("xposed_date", ""))[:20],
            data_classes=tuple(c.strip()[:60] for c in classes.split(";") if c.strip()),
            domain=str(item.get("domain", ""))[:100], records=records if isinstance(records, int) else None,
        ))
    return out


def parse_hibp(data: Any) -> list[Breach] | None:
    if not isinstance(data, list):
        return None
    out = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("Name"), str):
            continue
        raw_classes = item.get("DataClasses")
        classes = raw_classes if isinstance(raw_classes, list) else []
        out.append(Breach(
            name=str(item.get("Title") or item["Name"])[:100], date=str(item.get("BreachDate", ""))[:20],
            data_classes=tuple(str(c)[:60] for c in classes if isinstance(c, str)),
            domain=str(item.get("Domain", ""))[:100],
            records=item.get("PwnCount") if isinstance(item.get("PwnCount"), int) else None,
        ))
    return out


@dataclass
class XposedOrNotCheck:
    email: str
    tip: Tip = Tip.PASSWORDS
    uses: tuple[str, ...] = ("email",)
    id: str = "breach:xposedornot"
    label: str = "Breaches (XposedOrNot)"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        return f"https://api.xposedornot.com/v1/breach-analytics?email={quote(self.email, safe='')}"

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses)]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        try:
            breaches = parse_xon_analytics(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if breaches is None:
            return outcome(self, Status.UNKNOWN, "answer not in XposedOrNot's documented format", url=self.url)
        if not breaches:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        return outcome(self, Status.FOUND, f"{len(breaches)} breaches", url=self.url,
                       findings=breach_findings(self, breaches, self.email, "https://xposedornot.com/"))


@dataclass
class HibpCheck:
    email: str
    api_key: str
    tip: Tip = Tip.PASSWORDS
    uses: tuple[str, ...] = ("email",)
    id: str = "breach:hibp"
    label: str = "Breaches (Have I Been Pwned)"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        return (f"https://haveibeenpwned.com/api/v3/breachedaccount/{quote(self.email, safe='')}"
                "?truncateResponse=false")

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses, note="with your HIBP_API_KEY")]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url, headers={"hibp-api-key": self.api_key})
        if result.status == 401:
            return outcome(self, Status.ERROR, "Have I Been Pwned refused the API key (HIBP_API_KEY)", url=self.url)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        try:
            breaches = parse_hibp(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if breaches is None:
            return outcome(self, Status.UNKNOWN, "answer not in HIBP's documented format", url=self.url)
        if not breaches:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        return outcome(self, Status.FOUND, f"{len(breaches)} breaches", url=self.url,
                       findings=breach_findings(self, breaches, self.email,
                                                "https://haveibeenpwned.com/"))
