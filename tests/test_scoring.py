from doxaudit.model import CheckOutcome, Evidence, Finding, Severity, Status, Tip
from doxaudit.scoring import grade, overall_score, score_all, tip_score


def oc(status: Status, tip: Tip = Tip.SOCIAL_VISIBILITY, findings: tuple[Finding, ...] = ()) -> CheckOutcome:
    return CheckOutcome(check="c", tip=tip, target="t", status=status, findings=findings)


def finding(severity: Severity, tip: Tip = Tip.SOCIAL_VISIBILITY, confidence: float = 1.0) -> Finding:
    return Finding(check="c", tip=tip, kind="k", title="t", severity=severity, confidence=confidence,
                   evidence=Evidence(url="https://x"), advice="a", fingerprint=str(severity) + str(confidence))


def test_clean_scan_scores_full_marks() -> None:
    ts = tip_score(Tip.SOCIAL_VISIBILITY, [oc(Status.NOT_FOUND)] * 5, [])
    assert (ts.score, ts.grade, ts.status) == (100, "A", "scored")


def test_findings_lower_the_score_by_severity_and_confidence() -> None:
    outcomes = [oc(Status.FOUND)] + [oc(Status.NOT_FOUND)] * 4
    high = tip_score(Tip.SOCIAL_VISIBILITY, outcomes, [finding(Severity.HIGH)])
    low = tip_score(Tip.SOCIAL_VISIBILITY, outcomes, [finding(Severity.LOW)])
    unsure = tip_score(Tip.SOCIAL_VISIBILITY, outcomes, [finding(Severity.HIGH, confidence=0.5)])
    assert high.score is not None and low.score is not None and unsure.score is not None
    assert high.score < unsure.score < 100 and high.score < low.score < 100
    assert any("-20" in r for r in high.reasons)


def test_mostly_unknown_tip_is_incomplete_not_scored() -> None:
    outcomes = [oc(Status.NOT_FOUND)] * 2 + [oc(Status.UNKNOWN)] * 3
    ts = tip_score(Tip.SOCIAL_VISIBILITY, outcomes, [])
    assert ts.status == "incomplete" and ts.score is None and ts.grade == "?"


def test_all_blocked_never_looks_good() -> None:
    outcomes = [oc(Status.UNKNOWN, tip) for tip in Tip for _ in range(3)]
    tips, overall = score_all(outcomes, [])
    assert all(t.score is None for t in tips) and overall.score is None and overall.status == "incomplete"


def test_tip_without_checks_is_incomplete_and_so_is_overall() -> None:
    tips, overall = score_all([oc(Status.NOT_FOUND, Tip.SOCIAL_VISIBILITY)], [])
    assert [t.status for t in tips] == ["incomplete", "incomplete", "scored"]
    assert overall.status == "incomplete"


def test_skipped_checks_do_not_count() -> None:
    ts = tip_score(Tip.SOCIAL_VISIBILITY, [oc(Status.NOT_FOUND), oc(Status.SKIPPED), oc(Status.SKIPPED)], [])
    assert ts.status == "scored" and ts.checks_total == 1


def test_private_accounts_count_in_the_users_favour() -> None:
    outcomes = [oc(Status.FOUND), oc(Status.NOT_FOUND)]
    base = tip_score(Tip.SOCIAL_VISIBILITY, outcomes, [finding(Severity.MEDIUM)])
    better = tip_score(Tip.SOCIAL_VISIBILITY, [*outcomes, oc(Status.PRIVATE)], [finding(Severity.MEDIUM)])
    assert base.score is not None and better.score is not None and better.score > base.score


def test_overall_is_dragged_down_by_the_weakest_tip() -> None:
    a = tip_score(Tip.PASSWORDS, [oc(Status.NOT_FOUND, Tip.PASSWORDS)], [])
    c = tip_score(Tip.CONTACT_INFO, [oc(Status.FOUND, Tip.CONTACT_INFO)],
                  [finding(Severity.CRITICAL, Tip.CONTACT_INFO)] * 3)
    s = tip_score(Tip.SOCIAL_VISIBILITY, [oc(Status.NOT_FOUND)], [])
    overall = overall_score([a, c, s])
    mean = (100 + 100 + (c.score or 0)) / 3
    assert overall.score is not None and overall.score < mean


def test_grades() -> None:
    assert [grade(s) for s in (100, 80, 65, 45, 10, None)] == ["A", "B", "C", "D", "F", "?"]
