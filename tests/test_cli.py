"""The CLI as a person uses it: subprocess calls of the installed entry point, real exit codes."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "reports" / "report.schema.json"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    return subprocess.run([sys.executable, "-m", "doxaudit", *args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=120)


@pytest.mark.parametrize("args, fragment", [
    (["scan"], "at least one identifier"),
    (["scan", "--email", "nope"], "--email"),
    (["scan", "--handle", "../../etc"], "--handle"),
    (["scan", "--handle", "a@b.com"], "--handle"),
    (["plan", "--phone", "hello"], "--phone"),
    (["scan", "--name", "X", "--profile", "/nonexistent/me.toml"], "does not exist"),
    (["scan", "--name", "X", "--replay", "/nonexistent/x.har"], "does not exist"),
    (["scan", "--name", "X", "--only", "everything"], "--only"),
    (["scan", "--name", "X", "--sites", "/nonexistent/s.json"], "does not exist"),
    (["scan", "--name", "X", "--format", "xml"], "format"),
    (["scan", "--name", "X", "--timeout", "0"], "timeout"),
    (["demo", "--output", "/nonexistent/dir/report.json"], "does not exist"),
    (["demo", "--output", "/tmp"], "is a directory"),
    (["scan", "--name", "X", "--record", "/nonexistent/dir/x.har"], "does not exist"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], fragment: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert fragment in proc.stderr


def test_unreadable_har_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.har"
    bad.write_text("{not json", encoding="utf-8")
    proc = run("scan", "--name", "X", "--replay", str(bad))
    assert proc.returncode == 2 and "not JSON" in proc.stderr and "Traceback" not in proc.stderr
    bad.write_text('{"log": {"entries": [{"nope": 1}]}}', encoding="utf-8")
    proc = run("scan", "--name", "X", "--replay", str(bad))
    assert proc.returncode == 2 and "HAR" in proc.stderr


def test_malformed_site_file_names_the_entry(tmp_path: Path) -> None:
    sites = tmp_path / "s.json"
    sites.write_text(json.dumps({"sites": [{"name": "Broken", "uri_check": "https://x.com/{account}"}]}))
    proc = run("plan", "--handle", "noor", "--sites", str(sites))
    assert proc.returncode == 2 and "'Broken'" in proc.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("doxaudit ")
    for command in ("scan", "plan", "demo"):
        proc = run(command, "--help")
        assert proc.returncode == 0 and "--format" in proc.stdout


def test_plan_json_never_carries_phone_or_address() -> None:
    proc = run("plan", "--name", "Noor Voorbeeld", "--email", "noor.voorbeeld@example.com", "--handle", "noorv",
               "--phone", "06 12345678", "--address", "Voorbeeldstraat 12, 3511 AB Utrecht", "--city", "Utrecht",
               "--format", "json", "--reveal")
    assert proc.returncode == 0, proc.stderr
    requests = json.loads(proc.stdout)["requests"]
    assert len(requests) > 20
    assert {"check", "method", "url", "sends"} <= set(requests[0])
    for r in requests:
        assert "phone" not in r["sends"] and "address" not in r["sends"]
        for secret in ("12345678", "Voorbeeldstraat", "3511"):
            assert secret not in r["url"]
    sent = {k for r in requests for k in r["sends"]}
    assert {"name", "email", "handle"} <= sent


def test_plan_masks_unless_revealed() -> None:
    args = ["plan", "--email", "noor.voorbeeld@example.com", "--format", "json"]
    masked = run(*args).stdout
    assert "noor.voorbeeld%40example.com" not in masked and "noor.voorbeeld@example.com" not in masked
    assert "noor.voorbeeld%40example.com" in run(*args, "--reveal").stdout


def test_demo_json_validates_against_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    proc = run("demo", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert report["mode"] == "demo" and {t["id"] for t in report["tips"]} == {
        "passwords", "contact_info", "social_visibility"}


def test_demo_runs_from_any_directory_and_writes_private_files(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = run("demo", "--format", "json", "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["coverage"]["checks_total"] > 20


def test_demo_terminal_report_in_both_languages() -> None:
    en = run("demo", "--lang", "en")
    nl = run("demo", "--lang", "nl")
    assert en.returncode == nl.returncode == 0
    assert "Tip 1" in en.stdout and "passwords" in en.stdout.lower()
    assert "wachtwoorden" in nl.stdout.lower() and "Keep your passwords" not in nl.stdout


def test_demo_masks_the_personas_details_by_default() -> None:
    masked = run("demo", "--format", "json").stdout
    revealed = run("demo", "--format", "json", "--reveal").stdout
    for secret in ("12345678", "noor.voorbeeld@example.com", "Voorbeeldstraat 12"):
        assert secret not in masked, secret
    assert "noor.voorbeeld@example.com" in revealed
