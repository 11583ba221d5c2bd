"""Replays that test the report's honesty: the demo is complete, a blocked world scores nothing."""

import json
import subprocess
import sys
from pathlib import Path

from doxaudit.catalog import builtin_sites
from doxaudit.config import RunConfig
from doxaudit.demo import demo_identity, demo_recording
from doxaudit.engine import plan
from doxaudit.registry import build_checks
from tests.helpers import har_entry

ROOT = Path(__file__).resolve().parent.parent
BLOCK_PAGES = [
    (403, "<html><head><title>Just a moment...</title></head><body><div id='cf-chl-widget'></div></body></html>",
     {"Server": "cloudflare", "Content-Type": "text/html"}),
    (429, '{"error": "too many requests"}', {"Retry-After": "1", "Content-Type": "application/json"}),
    (200, "<html><div class='g-recaptcha' data-sitekey='x'></div> profile-header \"id\": 1</html>",
     {"Content-Type": "text/html"}),
    (503, "<html>DDoS-Guard</html>", {"Server": "ddos-guard"}),
]


def scan_json(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-m", "doxaudit", "scan", *args, "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def persona_args() -> list[str]:
    ident = demo_identity()
    args = []
    for kind, values in (("--name", ident.names), ("--email", ident.emails), ("--handle", ident.handles),
                         ("--phone", ident.phones), ("--address", ident.addresses)):
        for v in values:
            args += [kind, v]
    return [*args, "--city", ident.city]


def test_demo_recording_answers_every_request_the_demo_plan_makes() -> None:
    har = json.loads(demo_recording().read_text(encoding="utf-8"))
    recorded = {(e["request"]["method"], e["request"]["url"]) for e in har["log"]["entries"]}
    checks = build_checks(demo_identity(), builtin_sites(), RunConfig())
    missing = [(r.method, r.url) for r in plan(checks) if not r.dynamic and (r.method, r.url) not in recorded]
    assert not missing, f"run tools/make_demo_har.py: the demo recording lacks {missing[:5]}"


def test_every_response_blocked_reports_no_found_and_no_score(tmp_path: Path) -> None:
    checks = build_checks(demo_identity(), builtin_sites(), RunConfig())
    entries = []
    for i, r in enumerate(x for x in plan(checks) if not x.dynamic):
        status, body, headers = BLOCK_PAGES[i % len(BLOCK_PAGES)]
        entries.append(har_entry(r.url, status, body, method=r.method, headers=headers))
    har = tmp_path / "blocked.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}), encoding="utf-8")
    report = scan_json(*persona_args(), "--replay", str(har))
    statuses = {c["status"] for c in report["checks"]}  # type: ignore[index, union-attr]
    assert "found" not in statuses and "not_found" not in statuses
    assert all(t["score"] is None and t["status"] == "incomplete" for t in report["tips"])  # type: ignore[union-attr]
    assert report["overall"]["score"] is None  # type: ignore[index]
    assert report["findings"] == []
    assert report["coverage"]["completed"] == 0  # type: ignore[index]


def test_empty_recording_means_unknown_everywhere_not_missing(tmp_path: Path) -> None:
    har = tmp_path / "empty.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": []}}), encoding="utf-8")
    report = scan_json("--handle", "noorv", "--email", "noor@example.com", "--replay", str(har))
    assert {c["status"] for c in report["checks"]} == {"unknown"}  # type: ignore[union-attr]
    assert all(r.get("error") for r in report["requests"])  # type: ignore[union-attr]


def test_demo_scan_shows_what_each_tip_should_show() -> None:
    proc = subprocess.run([sys.executable, "-m", "doxaudit", "demo", "--format", "json"], capture_output=True,
                          text=True, timeout=120)
    report = json.loads(proc.stdout)
    kinds = {f["kind"] for f in report["findings"]}
    assert {"breach", "gravatar_public", "phone_in_search", "address_in_search", "email_in_search",
            "public_profile", "handle_reuse", "account"} <= kinds
    # the namesake in Groningen (other phone, other address) is not counted
    assert not any("keramiek" in f["url"] for f in report["findings"])
    assert all(t["status"] == "scored" for t in report["tips"])
    assert 0 < report["coverage"]["unknown"] < report["coverage"]["checks_total"] / 10
    assert not any("no recorded response" in (r.get("error") or "") for r in report["requests"])
