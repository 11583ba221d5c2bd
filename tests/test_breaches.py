"""Breach checks against XposedOrNot's documented answers (corpus) and HIBP's documented model, plus hostile ones."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doxaudit import advice
from doxaudit.checks.base import Check, CheckContext, PageCache
from doxaudit.checks.breaches import (
    MAX_BREACHES,
    MAX_CLASSES,
    Breach,
    HibpCheck,
    XposedOrNotCheck,
    breach_findings,
    breach_severity,
    breach_summaries,
    clean_date,
    parse_hibp,
    parse_xon_analytics,
    parse_xon_breaches_list,
)
from doxaudit.config import USER_AGENT, NetConfig, RunConfig
from doxaudit.identity import build_identity
from doxaudit.model import CheckOutcome, Finding, Severity, Status, Tip
from doxaudit.net.client import open_session
from doxaudit.net.fetch import Fetcher
from doxaudit.report import build_report
from tests.helpers import har_entry, run_check

EMAIL = "noor.voorbeeld@example.com"
IDENT = build_identity(names=["Noor Voorbeeld"], emails=[EMAIL])
NOW = datetime(2026, 1, 1, tzinfo=UTC)
KEY = "hibp-test-key-0123456789abcdef"


def xon(corpus: Path, name: str) -> str:
    return (corpus / "api-examples" / "xposedornot" / name).read_text(encoding="utf-8")


def breaches_of(out: CheckOutcome) -> list[Finding]:
    return [f for f in out.findings if f.kind == "breach"]


def run_mock(check: Check, answer: Callable[[httpx.Request], httpx.Response] | list[httpx.Response],
             reveal: bool = False) -> tuple[CheckOutcome, list[httpx.Request], list[float]]:
    """Run a check through a MockTransport; a fake sleep records Retry-After waits instead of waiting."""
    seen: list[httpx.Request] = []
    sleeps: list[float] = []
    queue = answer if isinstance(answer, list) else []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if callable(answer):
            return answer(request)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    config = RunConfig(net=NetConfig(timeout=5), reveal=reveal)

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def go() -> CheckOutcome:
        session = open_session(config.net, transport=httpx.MockTransport(handler))
        fetcher = Fetcher(session.client, config.net, sleep=fake_sleep)
        try:
            return await check.run(CheckContext(IDENT, fetcher, config, PageCache(fetcher)))
        finally:
            await session.aclose()

    return asyncio.run(go()), seen, sleeps


# --- XposedOrNot, documented answers -------------------------------------------------------------

def test_xon_documented_match_has_name_date_classes_and_password_advice(corpus: Path) -> None:
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, xon(corpus, "xon-breach-analytics-found.json"))])
    assert out.status is Status.FOUND
    [finding] = breaches_of(out)
    assert finding.detail["breach"] == "SweClockers" and finding.detail["date"] == "2015"
    assert finding.detail["data_classes"] == "Usernames, Email addresses, Passwords"
    assert finding.detail["domain"] == "sweclockers.com" and finding.detail["records"] == "254967"
    assert finding.detail["password_risk"] == "hardtocrack"
    assert finding.advice == "breach_password_exposed" and finding.confidence == 0.95
    assert finding.title_key == "finding.breach" and finding.title_args == {"breach": "SweClockers", "date": "2015"}
    # the prose `details` field is never copied into the report
    assert "salted hashes" not in json.dumps(finding.detail) + finding.evidence.snippet


def test_xon_documented_all_null_answer_is_no_breach(corpus: Path) -> None:
    check = XposedOrNotCheck(EMAIL)
    body = xon(corpus, "xon-breach-analytics-not-found.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.NOT_FOUND and not out.findings and out.status.completed


@pytest.mark.parametrize("status", [200, 404])
def test_xon_documented_not_found_error_body_is_no_breach(corpus: Path, status: int) -> None:
    check = XposedOrNotCheck(EMAIL)
    body = xon(corpus, "xon-check-email-not-found.json")
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, body)])
    assert out.status is Status.NOT_FOUND


def test_xon_documented_401_is_unknown_never_no_breach(corpus: Path) -> None:
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 401, xon(corpus, "xon-domain-breaches-401.json"))])
    assert out.status is Status.UNKNOWN and "401" in out.reason


def test_xon_documented_breach_list_shape(corpus: Path) -> None:
    data = json.loads(xon(corpus, "xon-breaches-list-truncated.json"))
    breaches = parse_xon_breaches_list(data)
    assert breaches is not None
    assert [b.name for b in breaches] == ["APK.TW", "Habibs", "GreenGaming", "CutoutPro"]
    apk, habibs, green, cutout = breaches
    assert green.data_classes[-1] == "Dates of birth" and cutout.records == 20021813
    assert apk.date == "2022-09-01" and apk.records == 2457094 and apk.password_risk == "easytocrack"
    assert habibs.data_classes == ("Email addresses", "Names", "Phone numbers", "Dates of birth", "IP addresses")
    assert [b.leaked_passwords for b in breaches] == [True, False, False, True]
    assert [b.leaked_contact for b in breaches] == [False, True, True, False]
    assert all(b.verified and not b.sensitive for b in breaches)
    assert [breach_severity(b, NOW) for b in breaches] == [Severity.HIGH] * 4


def test_xon_answer_in_the_list_shape_is_still_read(corpus: Path) -> None:
    """Should breach-analytics ever answer in the newer list shape, the check still reads it."""
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, xon(corpus, "xon-breaches-list-truncated.json"))])
    assert out.status is Status.FOUND and len(breaches_of(out)) == 4


def test_xon_answer_cut_off_mid_json_is_unknown(corpus: Path) -> None:
    body = xon(corpus, "xon-breach-analytics-found.json")
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body[: len(body) // 2])])
    assert out.status is Status.UNKNOWN and "malformed JSON" in out.reason


def test_xon_rate_limit_is_unknown_with_retry_after() -> None:
    check = XposedOrNotCheck(EMAIL)
    out, seen, sleeps = run_mock(check, [httpx.Response(429, headers={"Retry-After": "120"}, json={})])
    assert out.status is Status.UNKNOWN and "retry after 120 s" in out.reason
    assert len(seen) == 1 and sleeps == []  # 120 s is beyond the fetcher's cap: no retry, no wait


def test_xon_rate_limit_then_answer_is_retried() -> None:
    check = XposedOrNotCheck(EMAIL)
    found = {"ExposedBreaches": {"breaches_details": [{"breach": "X", "xposed_data": "Email addresses"}]}}
    out, seen, sleeps = run_mock(check, [httpx.Response(429, headers={"Retry-After": "1"}),
                                         httpx.Response(200, json=found)])
    assert out.status is Status.FOUND and len(seen) == 2 and sleeps == [1.0]


@pytest.mark.parametrize("body", [
    "<html>", '{"unexpected": 1}', "[]", "null", '"string"', '{"ExposedBreaches": "yes"}',
    '{"ExposedBreaches": {"breaches_details": "SweClockers"}}',
    '{"ExposedBreaches": null, "BreachesSummary": {"site": "SweClockers"}}',
    '{"ExposedBreaches": {"breaches_details": [1, "x", null, {"breach": 5}, {"breach": ""}]}}',
    "[" * 50_000 + "]" * 50_000,
])
def test_xon_garbage_is_unknown_never_no_breach(body: str) -> None:
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.status is Status.UNKNOWN and not out.findings


@pytest.mark.parametrize("status", [500, 502, 503, 403, 302])
def test_xon_server_errors_are_unknown(status: int) -> None:
    check = XposedOrNotCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, "oops")])
    assert out.status is Status.UNKNOWN


def test_xon_wrong_types_inside_a_breach_are_treated_as_absent() -> None:
    item = {"breach": "Forum\x1b[31m\u202e", "xposed_data": ["Passwords", 5, None], "xposed_date": {"y": 1},
            "xposed_records": True, "domain": ["x"], "password_risk": 7, "verified": "No"}
    [b] = parse_xon_analytics({"ExposedBreaches": {"breaches_details": [item]}}) or []
    assert b.name == "Forum[31m" and b.data_classes == ("Passwords",) and b.date == ""
    assert b.records is None and b.domain == "" and b.password_risk == "" and b.verified is False


def test_xon_email_is_encoded_in_the_query() -> None:
    check = XposedOrNotCheck("noor+test@example.com")
    assert check.url.endswith("?email=noor%2Btest%40example.com")


# --- Have I Been Pwned, documented v3 breach model -------------------------------------------------

def hibp_breach(**over: Any) -> dict[str, Any]:
    """One breach with every field of HIBP's documented breach model (values made up)."""
    base: dict[str, Any] = {
        "Name": "Voorbeeldwinkel", "Title": "Voorbeeldwinkel", "Domain": "voorbeeldwinkel.example",
        "BreachDate": "2024-03-01", "AddedDate": "2024-04-02T10:11:12Z", "ModifiedDate": "2024-04-03T00:00:00Z",
        "PwnCount": 412000,
        "Description": "In 2024, <a href=\"https://evil.example/\" target=\"_blank\">a shop</a> was breached."
                       "<script>alert(1)</script>\x1b[2J",
        "LogoPath": "https://haveibeenpwned.com/Content/Images/PwnedLogos/List.png",
        "DataClasses": ["Email addresses", "Names", "Passwords", "Phone numbers"],
        "IsVerified": True, "IsFabricated": False, "IsSensitive": False, "IsRetired": False, "IsSpamList": False,
        "IsMalware": False, "IsSubscriptionFree": False, "IsStealerLog": False,
    }
    return {**base, **over}


