"""The HTML report: gauges and exposure map from the demo scan, both languages, self-contained, and inert
whatever the web put into titles, bios and URLs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doxaudit import demo
from doxaudit.demo import demo_identity
from doxaudit.i18n import catalog, t
from doxaudit.model import (
    CheckOutcome,
    Coverage,
    Evidence,
    Finding,
    IdentityView,
    Report,
    Severity,
    Status,
    Tip,
    TipScore,
)
from doxaudit.render import html

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "doxaudit" / "locales"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


@cache
def demo_report(lang: str = "en") -> Report:
    """The demo persona's scan, replayed in-process from the recording shipped in the package."""
    return demo.demo_report(lang=lang)


# ------------------------------------------------------------------ hostile reports

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
STYLE_BREAK = "</style><style>*{display:none}</style><script>alert(2)</script>"
SVG = '<svg onload=alert(3)><foreignObject><iframe src="javascript:alert(4)"></iframe></foreignObject></svg>'
BIDI_TEXT = "invoice\u202egnp.exe\u202c and \u2066isolate\u2069"
MD_LINK = "[click](javascript:alert(5))"


def _finding(kind: str, title: str, url: str, snippet: str, *, tip: Tip = Tip.SOCIAL_VISIBILITY,
             check: str = "profile:evil", severity: Severity = Severity.HIGH, advice: str = "evil\"><b>",
             detail: dict[str, str] | None = None) -> Finding:
    return Finding(check=check, tip=tip, kind=kind, title=title, severity=severity, confidence=0.9,
                   evidence=Evidence(url=url, snippet=snippet), advice=advice, detail=detail or {},
                   fingerprint=f"fp-{kind}-{len(title)}-{len(url)}")


def hostile_report(lang: str = "en", title: str = SCRIPT, snippet: str = f"{IMG} {STYLE_BREAK}",
                   url: str = "javascript:alert(6)") -> Report:
    """Every field a stranger controls, filled with markup, script and bidi tricks."""
    findings = (
        _finding("public_profile", title, url, snippet,
                 detail={"platform": f"Evil{SVG}", "fields": f"bio, {IMG}", "visibility": "public"}),
        _finding("phone_in_search", f"{BIDI_TEXT} {MD_LINK}", 'https://evil.example/a"><script>alert(7)</script>',
                 f"{SVG} {BIDI_TEXT}", tip=Tip.CONTACT_INFO, check="search:duckduckgo",
                 detail={"query_kind": "name", "found_in": "page"}),
        _finding("breach", f"Breach {STYLE_BREAK}", "data:text/html,<script>alert(8)</script>", "`code` | # x",
                 tip=Tip.PASSWORDS, check="breach:xposedornot", severity=Severity.CRITICAL,
                 detail={"breach": f"</style>{SCRIPT}", "date": "2024"}),
        _finding("account", f"Account on {SVG}", "vbscript:msgbox(1)", MD_LINK, check="site:evil",
                 severity=Severity.LOW, detail={"platform": f"Evil{SVG}", "typically_exposes": f"bio, {IMG}"}),
    )
    checks = (
        CheckOutcome("site:evil", Tip.SOCIAL_VISIBILITY, "noor", Status.FOUND, reason=SCRIPT,
                     url="javascript:alert(9)", label=f"Evil{SVG}"),
        CheckOutcome("profile:evil", Tip.SOCIAL_VISIBILITY, "noor", Status.FOUND, reason=IMG,
                     url=" JaVaScRiPt:alert(10)", label=f"{IMG}"),
        CheckOutcome("site:other", Tip.SOCIAL_VISIBILITY, "noor", Status.UNKNOWN, reason=f"{STYLE_BREAK}{BIDI_TEXT}",
                     url="https://other.example/noor", label=SCRIPT),
        CheckOutcome("search:duckduckgo", Tip.CONTACT_INFO, "q", Status.FOUND, label="search"),
        CheckOutcome("breach:xposedornot", Tip.PASSWORDS, "e", Status.FOUND, label="breaches"),
    )
    scores = tuple(TipScore(tip, 40, "D", "scored", (SCRIPT,), 3, 3, 0) for tip in Tip)
    return Report(
        schema_version="1.0", tool_version=f"0.1{SCRIPT}", generated_at=f"2026{IMG}",
        identity=IdentityView({"name": (f"{SCRIPT}{BIDI_TEXT}",), "handle": ("noor",),
                               "phone": ("+31 6 ******78",), "email": (f"a{IMG}@example.com",)}),
        coverage=Coverage(5, 4, 1, 0, {f"{STYLE_BREAK}{SVG}": 1}),
        tips=scores, overall=TipScore(None, 40, "D", "scored", (), 9, 9, 0),
        findings=findings, checks=checks, requests=(), lang=lang, mode="replay",
    )


