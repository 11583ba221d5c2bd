"""Builds the Report from outcomes: derived findings, de-duplication, scoring and masking.

Masking happens here, once, so every renderer and every file format gets the same
masked values unless the user asked for --reveal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from . import __version__, reasons
from .checks.breaches import breach_summaries
from .checks.search import manual_label, manual_links
from .derive import linkability
from .i18n import t
from .identity import KINDS, Identity
from .masking import Masker
from .model import (
    CheckOutcome,
    Coverage,
    Evidence,
    Finding,
    IdentityView,
    Report,
    RequestLog,
    Tip,
)
from .scoring import coverage, score_all

SCHEMA_VERSION = "1.0"


def localized_title(f: Finding, lang: str) -> str:
    """The finding's title in `lang`; field names in its arguments are translated too."""
    if not f.title_key:
        return f.title
    args = dict(f.title_args)
    if "field" in args:
        args["field"] = t(f"field.{args['field']}", lang)
    if "fields" in args:
        args["fields"] = ", ".join(t(f"field.{x.strip()}", lang) for x in args["fields"].split(","))
    return t(f.title_key, lang, **args)


def _mask_finding(f: Finding, m: Masker, lang: str) -> Finding:
    return replace(
        f, title=m.mask(localized_title(f, lang)),
        evidence=Evidence(url=m.mask(f.evidence.url), snippet=m.mask(f.evidence.snippet)),
        detail={k: m.mask(v) for k, v in f.detail.items()},
    )


def _mask_outcome(o: CheckOutcome, m: Masker, lang: str) -> CheckOutcome:
    return replace(o, target=m.mask(o.target), url=m.mask(o.url), reason=m.mask(reasons.localize(o.reason, lang)),
                   findings=())


def _localized_coverage(cov: Coverage, m: Masker, lang: str) -> Coverage:
    counts: dict[str, int] = {}
    for reason, count in cov.reasons.items():
        key = m.mask(reasons.localize(reason, lang))
        counts[key] = counts.get(key, 0) + count
    return replace(cov, reasons=counts)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per fingerprint, keeping the most confident; most severe first."""
    best: dict[str, Finding] = {}
    for f in findings:
        kept = best.get(f.fingerprint)
        if kept is None or (f.confidence, f.severity) > (kept.confidence, kept.severity):
            best[f.fingerprint] = f
    return sorted(best.values(), key=lambda f: (-f.severity, -f.confidence, f.tip.value, f.title))


def build_report(
    identity: Identity, outcomes: list[CheckOutcome], requests: list[RequestLog], *,
    lang: str = "en", reveal: bool = False, mode: str = "live", partial: bool = False,
    tips: tuple[Tip, ...] = tuple(Tip), generated_at: str | None = None, search_sensitive: bool = False,
) -> Report:
    masker = Masker(identity, reveal=reveal)
    findings = dedupe([f for o in outcomes for f in o.findings] + linkability(outcomes) + breach_summaries(outcomes))
    tip_scores, overall = score_all(outcomes, findings, tips, lang, lambda f: localized_title(f, lang))
    tip_scores = [replace(s, reasons=tuple(masker.mask(r) for r in s.reasons)) for s in tip_scores]
    view = IdentityView({k: tuple(masker.value(k, v) for v in identity.values(k)) for k in KINDS
                         if identity.values(k)})
    return Report(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
        identity=view,
        coverage=_localized_coverage(coverage(outcomes), masker, lang),
        tips=tuple(tip_scores),
        overall=overall,
        findings=tuple(_mask_finding(f, masker, lang) for f in findings),
        checks=tuple(_mask_outcome(o, masker, lang) for o in outcomes),
        # Sorted, so the same scan gives the same report whatever order concurrent requests finished in.
        requests=tuple(sorted((replace(r, url=masker.mask(r.url)) for r in requests), key=lambda r: (r.url, r.method))),
        lang=lang, masked=not reveal, mode=mode, partial=partial,
        manual_links=tuple(replace(link, url=masker.mask(link.url), label=masker.mask(manual_label(link, lang)))
                           for link in manual_links(identity, outcomes, search_sensitive)),
    )
