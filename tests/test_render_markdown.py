"""The Markdown report: the same content as the HTML one, and inert when a Markdown renderer with raw HTML
enabled (CommonMark + GFM tables, as markdown-it-py does it) turns it into a page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from doxaudit.demo import demo_identity
from doxaudit.i18n import t
from doxaudit.model import Status, Tip
from doxaudit.render import markdown
from doxaudit.render.safe import clean
from tests.test_render_html import BIDI, IMG, MD_LINK, SCRIPT, SVG, demo_report, hostile_report

MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "p", "strong", "em", "code", "a", "blockquote", "ul", "ol", "li", "hr",
                "table", "thead", "tbody", "tr", "th", "td", "br"}


def rendered(document: str) -> BeautifulSoup:
    return BeautifulSoup(MD.render(document), "html.parser")


def assert_inert(document: str) -> None:
    soup = rendered(document)
    tags = {tag.name for tag in soup.find_all(True)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert not attr.lower().startswith("on")
    for a in soup.find_all("a"):
        assert str(a["href"]).startswith(("https://", "http://")), a["href"]
    assert not any(ch in document for ch in BIDI)


def test_hostile_values_render_as_their_characters() -> None:
    document = markdown.render(hostile_report())
    assert_inert(document)
    text = rendered(document).get_text(" ")
    for literal in (SCRIPT, "onerror=alert(1)", "</style>", MD_LINK, "javascript:alert(6)", "<foreignObject>"):
        assert literal in text, literal
    assert not any(ch in document for ch in BIDI)


def test_leading_hash_pipes_and_backticks_do_not_change_the_structure() -> None:
    report = hostile_report(title="# Not a heading | still the title", snippet="`tick` ``two`` | - item\n# x")
    soup = rendered(markdown.render(report))
    headings = [h.get_text() for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    assert not any(h.startswith("Not a heading") for h in headings)
    assert any("# Not a heading | still the title" in h for h in headings)  # the whole title, in one heading
    # the accounts table keeps five cells per row although platform names hold pipes and markup
    for row in soup.select("table")[-1].select("tr"):
        assert len(row.find_all(["td", "th"])) == 5
    assert "`tick` ``two`` | - item # x" in soup.get_text(" ")


def test_only_http_urls_become_links() -> None:
    document = markdown.render(hostile_report())
    soup = rendered(document)
    hrefs = [str(a["href"]) for a in soup.find_all("a")]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert "javascript:alert(6)" in soup.get_text()  # shown in a code span instead


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_escaped_text_renders_as_exactly_its_characters(value: str) -> None:
    expected = " ".join(clean(value).split())
    got = " ".join(rendered(markdown.text(value)).get_text().split())
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_code_spans_hold_any_text(value: str) -> None:
    span = markdown.code(value)
    expected = " ".join(clean(value).split())
    if not expected:
        assert span == ""
        return
    soup = rendered(f"x {span} y")
    code = soup.find("code")
    assert code is not None and " ".join(code.get_text().split()) == expected


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=100), snippet=st.text(max_size=150), url=st.text(max_size=60))
def test_any_report_text_stays_inert(title: str, snippet: str, url: str) -> None:
    assert_inert(markdown.render(hostile_report(title=title, snippet=snippet, url=url)))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_demo_markdown_has_the_same_content_as_the_html(lang: str) -> None:
    report = demo_report(lang)
    document = markdown.render(report)
    assert_inert(document)
    soup = rendered(document)
    text = soup.get_text(" ")
    other = "nl" if lang == "en" else "en"
    for tip in Tip:
        assert t(f"tip.{tip.value}", lang) in text
        assert t(f"tip.{tip.value}", other) not in text
    for ts in report.tips:
        assert f"{ts.score}/100" in text
    assert t("html.map.title", lang) in text
    phone_row = next(tr for tr in soup.select("table")[1].select("tr") if t("html.kind.phone", lang) in tr.get_text())
    page = next(f.evidence.url for f in report.findings if f.kind == "phone_in_search")
    assert page.split("//", 1)[1].removeprefix("www.").rstrip("/") in phone_row.get_text()
    accounts = [o.label for o in report.checks if o.tip is Tip.SOCIAL_VISIBILITY and o.status is Status.FOUND]
    for label in accounts:
        assert label in text
    assert SVG not in document and IMG not in document
    assert re.search(r"^## ", document, re.M)
    for secret in (*demo_identity().values("phone"), *demo_identity().values("email")):
        assert secret not in document
