"""Bytes from the web reach the terminal and JSON as inert text: no ANSI, no Rich markup, no control chars."""

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from doxaudit.checks.extractors.github import GitHubProfileCheck
from doxaudit.identity import build_identity
from doxaudit.model import Status
from doxaudit.render import json_report, terminal
from doxaudit.render.safe import clean
from doxaudit.report import build_report
from tests.helpers import har_entry, run_check

IDENT = build_identity(handles=["noor"], emails=["noor@example.com"])
HOSTILE = {
    "login": "noor",
    "name": "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "bio": "[link=https://evil.example/]free prize[/link] [bold red]ALERT[/] [/] \u202eevil\u202c",
    "location": "\x07\x08\r\nInjected line",
    "company": "<script>alert(1)</script>",
    "blog": "javascript:alert(1)",
}


def render_terminal(report: object) -> str:
    buffer = io.StringIO()
    terminal.render(report, Console(file=buffer, force_terminal=True, width=400, color_system="truecolor"))  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.fixture
def report() -> object:
    check = GitHubProfileCheck("noor")
    out, _ = run_check(check, IDENT, [har_entry(check.url, 200, HOSTILE)])
    assert out.status is Status.FOUND
    return build_report(IDENT, [out], [], mode="replay")


def test_terminal_shows_markup_as_text_and_passes_no_escape_from_the_web(report: object) -> None:
    text = render_terminal(report)
    assert "\x1b]8;;https://evil.example/" not in text  # no hyperlink smuggled in
    assert "\x1b[31mRED" not in text  # the page's own colour code never reaches the terminal
    assert "[link=https://evil.example/]free prize[/link]" in text  # markup shown literally
    assert "\x07" not in text and "\u202e" not in text
    assert "Injected line" in text


def test_json_report_keeps_hostile_text_as_plain_json_strings(report: object) -> None:
    data = json.loads(json_report.render(report))  # type: ignore[arg-type]
    snippet = next(f["snippet"] for f in data["findings"] if f["kind"] == "public_profile")
    assert "<script>" in snippet  # JSON carries the data; escaping is each consumer's job (the HTML report's)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_clean_removes_every_control_and_format_character(value: str) -> None:
    import unicodedata
    out = clean(value)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in out)
    assert "\x1b" not in out
