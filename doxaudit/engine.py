"""Runs the planned checks concurrently through the one network session.

The engine never imports Rich: it reports progress through a callback, and keeps the
outcomes it has so far so an interrupted scan can still be reported (marked partial).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .checks.base import Check, CheckContext, PageCache, outcome, run_safely
from .config import RunConfig
from .identity import Identity
from .model import CheckOutcome, PlannedRequest, RequestLog, Status
from .net.client import Session

Progress = Callable[[CheckOutcome, int, int], None]


def plan(checks: list[Check]) -> list[PlannedRequest]:
    return [req for check in checks for req in check.requests()]


@dataclass
class Scan:
    identity: Identity
    checks: list[Check]
    config: RunConfig
    outcomes: dict[int, CheckOutcome] = field(default_factory=dict)

    async def run(self, session: Session, progress: Progress | None = None) -> list[CheckOutcome]:
        ctx = CheckContext(self.identity, session.fetcher, self.config, PageCache(session.fetcher))
        total = len(self.checks)
        # httpx (through anyio) looks host names up with loop.getaddrinfo, in the loop's default executor:
        # min(32, cores + 4) threads, 6 on two cores. A 500-site sweep would wait for DNS six names at a time,
        # and that wait counts against each request's deadline. 64 threads: 500 cold 150 ms lookups in ~1.2 s.
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(max_workers=min(64, self.config.net.concurrency), thread_name_prefix="doxaudit-dns"))

        async def one(index: int, check: Check) -> None:
            result = await run_safely(check, ctx)
            self.outcomes[index] = result
            if progress:
                progress(result, len(self.outcomes), total)

        async with asyncio.TaskGroup() as group:
            for i, check in enumerate(self.checks):
                group.create_task(one(i, check))
        return self.results()

    def results(self) -> list[CheckOutcome]:
        """Outcomes in check order; checks that never finished are `unknown` (interrupted)."""
        return [
            self.outcomes.get(i) or outcome(check, Status.UNKNOWN, "interrupted before this check finished")
            for i, check in enumerate(self.checks)
        ]


def run_checks(identity: Identity, checks: list[Check], config: RunConfig,
               replay: Path | None = None) -> tuple[list[CheckOutcome], list[RequestLog]]:
    """Run `checks` through a fresh session (live, or replayed from a HAR) to the end.

    For programs and tests; the CLI drives `Scan` itself for progress and Ctrl-C.
    """
    from .net.client import open_session

    scan = Scan(identity, checks, config)
    session = open_session(config.net, replay=replay)

    async def go() -> None:
        try:
            await scan.run(session)
        finally:
            await session.aclose()

    asyncio.run(go())
    return scan.results(), session.fetcher.log
