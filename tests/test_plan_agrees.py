"""`plan` and the report's `requests` list agree with the requests actually made."""

from __future__ import annotations

import asyncio

from doxaudit.catalog import builtin_sites
from doxaudit.config import NetConfig, RunConfig
from doxaudit.demo import demo_identity, demo_recording
from doxaudit.engine import Scan, plan
from doxaudit.net.client import open_session
from doxaudit.registry import build_checks


def test_every_planned_request_is_made_and_every_request_made_was_planned() -> None:
    identity = demo_identity()
    config = RunConfig(net=NetConfig())
    checks = build_checks(identity, builtin_sites(), config)
    planned = [r for r in plan(checks)]
    fixed = {(r.method, r.url) for r in planned if not r.dynamic}
    dynamic_checks = {r.check for r in planned if r.dynamic}

    async def go() -> list[tuple[str, str]]:
        session = open_session(config.net, replay=demo_recording())
        try:
            await Scan(identity, checks, config).run(session)
        finally:
            await session.aclose()
        return [(r.method, r.url) for r in session.fetcher.log]

    made = asyncio.run(go())
    assert fixed <= set(made), sorted(fixed - set(made))[:5]
    unplanned = [m for m in made if m not in fixed]
    # the only requests not listed one by one are the result pages `plan` announces as dynamic
    assert dynamic_checks or not unplanned
    assert all(url.startswith("https://") and "duckduckgo" not in url for _, url in unplanned)
