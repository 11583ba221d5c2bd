"""Small builders shared by tests: fetch results, a replay session from in-memory entries."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from doxaudit.checks.base import Check, CheckContext, PageCache
from doxaudit.config import NetConfig, RunConfig
from doxaudit.identity import Identity
from doxaudit.model import CheckOutcome
from doxaudit.net.client import open_session
from doxaudit.net.fetch import FetchResult
from doxaudit.net.har import HarReplayer


def result(status: int | None = 200, body: str | bytes = "", headers: dict[str, str] | None = None,
           error: str | None = None, url: str = "https://example.com/x", **kw: Any) -> FetchResult:
    data = body.encode() if isinstance(body, str) else body
    return FetchResult(url=url, status=status, headers={k.lower(): v for k, v in (headers or {}).items()},
                       body=data, error=error, **kw)


def har_entry(url: str, status: int, body: str | dict[str, Any] | list[Any], method: str = "GET",
              headers: dict[str, str] | None = None) -> dict[str, Any]:
    text = body if isinstance(body, str) else json.dumps(body)
    return {
        "request": {"method": method, "url": url, "headers": []},
        "response": {"status": status, "headers": [{"name": k, "value": v} for k, v in (headers or {}).items()],
                     "content": {"text": text, "mimeType": (headers or {}).get("Content-Type", "")}},
    }


def run_check(check: Check, identity: Identity, entries: list[dict[str, Any]],
              config: RunConfig | None = None) -> tuple[CheckOutcome, list[Any]]:
    """Run one check against in-memory HAR entries; returns (outcome, request log)."""
    config = config or RunConfig(net=NetConfig(timeout=5))
    replayer = HarReplayer({"log": {"entries": entries}})

    async def go() -> CheckOutcome:
        session = open_session(config.net, replay=replayer)
        try:
            ctx = CheckContext(identity, session.fetcher, config, PageCache(session.fetcher))
            return await check.run(ctx)
        finally:
            await session.aclose()

    session_log: list[Any] = []
    outcome = asyncio.run(go())
    return outcome, session_log
