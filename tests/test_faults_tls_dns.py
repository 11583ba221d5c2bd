"""TLS and DNS failures end as `unknown` with a reason, and the scan still finishes with its coverage."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from doxaudit.catalog import parse_site
from doxaudit.checks.base import CheckContext, PageCache, run_safely
from doxaudit.checks.sites import SiteCheck
from doxaudit.config import NetConfig, RunConfig
from doxaudit.engine import Scan
from doxaudit.identity import build_identity
from doxaudit.model import Status
from doxaudit.net.client import open_session
from doxaudit.report import build_report
from tests.loopback import Loopback, respond

CFG = NetConfig(timeout=3, read_timeout=2, connect_timeout=2, retries=0)
IDENT = build_identity(handles=["alice"])


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with Loopback() as server:
        yield server


def site(name: str, url: str) -> Any:
    return parse_site({"name": name, "uri_check": url, "e_code": 200, "e_string": "profile-header", "m_code": 404,
                       "m_string": "Not Found", "known": ["a"], "cat": "social"}, "test")


def run_sites(urls: dict[str, str]) -> list[Any]:
    checks = [SiteCheck(site(name, url), "alice") for name, url in urls.items()]

    async def go() -> list[Any]:
        session = open_session(CFG)
        try:
            return await Scan(IDENT, list(checks), RunConfig(net=CFG)).run(session)
        finally:
            await session.aclose()

    return asyncio.run(go())


def test_tls_handshake_failure_is_unknown(srv: Loopback) -> None:
    srv.route("/u/alice", respond(200, "<div class='profile-header'>"))
    https_to_plain_http = srv.url("/u/{account}").replace("http://", "https://")
    (out,) = run_sites({"TLS": https_to_plain_http})
    assert out.status is Status.UNKNOWN and out.reason


def test_dns_failure_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(host: object, *args: object, **kwargs: object) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    (out,) = run_sites({"Nowhere": "https://does-not-exist.invalid/u/{account}"})
    assert out.status is Status.UNKNOWN and "connection failed" in out.reason


def test_mixed_failures_finish_the_scan_with_honest_coverage(srv: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    srv.route("/ok/alice", respond(200, "<div class='profile-header'>"))
    srv.route("/missing/alice", respond(404, "Not Found"))
    srv.route("/busy/alice", respond(429, "", {"Retry-After": "100"}))
    srv.route("/broken/alice", respond(500, "oops"))
    outcomes = run_sites({
        "Ok": srv.url("/ok/{account}"), "Missing": srv.url("/missing/{account}"), "Busy": srv.url("/busy/{account}"),
        "Broken": srv.url("/broken/{account}"),
        "Refused": "http://127.0.0.1:9/u/{account}",  # discard port: nothing listens
    })
    by_label = {o.label: o.status for o in outcomes}
    assert by_label == {"Ok": Status.FOUND, "Missing": Status.NOT_FOUND, "Busy": Status.UNKNOWN,
                        "Broken": Status.UNKNOWN, "Refused": Status.UNKNOWN}
    report = build_report(IDENT, outcomes, [], tips=())
    assert (report.coverage.completed, report.coverage.unknown) == (2, 3)
    assert all(o.reason for o in outcomes if o.status is Status.UNKNOWN)


def test_a_check_that_raises_becomes_an_error_outcome_not_a_crash() -> None:
    class Exploding(SiteCheck):
        async def run(self, ctx: CheckContext) -> Any:
            raise RuntimeError("boom")

    async def go() -> Any:
        session = open_session(CFG)
        try:
            ctx = CheckContext(IDENT, session.fetcher, RunConfig(net=CFG), PageCache(session.fetcher))
            return await run_safely(Exploding(site("X", "https://x.example/{account}"), "alice"), ctx)
        finally:
            await session.aclose()

    out = asyncio.run(go())
    assert out.status is Status.ERROR and "boom" in out.reason