def test_hibp_request_uses_the_key_header_honest_agent_and_full_answers() -> None:
    check = HibpCheck("noor+test@example.com", api_key=KEY)
    out, seen, _ = run_mock(check, [httpx.Response(200, json=[hibp_breach()])])
    assert out.status is Status.FOUND
    [request] = seen
    assert str(request.url).startswith("https://haveibeenpwned.com/api/v3/breachedaccount/noor%2Btest%40example.com?")
    assert request.url.params["truncateResponse"] == "false"
    assert request.headers["hibp-api-key"] == KEY and request.headers["user-agent"] == USER_AGENT
    assert KEY not in str(request.url) and KEY not in repr(check)


def test_hibp_documented_breach_becomes_one_finding_without_the_html_description() -> None:
    check = HibpCheck(EMAIL, api_key=KEY)
    out, _, _ = run_mock(check, [httpx.Response(200, json=[hibp_breach()])])
    [f] = breaches_of(out)
    assert f.detail["breach"] == "Voorbeeldwinkel" and f.detail["date"] == "2024-03-01"
    assert f.detail["data_classes"] == "Email addresses, Names, Passwords, Phone numbers"
    assert f.detail["records"] == "412000" and f.advice == "breach_password_exposed"
    everything = json.dumps([f.title, f.evidence.url, f.evidence.snippet, f.detail])
    for fragment in ("<a", "<script", "evil.example", "a shop", "\\u001b", "PwnedLogos"):
        assert fragment not in everything
    assert out.reason == "1 breaches" and KEY not in out.reason + out.url


