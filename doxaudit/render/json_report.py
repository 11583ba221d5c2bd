"""The JSON report: a published contract (reports/report.schema.json). Add fields, never break them."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import advice
from ..i18n import t
from ..model import Report, TipScore


def _tip(ts: TipScore, lang: str) -> dict[str, Any]:
    return {
        "id": ts.tip.value if ts.tip else "overall",
        "title": t(f"tip.{ts.tip.value}", lang) if ts.tip else t("report.overall", lang),
        "score": ts.score, "grade": ts.grade, "status": ts.status, "reasons": list(ts.reasons),
        "checks_total": ts.checks_total, "completed": ts.completed, "unknown": ts.unknown,
    }


def to_dict(report: Report) -> dict[str, Any]:
    lang = report.lang
    return {
        "schema_version": report.schema_version,
        "tool_version": report.tool_version,
        "generated_at": report.generated_at,
        "lang": lang,
        "mode": report.mode,
        "masked": report.masked,
        "partial": report.partial,
        "identity": {"kinds": sorted(report.identity.values),
                     "values": {k: list(v) for k, v in report.identity.values.items()}},
        "coverage": {"checks_total": report.coverage.checks_total, "completed": report.coverage.completed,
                     "unknown": report.coverage.unknown, "skipped": report.coverage.skipped,
                     "reasons": report.coverage.reasons},
        "overall": _tip(report.overall, lang),
        "tips": [_tip(ts, lang) for ts in report.tips],
        "findings": [
            {
                "id": f.fingerprint, "check": f.check, "tip": f.tip.value, "kind": f.kind,
                "severity": f.severity.label, "confidence": f.confidence, "title": f.title,
                "url": f.evidence.url, "snippet": f.evidence.snippet,
                "advice": advice.one_line(f.advice, lang), "advice_id": f.advice, "detail": f.detail,
            }
            for f in report.findings
        ],
        "checks": [
            {"id": o.check, "tip": o.tip.value, "label": o.label, "target": o.target, "status": o.status.value,
             "url": o.url, "reason": o.reason, "elapsed": o.elapsed}
            for o in report.checks
        ],
        "manual_links": [
            {"engine": link.engine, "kind": link.kind, "why": link.why, "label": link.label, "url": link.url}
            for link in report.manual_links
        ],
        "requests": [
            {"method": r.method, "url": r.url, **({"status": r.status} if r.error is None else {"error": r.error})}
            for r in report.requests
        ],
    }


# Legal in JSON strings, but a terminal acts on C1 controls (8-bit CSI/OSC) and bidi characters reorder what
# is read; lone surrogates cannot even be written. Structural JSON is ASCII, so these only occur inside
# strings, and a \uXXXX escape keeps every value exactly as it was.
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def render(report: Report) -> str:
    text = json.dumps(to_dict(report), indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
