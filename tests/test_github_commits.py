"""GitHub commit search by author email: public commits make the login email public."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from doxaudit import advice
from doxaudit.checks.github_commits import GitHubCommitEmailCheck, parse_commit_search
from doxaudit.demo import demo_identity
from doxaudit.identity import build_identity
from doxaudit.model import PlannedRequest, Severity, Status, Tip
from tests.helpers import har_entry, run_check

EMAIL = "noor.voorbeeld@example.com"
IDENT = build_identity(names=["Noor Voorbeeld"], emails=[EMAIL])
ROOT = Path(__file__).resolve().parent.parent


def search_answer(total: Any = 3, incomplete: Any = False, items: Any = None) -> dict[str, Any]:
    if items is None:
        items = [{"sha": "abc", "html_url": "https://github.com/noorvoorbeeld/brood/commit/abc",
                  "repository": {"full_name": "noorvoorbeeld/brood"}}]
    return {"total_count": total, "incomplete_results": incomplete, "items": items}


def test_plan_sends_the_email_to_github_search() -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    [request] = check.requests()
    assert request.url == f"https://api.github.com/search/commits?q=author-email:{EMAIL}&per_page=1"
    assert request.sends == ("email",) and check.tip is Tip.PASSWORDS


def test_special_characters_in_the_email_are_encoded() -> None:
    check = GitHubCommitEmailCheck("noor+git@example.com")
    assert "q=author-email:noor%2Bgit@example.com&" in check.url  # a bare + would be a space


def test_commits_with_the_email_are_a_finding_with_the_no_reply_advice() -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, search_answer())])
    assert out.status is Status.FOUND
    [f] = out.findings
    assert f.kind == "email_in_commits" and f.severity is Severity.MEDIUM and f.tip is Tip.PASSWORDS
    assert f.advice == "github_commit_email" and advice.lookup(f.advice, "nl") is not None
    assert f.title_key == "passwords.finding.github_commits" and f.title_args == {"count": "3"}
    assert f.evidence.url == "https://github.com/noorvoorbeeld/brood/commit/abc"
    assert f.detail == {"commits": "3", "repository": "noorvoorbeeld/brood"}


def test_no_commits_is_not_found() -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, search_answer(0, items=[]))])
    assert out.status is Status.NOT_FOUND and not out.findings


def test_an_incomplete_empty_search_is_unknown() -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, search_answer(0, True, []))])
    assert out.status is Status.UNKNOWN


@pytest.mark.parametrize("status, body, headers", [
    (403, {"message": "API rate limit exceeded"}, {"x-ratelimit-remaining": "0"}),
    (403, {"message": "You have exceeded a secondary rate limit"}, {"retry-after": "60"}),
    (403, {"message": "Forbidden"}, {}),
    (422, {"message": "Validation Failed", "errors": [{"code": "invalid"}]}, {}),
    (429, {}, {"retry-after": "600"}),
    (401, {"message": "Requires authentication"}, {}),
    (500, "oops", {}),
    (503, "busy", {}),
    (200, "{not json", {}),
    (200, "[]", {}),
    (200, {"total_count": "3"}, {}),
    (200, {"total_count": True}, {}),
    (200, {"total_count": -1}, {}),
    (200, {"items": []}, {}),
    (200, "<html><div class='g-recaptcha'></div></html>", {}),
    (200, "[" * 80_000, {}),
])
def test_failures_are_unknown_never_not_found(status: int, body: Any, headers: dict[str, str]) -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    out, _ = run_check(check, IDENT, [har_entry(check.url, status, body, headers=headers)])
    assert out.status is Status.UNKNOWN and not out.findings


def test_hostile_items_are_dropped_or_cleaned() -> None:
    items = [{"html_url": "javascript:alert(1)//https://github.com/", "repository": {"full_name": "a\x1b[31m/b\u202e"}}]
    hits = parse_commit_search(search_answer(2, items=items))
    assert hits is not None and hits.example_url == "" and hits.example_repo == "a[31m/b"
    for odd in ([1], "x", [{"html_url": ["x"], "repository": "y"}], None):
        parsed = parse_commit_search({"total_count": 5, "incomplete_results": False, "items": odd})
        assert parsed is not None and parsed.total == 5 and parsed.example_url == ""


def test_evidence_falls_back_to_the_api_url() -> None:
    check = GitHubCommitEmailCheck(EMAIL)
    body = search_answer(1, items=[{"html_url": "https://evil.example/commit/1"}])
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, body)])
    assert out.findings[0].evidence.url == check.url


def test_absurd_counts_are_capped() -> None:
    hits = parse_commit_search(search_answer(10**30, items=[]))
    assert hits is not None and hits.total == 10**9


# --- the demo answer ------------------------------------------------------------------------------

def demo_module() -> ModuleType:
    path = ROOT / "tools" / "demo_answers" / "passwords.py"
    spec = importlib.util.spec_from_file_location("demo_answers_passwords", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_answer_covers_the_personas_commit_search() -> None:
    module = demo_module()
    [email] = demo_identity().emails
    check = GitHubCommitEmailCheck(email)
    [request] = check.requests()
    status, headers, body = module.answer(request)
    out, _ = run_check(check, demo_identity(), [har_entry(request.url, status, body, headers=headers)])
    assert out.status is Status.FOUND and out.findings[0].title_args == {"count": "3"}
    assert json.loads(body)["total_count"] == 3
    assert module.answer(PlannedRequest("api:gravatar", "GET", "https://x.example/", ("email",))) is None
