"""doxaudit's accuracy on the benchmark's simulated internet (benchmarks/sim.py), at test size.

About 30 loopback sites with every trap the benchmark has: hanging, dripping one byte at a time,
429 with and without Retry-After, a 429 that clears after one retry, Cloudflare-style challenge and
block pages, and soft-404s. It asserts what doxaudit must never do (a false `found`, a `not_found` for a
site that never answered) and that every account that can be known is found. No timing assertions:
speed is the benchmark's job (`python benchmarks/run.py`), not the tests'.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.sim import (
    HANDLE,
    NEVER_ANSWERS,
    TEST,
    Profile,
    SimSite,
    Simulator,
    lower_bound,
    maigret_db,
    make_sites,
    score,
    sherlock_data,
    write_files,
)
from doxaudit.catalog import load_file

# Drips and hangs outlast the client's timeout by a wide margin, so a slow CI machine cannot turn them into answers.
PROFILE = Profile(**{**TEST.__dict__, "timeout": 3.0, "drip_for": 10.0, "hang_for": 10.0})
MIX = {"hang": 0.07, "drip": 0.07, "ratelimit": 0.10, "ratelimit_once": 0.07, "challenge": 0.07, "soft404": 0.10}


def test_the_site_set_has_every_trap_on_every_kind_of_site() -> None:
    sites = make_sites(30, PROFILE, seed=11, mix=MIX)
    behaviours = {s.behaviour for s in sites}
    assert behaviours == {"clean", "hang", "drip", "ratelimit", "ratelimit_once", "challenge", "soft404"}
    assert {s.retry_after for s in sites if s.behaviour == "ratelimit"} == {1, None, PROFILE.retry_after_long}
    assert {s.variant for s in sites if s.behaviour == "challenge"} == {"js", "block"}
    assert len({s.kind for s in sites if s.behaviour in NEVER_ANSWERS}) == 3
    assert any(s.truth == "found" for s in sites) and any(s.truth == "not_found" for s in sites)
    assert lower_bound(sites, PROFILE) == PROFILE.timeout  # a hanging site costs the whole timeout
    assert make_sites(30, PROFILE, seed=11, mix=MIX) == sites  # deterministic


Sweep = tuple[list[SimSite], dict[str, dict[str, Any]], Simulator]


@pytest.fixture(scope="module")
def sweep(tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    """One doxaudit `sites check` over the simulated sites, as a user runs it."""
    work = tmp_path_factory.mktemp("bench-sim")
    sites = make_sites(30, PROFILE, seed=11, mix=MIX)
    with Simulator(sites, PROFILE, lifetime=120) as sim:
        files = write_files(sites, PROFILE, work)
        env = {**os.environ, "DOXAUDIT_CACHE_DIR": str(work / "cache")}
        for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
            env.pop(name, None)
        proc = subprocess.run(
            [sys.executable, "-m", "doxaudit", "sites", "check", HANDLE, "--sites", str(files["wmn"]), "--no-builtin",
             "--timeout", f"{PROFILE.timeout:g}", "--format", "json"],
            capture_output=True, text=True, timeout=120, env=env, check=False)
        assert proc.returncode == 0, proc.stderr
        checks = {c["label"]: c for c in json.loads(proc.stdout)["checks"]}
        assert sim.wait_idle(15)
    assert not sim.running, "the simulator must stop when closed"
    return sites, checks, sim


def test_sweep_has_no_false_found_and_no_not_found_for_unanswered_sites(sweep: Sweep) -> None:
    sites, checks, _ = sweep
    verdicts = {name: c["status"] for name, c in checks.items()}
    accuracy = score(sites, {k: v if v in ("found", "not_found") else "unknown" for k, v in verdicts.items()})
    explain = {s.name: (s.behaviour, s.kind, s.truth, checks[s.name]["status"], checks[s.name]["reason"]) for s in sites}
    assert accuracy.no_verdict == [], explain
    assert accuracy.false_found == [], {n: explain[n] for n in accuracy.false_found}
    assert accuracy.not_found_unanswered == [], {n: explain[n] for n in accuracy.not_found_unanswered}
    assert accuracy.missed == [], {n: explain[n] for n in accuracy.missed}
    assert accuracy.found_ok == accuracy.accounts > 0, explain
    # every site that cannot be known is `unknown`, with a reason
    for s in sites:
        if s.truth == "unknowable":
            assert checks[s.name]["status"] == "unknown" and checks[s.name]["reason"], explain[s.name]


def test_sweep_reasons_name_what_happened(sweep: Sweep) -> None:
    sites, checks, sim = sweep
    for s in sites:
        reason = checks[s.name]["reason"]
        if s.behaviour in ("hang", "drip"):
            assert reason == "timeout", (s, reason)
        elif s.behaviour == "challenge":
            assert "Cloudflare" in reason, (s, reason)
        elif s.behaviour == "ratelimit":
            assert "429" in reason or reason == "timeout", (s, reason)
    hits = sim.snapshot().hits
    assert set(hits) == {s.index for s in sites}, "every site was asked"
    for s in sites:
        if s.behaviour == "ratelimit_once":
            assert hits[s.index] == 2, "a 429 with a short Retry-After is retried once, then answered"


def test_the_same_sites_are_written_for_each_tool(tmp_path: Path) -> None:
    sites = make_sites(30, PROFILE, seed=11, mix=MIX)
    with Simulator(sites, PROFILE, lifetime=30) as sim:
        files = write_files(sites, PROFILE, tmp_path)
        assert sim.snapshot().requests == 0
    loaded = load_file(files["wmn"])  # doxaudit's own validation accepts the file
    assert [s.name for s in loaded] == [s.name for s in sites]
    assert all(s.uri_check.startswith("http://127.") for s in loaded)
    sherlock = sherlock_data(sites)
    maigret = maigret_db(sites)["sites"]
    assert list(sherlock) == list(maigret) == [s.name for s in sites]
    assert all("{}" in e["url"] and e["errorType"] in ("status_code", "message", "response_url") for e in sherlock.values())
    assert all("{username}" in e["url"] and e["checkType"] in ("status_code", "message", "response_url")
               for e in maigret.values())
    truth = json.loads(files["truth"].read_text())
    assert truth["lower_bound"] == PROFILE.timeout and len(truth["sites"]) == len(sites)
