"""Saved scans and what changed between two of them (tip 2: check *regularly*).

Each scan's JSON report is stored as it is (masked unless the scan ran with --reveal) in one
SQLite file in the user's data directory. The file is created 0600 before SQLite opens it and
its directory 0700: a report says where someone lives. SQLite gives its rollback journal the
database file's permissions, and journal_mode=DELETE removes it after each transaction;
secure_delete overwrites what `delete`/`clear` remove instead of leaving it in free pages.

Findings are compared by their `id` (the fingerprint over what was found, not where or when),
checks by (check id, target). Whether a difference is real or only a check that could not be
completed this time is part of the answer: see `Diff.uncertain` and `Diff.caveats`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import DoxauditError

SCHEMA_VERSION = 1
DB_NAME = "history.sqlite3"
ENV_DATA_DIR = "DOXAUDIT_DATA_DIR"
COMPLETED = ("found", "not_found", "private")
SEVERITY_ORDER = ("info", "low", "medium", "high", "critical")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE scans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at TEXT NOT NULL,
    generated_at TEXT NOT NULL,
    mode TEXT NOT NULL,
    summary TEXT NOT NULL,
    report TEXT NOT NULL
);
"""


class HistoryError(DoxauditError):
    """The history database cannot be created, read or understood; the message says what to do."""


class ScanNotFound(HistoryError):
    """No saved scan has this id."""

    def __init__(self, scan_id: int, message: str) -> None:
        super().__init__(message)
        self.scan_id = scan_id


def data_dir() -> Path:
    """Where doxaudit keeps its data: $DOXAUDIT_DATA_DIR, else the platform's user data directory."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path("doxaudit", appauthor=False)


def db_path() -> Path:
    return data_dir() / DB_NAME


# -- summaries ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TipSummary:
    id: str
    score: int | None
    grade: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "grade": self.grade, "status": self.status}


@dataclass(frozen=True)
class ScanSummary:
    """One row of `doxaudit history`: enough to choose a scan without loading its report."""

    id: int
    saved_at: str
    generated_at: str
    mode: str
    overall: TipSummary
    tips: tuple[TipSummary, ...]
    kinds: tuple[str, ...]
    findings: int
    masked: bool = True
    partial: bool = False
    unknown: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "saved_at": self.saved_at, "generated_at": self.generated_at, "mode": self.mode,
                "overall": self.overall.to_dict(), "tips": [t.to_dict() for t in self.tips],
                "identity_kinds": list(self.kinds), "findings": self.findings, "masked": self.masked,
                "partial": self.partial, "unknown_checks": self.unknown}


def _tip_summary(raw: Any, default_id: str) -> TipSummary:
    raw = raw if isinstance(raw, dict) else {}
    score = raw.get("score")
    return TipSummary(id=str(raw.get("id", default_id)), score=score if isinstance(score, int) else None,
                      grade=str(raw.get("grade", "")), status=str(raw.get("status", "incomplete")))


def _summary_of(report: dict[str, Any]) -> dict[str, Any]:
    identity = report.get("identity") if isinstance(report.get("identity"), dict) else {}
    coverage = report.get("coverage") if isinstance(report.get("coverage"), dict) else {}
    return {
        "overall": _tip_summary(report.get("overall"), "overall").to_dict(),
        "tips": [_tip_summary(t, "?").to_dict() for t in report.get("tips") or []],
        "kinds": sorted(str(k) for k in (identity or {}).get("kinds") or []),
        "findings": len(report.get("findings") or []),
        "masked": bool(report.get("masked", True)),
        "partial": bool(report.get("partial", False)),
        "unknown": int((coverage or {}).get("unknown") or 0),
    }


def _row_to_summary(row: tuple[Any, ...]) -> ScanSummary:
    scan_id, saved_at, generated_at, mode, summary_json = row
    s = json.loads(summary_json)
    return ScanSummary(
        id=int(scan_id), saved_at=str(saved_at), generated_at=str(generated_at), mode=str(mode),
        overall=_tip_summary(s.get("overall"), "overall"),
        tips=tuple(_tip_summary(t, "?") for t in s.get("tips", [])), kinds=tuple(s.get("kinds", [])),
        findings=int(s.get("findings", 0)), masked=bool(s.get("masked", True)), partial=bool(s.get("partial", False)),
        unknown=int(s.get("unknown", 0)),
    )


# -- the database ------------------------------------------------------------------------------------------


def _unreadable(path: Path, e: BaseException) -> HistoryError:
    return HistoryError(f"the history database {str(path)!r} cannot be read ({e}); move it away or delete it to "
                        "start a new history")


def _prepare(path: Path) -> None:
    """Create the directory (0700) and the file (0600) before SQLite touches them."""
    directory = path.parent
    try:
        if not directory.is_dir():
            missing = [d for d in (directory, *directory.parents) if not d.is_dir()]
            for d in reversed(missing):  # parents too (~/.local/share on a fresh account): XDG asks 0700
                d.mkdir(mode=0o700, exist_ok=True)
                os.chmod(d, 0o700)  # mkdir's mode is filtered by the umask; this is exact
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        if path.stat().st_mode & 0o077:  # an older file, or one someone loosened: tighten it
            os.chmod(path, 0o600)
    except OSError as e:
        raise HistoryError(f"cannot create the history database {str(path)!r}: {e.strerror or e}") from e


def _migrate(con: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        with con:
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        return
    if not {"meta", "scans"} <= tables:
        raise HistoryError(f"{str(path)!r} is not a doxaudit history database; move it away or set "
                           f"{ENV_DATA_DIR} to another directory")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        version = int(row[0]) if row else 0
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise HistoryError(f"the history database {str(path)!r} was written by a newer doxaudit (schema {version}); "
                           "upgrade doxaudit to read it")
    if version < 1:
        raise HistoryError(f"the history database {str(path)!r} has no schema version; move it away or delete it "
                           "to start a new history")
    # Future versions migrate here, one step at a time, and then record the new version.


@contextmanager
def _connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    path = path or db_path()
    _prepare(path)
    try:
        with closing(sqlite3.connect(path)) as con:
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("PRAGMA secure_delete = ON")
            _migrate(con, path)
            yield con
    except sqlite3.Error as e:
        raise _unreadable(path, e) from e


def _exists(path: Path | None) -> bool:
    """Reading commands do not create an empty database as a side effect."""
    return (path or db_path()).exists()


def _as_report(report: Any) -> dict[str, Any]:
    if not isinstance(report, dict) or not isinstance(report.get("findings"), list) \
            or not isinstance(report.get("checks"), list):
        raise HistoryError("not a doxaudit report: it has no findings and checks")
    return report


# -- the API -----------------------------------------------------------------------------------------------


def save(report: dict[str, Any], path: Path | None = None) -> int:
    """Store one scan's JSON report (as `json_report.to_dict` made it) and return its scan id."""
    report = _as_report(report)
    saved_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = json.dumps(report, ensure_ascii=True, sort_keys=True)  # a lone surrogate from the web cannot reach SQLite
    with _connect(path) as con, con:
        cursor = con.execute(
            "INSERT INTO scans (saved_at, generated_at, mode, summary, report) VALUES (?, ?, ?, ?, ?)",
            (saved_at, str(report.get("generated_at", "")), str(report.get("mode", "live")),
             json.dumps(_summary_of(report)), text))
        scan_id = cursor.lastrowid
    assert scan_id is not None
    return scan_id