def soup_of(document: str) -> BeautifulSoup:
    return BeautifulSoup(document, "lxml")


ALLOWED_TAGS = {
    "html", "head", "body", "meta", "link", "title", "style", "div", "header", "section", "footer", "main",
    "article", "h1", "h2", "h3", "p", "span", "b", "strong", "i", "a", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "blockquote", "label", "input", "figure", "figcaption", "br",
    "svg", "g", "path", "rect", "text",
}


def assert_inert(document: str) -> None:
    """Nothing executable or fetching in the document, whatever parser reads it."""
    for parser in ("lxml", "html.parser"):
        soup = BeautifulSoup(document, parser)
        tags = {tag.name for tag in soup.find_all(True)}
        assert tags <= ALLOWED_TAGS, f"{parser}: unexpected elements {tags - ALLOWED_TAGS}"
        assert not soup.find_all("script")
        assert len(soup.find_all("style")) == 1
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{parser}: event handler {attr} on <{tag.name}>"
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attr.lower() in ("href", "src", "xlink:href", "action", "formaction", "srcdoc"):
                    ok = text == "data:," if tag.name == "link" else re.match(r"https?://", text) is not None
                    assert ok, f"{parser}: <{tag.name} {attr}={text!r}>"
        style = soup.find("style")
        assert style is not None
        assert "display:none" not in style.get_text() and "@import" not in style.get_text()
    assert not any(ch in document for ch in BIDI)


def test_hostile_titles_bios_and_urls_stay_inert_text() -> None:
    document = html.render(hostile_report())
    assert_inert(document)
    text = soup_of(document).get_text(" ")
    assert SCRIPT in text  # shown as the characters it is
    assert "onerror=alert(1)" in text
    assert "</style>" in text
    assert "javascript:alert(6)" in text  # a non-http evidence URL is shown, not linked
    assert "gnp.exe" in text and "\u202e" not in text


def test_only_http_urls_become_links_and_every_link_is_noopener() -> None:
    soup = soup_of(html.render(hostile_report()))
    links = soup.find_all("a")
    assert links
    for a in links:
        assert isinstance(a, Tag)
        assert str(a["href"]).startswith(("http://", "https://"))
        assert {"noopener", "noreferrer", "nofollow"} <= set(a.get_attribute_list("rel"))
    hrefs = [str(a["href"]) for a in links]
    # the quote in the evidence URL is escaped inside the attribute, so it cannot end it
    assert 'https://evil.example/a"><script>alert(7)</script>' in hrefs
    assert not any("javascript" in h.lower() or h.startswith(("data:", "vbscript:")) for h in hrefs)


def test_csp_forbids_scripts_and_fetches_as_a_second_wall() -> None:
    soup = soup_of(html.render(hostile_report()))
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    policy = str(meta["content"])
    assert "default-src 'none'" in policy and "script-src" not in policy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=120), snippet=st.text(max_size=200),
       url=st.one_of(st.text(max_size=80), st.builds(lambda s: "https://x.example/" + s, st.text(max_size=60))))
def test_any_text_from_the_web_stays_inert(title: str, snippet: str, url: str) -> None:
    assert_inert(html.render(hostile_report(title=title, snippet=snippet, url=url)))


# ------------------------------------------------------------------ the demo report


@pytest.fixture(scope="module")
def demo_html() -> str:
    return html.render(demo_report("en"))


def test_demo_has_three_tip_gauges_and_an_overall_one(demo_html: str) -> None:
    soup = soup_of(demo_html)
    gauges = soup.select("figure.gauge")
    assert len(gauges) == 4
    assert len(soup.select("figure.gauge.overall")) == 1
    report = demo_report("en")
    for gauge, ts in zip(gauges, (*report.tips, report.overall), strict=True):
        assert gauge.select_one("svg path.track") is not None
        assert gauge.select_one("text.score").get_text() == str(ts.score)  # type: ignore[union-attr]
        assert f"{t('report.grade')} {ts.grade}" in gauge.get_text()


