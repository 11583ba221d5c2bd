#!/usr/bin/env python3
"""One command: doxaudit, Sherlock and Maigret against the same simulated sites, in one run.

    /work/venv/bin/python benchmarks/run.py            # 500 sites, 10 s timeout
    /work/venv/bin/python benchmarks/run.py --quick    # 100 sites, 3 s timeout, for iterating

It installs nothing. doxaudit is the one installed in the interpreter that runs this script (or any
other, with --doxaudit LABEL=PYTHON [ARGS]); Sherlock and Maigret come from a separate venv
(--benchvenv, default /work/benchvenv or $DXBENCH_VENV); see benchmarks/README.md.

All traffic goes to the simulator on 127.0.0.0/8. As root on Linux the whole run re-executes itself
in a private network namespace that has nothing but loopback (`unshare --net`), so not even Sherlock's
update check can leave the machine; elsewhere Sherlock and Maigret get a dead loopback HTTPS proxy.
Every child has a time limit and is killed (its whole process group) past it; the simulator stops by
itself.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sim import (
    BEHAVIOURS,
    FULL,
    HANDLE,
    QUICK,
    Profile,
    SimSite,
    Simulator,
    lower_bound,
    make_sites,
    score,
    write_files,
)

DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens there: a phone-home fails at once, on loopback
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@dataclass
class Measured:
    wall: float
    user: float
    sys: float
    maxrss_mib: float
    returncode: int
    killed: bool = False

    @property
    def cpu(self) -> float:
        return self.user + self.sys


@dataclass
class ToolRun:
    label: str
    tool: str  # doxaudit | sherlock | maigret
    cmd: list[str]  # "{outdir}" stands for this run's output folder
    rep: int = 0
    measured: Measured | None = None
    verdicts: dict[str, str] = field(default_factory=dict)
    accuracy: dict[str, int] = field(default_factory=dict)
    offenders: dict[str, list[str]] = field(default_factory=dict)
    by_behaviour: dict[str, dict[str, int]] = field(default_factory=dict)
    sim_peak_in_flight: int = 0
    sim_requests: int = 0
    sim_first_request_at: float | None = None  # seconds after the start of the child
    sim_last_request_at: float | None = None
    error: str = ""


# --- running a child and measuring it ----------------------------------------------------------------------

def measure(cmd: list[str], *, env: dict[str, str], cwd: Path, stdout: Path, stderr: Path, limit: float) -> Measured:
    """Wall time, user+sys CPU and max RSS of one child (os.wait4: exactly that child and what it reaped)."""
    killed = threading.Event()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                                start_new_session=True)

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(limit, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux
    return Measured(wall=wall, user=usage.ru_utime, sys=usage.ru_stime, maxrss_mib=usage.ru_maxrss / 1024,
                    returncode=proc.returncode, killed=killed.is_set())


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARS and not k.startswith("PYTHON")}
    env.update(extra or {})
    return env


# --- the tools ---------------------------------------------------------------------------------------------

def doxaudit_cmd(python: str, wmn: Path, timeout: float, extra: list[str]) -> list[str]:
    script = Path(python).parent / "doxaudit"
    launcher = [str(script)] if script.exists() else [python, "-m", "doxaudit"]
    return [*launcher, "sites", "check", HANDLE, "--sites", str(wmn), "--no-builtin", "--timeout", f"{timeout:g}",
            "--format", "json", *extra]


def sherlock_cmd(venv: Path, data: Path, timeout: float, outdir: Path) -> list[str]:
    # --ignore-exclusions: otherwise Sherlock downloads an exclusion list from GitHub.
    # --print-all: otherwise its CSV lists only the sites it claims.
    return [str(venv / "bin" / "sherlock"), HANDLE, "--json", str(data), "--ignore-exclusions", "--timeout",
            f"{timeout:g}", "--no-color", "--print-all", "--csv", "--folderoutput", str(outdir)]


def maigret_cmd(venv: Path, db: Path, timeout: float, outdir: Path) -> list[str]:
    # -a: every site in the file (default: the top 500); no recursion/extraction: one request per site, as the others.
    return [str(venv / "bin" / "maigret"), HANDLE, "--db", str(db), "-a", "--timeout", f"{timeout:g}",
            "--no-recursion", "--no-extracting", "--no-progressbar", "--no-color", "-C", "--folderoutput", str(outdir)]


def doxaudit_verdicts(stdout: Path) -> dict[str, str]:
    report = json.loads(stdout.read_text(encoding="utf-8"))
    return {c["label"]: c["status"] if c["status"] in ("found", "not_found") else "unknown" for c in report["checks"]}


def _csv_verdicts(path: Path) -> dict[str, str]:
    mapping = {"Claimed": "found", "Available": "not_found"}
    with path.open(newline="", encoding="utf-8") as f:
        return {row["name"]: mapping.get(row["exists"], "unknown") for row in csv.DictReader(f)}


def sherlock_verdicts(outdir: Path) -> dict[str, str]:
    return _csv_verdicts(outdir / f"{HANDLE}.csv")


def maigret_verdicts(outdir: Path) -> dict[str, str]:
    return _csv_verdicts(outdir / f"report_{HANDLE}.csv")


# --- orchestration -----------------------------------------------------------------------------------------

def run_one(run: ToolRun, sim: Simulator, sites: list[SimSite], work: Path, limit: float) -> None:
    sim.wait_idle(30.0)  # the previous client's hangs and drips are gone
    sim.reset()
    name = f"{run.label}.{run.rep}"
    out, err = work / f"{name}.stdout", work / f"{name}.stderr"
    outdir = work / f"{name}-out"
    outdir.mkdir(exist_ok=True)
    env = clean_env({"DOXAUDIT_CACHE_DIR": str(work / "dx-cache"), "NO_COLOR": "1"})
    if run.tool in ("sherlock", "maigret"):
        env.update(HTTPS_PROXY=DEAD_PROXY, https_proxy=DEAD_PROXY)  # their update checks must not leave loopback
    run.cmd = [str(outdir) if a == "{outdir}" else a for a in run.cmd]
    t0 = time.monotonic()
    run.measured = measure(run.cmd, env=env, cwd=outdir, stdout=out, stderr=err, limit=limit)
    snap = sim.snapshot()
    run.sim_peak_in_flight = snap.peak_active
    run.sim_requests = snap.requests
    run.sim_first_request_at = None if snap.first_at is None else round(snap.first_at - t0, 2)
    run.sim_last_request_at = None if snap.last_at is None else round(snap.last_at - t0, 2)
    try:
        if run.tool == "doxaudit":
            run.verdicts = doxaudit_verdicts(out)
        elif run.tool == "sherlock":
            run.verdicts = sherlock_verdicts(outdir)
        else:
            run.verdicts = maigret_verdicts(outdir)
    except (OSError, ValueError, KeyError) as e:
        run.error = f"could not read its results: {type(e).__name__}: {e}; stderr tail: " + \
            err.read_text(errors="replace")[-500:]
    acc = score(sites, run.verdicts)
    run.accuracy = acc.summary()
    run.offenders = {k: getattr(acc, k) for k in ("false_found", "not_found_unanswered", "missed", "unknown_knowable")
                     if getattr(acc, k)}
    table: dict[str, dict[str, int]] = {b: {} for b in BEHAVIOURS}
    for s in sites:
        v = run.verdicts.get(s.name, "none")
        key = s.behaviour if s.behaviour not in ("clean", "ratelimit_once") else f"{s.behaviour}:{s.truth}"
        table.setdefault(key, {})
        table[key][v] = table[key].get(v, 0) + 1
    run.by_behaviour = {k: v for k, v in table.items() if v}


def startup_times(python: str, runs: int) -> list[float]:
    script = Path(python).parent / "doxaudit"
    cmd = [str(script), "--help"] if script.exists() else [python, "-m", "doxaudit", "--help"]
    times = []
    for _ in range(runs):
        t = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, env=clean_env(), check=False)
        times.append(time.monotonic() - t)
    return times


def reexec_in_netns(mode: str) -> None:
    """As root on Linux: run this whole script again inside a network namespace that has only loopback."""
    if mode == "off" or os.environ.get("DXBENCH_IN_NETNS"):
        return
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    usable = bool(unshare and ip and os.geteuid() == 0) and subprocess.run(
        [unshare or "unshare", "--net", "true"], capture_output=True, timeout=30, check=False).returncode == 0
    if not usable:
        if mode == "on":
            sys.exit("run.py: --netns on, but `unshare --net` is not usable here (needs root and util-linux)")
        print("note: no private network namespace (needs root and `unshare`); Sherlock and Maigret get a dead "
              "loopback HTTPS proxy instead", file=sys.stderr)
        return
    assert unshare is not None
    env = {**os.environ, "DXBENCH_IN_NETNS": "1"}
    os.execve(unshare, [unshare, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                        sys.executable, *sys.argv], env)


# --- report ------------------------------------------------------------------------------------------------

ERRORS = ("false_found", "not_found_unanswered", "missed", "unknown_knowable", "no_verdict")


@dataclass
class Summary:
    """One tool over its repetitions: medians of wall/CPU/RSS, the worst accuracy seen."""

    label: str
    tool: str
    runs: list[ToolRun]

    def _m(self, attr: str) -> list[float]:
        return [float(getattr(r.measured, attr)) for r in self.runs if r.measured]

    @property
    def wall(self) -> float:
        return statistics.median(self._m("wall"))

    @property
    def cpu(self) -> float:
        return statistics.median([r.measured.cpu for r in self.runs if r.measured])

    @property
    def rss(self) -> float:
        return statistics.median(self._m("maxrss_mib"))

    def worst(self, key: str) -> int:
        values = [r.accuracy.get(key, 0) for r in self.runs]
        return min(values) if key == "found_ok" else max(values)

    @property
    def killed(self) -> bool:
        return any(r.measured and r.measured.killed for r in self.runs)


def summarize(runs: list[ToolRun]) -> list[Summary]:
    out: dict[str, Summary] = {}
    for r in runs:
        out.setdefault(r.label, Summary(r.label, r.tool, [])).runs.append(r)
    return [s for s in out.values() if any(r.measured for r in s.runs)]


HEADERS = ["tool", "wall s", "x LB", "CPU s", "max RSS MiB", "accounts found", "false found", "not_found unanswered",
           "missed", "unknown (knowable)", "peak in flight"]


def fmt_row(s: Summary, lb: float) -> list[str]:
    walls = s._m("wall")
    wall = f"{s.wall:.2f}" + (f" ({min(walls):.2f}-{max(walls):.2f})" if len(walls) > 1 else "") + \
        (" killed" if s.killed else "")
    accounts = s.runs[0].accuracy.get("accounts", 0)
    return [s.label, wall, f"{s.wall / lb:.2f}x", f"{s.cpu:.2f}", f"{s.rss:.0f}", f"{s.worst('found_ok')}/{accounts}",
            str(s.worst("false_found")), str(s.worst("not_found_unanswered")), str(s.worst("missed")),
            str(s.worst("unknown_knowable")), str(max(r.sim_peak_in_flight for r in s.runs))]


def table(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True))]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def verdict_matrix(summaries: list[Summary]) -> str:
    runs = [s.runs[0] for s in summaries]
    keys = sorted({k for r in runs for k in r.by_behaviour})
    lines = ["verdicts per behaviour, first repetition (found / not_found / unknown / none):"]
    label_w = max((len(k) for k in keys), default=10)
    lines.append(" " * (label_w + 2) + "  ".join(r.label.ljust(16) for r in runs))
    for k in keys:
        cells = []
        for r in runs:
            d = r.by_behaviour.get(k, {})
            cells.append(f"{d.get('found', 0)}/{d.get('not_found', 0)}/{d.get('unknown', 0)}/{d.get('none', 0)}".ljust(16))
        lines.append(k.ljust(label_w + 2) + "  ".join(cells))
    return "\n".join(lines)


def targets(summaries: list[Summary], lb: float, startup: list[float]) -> list[str]:
    """Issue 7's targets, for every doxaudit in the run."""
    first: dict[str, Summary] = {}
    for s in summaries:
        first.setdefault(s.tool, s)
    out = []

    def check(ok: bool, text: str) -> None:
        out.append(f"  [{'PASS' if ok else 'FAIL'}] {text}")

    for dx in (s for s in summaries if s.tool == "doxaudit"):
        out.append(f"  {dx.label}:")
        check(dx.wall <= 1.1 * lb, f"within 1.1x the lower bound: {dx.wall:.2f} s vs {1.1 * lb:.2f} s")
        for tool, factor in (("sherlock", 4.0), ("maigret", 2.0)):
            other = first.get(tool)
            if other:
                check(other.wall >= factor * dx.wall,
                      f"at least {factor:g}x faster than {other.label}: {other.wall / dx.wall:.2f}x")
        check(dx.rss < 80, f"peak memory under 80 MiB: {dx.rss:.1f} MiB")
        check(dx.worst("false_found") == 0, f"zero false found: {dx.worst('false_found')}")
        check(dx.worst("not_found_unanswered") == 0,
              f"zero not_found for never-answered sites: {dx.worst('not_found_unanswered')}")
    if startup and "doxaudit" in first:
        check(statistics.median(startup) < 0.5, f"`doxaudit --help` ({first['doxaudit'].label}) under 0.5 s: "
                                                f"median {statistics.median(startup):.3f} s of {len(startup)}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, help="number of sites (default 500; 100 with --quick)")
    ap.add_argument("--timeout", type=float, help="every tool's timeout in seconds (default 10; 3 with --quick)")
    ap.add_argument("--quick", action="store_true", help="100 sites, 3 s timeout: for iterating")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1, help="run every tool this many times (interleaved); medians")
    ap.add_argument("--tools", default="doxaudit,sherlock,maigret", help="comma-separated subset, in run order")
    ap.add_argument("--benchvenv", type=Path, default=Path(os.environ.get("DXBENCH_VENV", "/work/benchvenv")))
    ap.add_argument("--doxaudit", action="append", default=[], metavar="LABEL=PYTHON [ARGS]",
                    help="a doxaudit to run (repeatable): label, the python of its venv, extra `sites check` args; "
                         "default: doxaudit=<this python>")
    ap.add_argument("--startup-runs", type=int, default=7, help="`doxaudit --help` runs for the start-up time")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    ap.add_argument("--workdir", type=Path, help="keep site files and tool outputs here (default: a temp dir)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--netns", choices=("auto", "on", "off"), default="auto",
                    help="run inside a private loopback-only network namespace (auto: when root and unshare work)")
    args = ap.parse_args()
    reexec_in_netns(args.netns)

    base = QUICK if args.quick else FULL
    n = args.sites or (100 if args.quick else 500)
    profile = Profile(**{**base.__dict__, "timeout": args.timeout or base.timeout})
    if args.timeout:  # hangs and drips must outlast the clients' timeout
        profile = Profile(**{**profile.__dict__, "drip_for": 3 * args.timeout, "hang_for": 3 * args.timeout})
    sites = make_sites(n, profile, seed=args.seed)
    lb = lower_bound(sites, profile)
    limit = max(120.0, 12 * profile.drip_for)

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in ("doxaudit", "sherlock", "maigret")]
    if unknown:
        print(f"run.py: unknown tool(s) {unknown}", file=sys.stderr)
        return 2
    for tool in ("sherlock", "maigret"):
        if tool in tools and not (args.benchvenv / "bin" / tool).exists():
            print(f"run.py: {args.benchvenv}/bin/{tool} not found; create the bench venv (benchmarks/README.md) "
                  f"or leave it out with --tools", file=sys.stderr)
            return 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="dxbench-"))
    work.mkdir(parents=True, exist_ok=True)

    dx_specs = [(label, shlex.split(rest)) for label, _, rest in
                (spec.partition("=") for spec in args.doxaudit or [f"doxaudit={sys.executable}"])]
    counts = {b: sum(1 for s in sites if s.behaviour == b) for b in BEHAVIOURS}
    in_ns = bool(os.environ.get("DXBENCH_IN_NETNS"))
    load_before = os.getloadavg()
    print(f"{n} sites on {len({s.host for s in sites})} loopback hosts, timeout {profile.timeout:g} s, seed {args.seed}; "
          f"lower bound {lb:.2f} s; private netns: {'yes' if in_ns else 'no'}; {os.cpu_count()} cores; "
          f"load average {load_before[0]:.2f}")
    print("  mix: " + ", ".join(f"{b} {c}" for b, c in counts.items() if c)
          + f"; accounts that exist (knowable): {sum(1 for s in sites if s.truth == 'found')}")

    runs: list[ToolRun] = []
    startup: list[float] = []
    lifetime = limit * args.repeat * (len(tools) + len(dx_specs)) + 120
    with Simulator(sites, profile, lifetime=lifetime) as sim:
        files = write_files(sites, profile, work, seed=args.seed)
        startup = startup_times(dx_specs[0][1][0], args.startup_runs) if "doxaudit" in tools else []
        for rep in range(args.repeat):
            for tool in tools:
                if tool == "doxaudit":
                    batch = [ToolRun(label, "doxaudit", doxaudit_cmd(python, files["wmn"], profile.timeout, extra), rep)
                             for label, (python, *extra) in dx_specs]
                elif tool == "sherlock":
                    batch = [ToolRun("sherlock", "sherlock",
                                     sherlock_cmd(args.benchvenv, files["sherlock"], profile.timeout, Path("{outdir}")), rep)]
                else:
                    batch = [ToolRun("maigret", "maigret",
                                     maigret_cmd(args.benchvenv, files["maigret"], profile.timeout, Path("{outdir}")), rep)]
                for run in batch:
                    print(f"running {run.label} ({rep + 1}/{args.repeat}) ...", file=sys.stderr, flush=True)
                    run_one(run, sim, sites, work, limit)
                    if run.error:
                        print(f"  {run.label}: {run.error}", file=sys.stderr)
                    runs.append(run)
    load_after = os.getloadavg()

    summaries = summarize(runs)
    print()
    if args.repeat > 1:
        print(f"medians of {args.repeat} interleaved runs (wall: median (min-max)); accuracy: the worst run")
    print(table([fmt_row(s, lb) for s in summaries], args.markdown))
    print()
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    if startup:
        print(f"`doxaudit --help`: median {statistics.median(startup):.3f} s, min {min(startup):.3f} s ({len(startup)} runs)")
    print("timeline (seconds after the child started, as the simulator saw it; first repetition):")
    for s in summaries:
        r = s.runs[0]
        if r.measured:
            print(f"  {r.label}: first request {r.sim_first_request_at}, last request {r.sim_last_request_at}, "
                  f"{r.sim_requests} requests, exit {r.measured.wall:.2f}")
    print(verdict_matrix(summaries))
    print("doxaudit targets (issue 7):")
    print("\n".join(targets(summaries, lb, startup)))
    for s in summaries:
        for k, names in s.runs[0].offenders.items():
            print(f"  {s.label} {k}: {', '.join(names[:12])}{' ...' if len(names) > 12 else ''}")
    print(f"files: {work}")
    if args.json:
        payload: dict[str, Any] = {
            "sites": n, "timeout": profile.timeout, "seed": args.seed, "lower_bound": lb, "mix": counts,
            "cores": os.cpu_count(), "netns": in_ns, "load_before": load_before, "load_after": load_after,
            "startup_help_s": startup,
            "summary": [{"label": s.label, "tool": s.tool, "wall_median": s.wall, "cpu_median": s.cpu, "rss_median_mib": s.rss,
                         "worst": {k: s.worst(k) for k in ("found_ok", *ERRORS)}} for s in summaries],
            "runs": [{"label": r.label, "tool": r.tool, "rep": r.rep, "cmd": r.cmd,
                      "measured": r.measured.__dict__ if r.measured else None,
                      "accuracy": r.accuracy, "by_behaviour": r.by_behaviour, "offenders": r.offenders,
                      "sim_peak_in_flight": r.sim_peak_in_flight, "sim_requests": r.sim_requests,
                      "sim_first_request_at": r.sim_first_request_at, "sim_last_request_at": r.sim_last_request_at,
                      "error": r.error} for r in runs],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
