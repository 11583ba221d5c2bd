"""The fetcher against real sockets: a scripted HTTP server on 127.0.0.1, the live httpx transport.

Every test builds its client with `open_session(NetConfig(...))` and no injected transport,
so timeouts, resets, decoding and redirects are the real ones. Timeouts are small; wall-clock
assertions are loose upper bounds that only prove nothing hung.
"""

from __future__ import annotations

import asyncio
import json
import stat
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from doxaudit.config import NetConfig
from doxaudit.model import RequestLog
from doxaudit.net.client import Session, open_session
from doxaudit.net.fetch import FetchResult
from tests.loopback import (
    Loopback,
    big_body,
    closed_port,
    drip,
    gzip_bomb,
    gzip_bomb_bytes,
    gzipped,
    hang,
    redirect,
    reset_mid_body,
    respond,
    retry_after,
    slow,
)

CFG = NetConfig(timeout=1.5, read_timeout=1.0, connect_timeout=1.0, retry_wait_cap=2.0)
SLACK = 5.0  # "did not hang": generous, never a precision check


@pytest.fixture
def srv() -> Iterator[Loopback]:
    server = Loopback()
    try:
        yield server
    finally:
        server.close()
    assert not server.leaked, f"loopback threads still running after close: {server.leaked}"


def fetch(cfg: NetConfig, url: str, method: str = "GET", **kw: Any) -> tuple[FetchResult, list[RequestLog]]:
    """One request through a fresh live session; returns the result and the fetcher's log."""

    async def go() -> tuple[FetchResult, list[RequestLog]]:
        session = open_session(cfg)
        try:
            result = await session.fetcher.request(method, url, **kw)
            return result, list(session.fetcher.log)
        finally:
            await session.aclose()

    return asyncio.run(go())


def timed_fetch(cfg: NetConfig, url: str, **kw: Any) -> tuple[FetchResult, list[RequestLog], float]:
    started = time.monotonic()
    result, log = fetch(cfg, url, **kw)
    return result, log, time.monotonic() - started


# --- the helper itself ----------------------------------------------------------------------------

def test_loopback_binds_to_127_0_0_1_on_an_ephemeral_port(srv: Loopback) -> None:
    assert srv.base.startswith("http://127.0.0.1:")
    assert srv.port > 0
    srv.route("/", respond(200, b"hi"))
    result, _ = fetch(CFG, srv.url("/"))
    assert (result.status, result.body) == (200, b"hi")
    assert srv.hits("/") == 1


def test_loopback_close_wakes_a_hanging_handler() -> None:
    server = Loopback()
    server.route("/hang", hang())
    result, _ = fetch(replace(CFG, timeout=0.5), server.url("/hang"))
    assert result.error == "timeout"
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started < SLACK
    assert not server.leaked


# --- plain requests -------------------------------------------------------------------------------

def test_normal_response_headers_and_request_details(srv: Loopback) -> None:
    srv.route("/page", respond(200, "héllo", headers={"X-Thing": "1"}))
    result, log = fetch(CFG, srv.url("/page?q=1"))
    assert result.ok
    assert result.status == 200
    assert result.text == "héllo"
    assert result.headers["x-thing"] == "1"  # names are lower-cased
    assert result.truncated is False
    assert result.redirects == ()
    seen = srv.seen("/page")
    assert len(seen) == 1
    assert seen[0].target == "/page?q=1"
    assert seen[0].headers["user-agent"] == CFG.user_agent
    assert log == [RequestLog(method="GET", url=srv.url("/page?q=1"), status=200)]


