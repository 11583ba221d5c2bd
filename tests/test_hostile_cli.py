"""The CLI under hostile conditions: arguments that are not valid UTF-8, and Ctrl-C in the middle of a sweep.

Bad input is one line on stderr and exit 2, never an internal error; an interrupted `sites check` or a scan
writing HTML still writes its report, marked partial (the JSON scan case is in test_cli_network.py).
"""

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

import pytest
from bs4 import BeautifulSoup

from tests.loopback import Loopback, hang, respond
from tests.test_hostile_scan import cli_env

SURROGATE_BUG = pytest.mark.regression(reason=(
    "bug: identity._clean refuses control (Cc) and format (Cf) characters but not lone surrogates (Cs), which is what "
    "Python makes of invalid UTF-8 in argv; --name/--city/--address then crash later (quote_plus, Masker): "
    "'internal error: UnicodeEncodeError', exit 1, instead of one line and exit 2"))


def run_bytes(*args: bytes | str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "doxaudit", *args], capture_output=True, timeout=120,
                          env=cli_env(), cwd=cwd, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("option, value", [
    pytest.param("--name", b"Jan\xff Jansen", marks=SURROGATE_BUG),
    pytest.param("--city", b"Utr\xffecht", marks=SURROGATE_BUG),
    pytest.param("--address", b"Voorbeeldstraat\xff 12", marks=SURROGATE_BUG),
    ("--handle", b"noor\xff"), ("--email", b"noor\xff@example.com"), ("--phone", b"06\xff12345678"),
    ("--domain", b"voorbeeld\xff.nl"), ("--birthdate", b"1990-05-0\xff"),
])
def test_invalid_utf8_in_an_argument_is_one_line_and_exit_2(tmp_path: Path, option: str, value: bytes) -> None:
    extra = [] if option == "--name" else ["--name", "Noor Voorbeeld"]
    proc = run_bytes("plan", *extra, option, value, "--format", "json", cwd=tmp_path)
    err = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 2, err
    assert err.startswith("doxaudit: error:") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err


def test_invalid_utf8_handle_for_the_sweep_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = run_bytes("sites", "check", b"noor\xff", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.decode(errors="replace").startswith("doxaudit: error:")


# --- Ctrl-C ------------------------------------------------------------------------------------------------

@pytest.fixture
def srv() -> Iterator[Loopback]:
    with Loopback() as server:
        server.route("/a/alice", respond(404, "Not Found"))
        server.route("/b/alice", hang())
        yield server


def sites_file(tmp_path: Path, srv: Loopback) -> Path:
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"sites": [
        {"name": name, "uri_check": srv.url(route), "e_code": 200, "e_string": "profile-header", "m_code": 404,
         "m_string": "Not Found", "known": ["alice"], "cat": "social"}
        for name, route in (("Alpha", "/a/{account}"), ("Beta", "/b/{account}"))]}), encoding="utf-8")
    return path


def interrupt(args: list[str], srv: Loopback, cwd: Path) -> tuple[int, str, str]:
    proc = subprocess.Popen([sys.executable, "-m", "doxaudit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=cli_env(), cwd=cwd, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while (srv.hits("/b/alice") == 0 or srv.hits("/a/alice") == 0) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.2)  # let the finished check's outcome be recorded
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, out, err


def test_ctrl_c_during_sites_check_prints_a_partial_report(tmp_path: Path, srv: Loopback) -> None:
    code, out, err = interrupt(["sites", "check", "alice", "--sites", str(sites_file(tmp_path, srv)), "--no-builtin",
                                "--timeout", "60", "--format", "json"], srv, tmp_path)
    assert code == 130, err
    assert "Traceback" not in err
    report = json.loads(out)
    assert report["partial"] is True
    by_label = {c["label"]: c for c in report["checks"]}
    assert by_label["Alpha"]["status"] == "not_found"
    assert by_label["Beta"]["status"] == "unknown" and "interrupted" in by_label["Beta"]["reason"]
    assert report["coverage"]["unknown"] >= 1


def test_ctrl_c_during_a_scan_with_html_output_writes_a_partial_report_file(tmp_path: Path, srv: Loopback) -> None:
    out_file = tmp_path / "report.html"
    code, _out, err = interrupt(["scan", "--handle", "alice", "--sites", str(sites_file(tmp_path, srv)), "--no-builtin",
                                "--only", "3", "--timeout", "60", "--format", "html", "--output", str(out_file),
                                "--no-history"], srv, tmp_path)
    assert code == 130, err
    assert "Traceback" not in err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    soup = BeautifulSoup(out_file.read_text(encoding="utf-8"), "lxml")
    banners = [p.get_text(" ", strip=True) for p in soup.select("p.banner.partial")]
    assert banners, "the HTML report must say it is partial"
    assert "interrupted" in soup.get_text(" ")
    assert not os.path.exists(tmp_path / "history.sqlite3")