def test_hibp_key_never_reaches_the_report_or_a_recording(tmp_path: Path) -> None:
    check = HibpCheck(EMAIL, api_key=KEY)
    config = RunConfig(net=NetConfig(timeout=5))

    async def go() -> tuple[CheckOutcome, str]:
        transport = httpx.MockTransport(lambda r: httpx.Response(200, json=[hibp_breach()]))
        session = open_session(config.net, transport=transport, record=True)
        try:
            ctx = CheckContext(IDENT, session.fetcher, config, PageCache(session.fetcher))
            out = await check.run(ctx)
        finally:
            await session.aclose()
        assert session.recorder is not None
        har = tmp_path / "hibp.har"
        session.recorder.save(har)
        report = build_report(IDENT, [out], session.fetcher.log)
        return out, har.read_text() + repr(report)

    out, text = asyncio.run(go())
    assert out.status is Status.FOUND and KEY not in text and "[redacted]" in text


def test_hibp_404_is_no_breach() -> None:
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(404)])
    assert out.status is Status.NOT_FOUND


def test_hibp_bad_key_is_an_error_not_unknown(corpus: Path) -> None:
    body = xon(corpus, "xon-domain-breaches-401.json")  # a documented 401 body; HIBP's says much the same
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(401, text=body)])
    assert out.status is Status.ERROR and "HIBP_API_KEY" in out.reason and KEY not in out.reason


