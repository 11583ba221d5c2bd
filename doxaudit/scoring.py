"""Pure scoring: outcomes and findings in, a score per tip (and overall) out, with reasons.

100 means well protected. A tip whose checks mostly failed is `incomplete` and gets no
score: a scan that could not look must never look like a clean bill of health.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from .i18n import t
from .model import CheckOutcome, Coverage, Finding, Severity, Status, Tip, TipScore

PENALTY = {Severity.INFO: 0, Severity.LOW: 4, Severity.MEDIUM: 10, Severity.HIGH: 20, Severity.CRITICAL: 30}
MIN_COMPLETED_SHARE = 0.5  # below this share of completed checks a tip is incomplete
GRADES = ((90, "A"), (75, "B"), (60, "C"), (40, "D"), (0, "F"))


def grade(score: int | None) -> str:
    if score is None:
        return "?"
    return next(letter for floor, letter in GRADES if score >= floor)


def coverage(outcomes: Iterable[CheckOutcome]) -> Coverage:
    outcomes = list(outcomes)
    reasons = Counter(o.reason or o.status.value for o in outcomes if o.status.failed)
    return Coverage(
        checks_total=sum(1 for o in outcomes if o.status is not Status.SKIPPED),
        completed=sum(1 for o in outcomes if o.status.completed),
        unknown=sum(1 for o in outcomes if o.status.failed),
        skipped=sum(1 for o in outcomes if o.status is Status.SKIPPED),
        reasons=dict(reasons.most_common(8)),
    )


def tip_score(tip: Tip, outcomes: list[CheckOutcome], findings: list[Finding], lang: str = "en",
              title_of: Callable[[Finding], str] = lambda f: f.title) -> TipScore:
    mine = [o for o in outcomes if o.tip is tip]
    cov = coverage(mine)
    tip_findings = [f for f in findings if f.tip is tip]
    if cov.checks_total == 0:
        return TipScore(tip, None, "?", "incomplete", (t(f"score.no_checks.{tip.value}", lang),), 0, 0, 0)
    share = cov.completed / cov.checks_total
    if cov.completed == 0 or share < MIN_COMPLETED_SHARE:
        return TipScore(tip, None, "?", "incomplete",
                        (t("score.too_few_completed", lang, completed=cov.completed, total=cov.checks_total),),
                        cov.checks_total, cov.completed, cov.unknown)
    penalty = 0.0
    reasons: list[str] = []
    for f in sorted(tip_findings, key=lambda f: (-f.severity, -f.confidence)):
        p = PENALTY[f.severity] * f.confidence
        if p:
            penalty += p
            reasons.append(f"-{round(p)}: {title_of(f)}")
    private = sum(1 for o in mine if o.status is Status.PRIVATE)
    if private:
        penalty = max(0.0, penalty - 2 * private)
        reasons.append(f"+{2 * private}: " + t("score.private_accounts", lang, count=private))
    score = max(0, min(100, round(100 - penalty)))
    if cov.unknown:
        reasons.append(t("score.some_unknown", lang, unknown=cov.unknown, total=cov.checks_total))
    return TipScore(tip, score, grade(score), "scored", tuple(reasons[:12]),
                    cov.checks_total, cov.completed, cov.unknown)


def overall_score(tips: list[TipScore], lang: str = "en") -> TipScore:
    total = sum(t.checks_total for t in tips)
    completed = sum(t.completed for t in tips)
    unknown = sum(t.unknown for t in tips)
    incomplete = [t.tip.value for t in tips if t.status != "scored" and t.tip is not None]
    if not tips:
        return TipScore(None, None, "?", "incomplete", (t("score.no_tips", lang),), 0, 0, 0)
    if incomplete:
        return TipScore(None, None, "?", "incomplete",
                        (t("score.incomplete_tips", lang, tips=", ".join(t(f"tip.{i}.short", lang) for i in incomplete)),),
                        total, completed, unknown)
    worst = min(t.score or 0 for t in tips)
    mean = sum(t.score or 0 for t in tips) / len(tips)
    # The weakest tip drags the total: one open door is enough for a doxer.
    score = round(0.5 * mean + 0.5 * worst)
    return TipScore(None, score, grade(score), "scored", (), total, completed, unknown)


def score_all(outcomes: list[CheckOutcome], findings: list[Finding], tips: Iterable[Tip] = tuple(Tip),
              lang: str = "en", title_of: Callable[[Finding], str] = lambda f: f.title,
              ) -> tuple[list[TipScore], TipScore]:
    scores = [tip_score(tip, outcomes, findings, lang, title_of) for tip in tips]
    return scores, overall_score(scores, lang)