def list_scans(path: Path | None = None) -> list[ScanSummary]:
    """Every saved scan, oldest first."""
    if not _exists(path):
        return []
    with _connect(path) as con:
        rows = con.execute("SELECT id, saved_at, generated_at, mode, summary FROM scans ORDER BY id").fetchall()
    try:
        return [_row_to_summary(r) for r in rows]
    except (ValueError, TypeError, AttributeError) as e:
        raise _unreadable(path or db_path(), e) from e


def load(scan_id: int, path: Path | None = None) -> dict[str, Any]:
    """The saved report of one scan."""
    if not _exists(path):
        raise ScanNotFound(scan_id, f"there is no scan {scan_id}: no scans have been saved yet")
    row = None
    if 0 < scan_id < 2**63:  # SQLite's integer range; anything else cannot be an id
        with _connect(path) as con:
            row = con.execute("SELECT report FROM scans WHERE id = ?", (scan_id,)).fetchone()
    if row is None:
        raise ScanNotFound(scan_id, f"there is no scan {scan_id} (see `doxaudit history`)")
    try:
        return _as_report(json.loads(row[0]))
    except (ValueError, HistoryError) as e:
        raise _unreadable(path or db_path(), e) from e


def latest_ids(count: int = 2, path: Path | None = None) -> list[int]:
    """The ids of the last `count` scans, oldest of them first."""
    if not _exists(path):
        return []
    with _connect(path) as con:
        rows = con.execute("SELECT id FROM scans ORDER BY id DESC LIMIT ?", (count,)).fetchall()
    return [int(r[0]) for r in reversed(rows)]


def delete(scan_ids: list[int], path: Path | None = None) -> int:
    """Forget these scans; returns how many existed."""
    if not _exists(path) or not scan_ids:
        return 0
    with _connect(path) as con:
        with con:
            removed = sum(con.execute("DELETE FROM scans WHERE id = ?", (i,)).rowcount for i in scan_ids
                          if 0 < i < 2**63)
        con.execute("VACUUM")
    return removed