def test_hibp_429_with_retry_after_is_retried_within_the_cap() -> None:
    answers = [httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, json=[hibp_breach()])]
    out, seen, sleeps = run_mock(HibpCheck(EMAIL, api_key=KEY), answers)
    assert out.status is Status.FOUND and len(seen) == 2 and sleeps == [2.0]


def test_hibp_429_beyond_the_cap_is_unknown() -> None:
    out, seen, sleeps = run_mock(HibpCheck(EMAIL, api_key=KEY),
                                 [httpx.Response(429, headers={"Retry-After": "60"}, json={"statusCode": 429})])
    assert out.status is Status.UNKNOWN and "retry after 60 s" in out.reason
    assert len(seen) == 1 and sleeps == []


@pytest.mark.parametrize("status", [400, 403, 500, 503])
def test_hibp_other_statuses_are_unknown(status: int) -> None:
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(status, text="nope")])
    assert out.status is Status.UNKNOWN


@pytest.mark.parametrize("body", [
    "{not json", '{"Name": "Adobe"}', "null", "[1, 2, 3]", '[{"Name": 5}]', '[{"Title": "no Name"}]',
    '"Adobe"', "[" * 60_000,
])
def test_hibp_malformed_and_wrong_types_are_unknown(body: str) -> None:
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(200, text=body)])
    assert out.status is Status.UNKNOWN and not out.findings


def test_hibp_empty_list_is_no_breach() -> None:
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(200, json=[])])
    assert out.status is Status.NOT_FOUND


def test_hibp_wrong_field_types_are_treated_as_absent() -> None:
    item = hibp_breach(Title=["x"], BreachDate=20240301, PwnCount=True, DataClasses="Passwords", Domain=None,
                       IsVerified="yes", IsSensitive="true", IsFabricated=1)
    [b] = parse_hibp([item]) or []
    assert b.name == "Voorbeeldwinkel"  # Title unusable, Name used
    assert b.date == "" and b.records is None and b.data_classes == () and b.domain == ""
    assert b.verified and not b.sensitive and not b.fabricated  # only real booleans count


def test_hibp_huge_arrays_are_capped() -> None:
    many = [hibp_breach(Name=f"B{i}", Title=f"B{i}") for i in range(MAX_BREACHES + 500)]
    many[0]["DataClasses"] = [f"Class {i}" for i in range(100_000)]
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(200, json=many)])
    assert out.status is Status.FOUND and len(breaches_of(out)) == MAX_BREACHES
    assert f"{MAX_BREACHES}+ breaches" in out.reason
    first = next(f for f in breaches_of(out) if f.detail["breach"] == "B0")
    assert len(first.detail["data_classes"].split(", ")) == MAX_CLASSES


def test_hibp_duplicate_breaches_are_counted_once() -> None:
    [b] = parse_hibp([hibp_breach(), hibp_breach(Title="Other title")]) or []
    assert b.key == "Voorbeeldwinkel"


