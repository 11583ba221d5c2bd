"""What a public profile shows a stranger, and whether it shows the user's own contact details.

`exposure_findings` is shared by every profile extractor: give it the fields a profile
exposes and it returns findings, with the user's own needles weighed highest.
"""

from __future__ import annotations

from .. import pii
from ..identity import Identity, fold
from ..model import Finding, Severity
from .base import Check, make_finding

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
