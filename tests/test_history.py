"""Saved scans: private files, honest diffs by finding fingerprint, clear errors for a broken database."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from doxaudit import history
from doxaudit.errors import DoxauditError


@pytest.fixture(scope="session")
def demo_json(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo persona's JSON report, as `doxaudit demo --format json` prints it (offline replay)."""
    data_dir = tmp_path_factory.mktemp("demo-data")  # in case the demo ever saves history: never the real home
    proc = subprocess.run([sys.executable, "-m", "doxaudit", "demo", "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, history.ENV_DATA_DIR: str(data_dir)})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def report(demo_json: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(demo_json)
    return data


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv(history.ENV_DATA_DIR, str(path))
    return path


def by_kind(report: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(f for f in report["findings"] if f["kind"] == kind)


def later_scan(report: dict[str, Any]) -> dict[str, Any]:
    """The same person a month later: the phone is gone from one page, the address is on a new one, GitHub went private."""
    new = copy.deepcopy(report)
    new["generated_at"] = "2099-01-01T00:00:00+00:00"
    phone = by_kind(new, "phone_in_search")
    new["findings"].remove(phone)
    moved = {**by_kind(new, "address_in_search"), "id": "feedfacecafe0001", "url": "https://nieuw.example.org/buren"}
    new["findings"].append(moved)
    by_kind(new, "breach")["severity"] = "high"
    contact = next(t for t in new["tips"] if t["id"] == "contact_info")
    contact["score"] = contact["score"] + 19
    for check in new["checks"]:
        if check["id"] == "profile:github":
            check["status"] = "private"
    return new


def test_data_dir_comes_from_the_environment_and_nothing_is_created_by_reading(data_dir: Path) -> None:
    assert history.db_path() == data_dir / history.DB_NAME
    assert history.list_scans() == [] and history.latest_ids() == []
    assert not data_dir.exists()


def test_default_data_dir_is_the_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(history.ENV_DATA_DIR, raising=False)
    assert history.data_dir() == platformdirs.user_data_path("doxaudit", appauthor=False)


def test_database_and_directory_are_private(data_dir: Path, report: dict[str, Any]) -> None:
    history.save(report)
    db = data_dir / history.DB_NAME
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    for sidecar in data_dir.iterdir():  # a leftover journal would hold report data too
        assert sidecar == db or stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    assert sorted(p.name for p in data_dir.iterdir()) == [history.DB_NAME]


def test_an_existing_world_readable_database_is_made_private(data_dir: Path, report: dict[str, Any]) -> None:
    history.save(report)
    db = data_dir / history.DB_NAME
    db.chmod(0o644)
    history.save(report)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_two_scans_are_listed_with_scores_and_identity_kinds(data_dir: Path, report: dict[str, Any]) -> None:
    first = history.save(report)
    second = history.save(later_scan(report))
    scans = history.list_scans()
    assert [s.id for s in scans] == [first, second] and first < second
    assert history.latest_ids(2) == [first, second]
    assert scans[0].mode == "demo" and scans[0].overall.score == report["overall"]["score"]
    assert {t.id: t.score for t in scans[0].tips} == {t["id"]: t["score"] for t in report["tips"]}
    assert scans[1].tips[1].score == report["tips"][1]["score"] + 19
    assert scans[0].kinds == tuple(sorted(report["identity"]["kinds"]))
    assert scans[0].findings == len(report["findings"]) and scans[0].masked
    assert json.loads(json.dumps(scans[0].to_dict()))["identity_kinds"] == sorted(report["identity"]["kinds"])


def test_load_returns_what_was_saved(data_dir: Path, report: dict[str, Any]) -> None:
    scan_id = history.save(report)
    assert history.load(scan_id) == report
    with pytest.raises(history.HistoryError, match="no scan 999"):
        history.load(999)


def completed(report: dict[str, Any]) -> dict[str, Any]:
    """The report as if every check had completed (the demo deliberately has a few that cannot)."""
    out = copy.deepcopy(report)
    for check in out["checks"]:
        if check["status"] in ("unknown", "error"):
            check["status"] = "not_found"
    return out


def test_diff_shows_new_gone_changed_scores_and_check_status(report: dict[str, Any]) -> None:
    report = completed(report)
    new = later_scan(report)
    d = history.diff(report, new, old_id=1, new_id=2)
    assert [f["id"] for f in d.new] == ["feedfacecafe0001"]
    assert [f["id"] for f in d.gone] == [by_kind(report, "phone_in_search")["id"]]
    assert [(c.id, c.old_severity, c.new_severity) for c in d.changed] == [
        (by_kind(report, "breach")["id"], "critical", "high")]
    contact = next(s for s in d.scores if s.tip == "contact_info")
    assert contact.changed and contact.delta == 19
    assert not next(s for s in d.scores if s.tip == "passwords").changed
    assert [(c.check, c.old_status, c.new_status) for c in d.checks] == [("profile:github", "found", "private")]
    assert not d.uncertain and not d.caveats  # every check completed in both scans, same identity
    assert not d.nothing_changed
    data = d.to_dict()
    assert data["findings"]["new"][0]["url"] == "https://nieuw.example.org/buren"
    assert data["old"]["id"] == 1 and data["new"]["id"] == 2


def test_the_same_scan_twice_is_nothing_changed(report: dict[str, Any]) -> None:
    d = history.diff(report, copy.deepcopy(report))
    assert d.nothing_changed and not d.new and not d.gone and not d.changed and not d.checks


def test_incomplete_coverage_is_a_caveat_and_a_gone_finding_from_a_failed_check_is_uncertain(
        report: dict[str, Any]) -> None:
    complete = completed(report)
    assert "coverage" not in history.diff(complete, copy.deepcopy(complete)).caveats

    failed = copy.deepcopy(complete)
    gone = by_kind(failed, "email_in_search")
    failed["findings"].remove(gone)
    for check in failed["checks"]:
        if check["id"] == gone["check"]:
            check["status"] = "unknown"
    d = history.diff(complete, failed)
    assert [f["id"] for f in d.gone] == [gone["id"]]
    assert gone["id"] in d.uncertain and "coverage" in d.caveats
    assert d.to_dict()["findings"]["gone"][0]["uncertain"] is True


def test_different_identifiers_tips_and_masking_are_caveats(report: dict[str, Any]) -> None:
    other = copy.deepcopy(report)
    other["identity"]["values"]["email"] = ["w***@example.org"]
    other["tips"] = other["tips"][:1]
    other["masked"] = False
    caveats = history.diff(report, other).caveats
    assert {"identity", "tips", "masking"} <= set(caveats)
    scores = {s.tip: s for s in history.diff(report, other).scores}
    assert scores["social_visibility"].new_status is None


def test_delete_and_clear_forget_scans(data_dir: Path, report: dict[str, Any]) -> None:
    ids = [history.save(report) for _ in range(3)]
    assert history.delete([ids[0], 12345]) == 1
    assert [s.id for s in history.list_scans()] == ids[1:]
    assert history.clear() == 2 and history.list_scans() == []
    db = (data_dir / history.DB_NAME).read_bytes()
    assert b"Voorbeeldwinkel" not in db  # secure_delete + VACUUM: forgotten reports do not linger in free pages


def test_save_refuses_what_is_not_a_report(data_dir: Path) -> None:
    with pytest.raises(history.HistoryError, match="not a doxaudit report"):
        history.save({"hello": "world"})


def test_a_corrupt_database_is_a_clear_error(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / history.DB_NAME).write_bytes(b"this is not SQLite at all" * 100)
    for call in (history.list_scans, lambda: history.load(1), lambda: history.save({"findings": [], "checks": []})):
        with pytest.raises(DoxauditError, match="cannot be read") as info:
            call()
        assert isinstance(info.value, history.HistoryError)
        assert str(history.db_path()) in str(info.value) and "\n" not in str(info.value)


def test_a_foreign_sqlite_file_is_not_taken_over(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    with sqlite3.connect(data_dir / history.DB_NAME) as con:
        con.execute("CREATE TABLE notes (text TEXT)")
    con.close()
    with pytest.raises(history.HistoryError, match="not a doxaudit history database"):
        history.list_scans()


def test_a_database_from_a_newer_doxaudit_is_refused(data_dir: Path, report: dict[str, Any]) -> None:
    history.save(report)
    with sqlite3.connect(data_dir / history.DB_NAME) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(history.HistoryError, match="newer doxaudit"):
        history.list_scans()


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      report: dict[str, Any]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(history.ENV_DATA_DIR, str(blocker))
    with pytest.raises(history.HistoryError, match="cannot create"):
        history.save(report)