def test_hibp_flags_shape_confidence_severity_and_advice() -> None:
    def one(**flags: Any) -> Finding:
        [b] = parse_hibp([hibp_breach(**flags)]) or []
        [f] = breach_findings(HibpCheck(EMAIL, api_key=KEY), [b], EMAIL, "https://haveibeenpwned.com/", now=NOW)
        return f

    plain = one()
    assert plain.severity is Severity.CRITICAL and plain.confidence == 0.95
    unverified = one(IsVerified=False)
    assert unverified.confidence == 0.8 and "unverified" in unverified.detail["flags"]
    fabricated = one(IsFabricated=True)
    assert fabricated.confidence == 0.5 and fabricated.severity is Severity.HIGH
    spam = one(IsSpamList=True, DataClasses=["Email addresses"])
    assert spam.severity is Severity.LOW
    stealer = one(IsStealerLog=True, DataClasses=["Email addresses", "Passwords", "Usernames"], BreachDate="2025-01-01")
    assert stealer.advice == "breach_stealer_log" and stealer.severity is Severity.CRITICAL


def test_sensitive_breach_name_is_hidden_unless_revealed() -> None:
    sensitive = [hibp_breach(Name="SecretSite", Title="Secret Site", Domain="secret.example", IsSensitive=True)]
    out, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(200, json=sensitive)])
    [f] = breaches_of(out)
    shown = json.dumps([f.title, f.evidence.snippet, f.detail, f.title_args])
    assert "Secret" not in shown and "secret.example" not in shown and "412000" not in shown
    assert f.title_key == "passwords.finding.breach_sensitive" and f.severity is not Severity.INFO
    revealed, _, _ = run_mock(HibpCheck(EMAIL, api_key=KEY), [httpx.Response(200, json=sensitive)], reveal=True)
    assert breaches_of(revealed)[0].detail["breach"] == "Secret Site"
    # the fingerprint of the hidden finding is not a hash over the breach name
    assert f.fingerprint != breaches_of(revealed)[0].fingerprint


# --- severity: data classes and age ------------------------------------------------------------

@pytest.mark.parametrize("classes, date, extra, expected", [
    (("Email addresses",), "2025", {}, Severity.MEDIUM),
    (("Email addresses",), "2001", {}, Severity.MEDIUM),  # an old email-only breach stays medium
    (("Passwords",), "2025", {}, Severity.HIGH),
    (("Phone numbers",), "2025", {}, Severity.HIGH),
    (("Physical addresses",), "2025", {}, Severity.HIGH),
    (("Dates of birth",), "2025-06", {}, Severity.HIGH),
    (("Geographic locations",), "2025", {}, Severity.MEDIUM),
    (("Passwords", "Phone numbers"), "2025", {}, Severity.CRITICAL),
    (("Passwords", "Phone numbers"), "2010", {}, Severity.HIGH),
    (("Passwords",), "2010-05-01", {}, Severity.MEDIUM),
    (("Passwords",), "", {}, Severity.HIGH),  # unknown date: not made milder
    (("Passwords",), "2025", {"password_risk": "plaintext"}, Severity.CRITICAL),
    (("Passwords",), "2025", {"password_risk": "easytocrack"}, Severity.HIGH),
    (("Email addresses",), "2025", {"password_risk": "plaintext"}, Severity.MEDIUM),  # no passwords leaked
    (("Email addresses",), "2025", {"spam_list": True}, Severity.LOW),
    (("Passwords", "Phone numbers"), "2025", {"fabricated": True}, Severity.HIGH),
    (("Email addresses",), "2025", {"stealer_log": True}, Severity.CRITICAL),
    (("Security questions and answers",), "2024", {}, Severity.HIGH),
])
def test_severity_truth_table(classes: tuple[str, ...], date: str, extra: dict[str, Any], expected: Severity) -> None:
    assert breach_severity(Breach("x", date, classes, **extra), NOW) is expected


@pytest.mark.parametrize("raw, expected", [
    ("2015", "2015"), (2015, "2015"), ("2022-09-01T00:00:00+00:00", "2022-09-01"), ("2013-10-04", "2013-10-04"),
    ("2013-13-04", "2013"), ("2013-10-99", "2013-10"), ("0001-01-01", ""), ("yesterday", ""), (None, ""),
    (True, ""), (["2015"], ""), ("Tue, 01 Apr 2014 00:00:00 GMT", ""),
])
def test_dates_are_normalised_or_dropped(raw: object, expected: str) -> None:
    assert clean_date(raw) == expected


