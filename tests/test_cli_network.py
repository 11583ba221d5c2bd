"""The CLI against real loopback servers: record -> replay gives the same report; Ctrl-C gives a partial one."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.loopback import Loopback, hang, respond


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


def sites_file(tmp_path: Path, srv: Loopback, paths: dict[str, str]) -> Path:
    sites = [{"name": name, "uri_check": srv.url(path), "e_code": 200, "e_string": "profile-header",
              "m_code": 404, "m_string": "Not Found", "known": ["alice"], "cat": "social"}
             for name, path in paths.items()]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"sites": sites}), encoding="utf-8")
    return path


def doxaudit(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "doxaudit", *args], capture_output=True, text=True,
                          timeout=120, **kw)


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    report = dict(report)
    for key in ("generated_at", "mode"):
        report.pop(key)
    report["checks"] = [{k: v for k, v in c.items() if k != "elapsed"} for c in report["checks"]]
    return report


def test_plan_lists_only_loopback_requests_for_these_options(tmp_path: Path, srv: Loopback) -> None:
    sites = sites_file(tmp_path, srv, {"Alpha": "/a/{account}", "Beta": "/b/{account}"})
    proc = doxaudit("plan", "--handle", "alice", "--sites", str(sites), "--no-builtin", "--only", "3",
                    "--format", "json")
    assert proc.returncode == 0, proc.stderr
    urls = [r["url"] for r in json.loads(proc.stdout)["requests"]]
    assert urls == [srv.url("/a/alice"), srv.url("/b/alice")]


def test_recorded_scan_replays_to_the_same_report(tmp_path: Path, srv: Loopback) -> None:
    srv.route("/a/alice", respond(200, "<div class='profile-header'>alice</div>", {"Content-Type": "text/html"}))
    srv.route("/b/alice", respond(404, "Not Found"))
    srv.route("/c/alice", respond(429, "slow down", {"Retry-After": "0"}))
    srv.route("/d/alice", respond(403, "<title>Just a moment...</title>", {"Server": "cloudflare"}))
    sites = sites_file(tmp_path, srv, {"Alpha": "/a/{account}", "Beta": "/b/{account}", "Gamma": "/c/{account}",
                                       "Delta": "/d/{account}"})
    har, first, second = tmp_path / "scan.har", tmp_path / "1.json", tmp_path / "2.json"
    common = ["scan", "--handle", "alice", "--sites", str(sites), "--no-builtin", "--only", "social_visibility",
              "--format", "json"]
    live = doxaudit(*common, "--record", str(har), "--output", str(first))
    assert live.returncode == 0, live.stderr
    assert stat.S_IMODE(har.stat().st_mode) == 0o600 and stat.S_IMODE(first.stat().st_mode) == 0o600
    hits = srv.hits("/a/alice")
    replayed = doxaudit(*common, "--replay", str(har), "--output", str(second))
    assert replayed.returncode == 0, replayed.stderr
    assert srv.hits("/a/alice") == hits  # replay made no request
    one, two = json.loads(first.read_text()), json.loads(second.read_text())
    assert comparable(one) == comparable(two)
    statuses = {c["label"]: c["status"] for c in one["checks"]}
    assert statuses == {"Alpha": "found", "Beta": "not_found", "Gamma": "unknown", "Delta": "unknown"}
    assert len(one["requests"]) == 1 + 1 + 3 + 1  # the 429 is tried three times


def test_ctrl_c_prints_a_partial_report(tmp_path: Path, srv: Loopback) -> None:
    srv.route("/a/alice", respond(404, "Not Found"))
    srv.route("/b/alice", hang())
    sites = sites_file(tmp_path, srv, {"Alpha": "/a/{account}", "Beta": "/b/{account}"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "doxaudit", "scan", "--handle", "alice", "--sites", str(sites), "--no-builtin",
         "--only", "3", "--timeout", "60", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
    deadline = time.monotonic() + 30
    while srv.hits("/b/alice") == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    report = json.loads(out)
    assert report["partial"] is True
    by_label = {c["label"]: c for c in report["checks"]}
    assert by_label["Alpha"]["status"] == "not_found"
    assert by_label["Beta"]["status"] == "unknown" and "interrupted" in by_label["Beta"]["reason"]
    assert "Traceback" not in err
