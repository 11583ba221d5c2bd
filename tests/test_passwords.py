"""Pwned Passwords with k-anonymity: only the 5-character SHA-1 prefix may ever leave the process.

Transports are mocked (httpx.MockTransport through `open_session(transport=...)`) or replayed
from HAR; nothing here touches the network.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import doxaudit.net.client as net_client
from doxaudit import advice
from doxaudit.cli_password import format_count, password_check, read_password, read_password_line, result_view
from doxaudit.config import USER_AGENT, NetConfig
from doxaudit.errors import HarError, InputError
from doxaudit.model import Status
from doxaudit.net.fetch import Fetcher
from doxaudit.passwords import (
    MAX_PASSWORD_CHARS,
    PasswordResult,
    check_password,
    check_prefix,
    classify_range,
    count_in_range,
    range_url,
    split_hash,
)
from tests.helpers import har_entry, result

# A password nobody should ever use, with non-ASCII and spaces, so encodings are exercised too.
SECRET = "Tr0ub4dor & zuurdesem ✓ 🐎 noor"
SHA = hashlib.sha1(SECRET.encode("utf-8")).hexdigest().upper()
PREFIX, SUFFIX = SHA[:5], SHA[5:]
URL = f"https://api.pwnedpasswords.com/range/{PREFIX}"


def fake_suffix(i: int) -> str:
    return hashlib.sha1(f"other-{i}".encode()).hexdigest().upper()[5:]


def range_body(count: int | None = 42, padding: int = 20, real: int = 30) -> str:
    """A padded range answer: `real` other hashes, `padding` entries of count 0, ours with `count` (or absent)."""
    lines = [f"{fake_suffix(i)}:{i + 1}" for i in range(real)]
    lines += [f"{fake_suffix(1000 + i)}:0" for i in range(padding)]
    if count is not None:
        lines.insert(len(lines) // 2, f"{SUFFIX}:{count}")
    return "\r\n".join(lines)


def secret_forms() -> list[str]:
    """Every form in which the password or its full hash could leak."""
    return [SECRET, json.dumps(SECRET)[1:-1], json.dumps(SECRET, ensure_ascii=True)[1:-1], SHA, SHA.lower(),
            base64.b64encode(SECRET.encode()).decode(), "Tr0ub4dor", "zuurdesem"]


def assert_clean(text: str, *, allow_suffix: bool = False, allow_prefix: bool = True) -> None:
    for form in secret_forms():
        assert form not in text, f"leaked {form!r}"
    if not allow_suffix:
        assert SUFFIX not in text and SUFFIX.lower() not in text
    if not allow_prefix:
        assert PREFIX not in text


# --- hashing and parsing (pure) -------------------------------------------------------------

def test_sha1_split_matches_the_documented_example() -> None:
    assert split_hash("password") == ("5BAA6", "1E4C9B93F3F0682250B6CF8331B7EE68FD8")


def test_password_is_hashed_exactly_as_given() -> None:
    assert split_hash(" password") != split_hash("password")
    assert split_hash("e\u0301") != split_hash("\u00e9")  # no Unicode normalisation: other bytes, other password
    with pytest.raises(ValueError):
        split_hash("\ud800")


def test_range_url_takes_only_a_five_hex_prefix() -> None:
    assert range_url("ABCDE") == "https://api.pwnedpasswords.com/range/ABCDE"
    for bad in ("abcde", "ABCD", "ABCDEF", "ABCD/", "../..", SHA):
        with pytest.raises(ValueError):
            range_url(bad)


def test_padding_entries_never_count() -> None:
    body = range_body(count=None, padding=200).encode()
    assert count_in_range(body, SUFFIX) == (0, 230)
    padded_ours = range_body(count=0).encode()  # our suffix as a padding line (count 0) is still not pwned
    assert count_in_range(padded_ours, SUFFIX)[0] == 0
    assert classify_range(result(200, padded_ours), SUFFIX).status is Status.NOT_FOUND


def test_count_is_found_case_insensitively_and_malformed_lines_are_skipped() -> None:
    body = "\r\n".join([
        "garbage", f"{SUFFIX[:-1]}:9", f"{SUFFIX}0:9", f"{SUFFIX}:lots", f"{SUFFIX}:-3", f"{SUFFIX}:1e9",
        f"{SUFFIX}:{'9' * 40}", f"{SUFFIX}:", f":{SUFFIX}", "\x00\x1b[31m", f"{SUFFIX.lower()}:7",
        f"{fake_suffix(1)}:3",
    ]).encode()
    assert count_in_range(body, SUFFIX) == (7, 2)


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r\n\r\n"])
def test_line_endings_and_trailing_blank_lines(line_end: str) -> None:
    body = line_end.join([f"{fake_suffix(1)}:3", f"{SUFFIX}:12", ""]).encode()
    assert count_in_range(body, SUFFIX) == (12, 2)


def test_duplicate_suffix_keeps_the_highest_count() -> None:
    body = f"{SUFFIX}:3\r\n{SUFFIX}:30\r\n{SUFFIX}:0".encode()
    assert count_in_range(body, SUFFIX)[0] == 30


@settings(deadline=None)  # no test measures time
@given(st.binary(max_size=4096))
def test_any_body_parses_without_raising(body: bytes) -> None:
    count, valid = count_in_range(body, SUFFIX)
    assert count >= 0 and valid >= 0
    verdict = classify_range(result(200, body), SUFFIX)
    assert verdict.status is not Status.FOUND or f"{SUFFIX}:".encode() in body.upper()


@settings(deadline=None)
@given(st.lists(st.tuples(st.text("0123456789ABCDEF", min_size=35, max_size=35), st.integers(0, 10**9)),
                max_size=50), st.integers(1, 10**9))
def test_our_line_is_always_found_among_others(others: list[tuple[str, int]], ours: int) -> None:
    lines = [f"{s}:{c}" for s, c in others if s != SUFFIX] + [f"{SUFFIX}:{ours}"]
    assert count_in_range("\r\n".join(lines).encode(), SUFFIX) == (ours, len(lines))


def test_bytes_that_are_not_ascii_do_not_crash() -> None:
    body = b"\xff\xfe\x00" * 1000 + f"\r\n{SUFFIX}:5\r\n".encode() + bytes(range(256))
    assert count_in_range(body, SUFFIX) == (5, 1)


@pytest.mark.parametrize("fetched, expected, reason", [
    (result(200, range_body(42)), Status.FOUND, ""),
    (result(200, range_body(None)), Status.NOT_FOUND, ""),
    (result(429, "", headers={"Retry-After": "2"}), Status.UNKNOWN, "rate_limited"),
    (result(None, error="timeout"), Status.UNKNOWN, "timeout"),
    (result(None, error="connection failed"), Status.UNKNOWN, "connection"),
    (result(200, ""), Status.UNKNOWN, "malformed"),
    (result(200, "<html><body>Service down</body></html>"), Status.UNKNOWN, "malformed"),
    (result(200, '{"count": 0}'), Status.UNKNOWN, "malformed"),
    (result(403, "<html><title>Just a moment...</title>cf-chl-</html>"), Status.UNKNOWN, "blocked"),
    (result(200, "<div class='g-recaptcha'></div>"), Status.UNKNOWN, "blocked"),
    (result(503, "busy"), Status.UNKNOWN, "blocked"),
    (result(500, range_body(None)), Status.UNKNOWN, "unexpected_status"),
    (result(301, "", headers={"Location": "https://elsewhere.example/"}), Status.UNKNOWN, "unexpected_status"),
    (result(200, range_body(None), truncated=True), Status.UNKNOWN, "truncated"),
])
def test_only_a_readable_list_can_say_not_pwned(fetched: Any, expected: Status, reason: str) -> None:
    verdict = classify_range(fetched, SUFFIX)
    assert verdict.status is expected
    assert verdict.reason == reason
    if expected is Status.UNKNOWN:
        assert verdict.count is None


def test_a_cut_off_list_that_still_shows_the_suffix_is_pwned() -> None:
    assert classify_range(result(200, range_body(5), truncated=True), SUFFIX) == PasswordResult(Status.FOUND, 5)


def test_result_holds_no_part_of_the_hash() -> None:
    verdict = classify_range(result(200, range_body(42)), SUFFIX)
    assert_clean(repr(verdict), allow_prefix=False)
    assert set(vars(verdict)) == {"status", "count", "reason", "detail"}


# --- through the network seam: every request inspected ---------------------------------------

Seen = list[httpx.Request]


def mock(responses: list[httpx.Response] | Callable[[httpx.Request], httpx.Response]) -> tuple[httpx.MockTransport, Seen]:
    seen: Seen = []
    queue = list(responses) if isinstance(responses, list) else []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if callable(responses):
            return responses(request)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return httpx.MockTransport(handler), seen


def run_with(transport: httpx.AsyncBaseTransport, password: str = SECRET,
             sleeps: list[float] | None = None) -> PasswordResult:
    config = NetConfig(timeout=5)

    async def go() -> PasswordResult:
        session = net_client.open_session(config, transport=transport)
        recorded = sleeps if sleeps is not None else []

        async def fake_sleep(seconds: float) -> None:
            recorded.append(seconds)

        fetcher = Fetcher(session.client, config, sleep=fake_sleep)
        try:
            return await check_password(fetcher, password)
        finally:
            await session.aclose()

    return asyncio.run(go())


def assert_request_carries_only_the_prefix(request: httpx.Request) -> None:
    assert request.method == "GET"
    assert str(request.url) == URL
    assert request.content == b""
    assert request.headers["add-padding"] == "true"
    assert request.headers["user-agent"] == USER_AGENT
    assert "cookie" not in request.headers and "authorization" not in request.headers
    everything = str(request.url) + "\n" + "\n".join(f"{k}: {v}" for k, v in request.headers.items())
    assert_clean(everything)


def test_the_request_carries_the_prefix_and_nothing_else() -> None:
    transport, seen = mock([httpx.Response(200, text=range_body(42))])
    verdict = run_with(transport)
    assert verdict == PasswordResult(Status.FOUND, 42)
    assert len(seen) == 1
    assert_request_carries_only_the_prefix(seen[0])


def test_rate_limit_is_retried_within_the_cap_then_answered() -> None:
    transport, seen = mock([httpx.Response(429, headers={"Retry-After": "2"}),
                            httpx.Response(200, text=range_body(None))])
    sleeps: list[float] = []
    verdict = run_with(transport, sleeps=sleeps)
    assert verdict.status is Status.NOT_FOUND and verdict.count == 0
    assert sleeps == [2.0] and len(seen) == 2
    for request in seen:
        assert_request_carries_only_the_prefix(request)


def test_rate_limit_beyond_the_cap_is_unknown_never_not_pwned() -> None:
    transport, seen = mock([httpx.Response(429, headers={"Retry-After": "3600"})])
    verdict = run_with(transport, sleeps=[])
    assert verdict.status is Status.UNKNOWN and verdict.reason == "rate_limited" and verdict.count is None
    assert len(seen) == 1


def test_a_redirect_is_not_followed() -> None:
    transport, seen = mock([httpx.Response(302, headers={"Location": "https://evil.example/collect"})])
    verdict = run_with(transport)
    assert verdict.status is Status.UNKNOWN and len(seen) == 1


def test_an_endless_body_is_cut_and_unknown() -> None:
    def endless(request: httpx.Request) -> httpx.Response:
        line = f"{fake_suffix(1)}:1\r\n".encode()
        return httpx.Response(200, content=line * 40_000)  # ~1.6 MB, more than a range answer can be

    transport, _ = mock(endless)
    assert run_with(transport).reason == "truncated"


def test_transport_failure_is_unknown() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    transport, _ = mock(broken)
    verdict = run_with(transport)
    assert verdict.status is Status.UNKNOWN and verdict.reason == "connection"


def test_empty_password_is_refused_before_any_request() -> None:
    transport, seen = mock([httpx.Response(200, text=range_body())])
    with pytest.raises(ValueError):
        run_with(transport, password="")
    assert seen == []


def test_check_prefix_never_sees_the_password() -> None:
    transport, seen = mock([httpx.Response(200, text=range_body(9))])

    async def go() -> PasswordResult:
        session = net_client.open_session(NetConfig(timeout=5), transport=transport)
        try:
            return await check_prefix(session.fetcher, PREFIX, SUFFIX)
        finally:
            await session.aclose()

    assert asyncio.run(go()).count == 9
    assert_request_carries_only_the_prefix(seen[0])


# --- the command: stdin, prompt, record, replay, outputs ----------------------------------------

def make_app() -> typer.Typer:
    app = typer.Typer()
    app.command("password-check")(password_check)
    return app


@pytest.fixture
def transport(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[httpx.Response], Seen]]:
    """Every session the command opens goes through a MockTransport (under a recorder when --record)."""
    answers: list[httpx.Response] = [httpx.Response(200, text=range_body(42))]
    seen: Seen = []
    real_open = net_client.open_session

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def open_session(config: NetConfig, **kw: Any) -> net_client.Session:
        if kw.get("replay") is None:
            kw["transport"] = httpx.MockTransport(handler)
        return real_open(config, **kw)

    monkeypatch.setattr(net_client, "open_session", open_session)
    yield answers, seen


def invoke(args: list[str], stdin: str | bytes | None = SECRET + "\n") -> Any:
    return CliRunner().invoke(make_app(), args, input=stdin)


def test_password_never_leaves_the_process_except_as_the_prefix(
        tmp_path: Path, transport: tuple[list[httpx.Response], Seen], caplog: pytest.LogCaptureFixture) -> None:
    """The end-to-end proof: requests, HAR bytes, stdout, stderr, logs and JSON hold no trace of the password."""
    _, seen = transport
    har = tmp_path / "pw.har"
    caplog.set_level(logging.DEBUG)
    res = invoke(["--stdin", "--record", str(har), "--format", "json", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert_clean(caplog.text)  # httpx logs the request line: the prefix at most
    # 1. the network: one request, the prefix only
    assert len(seen) == 1
    assert_request_carries_only_the_prefix(seen[0])
    # 2. stdout, stderr and the JSON: not the password, not the hash, not even the prefix
    assert_clean(res.stdout, allow_prefix=False)
    assert_clean(res.stderr, allow_prefix=False)
    report = json.loads(res.stdout)
    assert report["status"] == "found" and report["count"] == 42
    assert report["advice"]["id"] == "password_pwned" and report["advice"]["steps"]
    assert_clean(json.dumps(report, ensure_ascii=False), allow_prefix=False)
    # 3. the recording: private, and its request is the prefix; the answer (all suffixes) is what k-anonymity returns
    assert stat.S_IMODE(os.stat(har).st_mode) == 0o600
    raw = har.read_bytes()
    assert_clean(raw.decode("utf-8"), allow_suffix=True)
    entries = json.loads(raw)["log"]["entries"]
    assert len(entries) == 1
    request = entries[0]["request"]
    assert request["url"] == URL and request["bodySize"] == 0 and "postData" not in request
    assert_clean(json.dumps(request, ensure_ascii=False))
    body = base64.b64decode(entries[0]["response"]["content"]["text"]).decode()
    assert f"{SUFFIX}:42" in body  # ours hides among the other suffixes, as the API intends
    assert body.count("\r\n") >= 40


def test_rich_output_says_how_often_and_what_to_do(transport: tuple[list[httpx.Response], Seen]) -> None:
    res = invoke(["--stdin", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "42 times" in res.stdout
    assert advice.lookup("password_pwned", "en").title in res.stdout.replace("\n", " ")  # type: ignore[union-attr]
    assert_clean(res.stdout + res.stderr, allow_prefix=False)


def test_dutch_output(transport: tuple[list[httpx.Response], Seen]) -> None:
    answers, _ = transport
    answers[:] = [httpx.Response(200, text=range_body(1234567))]
    res = invoke(["--stdin", "--lang", "nl", "--format", "json"])
    report = json.loads(res.stdout)
    assert report["message"] == "Dit wachtwoord komt 1.234.567 keer voor in bekende datalekken."
    assert report["lang"] == "nl"
    assert report["advice"]["title"] == advice.lookup("password_pwned", "nl").title  # type: ignore[union-attr]
    assert report["sent"].startswith("Alleen de eerste 5 tekens")


def test_works_under_replay_without_network(tmp_path: Path) -> None:
    har = tmp_path / "answer.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": [har_entry(URL, 200, range_body(3))]}}))
    res = invoke(["--stdin", "--replay", str(har), "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert (report["status"], report["count"], report["mode"]) == ("found", 3, "replay")


def test_record_then_replay_round_trip(tmp_path: Path, transport: tuple[list[httpx.Response], Seen]) -> None:
    har = tmp_path / "pw.har"
    assert invoke(["--stdin", "--record", str(har), "--format", "json"]).exit_code == 0
    _, seen = transport
    before = len(seen)
    res = invoke(["--stdin", "--replay", str(har), "--format", "json"])
    assert json.loads(res.stdout)["count"] == 42 and len(seen) == before


@pytest.mark.parametrize("status, body, headers", [
    (429, "", {"Retry-After": "1"}),
    (200, "<html>down for maintenance</html>", {}),
    (200, "", {}),
    (500, "oops", {}),
])
def test_replayed_failures_are_unknown_not_safe(tmp_path: Path, status: int, body: str,
                                                headers: dict[str, str]) -> None:
    har = tmp_path / "bad.har"
    har.write_text(json.dumps({"log": {"entries": [har_entry(URL, status, body, headers=headers)]}}))
    res = invoke(["--stdin", "--replay", str(har), "--format", "json"])
    report = json.loads(res.stdout)
    assert report["status"] == "unknown" and report["count"] is None
    assert report["advice"]["id"] == "password_check_unknown"
    assert "not mean the password is safe" in report["message"]


def test_replay_file_without_this_prefix_is_unknown(tmp_path: Path) -> None:
    har = tmp_path / "other.har"
    har.write_text(json.dumps({"log": {"entries": [har_entry(range_url("00000"), 200, range_body(3))]}}))
    report = json.loads(invoke(["--stdin", "--replay", str(har), "--format", "json"]).stdout)
    assert report["status"] == "unknown"


def test_not_pwned_advice(transport: tuple[list[httpx.Response], Seen]) -> None:
    answers, _ = transport
    answers[:] = [httpx.Response(200, text=range_body(None))]
    report = json.loads(invoke(["--stdin", "--format", "json"]).stdout)
    assert (report["status"], report["count"]) == ("not_found", 0)
    assert report["advice"]["id"] == "password_not_pwned"


@pytest.mark.parametrize("stdin", ["\n", "", "\r\n"])
def test_empty_password_is_an_input_error_and_nothing_is_sent(
        stdin: str, transport: tuple[list[httpx.Response], Seen]) -> None:
    res = invoke(["--stdin"], stdin=stdin)
    assert isinstance(res.exception, InputError)
    assert transport[1] == []


@pytest.mark.parametrize("stdin", ["x" * (MAX_PASSWORD_CHARS + 1) + "\n", "y" * 20_000, b"\xff\xfepass\n"])
def test_unusable_stdin_is_an_input_error(stdin: str | bytes, transport: tuple[list[httpx.Response], Seen]) -> None:
    res = invoke(["--stdin"], stdin=stdin)
    assert isinstance(res.exception, InputError)
    assert "\n" not in str(res.exception)
    assert transport[1] == []


def test_only_the_first_line_is_read_and_spaces_are_kept() -> None:
    assert read_password_line(io.BytesIO(b"  spaced pass  \r\nsecond line\n"), "en") == "  spaced pass  "
    assert read_password_line(io.StringIO("no newline"), "en") == "no newline"
    assert read_password_line(io.BytesIO("wachtwoord✓\n".encode()), "nl") == "wachtwoord✓"


def test_record_and_replay_together_is_an_input_error(tmp_path: Path) -> None:
    res = invoke(["--stdin", "--record", str(tmp_path / "a.har"), "--replay", str(tmp_path / "b.har")])
    assert isinstance(res.exception, InputError)


def test_a_missing_replay_file_fails_before_the_password_is_read(tmp_path: Path) -> None:
    res = invoke(["--stdin", "--replay", str(tmp_path / "nope.har")], stdin=None)
    assert isinstance(res.exception, HarError)


def test_there_is_no_way_to_pass_the_password_on_the_command_line() -> None:
    import typer.main

    command = typer.main.get_command(make_app())
    params = command.params
    assert all(p.param_type_name == "option" for p in params)
    assert not any("pass" in name.lower() for p in params for name in p.opts)
    res = invoke([SECRET], stdin=None)
    assert res.exit_code == 2 and isinstance(res.exception, SystemExit)


def test_without_stdin_and_without_a_terminal_it_refuses_instead_of_echoing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    with pytest.raises(InputError, match="--stdin"):
        read_password(False, "en")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("use_stdin", [False, True])
def test_a_terminal_gets_a_hidden_prompt_on_stderr(monkeypatch: pytest.MonkeyPatch, use_stdin: bool) -> None:
    calls: list[dict[str, Any]] = []

    def fake_prompt(text: str, **kw: Any) -> str:
        calls.append({"text": text, **kw})
        return SECRET

    monkeypatch.setattr(sys, "stdin", _Tty("typed where it would echo\n"))
    monkeypatch.setattr(typer, "prompt", fake_prompt)
    assert read_password(use_stdin, "nl") == SECRET
    assert calls and calls[0]["hide_input"] is True and calls[0]["err"] is True
    assert "wachtwoord" in calls[0]["text"].lower()


def test_result_view_never_contains_the_hash() -> None:
    for verdict in (PasswordResult(Status.FOUND, 10), PasswordResult(Status.NOT_FOUND, 0),
                    PasswordResult(Status.UNKNOWN, None, "rate_limited", "2")):
        for lang in ("en", "nl"):
            view = result_view(verdict, lang, "live")
            assert_clean(json.dumps(view, ensure_ascii=False), allow_prefix=False)
            assert view["advice"]["title"] and view["advice"]["steps"]


def test_format_count() -> None:
    assert format_count(3861493, "en") == "3,861,493"
    assert format_count(3861493, "nl") == "3.861.493"
    assert format_count(7, "nl") == "7"