# --- the per-email summary: is the address still yours, what to change first --------------------

def test_breach_summary_per_breached_email(corpus: Path) -> None:
    check = XposedOrNotCheck(EMAIL)
    found, _ = run_check(check, IDENT, [har_entry(check.url, 200, xon(corpus, "xon-breaches-list-truncated.json"))])
    clean = CheckOutcome(check="breach:xposedornot", tip=found.tip, target="other@example.com",
                         status=Status.NOT_FOUND)
    [summary] = breach_summaries([found, clean])
    assert summary.kind == "breach_summary" and summary.severity is Severity.INFO
    assert summary.advice == "breach_change_first" and summary.title_args == {"count": "4"}
    assert summary.detail["newest"] == "2024-03-01" and summary.detail["with_passwords"] == "2"
    assert EMAIL in summary.evidence.snippet  # masked by the report like every other value of the user's
    masked = build_report(IDENT, [found], [])
    assert EMAIL not in repr(masked)


def test_no_summary_without_breaches() -> None:
    assert breach_summaries([CheckOutcome("breach:hibp", Tip.PASSWORDS, EMAIL, Status.UNKNOWN)]) == []


# --- advice and messages exist in both languages ---------------------------------------------------

ADVICE_KEYS = ("breach_found", "breach_password_exposed", "breach_contact_exposed", "breach_stealer_log",
               "breach_change_first", "recovery_hygiene", "password_pwned", "password_not_pwned",
               "password_check_unknown", "github_commit_email", "password_manager", "two_factor")


@pytest.mark.parametrize("key", ADVICE_KEYS)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_advice_key_used_exists_with_steps(key: str, lang: str) -> None:
    found = advice.lookup(key, lang)
    assert found is not None and found.title and found.text and len(found.steps) >= 3


def test_password_advice_file_adds_keys_and_never_redefines_general_ones() -> None:
    root = Path(__file__).resolve().parent.parent / "checks" / "advice"
    ours = json.loads((root / "passwords.json").read_text(encoding="utf-8"))["advice"]
    general = json.loads((root / "general.json").read_text(encoding="utf-8"))["advice"]
    assert not set(ours) & set(general)
    for key, entry in ours.items():
        assert set(entry) == {"en", "nl"}, key
        for lang in ("en", "nl"):
            assert set(entry[lang]) == {"title", "text", "steps"}, (key, lang)
        assert len(entry["en"]["steps"]) == len(entry["nl"]["steps"]), key
        assert " u " not in " " + entry["nl"]["text"] + " "  # "je/jouw", never "u"


def test_password_messages_exist_in_both_languages() -> None:
    root = Path(__file__).resolve().parent.parent / "doxaudit" / "locales"
    en = json.loads((root / "en" / "passwords.json").read_text(encoding="utf-8"))
    nl = json.loads((root / "nl" / "passwords.json").read_text(encoding="utf-8"))
    assert set(en) == set(nl) and all(k.startswith("passwords.") for k in en)
    for key in en:
        assert en[key].count("{") == nl[key].count("{"), key


# --- any JSON at all: the parsers never raise -------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["Name", "Title", "DataClasses", "BreachDate", "PwnCount", "IsSensitive", "breach",
                         "xposed_data", "xposed_date", "ExposedBreaches", "breaches_details", "exposedBreaches",
                         "breachID", "exposedData", "Error", "verified", "x"]), inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)  # no test measures time
@given(JSON)
def test_parsers_never_raise_on_any_json(data: Any) -> None:
    for parsed in (parse_hibp(data), parse_xon_analytics(data), parse_xon_breaches_list(data)):
        assert parsed is None or all(isinstance(b, Breach) for b in parsed)
        for b in parsed or []:
            breach_severity(b, NOW)
