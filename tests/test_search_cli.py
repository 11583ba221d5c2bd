"""Issue 4 through the CLI: --search-sensitive in `plan`, backend options, manual links in the report.

These need the integration (RunConfig search fields, CLI options, Report.manual_links); until it is
in, they skip rather than fail.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from doxaudit.config import RunConfig
from doxaudit.demo import demo_identity

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif("search_sensitive" not in getattr(RunConfig, "__dataclass_fields__", {}),
                                reason="RunConfig has no search fields yet (issue 4 integration diff)")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("BRAVE_API_KEY", "HIBP_API_KEY")}
    return subprocess.run([sys.executable, "-m", "doxaudit", *args], capture_output=True, text=True,
                          env={**clean, "COLUMNS": "100", **(env or {})}, timeout=120)


def persona() -> list[str]:
    ident = demo_identity()
    return ["--name", ident.names[0], "--email", ident.emails[0], "--handle", ident.handles[0],
            "--phone", "06 12345678", "--address", ident.addresses[0], "--city", ident.city]


def plan_rows(*extra: str) -> list[dict[str, Any]]:
    proc = run("plan", *persona(), "--only", "contact_info", "--format", "json", "--reveal", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["requests"]  # type: ignore[no-any-return]


def test_plan_without_search_sensitive_sends_no_phone_or_address() -> None:
    rows = plan_rows()
    assert any(r["check"].startswith("search:") for r in rows)
    assert all(not {"phone", "address"} & set(r["sends"]) for r in rows)
    text = json.dumps(rows)
    assert "12345678" not in text and "Voorbeeldstraat" not in text and "3511" not in text


def test_plan_with_search_sensitive_shows_what_is_sent() -> None:
    rows = plan_rows("--search-sensitive")
    sends = [set(r["sends"]) for r in rows]
    assert {"phone"} in sends and {"address", "city"} in sends
    proc = run("plan", *persona(), "--only", "contact_info", "--search-sensitive")
    assert proc.returncode == 0 and "--search-sensitive" in proc.stdout
    assert "12345678" not in proc.stdout  # masked on screen by default


@pytest.mark.parametrize("args, fragment", [
    (["--search-backend", "brave"], "BRAVE_API_KEY"),
    (["--search-backend", "searxng"], "--searxng"),
    (["--searxng", "ftp://searx.example"], "--searxng"),
])
def test_backend_misconfiguration_is_one_line_and_exit_2(args: list[str], fragment: str) -> None:
    proc = run("plan", "--name", "Noor Voorbeeld", *args)
    assert proc.returncode == 2 and fragment in proc.stderr and "Traceback" not in proc.stderr


def test_plan_with_searxng_and_brave() -> None:
    rows = plan_rows("--search-backend", "searxng", "--searxng", "http://localhost:8888")
    assert {r["check"] for r in rows if r["check"].startswith("search:")} == {"search:searxng"}
    proc = run("plan", "--name", "Noor Voorbeeld", "--only", "2", "--format", "json",
               env={"BRAVE_API_KEY": "BSA-fictional-key-9999"})
    assert proc.returncode == 0 and "search:brave" in proc.stdout and "BSA-fictional" not in proc.stdout


def demo_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = run("demo", "--format", "json", *args, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_demo_report_carries_possible_match_and_manual_links() -> None:
    report = demo_json(env={"BRAVE_API_KEY": "BSA-fictional-key-9999"})  # the demo ignores keys in the environment
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, json.loads((ROOT / "reports" / "report.schema.json").read_text(encoding="utf-8")))
    assert all(c["id"] != "search:brave" for c in report["checks"])
    possible = [f for f in report["findings"] if f["kind"] == "possible_match"]
    assert possible and possible[0]["severity"] == "info" and possible[0]["confidence"] < 0.5
    assert not any("keramiek" in f["url"] for f in report["findings"])
    links = report["manual_links"]
    assert links and {"engine", "kind", "why", "label", "url"} <= set(links[0])
    assert not any("Noor+Voorbeeld" in link["url"] for link in links)  # masked by default
    revealed = demo_json("--reveal")["manual_links"]
    assert any("%22Noor+Voorbeeld%22" in link["url"] for link in revealed)
    assert not any("12345678" in link["url"] or "Voorbeeldstraat" in link["url"] for link in revealed)


def test_demo_terminal_report_shows_search_yourself() -> None:
    proc = run("demo", "--lang", "nl")
    assert proc.returncode == 0 and "Zoek zelf" in proc.stdout
