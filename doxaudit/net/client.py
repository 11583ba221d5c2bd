"""The only place that builds an httpx client. Modes: live, record (live + HAR), replay."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from ..config import NetConfig
from .fetch import Fetcher
from .har import HarRecorder, HarReplayer


async def _no_sleep(_: float) -> None:
    """Replay has no clock: Retry-After waits are skipped, the retry still happens."""
    await asyncio.sleep(0)


def socket_budget(wanted: int, spare: int = 64) -> int:
    """How many connections may be open at once: `wanted`, unless the open-file limit is lower.

    Raises the soft limit toward the hard one first (macOS starts at 256, many Linux shells at 1024),
    so `--concurrency 512` does not end in "too many open files" on half the sites.
    """
    try:
        import resource
    except ImportError:  # Windows has no such limit
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    if soft < wanted + spare:
        target = wanted + spare if hard == resource.RLIM_INFINITY else min(wanted + spare, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return max(1, min(wanted, soft - spare))


@dataclass
class Session:
    client: httpx.AsyncClient
    fetcher: Fetcher
    recorder: HarRecorder | None = None
    replayer: HarReplayer | None = None

    async def aclose(self) -> None:
        await self.client.aclose()


def open_session(
    config: NetConfig,
    *,
    replay: Path | HarReplayer | None = None,
    record: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Session:
    """Build the client for a run. `transport` lets tests inject one; nothing else may."""
    replayer: HarReplayer | None = None
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    if isinstance(replay, Path):
        replayer = HarReplayer.from_file(replay)
    elif replay is not None:
        replayer = replay
    if replayer is not None:
        base: httpx.AsyncBaseTransport = replayer
        sleep = _no_sleep
    elif transport is not None:
        base = transport
    else:
        config = replace(config, concurrency=socket_budget(config.concurrency))
        base = httpx.AsyncHTTPTransport(
            retries=0,
            limits=httpx.Limits(max_connections=config.concurrency, max_keepalive_connections=config.concurrency),
        )
    recorder = HarRecorder(base) if record else None
    client = httpx.AsyncClient(
        transport=recorder or base,
        timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
        headers={"User-Agent": config.user_agent, "Accept-Language": "en, nl;q=0.8"},
        follow_redirects=False,
    )
    return Session(client=client, fetcher=Fetcher(client, config, sleep=sleep),
                   recorder=recorder, replayer=replayer)
