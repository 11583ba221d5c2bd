#!/usr/bin/env python3
"""The same sweep with host names that take time to resolve: what the loopback benchmark cannot show.

The main benchmark gives every site an IP literal, so no client ever asks DNS. On the real web every
one of 500 sites is a name to look up first. This runs doxaudit in-process with `socket.getaddrinfo`
replaced: `site0001.sim.test` resolves to that site's 127.77.x.y after `--dns-ms` milliseconds (a
cold lookup), in whichever thread asks, exactly as a slow resolver would. Nothing leaves loopback:
the fake resolver answers only names under `.sim.test` and refuses everything else.

    /work/venv/bin/python benchmarks/dns_latency.py --dns-ms 50

Then compare with the fix applied (a larger default executor, see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sim import HANDLE, SimSite, lower_bound, score, serve_profile, sites_from_truth

ROOT = Path(__file__).resolve().parent.parent
sys.path.remove(str(ROOT))  # doxaudit comes from the running interpreter's install, not from this checkout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=500)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--dns-ms", type=float, default=50.0, help="how long each lookup takes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("args", nargs="*", help="extra `doxaudit sites check` arguments, e.g. --concurrency 512")
    args = ap.parse_args()

    profile = serve_profile(args.timeout)
    with tempfile.TemporaryDirectory() as tmp:
        # The simulator runs in its own process, so it takes no GIL time from doxaudit.
        server = subprocess.Popen([sys.executable, "-m", "benchmarks.sim", "--sites", str(args.sites), "--timeout",
                                   f"{args.timeout:g}", "--seed", str(args.seed), "--out", tmp, "--for", "300"],
                                  cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None and server.stdin is not None
            if server.stdout.readline().strip() != "ready":
                raise SystemExit("simulator did not start")
            sites = sites_from_truth(Path(tmp) / "truth.json", profile)
            wall, lookups, report = sweep(sites, Path(tmp), args)
        finally:
            if server.stdin:
                server.stdin.close()  # EOF: the simulator stops
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    verdicts = {c["label"]: c["status"] if c["status"] in ("found", "not_found") else "unknown" for c in report["checks"]}
    acc = score(sites, verdicts)
    timeouts = sum(1 for c in report["checks"] if c["reason"] == "timeout")
    hanging = sum(1 for s in sites if s.behaviour in ("hang", "drip"))
    print(f"{args.sites} sites, lookups take {args.dns_ms:g} ms, timeout {args.timeout:g} s, extra args {args.args}: "
          f"wall {wall:.2f} s ({wall / lower_bound(sites, profile):.2f}x the lower bound), {lookups} lookups, "
          f"{timeouts} timeouts ({hanging} sites hang or drip), accounts found {acc.found_ok}/{acc.accounts}, "
          f"unknown where knowable {len(acc.unknown_knowable)}, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


def sweep(sites: list[SimSite], files: Path, args: argparse.Namespace) -> tuple[float, int, dict[str, Any]]:
    """doxaudit `sites check`, in this process, over host names that resolve slowly."""
    by_name = {f"site{s.index:04d}.sim.test": s for s in sites}
    catalog = json.loads((files / "wmn-sites.json").read_text())
    for entry in catalog["sites"]:
        s = next(x for x in sites if x.name == entry["name"])
        entry["uri_check"] = entry["uri_check"].replace(f"//{s.host}:", f"//site{s.index:04d}.sim.test:")
    wmn = files / "wmn-names.json"
    wmn.write_text(json.dumps(catalog))
    real_getaddrinfo = socket.getaddrinfo
    lookups = 0

    def slow_getaddrinfo(host: Any, port: Any, *a: Any, **kw: Any) -> Any:
        nonlocal lookups
        name = host.decode() if isinstance(host, bytes) else str(host)
        site = by_name.get(name.lower())
        if site is None:
            if name.startswith("127.") or name == "localhost":
                return real_getaddrinfo(host, port, *a, **kw)
            raise socket.gaierror(socket.EAI_NONAME, "only *.sim.test names resolve here")
        lookups += 1
        time.sleep(args.dns_ms / 1000)  # a cold lookup, holding whichever thread asked
        return real_getaddrinfo(site.host, port, *a, **kw)

    from doxaudit import cli

    print(f"doxaudit from {Path(cli.__file__).parent}", file=sys.stderr)
    out = io.StringIO()
    socket.getaddrinfo = slow_getaddrinfo
    started = time.monotonic()
    try:
        sys.argv = ["doxaudit", "sites", "check", HANDLE, "--sites", str(wmn), "--no-builtin", "--timeout",
                    f"{args.timeout:g}", "--format", "json", *args.args]
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            cli.main()
    finally:
        socket.getaddrinfo = real_getaddrinfo
    return time.monotonic() - started, lookups, json.loads(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