def test_post_body_reaches_the_server(srv: Loopback) -> None:
    srv.route("/form", respond(200, b"thanks"))
    result, _ = fetch(CFG, srv.url("/form"), method="POST", content=b"a=1&b=2",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert result.status == 200
    (seen,) = srv.seen("/form")
    assert (seen.method, seen.body) == ("POST", b"a=1&b=2")


def test_error_statuses_are_results_not_errors(srv: Loopback) -> None:
    srv.route("/gone", respond(404, b"nope"))
    result, log = fetch(CFG, srv.url("/gone"))
    assert (result.status, result.error, result.body) == (404, None, b"nope")
    assert log[0].status == 404


def test_connection_refused_is_an_error(srv: Loopback) -> None:
    url = f"http://127.0.0.1:{closed_port()}/x"
    result, log, took = timed_fetch(CFG, url)
    assert result.status is None
    assert result.error is not None and result.error.startswith("connection failed")
    assert took < CFG.timeout + SLACK
    assert log == [RequestLog(method="GET", url=url, error=result.error)]


# --- deadlines ------------------------------------------------------------------------------------

def test_hanging_server_times_out(srv: Loopback) -> None:
    url = srv.route("/hang", hang())
    result, log, took = timed_fetch(CFG, url)
    assert result.error == "timeout"
    assert result.status is None
    assert took < CFG.timeout + SLACK
    assert srv.hits("/hang") == 1  # a timeout is not retried
    assert log == [RequestLog(method="GET", url=url, error="timeout")]


def test_hanging_server_hits_the_total_deadline_before_the_read_timeout(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=1.0, read_timeout=10.0)  # only the total deadline can end this
    url = srv.route("/hang", hang())
    result, log, took = timed_fetch(cfg, url)
    assert result.error == "timeout"
    assert took < cfg.timeout + SLACK
    assert [entry.error for entry in log] == ["timeout"]


def test_drip_feed_is_cut_off_by_the_total_deadline(srv: Loopback) -> None:
    # One byte a second never trips a 3 s read timeout; only the 2 s total deadline can stop it.
    cfg = replace(CFG, timeout=2.0, read_timeout=3.0)
    url = srv.route("/drip", drip(b"x" * 60, interval=1.0))
    result, log, took = timed_fetch(cfg, url)
    assert result.error == "timeout"
    assert result.status is None
    assert took < cfg.timeout + SLACK  # not the 60 s the body would take
    assert [entry.error for entry in log] == ["timeout"]


def test_drip_with_short_read_timeout_also_ends_as_timeout(srv: Loopback) -> None:
    url = srv.route("/drip", drip(b"x" * 60, interval=1.0))
    result, _, took = timed_fetch(CFG, url)
    assert result.error == "timeout"
    assert took < CFG.timeout + SLACK


# --- retries --------------------------------------------------------------------------------------

def test_429_with_retry_after_is_retried_once(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=4.0)  # room for the 1 s wait inside the total deadline
    url = srv.route("/limited", retry_after(1), respond(200, b"finally"))
    result, log = fetch(cfg, url)
    assert result.status == 200
    assert result.body == b"finally"
    assert result.error is None
    assert srv.hits("/limited") == 2
    assert [entry.status for entry in log] == [429, 200]
    first, second = srv.seen("/limited")
    assert second.at - first.at >= 0.9  # it did honour Retry-After before asking again


def test_retry_after_beyond_the_cap_is_not_waited_for(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=10.0, retry_wait_cap=2.0)
    url = srv.route("/limited", retry_after(30), respond(200, b"too late"))
    result, log, took = timed_fetch(cfg, url)
    assert result.status == 429
    assert result.headers["retry-after"] == "30"
    assert srv.hits("/limited") == 1
    assert took < cfg.retry_wait_cap + SLACK
    assert [entry.status for entry in log] == [429]


def test_retry_after_that_would_pass_the_deadline_is_not_waited_for(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=1.5, retry_wait_cap=5.0)
    url = srv.route("/limited", retry_after(3), respond(200, b"too late"))
    result, _ = fetch(cfg, url)
    assert result.status == 429
    assert srv.hits("/limited") == 1


def test_503_storm_exhausts_retries(srv: Loopback) -> None:
    cfg = replace(CFG, retries=3)
    url = srv.route("/storm", retry_after(0, status=503))
    result, log = fetch(cfg, url)
    assert result.status == 503
    assert result.error is None
    assert srv.hits("/storm") == cfg.retries + 1
    assert [entry.status for entry in log] == [503] * (cfg.retries + 1)


def test_503_storm_without_retry_after_backs_off_and_gives_up(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=5.0, retries=2)  # backoff 0.5 s + 1 s fits the deadline
    url = srv.route("/storm", respond(503, b"busy"))
    result, log, took = timed_fetch(cfg, url)
    assert result.status == 503
    assert srv.hits("/storm") == cfg.retries + 1
    assert len(log) == cfg.retries + 1
    assert took < cfg.timeout + SLACK


def test_backoff_never_runs_past_the_total_deadline(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=1.0, retries=5)  # 0.5 s, then 1 s would cross the 1 s deadline
    url = srv.route("/storm", respond(503, b"busy"))
    result, _, took = timed_fetch(cfg, url)
    assert result.status == 503
    assert 1 <= srv.hits("/storm") < cfg.retries + 1
    assert took < cfg.timeout + SLACK


# --- broken and hostile bodies --------------------------------------------------------------------

@pytest.mark.parametrize("rst", [True, False], ids=["rst", "fin"])
def test_connection_dropped_mid_body_is_an_error(srv: Loopback, rst: bool) -> None:
    url = srv.route("/reset", reset_mid_body(declared=100_000, sent=1_000, rst=rst))
    result, log = fetch(CFG, url)
    assert result.error is not None
    assert result.error != "timeout"
    assert result.status is None
    assert result.body == b""
    assert [entry.error for entry in log] == [result.error]


def test_oversized_body_is_cut_at_max_body_bytes(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=5.0, max_body_bytes=256 * 1024)
    url = srv.route("/big", big_body(10 * 1024 * 1024))
    result, log = fetch(cfg, url)
    assert result.status == 200
    assert result.error is None
    assert result.truncated is True
    assert len(result.body) == cfg.max_body_bytes
    assert log[0].status == 200


def test_per_call_max_bytes_overrides_the_config(srv: Loopback) -> None:
    url = srv.route("/big", big_body(1024 * 1024))
    result, _ = fetch(CFG, url, max_bytes=1000)
    assert (len(result.body), result.truncated) == (1000, True)


def test_body_of_exactly_max_body_bytes_is_not_truncated(srv: Loopback) -> None:
    cfg = replace(CFG, max_body_bytes=1000)
    exact = srv.route("/exact", respond(200, b"e" * 1000))
    over = srv.route("/over", respond(200, b"o" * 1001))
    under = srv.route("/under", respond(200, b"u" * 999))
    r_exact, _ = fetch(cfg, exact)
    r_over, _ = fetch(cfg, over)
    r_under, _ = fetch(cfg, under)
    assert (len(r_under.body), r_under.truncated) == (999, False)
    assert (len(r_over.body), r_over.truncated) == (1000, True)
    # The whole body arrived; nothing was cut, so it must not be reported as truncated.
    assert (len(r_exact.body), r_exact.truncated) == (1000, False)


def test_gzip_bomb_is_cut_at_max_body_bytes(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=5.0, max_body_bytes=1024 * 1024)
    assert len(gzip_bomb_bytes()) < 1024 * 1024  # small on the wire ...
    url = srv.route("/bomb", gzip_bomb())  # ... 100 MB once inflated
    result, _ = fetch(cfg, url)
    assert result.status == 200
    assert result.error is None
    assert result.truncated is True
    assert len(result.body) == cfg.max_body_bytes
    assert result.body == bytes(cfg.max_body_bytes)


def test_gzip_bomb_is_inflated_in_bounded_memory(srv: Loopback) -> None:
    """Peak memory while reading a 100 MB bomb stays near max_body_bytes, not near the bomb."""
    cfg = replace(CFG, timeout=5.0, max_body_bytes=1024 * 1024)
    url = srv.route("/bomb", gzip_bomb())
    tracemalloc.start()
    try:
        result, _ = fetch(cfg, url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.truncated is True and len(result.body) == cfg.max_body_bytes
    cap_mib = cfg.max_body_bytes / 2**20
    assert peak < 16 * cfg.max_body_bytes, f"peak {peak / 2**20:.0f} MiB for a {cap_mib:.0f} MiB cap"


def test_gzip_encoded_normal_response_is_decoded(srv: Loopback) -> None:
    page = "<html><body>Noor Voorbeeld — profiel</body></html>"
    url = srv.route("/gz", gzipped(page))
    result, _ = fetch(CFG, url)
    assert result.status == 200
    assert result.text == page
    assert result.headers["content-encoding"] == "gzip"
    assert result.encoding == "utf-8"


# --- redirects ------------------------------------------------------------------------------------

def test_redirect_loop_ends_with_too_many_redirects(srv: Loopback) -> None:
    url = srv.route("/loop", redirect("/loop"))
    result, log = fetch(CFG, url)
    assert result.status is None
    assert result.error is not None and "too many redirects" in result.error
    assert srv.hits("/loop") == CFG.max_redirects + 1
    assert [entry.status for entry in log[:-1]] == [302] * (CFG.max_redirects + 1)
    assert log[-1].error == result.error


def test_two_step_redirect_loop_also_ends(srv: Loopback) -> None:
    srv.route("/a", redirect("/b", status=301))
    srv.route("/b", redirect(srv.url("/a"), status=307))
    result, _ = fetch(CFG, srv.url("/a"))
    assert result.error is not None and "too many redirects" in result.error
    assert srv.hits("/a") + srv.hits("/b") == CFG.max_redirects + 1


def test_redirect_to_login_is_followed_and_reported(srv: Loopback) -> None:
    start = srv.route("/u/noor", redirect("/login?next=/u/noor"))
    srv.route("/login", respond(200, b"<form>Sign in</form>", content_type="text/html"))
    result, log = fetch(CFG, start)
    assert result.status == 200
    assert result.url == srv.url("/login?next=/u/noor")
    assert result.redirects == (start,)
    assert b"Sign in" in result.body
    assert [(entry.url, entry.status) for entry in log] == [(start, 302), (result.url, 200)]


def test_follow_redirects_false_returns_the_3xx(srv: Loopback) -> None:
    start = srv.route("/u/noor", redirect("/login"))
    srv.route("/login", respond(200, b"login"))
    result, log = fetch(CFG, start, follow_redirects=False)
    assert result.status == 302
    assert result.headers["location"] == "/login"
    assert result.redirects == ()
    assert srv.hits("/login") == 0
    assert [entry.status for entry in log] == [302]


def test_post_becomes_get_after_303_but_not_after_307(srv: Loopback) -> None:
    srv.route("/p303", redirect("/done", status=303))
    srv.route("/p307", redirect("/done", status=307))
    srv.route("/done", respond(200, b"done"))
    fetch(CFG, srv.url("/p303"), method="POST", content=b"x=1")
    fetch(CFG, srv.url("/p307"), method="POST", content=b"x=2")
    first, second = srv.seen("/done")
    assert (first.method, first.body) == ("GET", b"")
    assert (second.method, second.body) == ("POST", b"x=2")


# --- untrusted URLs -------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_untrusted_loopback_url_is_refused_without_connecting(srv: Loopback, host: str) -> None:
    srv.route("/admin", respond(200, b"router admin"))
    url = f"http://{host}:{srv.port}/admin"
    result, log = fetch(CFG, url, untrusted=True)
    assert result.status is None
    assert result.error is not None and result.error.startswith("refused")
    assert srv.hits("/admin") == 0
    assert log == [RequestLog(method="GET", url=url, error=result.error)]


def test_trusted_loopback_url_is_allowed_by_default(srv: Loopback) -> None:
    url = srv.route("/admin", respond(200, b"router admin"))
    result, _ = fetch(CFG, url)
    assert (result.status, result.body) == (200, b"router admin")
    assert srv.hits("/admin") == 1


# --- limits and the request log -------------------------------------------------------------------

def test_per_host_limit_caps_concurrent_requests(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=5.0, per_host=2, concurrency=8)
    srv.route("/slow", slow(0.3))

    async def go() -> list[FetchResult]:
        session = open_session(cfg)
        try:
            return await asyncio.gather(*(session.fetcher.request("GET", srv.url(f"/slow?i={i}"))
                                          for i in range(6)))
        finally:
            await session.aclose()

    results = asyncio.run(go())
    assert [r.status for r in results] == [200] * 6
    assert srv.max_active["/slow"] == 2


def test_every_attempt_is_in_the_log(srv: Loopback) -> None:
    cfg = replace(CFG, timeout=3.0, max_body_bytes=10_000)
    urls = {
        "ok": srv.route("/ok", respond(200, b"ok")),
        "limited": srv.route("/limited", retry_after(0), respond(200, b"ok now")),
        "hop": srv.route("/hop", redirect("/ok")),
        "hang": srv.route("/hang", hang()),
        "reset": srv.route("/reset", reset_mid_body()),
        "big": srv.route("/big", big_body(1024 * 1024)),
        "loop": srv.route("/loop", redirect("/loop")),
        "refused": f"http://127.0.0.1:{closed_port()}/",
    }

    async def go() -> tuple[dict[str, FetchResult], list[RequestLog]]:
        session: Session = open_session(cfg)
        try:
            out = {name: await session.fetcher.request("GET", url) for name, url in urls.items()}
            out["untrusted"] = await session.fetcher.request("GET", srv.url("/ok"), untrusted=True)
            return out, list(session.fetcher.log)
        finally:
            await session.aclose()

    results, log = asyncio.run(go())
    assert all(entry.status is not None or entry.error for entry in log)
    # The server's own count of requests equals the log's count of answered requests ...
    answered = [entry for entry in log if entry.status is not None]
    served = sum(srv.hits(p) for p in ("/ok", "/limited", "/hop", "/loop", "/big"))
    assert len(answered) == served
    # ... and every failure the caller saw is in the log, against its URL.
    for name, result in results.items():
        if result.error:
            assert RequestLog(method="GET", url=result.url, error=result.error) in log, name
    assert {e.url for e in log} >= {urls["hang"], urls["reset"], urls["refused"], urls["loop"]}
    assert [e.status for e in log if e.url == urls["limited"]] == [429, 200]
    assert results["big"].truncated


# --- record / replay ------------------------------------------------------------------------------

def _record(cfg: NetConfig, urls: list[str], path: Path) -> dict[str, FetchResult]:
    async def go() -> dict[str, FetchResult]:
        session = open_session(cfg, record=True)
        try:
            out = {url: await session.fetcher.request("GET", url) for url in urls}
        finally:
            await session.aclose()
        assert session.recorder is not None
        session.recorder.save(path)
        return out

    return asyncio.run(go())


def _replay(cfg: NetConfig, urls: list[str], path: Path) -> dict[str, FetchResult]:
    async def go() -> dict[str, FetchResult]:
        session = open_session(cfg, replay=path)
        try:
            return {url: await session.fetcher.request("GET", url) for url in urls}
        finally:
            await session.aclose()

    return asyncio.run(go())


def test_record_then_replay_round_trip(srv: Loopback, tmp_path: Path) -> None:
    page = "<html><body>" + "Noor Voorbeeld woont in Utrecht. " * 200 + "</body></html>"
    urls = [
        srv.route("/plain", respond(200, b"plain text")),
        srv.route("/gz", gzipped(page)),
        srv.route("/json", respond(200, json.dumps({"name": "noor"}), content_type="application/json")),
        srv.route("/missing", respond(404, b"no such user")),
        srv.route("/moved", redirect("/plain")),
        srv.url("/search?q=noor+voorbeeld"),
    ]
    srv.route("/search", respond(200, b"results"))
    har = tmp_path / "x.har"
    live = _record(CFG, urls, har)

    assert stat.S_IMODE(har.stat().st_mode) == 0o600
    data = json.loads(har.read_text(encoding="utf-8"))
    assert {e["request"]["url"] for e in data["log"]["entries"]} >= set(urls)
    assert all(result.ok for result in live.values()), live
    assert live[urls[1]].text == page

    hits_before = len(srv.requests)
    replayed = _replay(CFG, [*urls, srv.url("/never-recorded")], har)
    assert len(srv.requests) == hits_before  # replay never touches the network
    for url in urls:
        assert (replayed[url].status, replayed[url].body) == (live[url].status, live[url].body), url
        assert replayed[url].redirects == live[url].redirects
    assert replayed[urls[1]].text == page
    miss = replayed[srv.url("/never-recorded")]
    assert miss.status is None
    assert miss.error is not None and miss.error.startswith("connection failed")


def test_replay_of_a_recorded_retry_replays_both_answers(srv: Loopback, tmp_path: Path) -> None:
    cfg = replace(CFG, timeout=4.0)
    url = srv.route("/limited", retry_after(1), respond(200, b"ok"))
    har = tmp_path / "retry.har"
    live = _record(cfg, [url], har)
    assert live[url].status == 200
    started = time.monotonic()
    replayed = _replay(cfg, [url], har)
    assert (replayed[url].status, replayed[url].body) == (200, b"ok")
    assert time.monotonic() - started < 1.0 + SLACK  # replay does not sleep for Retry-After


def test_replay_of_a_truncated_body_is_still_truncated(srv: Loopback, tmp_path: Path) -> None:
    cfg = replace(CFG, timeout=5.0, max_body_bytes=100_000)
    url = srv.route("/big", big_body(10 * 1024 * 1024))
    har = tmp_path / "big.har"
    live = _record(cfg, [url], har)
    replayed = _replay(cfg, [url], har)
    assert (live[url].truncated, len(live[url].body)) == (True, cfg.max_body_bytes)
    assert (replayed[url].truncated, replayed[url].body) == (True, live[url].body)


def test_replay_of_a_recorded_gzip_bomb_is_cut_in_bounded_memory(srv: Loopback, tmp_path: Path) -> None:
    """The HAR keeps the ~100 KB compressed bomb; replaying it must not inflate all 100 MB."""
    cfg = replace(CFG, timeout=5.0, max_body_bytes=1024 * 1024)
    url = srv.route("/bomb", gzip_bomb())
    har = tmp_path / "bomb.har"
    _record(cfg, [url], har)
    tracemalloc.start()
    try:
        replayed = _replay(cfg, [url], har)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (replayed[url].status, replayed[url].truncated) == (200, True)
    assert replayed[url].body == bytes(cfg.max_body_bytes)
    cap_mib = cfg.max_body_bytes / 2**20
    assert peak < 16 * cfg.max_body_bytes, f"peak {peak / 2**20:.0f} MiB for a {cap_mib:.0f} MiB cap"


@pytest.mark.parametrize("behaviour", ["reset", "drip"])
def test_replay_of_a_failed_body_is_still_a_failure(srv: Loopback, tmp_path: Path, behaviour: str) -> None:
    """A body that broke off live (reset, deadline) must not replay as a clean, complete 200."""
    cfg = replace(CFG, timeout=1.5, read_timeout=3.0)
    if behaviour == "reset":
        url = srv.route("/broken", reset_mid_body(declared=100_000, sent=5_000))
    else:
        url = srv.route("/broken", drip(b"x" * 60, interval=0.2))
    har = tmp_path / "broken.har"
    live = _record(cfg, [url], har)
    assert live[url].error is not None
    replayed = _replay(cfg, [url], har)
    assert replayed[url].error is not None, (
        f"live run failed ({live[url].error!r}) but replay returned status {replayed[url].status} "
        f"with a {len(replayed[url].body)}-byte partial body"
    )