def _edges(document: str) -> list[tuple[str, str, bool]]:
    return [(str(p["data-from"]), str(p["data-to"]), "leads" not in p.get_attribute_list("class"))
            for p in soup_of(document).select("svg.map-svg path.edge")]


def test_exposure_map_links_the_handle_to_platforms_and_the_phone_to_its_page(demo_html: str) -> None:
    edges = _edges(demo_html)
    assert any(src == "handle" and dst.startswith("platform:") for src, dst, _ in edges)
    report = demo_report("en")
    phone_pages = {f.evidence.url for f in report.findings if f.kind == "phone_in_search"}
    assert phone_pages, "the demo persona's phone number is on a page"
    assert any(src == "phone" and dst == f"page:{url}" and shown for src, dst, shown in edges for url in phone_pages)
    # every account found with the handle is on the map (the demo finds fewer than the map's cap)
    accounts = {o.label for o in report.checks if o.tip is Tip.SOCIAL_VISIBILITY and o.status is Status.FOUND}
    drawn = {dst.removeprefix("platform:") for src, dst, _ in edges if src == "handle"}
    assert {a.casefold() for a in accounts} <= drawn


def test_exposure_map_nodes_show_masked_identifiers_only(demo_html: str) -> None:
    soup = soup_of(demo_html)
    ids = soup.select("svg.map-svg g.node.id")
    assert {str(g["data-node"]) for g in ids} >= {"id:name", "id:email", "id:handle", "id:phone"}
    text = soup.get_text(" ")
    identity = demo_identity()
    for secret in (*identity.values("phone"), *identity.values("email"), *identity.values("address")):
        assert secret not in text and secret not in demo_html


def test_findings_carry_severity_confidence_evidence_snippet_and_advice(demo_html: str) -> None:
    soup = soup_of(demo_html)
    report = demo_report("en")
    listed = [f for f in report.findings if f.kind not in ("account", "private_profile")]
    articles = soup.select("article.finding")
    assert len(articles) == len(listed)
    first = articles[0]
    assert first.select_one(".badge") is not None and "%" in first.select_one(".meta").get_text()  # type: ignore[union-attr]
    assert first.select_one(".snippet") is not None and first.select_one(".advice") is not None
    assert soup.select("table.accounts tbody tr")
    assert len(soup.select("section.help li")) >= 3


def test_report_is_self_contained(demo_html: str) -> None:
    soup = soup_of(demo_html)
    assert not soup.find_all(src=True)
    assert not soup.find_all("link", rel="stylesheet")
    assert [str(link["href"]) for link in soup.find_all("link")] == ["data:,"]  # no favicon fetch
    assert not soup.find_all(["script", "img", "iframe", "object", "embed"])
    assert "@import" not in demo_html and "url(" not in demo_html and "@font-face" not in demo_html
    for a in soup.find_all("a"):  # the only http(s) references are links a person may click
        assert str(a["href"]).startswith(("https://", "http://"))
    for tag in soup.find_all(True):
        assert not any(attr in tag.attrs for attr in ("srcset", "poster", "background", "xlink:href"))


def test_print_and_projector_styles() -> None:
    document = html.render(demo_report("en"), projector=True)
    soup = soup_of(document)
    assert "projector" in soup.html.get_attribute_list("class")  # type: ignore[union-attr]
    assert soup.find("input", id="projector").has_attr("checked")  # type: ignore[union-attr]
    style = soup.find("style").get_text()  # type: ignore[union-attr]
    assert "@media print" in style and "break-inside: avoid" in style and "break-before: page" in style
    assert not soup_of(html.render(demo_report("en"))).find("input", id="projector").has_attr("checked")  # type: ignore[union-attr]


def test_dutch_report_has_dutch_tip_titles_and_no_english_ones() -> None:
    document = html.render(demo_report("nl"))
    assert '<html lang="nl"' in document
    text = soup_of(document).get_text(" ")
    for tip in Tip:
        assert t(f"tip.{tip.value}", "nl") in text
        assert t(f"tip.{tip.value}", "en") not in text
        assert t(f"tip.{tip.value}.short", "en") not in text
    en = json.loads((LOCALES / "en" / "report.json").read_text(encoding="utf-8"))
    nl = json.loads((LOCALES / "nl" / "report.json").read_text(encoding="utf-8"))
    for key, english in en.items():  # none of the report's own English sentences leaks into the Dutch one
        if english != nl[key] and len(english) > 12 and "{" not in english:
            assert english not in text, key


