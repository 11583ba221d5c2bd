"""`doxaudit sites list|update|check` as a user runs them, against loopback servers only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.loopback import Loopback, respond


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


def doxaudit(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOXAUDIT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "doxaudit", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def wmn(entries: list[dict[str, Any]]) -> str:
    return json.dumps({"license": ["test"], "authors": ["test"], "categories": ["social"], "sites": entries})


def entry(name: str, url: str) -> dict[str, Any]:
    return {"name": name, "uri_check": url, "e_code": 200, "e_string": "profile-header", "m_code": 404,
            "m_string": "Not Found", "known": ["alice"], "cat": "social"}


def test_update_downloads_validates_and_merges_under_builtin(tmp_path: Path, srv: Loopback) -> None:
    body = wmn([entry("GitHub (User)", "https://evil.example/{account}"), entry("Tiny Forum", "https://forum.example/u/{account}")])
    srv.route("/wmn.json", respond(200, body, {"Content-Type": "application/json"}))
    proc = doxaudit("sites", "update", "--url", srv.url("/wmn.json"), cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    cached = tmp_path / "wmn-data.json"
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    listed = json.loads(doxaudit("sites", "list", "--format", "json", cache=tmp_path).stdout)["sites"]
    by_name = {s["name"]: s for s in listed}
    assert by_name["Tiny Forum"]["source"] == "community"
    assert by_name["GitHub (User)"]["source"] == "builtin"  # the built-in entry wins
    assert "evil.example" not in json.dumps(by_name["GitHub (User)"])


def test_update_with_the_real_whatsmyname_list(tmp_path: Path, srv: Loopback, corpus: Path) -> None:
    srv.route("/wmn.json", respond(200, (corpus / "whatsmyname" / "wmn-data.json").read_bytes()))
    proc = doxaudit("sites", "update", "--url", srv.url("/wmn.json"), cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(doxaudit("sites", "list", "--format", "json", cache=tmp_path).stdout)["sites"]
    assert len(listed) > 700


@pytest.mark.parametrize("body, fragment", [
    ("not json", "did not return a JSON site list"),
    (wmn([{"name": "Broken", "uri_check": "https://x.example/{account}"}]), "'Broken'"),
    (wmn([]), "no usable entries"),
])
def test_bad_download_is_refused_and_the_cache_kept(tmp_path: Path, srv: Loopback, body: str, fragment: str) -> None:
    (tmp_path / "wmn-data.json").write_text(wmn([entry("Kept", "https://kept.example/{account}")]))
    srv.route("/wmn.json", respond(200, body))
    proc = doxaudit("sites", "update", "--url", srv.url("/wmn.json"), cache=tmp_path)
    assert proc.returncode == 2 and fragment in proc.stderr and "Traceback" not in proc.stderr
    assert "Kept" in (tmp_path / "wmn-data.json").read_text()


def test_update_failure_is_a_clear_error(tmp_path: Path, srv: Loopback) -> None:
    srv.route("/gone.json", respond(404, "nope"))
    proc = doxaudit("sites", "update", "--url", srv.url("/gone.json"), cache=tmp_path)
    assert proc.returncode == 2 and "HTTP 404" in proc.stderr


def test_damaged_cache_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "wmn-data.json").write_text("{broken")
    proc = doxaudit("sites", "list", cache=tmp_path)
    assert proc.returncode == 2 and "sites update" in proc.stderr


def test_sites_check_is_the_sweep_alone(tmp_path: Path, srv: Loopback) -> None:
    srv.route("/a/alice", respond(200, "<div class='profile-header'></div>"))
    srv.route("/b/alice", respond(404, "Not Found"))
    sites = tmp_path / "s.json"
    sites.write_text(wmn([entry("Alpha", srv.url("/a/{account}")), entry("Beta", srv.url("/b/{account}"))]))
    proc = doxaudit("sites", "check", "alice", "--sites", str(sites), "--no-builtin", "--format", "json",
                    cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {c["label"]: c["status"] for c in report["checks"]} == {"Alpha": "found", "Beta": "not_found"}
    assert [t["id"] for t in report["tips"]] == ["social_visibility"]
    assert all(r["url"].startswith("http://127.0.0.1:") for r in report["requests"])
