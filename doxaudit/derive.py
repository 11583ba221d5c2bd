"""Findings that only appear across checks, such as one handle tying many accounts together."""

from __future__ import annotations

from collections import defaultdict

from .checks.base import fingerprint, value_hash
from .i18n import t
from .model import CheckOutcome, Evidence, Finding, Severity, Status, Tip

LINK_THRESHOLD = 3


def linkability(outcomes: list[CheckOutcome]) -> list[Finding]:
    """The same handle on several platforms links them; a real name or city on one exposes all."""
    by_handle: dict[str, list[CheckOutcome]] = defaultdict(list)
    for o in outcomes:
        if o.tip is Tip.SOCIAL_VISIBILITY and o.status in (Status.FOUND, Status.PRIVATE):
            by_handle[o.target.lower()].append(o)
    findings = []
    for handle, found in sorted(by_handle.items()):
        if len(found) < LINK_THRESHOLD:
            continue
        revealing = [o.label for o in found
                     if any(f.kind in ("public_profile", "city_in_profile") or f.kind.endswith("_in_profile")
                            for f in o.findings)]
        names = sorted({o.label for o in found})
        severity = Severity.MEDIUM if revealing or len(found) >= 6 else Severity.LOW
        snippet = f"'{handle}' on: {', '.join(names)}"
        if revealing:
            snippet += f". Personal details shown on: {', '.join(sorted(set(revealing)))}"
        findings.append(Finding(
            check="derived:linkability", tip=Tip.SOCIAL_VISIBILITY, kind="handle_reuse",
            title=t("finding.handle_reuse", "en", handle=handle, count=str(len(found))),
            title_key="finding.handle_reuse", title_args={"handle": handle, "count": str(len(found))},
            severity=severity, confidence=min(0.95, min((f.confidence for o in found for f in o.findings),
                                                           default=0.8)),
            evidence=Evidence(url=found[0].url, snippet=snippet[:400]), advice="handle_reuse",
            detail={"accounts": ", ".join(names)},
            fingerprint=fingerprint("derived:linkability", "handle_reuse", value_hash(handle), ""),
        ))
    return findings