def clear(path: Path | None = None) -> int:
    """Forget every scan; returns how many there were."""
    if not _exists(path):
        return 0
    with _connect(path) as con:
        with con:
            removed = con.execute("DELETE FROM scans").rowcount
        con.execute("VACUUM")
    return removed


# -- what changed ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingChange:
    id: str
    tip: str
    title: str
    url: str
    old_severity: str
    new_severity: str
    old_confidence: float
    new_confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "tip": self.tip, "title": self.title, "url": self.url,
                "severity": {"old": self.old_severity, "new": self.new_severity},
                "confidence": {"old": self.old_confidence, "new": self.new_confidence}}


@dataclass(frozen=True)
class ScoreChange:
    tip: str  # a tip id, or "overall"
    old_score: int | None
    new_score: int | None
    old_status: str | None  # None when the tip was not part of that scan (--only)
    new_status: str | None

    @property
    def changed(self) -> bool:
        return (self.old_score, self.old_status) != (self.new_score, self.new_status)

    @property
    def delta(self) -> int | None:
        if self.old_score is None or self.new_score is None:
            return None
        return self.new_score - self.old_score

    def to_dict(self) -> dict[str, Any]:
        return {"tip": self.tip, "old": {"score": self.old_score, "status": self.old_status},
                "new": {"score": self.new_score, "status": self.new_status}, "delta": self.delta,
                "changed": self.changed}


@dataclass(frozen=True)
class CheckChange:
    check: str
    target: str
    label: str
    old_status: str | None  # None: the check was not part of that scan
    new_status: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "target": self.target, "label": self.label,
                "old_status": self.old_status, "new_status": self.new_status}


@dataclass(frozen=True)
class Diff:
    """What is new, gone or changed between two scans, and how sure that is.

    `uncertain` holds the ids of new or gone findings whose check did not complete in the other scan:
    the finding may have been there all along. `caveats` are codes (translated by the renderer) for
    reasons the whole comparison may mislead: incomplete coverage, different identifiers, masking.
    """

    new: tuple[dict[str, Any], ...]
    gone: tuple[dict[str, Any], ...]
    changed: tuple[FindingChange, ...]
    scores: tuple[ScoreChange, ...]
    checks: tuple[CheckChange, ...]
    uncertain: frozenset[str] = frozenset()
    caveats: tuple[str, ...] = ()
    old_id: int | None = None
    new_id: int | None = None
    old_time: str = ""
    new_time: str = ""
    unknown: tuple[int, int] = (0, 0)  # checks that could not be completed: (old scan, new scan)

    @property
    def nothing_changed(self) -> bool:
        return not (self.new or self.gone or self.changed or self.checks or any(s.changed for s in self.scores))

    def to_dict(self) -> dict[str, Any]:
        def finding(f: dict[str, Any]) -> dict[str, Any]:
            keep = ("id", "tip", "kind", "severity", "confidence", "title", "url")
            return {**{k: f.get(k) for k in keep}, "uncertain": f.get("id") in self.uncertain}

        return {
            "old": {"id": self.old_id, "generated_at": self.old_time, "unknown_checks": self.unknown[0]},
            "new": {"id": self.new_id, "generated_at": self.new_time, "unknown_checks": self.unknown[1]},
            "nothing_changed": self.nothing_changed,
            "caveats": list(self.caveats),
            "findings": {"new": [finding(f) for f in self.new], "gone": [finding(f) for f in self.gone],
                         "changed": [c.to_dict() for c in self.changed]},
            "scores": [s.to_dict() for s in self.scores],
            "checks": [c.to_dict() for c in self.checks],
        }


def _findings(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(f["id"]): f for f in report.get("findings", []) if isinstance(f, dict) and f.get("id")}


def _checks(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(str(c.get("id", "")), str(c.get("target", ""))): c for c in report.get("checks", []) if isinstance(c, dict)}


def _checked_fully(report: dict[str, Any], finding: dict[str, Any]) -> bool:
    """Did every check that could have produced `finding` complete in `report`?

    A derived finding (handle reuse) comes from all checks of its tip.
    """
    check_id, tip = finding.get("check", ""), finding.get("tip", "")
    checks = [c for c in report.get("checks", []) if isinstance(c, dict)]
    same = [c for c in checks if c.get("id") == check_id]
    if not same and str(check_id).startswith("derived:"):
        same = [c for c in checks if c.get("tip") == tip]
    return bool(same) and all(c.get("status") in COMPLETED for c in same)