def test_incomplete_tip_shows_no_score_and_says_why() -> None:
    report = hostile_report()
    incomplete = TipScore(Tip.CONTACT_INFO, None, "?", "incomplete", ("only 1 of 4 checks completed",), 4, 1, 3)
    tips = tuple(incomplete if ts.tip is Tip.CONTACT_INFO else ts for ts in report.tips)
    overall = TipScore(None, None, "?", "incomplete", ("incomplete: contact_info",), 9, 6, 3)
    for lang in ("en", "nl"):
        changed = Report(**{**report.__dict__, "tips": tips, "overall": overall, "lang": lang})
        soup = soup_of(html.render(changed))
        gauge = soup.select("figure.gauge")[1]
        assert gauge.select_one("text.score").get_text() == "?"  # type: ignore[union-attr]
        assert gauge.select_one("path.value") is None
        assert t("report.status.incomplete", lang) in gauge.get_text()
        assert t("html.incomplete_why", lang, completed=1, total=4) in gauge.get_text()
        assert soup.select_one("figure.gauge.overall text.score").get_text() == "?"  # type: ignore[union-attr]
        assert t("tip.contact_info.short", lang) in soup.select_one("figure.gauge.overall").get_text()  # type: ignore[union-attr]


def test_a_crowded_map_draws_the_most_severe_places_and_counts_the_rest() -> None:
    base = hostile_report()
    many = tuple(CheckOutcome(f"site:s{i:02d}", Tip.SOCIAL_VISIBILITY, "noor", Status.FOUND,
                              url=f"https://s{i:02d}.example/noor", label=f"Site{i:02d}") for i in range(40))
    report = Report(**{**base.__dict__, "checks": base.checks + many, "partial": True})
    view = html.build_view(report)
    assert len(view.map.places) == html.MAX_PLACES + 1
    more = view.map.places[-1]
    every_place = {p for r in view.map.rows for p in (*r.shown, *r.leads)}
    assert more.key == "more" and more.label == t("html.map.more", count=len(every_place) - html.MAX_PLACES)
    assert any(e.target == "more" and e.source == "handle" for e in view.map.edges)
    handle_row = next(r for r in view.map.rows if r.label == t("html.kind.handle"))
    assert {f"Site{i:02d}" for i in range(40)} <= set(handle_row.leads)  # the table under the map lists them all
    drawn_severity = [n.severity for n in view.map.places[:-1]]
    assert "high" in drawn_severity  # the profile with findings is drawn, not pushed out by bare accounts
    document = html.render(report)
    assert t("report.partial") in soup_of(document).get_text(" ")
    assert_inert(document)


def test_catalogs_have_the_same_report_keys_and_every_used_key_exists() -> None:
    en = json.loads((LOCALES / "en" / "report.json").read_text(encoding="utf-8"))
    nl = json.loads((LOCALES / "nl" / "report.json").read_text(encoding="utf-8"))
    assert en.keys() == nl.keys()
    assert all(k.startswith(("html.", "md.")) for k in en)
    catalog.cache_clear()
    merged = catalog("en"), catalog("nl")  # raises if a key is defined in two files
    sources = [ROOT / "doxaudit" / "render" / "html.py", ROOT / "doxaudit" / "render" / "markdown.py",
               ROOT / "reports" / "report.html.j2"]
    used = {m for src in sources for m in re.findall(r"""["']((?:html|md|report)\.[a-z0-9_.]+)["']""",
                                                     src.read_text(encoding="utf-8"))}
    used = {k for k in used if not k.endswith((".", ".j2"))}
    for lang_catalog in merged:
        missing = sorted(k for k in used if k not in lang_catalog)
        assert not missing


def test_template_ships_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"doxaudit.report_templates" = [' in pyproject and '"*.j2"' in pyproject
    assert (ROOT / "reports" / html.TEMPLATE).is_file()


def test_screenshot_of_the_demo_report(tmp_path: Path) -> None:
    """Headless Chromium renders the demo report to a PNG (skipped where Chromium is not installed)."""
    if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chromium installed")
    out = tmp_path / "report.png"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshot_report.py"), "--out", str(out),
                           "--size", "1280,1600"], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
