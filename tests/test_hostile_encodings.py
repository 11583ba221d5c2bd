"""Hostile encodings: whatever charset a server names and whatever bytes it sends, reading never raises, never
yields text lxml or the outputs cannot take (lone surrogates), and never turns a check into an internal error."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doxaudit.catalog import Site
from doxaudit.checks.directories import DirectoryCheck
from doxaudit.checks.extractors import EXTRACTORS
from doxaudit.checks.search import SearchCheck
from doxaudit.checks.search_backends import DuckDuckGo
from doxaudit.checks.sites import SiteCheck, classify
from doxaudit.config import NetConfig, RunConfig
from doxaudit.directories import Directory
from doxaudit.identity import build_identity
from doxaudit.model import Status
from doxaudit.net.fetch import FetchResult
from tests.fixtures.hostile.world import entry
from tests.helpers import har_entry, result, run_check
from tests.test_hostile_scan import cli_env, doxaudit

NOOR = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=["noorvoorbeeld"],
                      phones=["06 12345678"], city="Utrecht")
FAST = RunConfig(net=NetConfig(timeout=5, retries=0))
PAGE = ("<html><head><title>Noor Voorbeeld</title></head><body><p>Noor Voorbeeld, Utrecht. Bel 06-12345678 "
        "\\ud800 \\x41 +AGE- xn--bcher-kva</p></body></html>")
SURROGATE = range(0xD800, 0xE000)


def has_surrogate(text: str) -> bool:
    return any(ord(ch) in SURROGATE for ch in text)


# Charset names a server can put in Content-Type. The last ones name codecs that are not text encodings,
# escape codecs that turn `\ud800` in the body into a lone surrogate, or codecs that always fail.
ODD_CHARSETS = ["utf-8", "UTF8", "latin-1", "utf-16", "utf-16-be", "utf-32", "utf-7", "utf-8-sig", "cp1252", "ascii",
                "idna", "rot13", "base64", "hex", "zlib", "uu", "bz2", "quopri", "x-no-such-charset", "", " ", "utf-8;",
                "charmap", "mbcs", "palmos", "raw_unicode_escape", "unicode_escape", "punycode", "undefined",
                "utf-8\x00", "\udcff"]
RAISING = {"punycode", "undefined", "utf-8\x00", "\udcff"}  # today: UnicodeError / ValueError escape from .text
SURROGATE_CODECS = {"raw_unicode_escape", "unicode_escape", "utf-7"}  # today: lone surrogates come out


def _param(charset: str) -> object:
    if charset in RAISING:
        return pytest.param(charset, marks=pytest.mark.regression(reason=(
            "bug: FetchResult.text catches only LookupError/UnicodeDecodeError; punycode/undefined raise "
            "UnicodeError, a NUL or surrogate in the name ValueError")))
    if charset in SURROGATE_CODECS:
        return pytest.param(charset, marks=pytest.mark.regression(reason=(
            "bug: FetchResult.text accepts escape codecs that decode `\\ud800` into a lone surrogate, which lxml "
            "and every output then refuse")))
    return charset


@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")  # what unicode_escape says
@pytest.mark.parametrize("charset", [_param(c) for c in ODD_CHARSETS])
def test_text_of_any_named_charset_is_a_clean_str(charset: str) -> None:
    for body in (PAGE.encode(), PAGE.encode("utf-16"), b"+2AA- \\ud800 \xed\xa0\x80 \xff\xfe\x00", b"x +2AA- y", b""):
        text = FetchResult(url="https://x.example/", status=200, body=body, encoding=charset).text
        assert isinstance(text, str)
        assert not has_surrogate(text), (charset, body[:20])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=600), charset=st.sampled_from(
    ["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "ascii", "x-no-such", "base64", "rot13"]))
def test_text_of_random_bytes_never_raises(body: bytes, charset: str) -> None:
    text = FetchResult(url="https://x.example/", status=200, body=body, encoding=charset).text
    assert not has_surrogate(text)


# --- the checks that read `.text` ---------------------------------------------------------------------

DDG = DuckDuckGo()
QUERY = '"Noor Voorbeeld"'
RESULT_URL = "https://people.example/noor"
SERP = (f"<html><body><div id='links' class='results'><div class='result web-result'><h2>"
        f"<a class='result__a' href='{RESULT_URL}'>Noor Voorbeeld</a></h2>"
        f"<a class='result__snippet' href='{RESULT_URL}'>Noor Voorbeeld, bel 06-12345678</a></div></div></body></html>")


@pytest.mark.regression(reason="bug: a result page served with `charset=punycode` makes FetchResult.text raise "
                                       "UnicodeError, and the whole search query ends `error`, losing its other findings")
def test_a_result_page_with_a_codec_that_raises_does_not_cost_the_query_its_findings() -> None:
    check = SearchCheck(kind="name", query=QUERY, backend=DDG)
    entries = [har_entry(check.url, 200, SERP, headers={"Content-Type": "text/html; charset=utf-8"}),
               entry(RESULT_URL, 200, PAGE.encode(), {"Content-Type": "text/html; charset=punycode"})]
    out, _ = run_check(check, NOOR, entries, FAST)
    assert out.status is Status.FOUND, out.reason
    assert {f.kind for f in out.findings} == {"phone_in_search"}


@pytest.mark.regression(reason="bug: `charset=unicode_escape` turns `\\ud800` in a result page into a lone "
                                       "surrogate; lxml raises UnicodeEncodeError and the query ends `error`")
@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")
def test_a_result_page_whose_charset_yields_surrogates_is_still_read() -> None:
    check = SearchCheck(kind="name", query=QUERY, backend=DDG)
    entries = [har_entry(check.url, 200, SERP, headers={"Content-Type": "text/html; charset=utf-8"}),
               entry(RESULT_URL, 200, PAGE.encode(), {"Content-Type": "text/html; charset=unicode_escape"})]
    out, _ = run_check(check, NOOR, entries, FAST)
    assert out.status is Status.FOUND, out.reason


@pytest.mark.parametrize("charset", ["utf-16", "x-no-such", "base64", "latin-1", "utf-32"])
def test_mislabelled_result_pages_never_end_the_query_in_error(charset: str) -> None:
    check = SearchCheck(kind="name", query=QUERY, backend=DDG)
    entries = [har_entry(check.url, 200, SERP, headers={"Content-Type": "text/html; charset=utf-8"}),
               entry(RESULT_URL, 200, PAGE.encode(), {"Content-Type": f"text/html; charset={charset}"})]
    out, _ = run_check(check, NOOR, entries, FAST)
    assert out.status is Status.FOUND, out.reason  # the snippet holds the phone whatever the page is


@pytest.mark.regression(reason="bug: `charset=undefined` makes FetchResult.text raise in sites.classify; the "
                                       "site check ends `error` (internal error) instead of found/unknown")
def test_site_check_with_a_codec_that_raises_is_not_an_internal_error() -> None:
    site = Site(id="x", name="X", uri_check="https://x.example/u/{account}", e_code=200, e_string="profile",
                m_code=404, m_string="Not Found", cat="social")
    check = SiteCheck(site, "noorvoorbeeld")
    out, _ = run_check(check, NOOR, [entry(site.check_url("noorvoorbeeld"), 200, b"<div class='profile'>",
                                           {"Content-Type": "text/html; charset=undefined"})], FAST)
    assert out.status is not Status.ERROR, out.reason


def test_classify_reads_mislabelled_bytes_and_never_calls_them_missing() -> None:
    site = Site(id="x", name="X", uri_check="https://x.example/u/{account}", e_code=200, e_string="profile-header",
                m_code=404, m_string="Not Found", cat="social")
    for charset in ("utf-16", "utf-32", "latin-1", "x-no-such", "utf-8"):
        body = "<div class='profile-header'>".encode("utf-16")  # the marker, but not readable as utf-8
        status, _, _ = classify(site, result(200, body, {"content-type": f"text/html; charset={charset}"},
                                             encoding=charset))
        assert status in (Status.FOUND, Status.UNKNOWN)


def test_directory_page_in_utf16_with_nul_bytes_is_not_an_error() -> None:
    d = Directory(id="gids", name="Gids", country="NL", kind="directory",
                  search_url="https://gids.example/zoeken/{name_path}/", automatable=True,
                  optout_url="https://gids.example/optout", verified=True)
    check = DirectoryCheck(d, "Noor Voorbeeld", fetch=True)
    body = PAGE.replace("<p>", "<p>\x00").encode("utf-16")
    out, _ = run_check(check, NOOR, [entry(check.url, 200, body, {"Content-Type": "text/html; charset=utf-16"})], FAST)
    assert out.status is Status.FOUND and out.findings[0].kind == "phone_in_directory"


# --- lone surrogates from JSON escapes, through the real CLI -----------------------------------------

GITHUB = "https://api.github.com/users/noorvoorbeeld"
SURROGATE_PROFILE = '{"login": "noorvoorbeeld", "id": 1, "name": "Noor \\ud800", "bio": "hi \\udfff there \\ud83d"}'


def _surrogate_har(tmp_path: Path) -> Path:
    har = tmp_path / "surrogate.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": [
        har_entry(GITHUB, 200, SURROGATE_PROFILE, headers={"Content-Type": "application/json"})]}}), encoding="utf-8")
    return har


def test_surrogate_escapes_in_a_profile_are_harmless_in_the_terminal_html_and_markdown(tmp_path: Path) -> None:
    har = _surrogate_har(tmp_path)
    for fmt in ("rich", "html", "markdown"):
        run = doxaudit("scan", "--handle", "noorvoorbeeld", "--only", "3", "--replay", str(har), "--format", fmt,
                       "--no-history", cwd=tmp_path)
        assert run.returncode == 0, (fmt, run.err)
        assert "noorvoorbeeld" in run.out


@pytest.mark.regression(reason="bug: JSON strings keep lone surrogates (`\\ud800` escapes; jsonutil.text_field "
                                       "drops Cc/Cf only); `--format json` then dies writing them: internal error, exit 1")
def test_surrogate_escapes_in_a_profile_do_not_crash_the_json_report(tmp_path: Path) -> None:
    har = _surrogate_har(tmp_path)
    run = doxaudit("scan", "--handle", "noorvoorbeeld", "--only", "3", "--replay", str(har), "--format", "json",
                   "--no-history", cwd=tmp_path)
    assert run.returncode == 0, run.err
    report = json.loads(run.out)
    assert any(f["kind"] == "public_profile" for f in report["findings"])


@pytest.mark.regression(reason="bug: the history stores the report with json.dumps(ensure_ascii=False); "
                                       "sqlite3 cannot encode a lone surrogate: internal error, exit 1")
def test_surrogate_escapes_in_a_profile_do_not_crash_saving_the_history(tmp_path: Path) -> None:
    har = _surrogate_har(tmp_path)
    data = tmp_path / "data"
    run = doxaudit("scan", "--handle", "noorvoorbeeld", "--only", "3", "--replay", str(har), "--format", "markdown",
                   cwd=tmp_path, env=cli_env(DOXAUDIT_DATA_DIR=str(data)))
    assert run.returncode == 0, run.err
    with sqlite3.connect(data / "history.sqlite3") as con:
        assert con.execute("SELECT COUNT(*) FROM scans").fetchone() == (1,)


def test_every_extractor_name_is_covered_by_the_world() -> None:
    """The hostile world reaches every extractor (so the end-to-end run exercises all of them)."""
    from doxaudit.demo import demo_recording

    urls = {e["request"]["url"] for e in json.loads(demo_recording().read_text(encoding="utf-8"))["log"]["entries"]}
    missing = [site_id for site_id, cls in EXTRACTORS.items() if cls("noorvoorbeeld").request_url() not in urls]
    assert not missing, missing


# --- JSON a parser cannot finish: integers beyond Python's digit limit -------------------------------------

def _huge_int_checks() -> list[object]:
    from doxaudit.checks.breaches import XposedOrNotCheck
    from doxaudit.checks.github_commits import GitHubCommitEmailCheck
    from doxaudit.checks.gravatar import GravatarCheck
    from doxaudit.checks.rdap import BOOTSTRAP_URL, RdapCheck
    from doxaudit.checks.search_backends import SearXNG

    huge = '{"count": ' + "9" * 5_000 + "}"
    bug = pytest.mark.regression(reason="bug: parse_json lets Python's int-digits ValueError escape; callers "
                                                "catch only BadJSON, so the check ends `error` (internal error)")
    xon = XposedOrNotCheck("noor.voorbeeld@example.com")
    grav = GravatarCheck("noor.voorbeeld@example.com")
    commits = GitHubCommitEmailCheck("noor.voorbeeld@example.com")
    bsky = EXTRACTORS["bluesky"]("noorvoorbeeld")
    searx = SearchCheck(kind="name", query=QUERY, backend=SearXNG("https://searx.example"))
    return [
        pytest.param(xon, [har_entry(xon.url, 200, huge)], id="xposedornot", marks=bug),
        pytest.param(grav, [har_entry(grav.url, 200, huge)], id="gravatar", marks=bug),
        pytest.param(commits, [har_entry(commits.url, 200, huge)], id="github-commits", marks=bug),
        pytest.param(RdapCheck("voorbeeld.nl"), [har_entry(BOOTSTRAP_URL, 200, huge)], id="rdap", marks=bug),
        pytest.param(bsky, [har_entry(bsky.request_url(), 400, huge)], id="bluesky-400", marks=bug),
        pytest.param(EXTRACTORS["github"]("noorvoorbeeld"),
                     [har_entry(EXTRACTORS["github"]("noorvoorbeeld").request_url(), 200, huge)], id="github"),
        pytest.param(searx, [har_entry(searx.url, 200, huge, headers={"Content-Type": "application/json"})],
                     id="searxng"),
    ]


@pytest.mark.parametrize("check, entries", _huge_int_checks())
def test_json_with_an_unconvertible_integer_is_unknown_not_an_internal_error(check: object, entries: list[object]) -> None:
    out, _ = run_check(check, NOOR, entries, FAST)  # type: ignore[arg-type]
    assert out.status is Status.UNKNOWN, (out.status, out.reason)