def _unknown(report: dict[str, Any]) -> int:
    return sum(1 for c in report.get("checks", []) if isinstance(c, dict) and c.get("status") not in COMPLETED
               and c.get("status") != "skipped")


def _incomplete(report: dict[str, Any]) -> bool:
    tips = [t for t in report.get("tips", []) if isinstance(t, dict)]
    return bool(report.get("partial")) or any(t.get("status") == "incomplete" for t in tips) or _unknown(report) > 0


def _scores(old: dict[str, Any], new: dict[str, Any]) -> tuple[ScoreChange, ...]:
    def by_tip(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
        out = {str(t.get("id")): t for t in report.get("tips", []) if isinstance(t, dict)}
        if isinstance(report.get("overall"), dict):
            out["overall"] = report["overall"]
        return out

    a, b = by_tip(old), by_tip(new)
    order = ["overall", *dict.fromkeys([*(k for k in a if k != "overall"), *(k for k in b if k != "overall")])]
    result = []
    for tip in order:
        if tip not in a and tip not in b:
            continue
        o, n = a.get(tip, {}), b.get(tip, {})
        result.append(ScoreChange(
            tip=tip, old_score=o.get("score") if isinstance(o.get("score"), int) else None,
            new_score=n.get("score") if isinstance(n.get("score"), int) else None,
            old_status=o.get("status") if tip in a else None, new_status=n.get("status") if tip in b else None))
    return tuple(result)


def _severity_rank(f: dict[str, Any]) -> int:
    value = f.get("severity")
    return SEVERITY_ORDER.index(value) if value in SEVERITY_ORDER else 0


def _ordered(items: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    return tuple(sorted(items, key=lambda f: (-_severity_rank(f), str(f.get("title", "")))))


def diff(old: dict[str, Any], new: dict[str, Any], *, old_id: int | None = None, new_id: int | None = None) -> Diff:
    """Compare two saved reports: findings by id, checks by (id, target), scores by tip."""
    old, new = _as_report(old), _as_report(new)
    fa, fb = _findings(old), _findings(new)
    appeared = _ordered(f for k, f in fb.items() if k not in fa)
    gone = _ordered(f for k, f in fa.items() if k not in fb)
    uncertain = frozenset(
        [str(f["id"]) for f in appeared if not _checked_fully(old, f)]
        + [str(f["id"]) for f in gone if not _checked_fully(new, f)])

    changed = []
    for key in fa.keys() & fb.keys():
        a, b = fa[key], fb[key]
        conf_a, conf_b = float(a.get("confidence") or 0.0), float(b.get("confidence") or 0.0)
        if a.get("severity") != b.get("severity") or abs(conf_a - conf_b) > 1e-9:
            changed.append(FindingChange(
                id=key, tip=str(b.get("tip", "")), title=str(b.get("title", "")), url=str(b.get("url", "")),
                old_severity=str(a.get("severity", "")), new_severity=str(b.get("severity", "")),
                old_confidence=conf_a, new_confidence=conf_b))
    changed.sort(key=lambda c: (c.tip, c.title))

    ca, cb = _checks(old), _checks(new)
    check_changes = []
    for ckey in dict.fromkeys([*ca, *cb]):
        a_status = ca[ckey].get("status") if ckey in ca else None
        b_status = cb[ckey].get("status") if ckey in cb else None
        if a_status != b_status:
            label = str((cb.get(ckey) or ca.get(ckey) or {}).get("label") or ckey[0])
            check_changes.append(CheckChange(check=ckey[0], target=ckey[1], label=label,
                                             old_status=a_status, new_status=b_status))

    caveats = []
    if _incomplete(old) or _incomplete(new):
        caveats.append("coverage")
    id_a, id_b = old.get("identity", {}), new.get("identity", {})
    if isinstance(id_a, dict) and isinstance(id_b, dict) and id_a.get("values") != id_b.get("values"):
        caveats.append("identity")
    if {t.get("id") for t in old.get("tips", []) if isinstance(t, dict)} != \
            {t.get("id") for t in new.get("tips", []) if isinstance(t, dict)}:
        caveats.append("tips")
    if bool(old.get("masked", True)) != bool(new.get("masked", True)):
        caveats.append("masking")
    if (old.get("mode") == "demo") != (new.get("mode") == "demo"):
        caveats.append("mode")

    return Diff(new=appeared, gone=gone, changed=tuple(changed), scores=_scores(old, new), checks=tuple(check_changes),
                uncertain=uncertain, caveats=tuple(caveats), old_id=old_id, new_id=new_id,
                old_time=str(old.get("generated_at", "")), new_time=str(new.get("generated_at", "")),
                unknown=(_unknown(old), _unknown(new)))
