"""The Markdown report (GitHub-flavoured): the same view as the HTML report, written as plain Python.

Markdown has no autoescaping, so every value goes through one of three writers here:
`text` for anything from the web (every ASCII punctuation character that can start Markdown
syntax is backslash-escaped and `<`, `>`, `&` become entities, so raw HTML, links, emphasis,
headings, table pipes and autolinks stay characters), `code` for identifiers and URLs shown
as they are (a code span fenced longer than any backtick run inside), and `link` for http(s)
URLs only. Our own catalog text goes through `own`, a lighter escape that keeps it readable.
"""

from __future__ import annotations

import re

from ..i18n import t
from ..model import Report
from .html import AdviceView, FindingView, ReportView, build_view, safe_url
from .safe import clean

# Everything CommonMark/GFM could read as syntax: emphasis, code, links, images, headings, lists,
# tables, strikethrough, setext underlines, autolinks (`:` `.` `@`), math on GitHub (`$`), footnotes (`^`).
_WEB_ESCAPE = frozenset("\\`*_{}[]()#+-.!|~:@=$^")
_OWN_ESCAPE = frozenset("\\`*_[]|~$")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ENTITY_LIKE = re.compile(r"&#?[0-9A-Za-z]+;")  # the only `&` Markdown reads as more than itself


def _escape(value: object, escaped: frozenset[str], limit: int) -> str:
    out = []
    for ch in clean(value, limit).strip():
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in escaped:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def text(value: object, limit: int = 600) -> str:
    """Untrusted text made inert: it renders as exactly its characters."""
    return _escape(value, _WEB_ESCAPE, limit)


def own(value: object, limit: int = 2000) -> str:
    """Our own catalog text (messages, advice): trusted, escaped only where it would change meaning."""
    out = []
    for ch in clean(value, limit).strip():
        out.append("\\" + ch if ch in _OWN_ESCAPE else "&lt;" if ch == "<" else "&gt;" if ch == ">" else ch)
    return _ENTITY_LIKE.sub(lambda m: "&amp;" + m.group(0)[1:], "".join(out))


def code(value: object, *, in_table: bool = False, limit: int = 600) -> str:
    """A code span: shown literally, nothing inside is Markdown or HTML."""
    body = clean(value, limit).strip()
    if not body:
        return ""
    if in_table:
        body = body.replace("|", "\\|")  # GFM splits cells before code spans; \| keeps the pipe in the cell
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body[0] == "`" or body[-1] == "`" else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _destination(url: str) -> str:
    """A link destination in angle brackets; the few characters that could end or escape it are encoded."""
    return "<" + "".join({" ": "%20", "<": "%3C", ">": "%3E", "\\": "%5C"}.get(ch, ch) for ch in url) + ">"


def link(url: str, label: str | None = None) -> str:
    """A link for an http(s) URL; anything else (javascript:, data:, …) is shown as code, never linked."""
    href = safe_url(url)
    if href is None:
        return code(url)
    shown = text(label) if label is not None else code(href, limit=2048)
    return f"[{shown}]({_destination(href)})"


def _cell(value: str) -> str:
    return value or "–"


def _advice(a: AdviceView, steps: bool, lang: str) -> list[str]:
    where = f"**{own(a.where)}.** " if a.where else ""
    lines = [f"**{own(t('report.advice', lang))}:** {where}{own(a.text)}", ""]
    if steps and a.steps:
        lines += [f"{i}. {own(step)}" for i, step in enumerate(a.steps, start=1)] + [""]
    if a.help_url:
        lines += [f"{own(t('html.help_page', lang))}: {link(a.help_url)}", ""]
    return lines


def _finding(f: FindingView, lang: str) -> list[str]:
    lines = [f"#### {own(f.severity_text.upper())} · {text(f.title)}", "",
             f"{own(t('report.confidence', lang))} {f.confidence}% · {own(t('report.evidence', lang))}: "
             f"{link(f.url) if f.href else code(f.url)}", ""]
    if f.snippet:
        lines += [f"> “{text(f.snippet)}”", ""]
    if f.advice:
        lines += _advice(f.advice, f.show_steps, lang)
    return lines


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows), ""]


def _body(v: ReportView) -> list[str]:
    lang = v.lang

    def _(key: str, **values: object) -> str:
        return own(t(key, lang, **values))

    out = [f"# {own(v.title)}", ""]
    out += [f"> **{own(banner)}**" for banner, _kind in v.banners]
    out += [""] if v.banners else []
    who = " · ".join(f"{own(label)} {code(value)}" for label, value in v.identity)
    out += [f"**{_('report.identity')}:** {who}", ""]
    if v.masked_note:
        out += [f"_{own(v.masked_note)}_", ""]

    out += [f"## {_('html.at_a_glance')}", ""]
    rows = []
    for g in v.gauges:
        score = f"{g.score}/100" if g.score is not None else _("report.status.incomplete")
        grade = g.grade if g.score is not None else "–"
        name = f"**{own(g.title)}**" if g.overall else own(g.title)
        rows.append([name, f"**{score}**" if g.overall else score, own(grade), own(g.note)])
    out += _table(["", _("report.score"), _("report.grade"), ""], rows)
    out += [f"{_('html.gauges_note')} {own(v.overall_note)}", ""]

    out += [f"## {_('html.map.title')}", "", _("html.map.intro"), ""]
    if v.map.places:
        out += _table([_("html.map.col.detail"), _("html.map.col.shown"), _("html.map.col.leads")], [
            [f"**{text(r.label)}** " + " ".join(code(x, in_table=True) for x in r.values),
             ", ".join(text(p) for p in r.shown), ", ".join(text(p) for p in r.leads)]
            for r in v.map.rows])
    else:
        out += [_("html.map.empty"), ""]

    for tip in v.tips:
        g = tip.gauge
        score = f"{g.score}/100 · {g.grade}" if g.score is not None else _("report.status.incomplete")
        out += [f"## {own(tip.title)}", "", f"**{score}** · {own(tip.coverage)}", ""]
        if tip.incomplete_why:
            out += [f"> ⚠ {own(tip.incomplete_why)}", ""]
        if tip.findings:
            out += [f"### {_('report.findings')}", ""]
            for f in tip.findings:
                out += _finding(f, lang)
        elif g.score is not None and not tip.accounts:
            out += [_("report.no_findings"), ""]
        if tip.accounts:
            out += [f"### {_('report.accounts')}", ""]
            out += _table(
                [_("html.accounts.platform"), _("html.accounts.profile"), _("html.accounts.visibility"),
                 _("html.accounts.shows"), _("html.accounts.settings")],
                [[f"**{text(a.platform)}**", link(a.href, a.url) if a.href else code(a.url, in_table=True),
                  own(a.visibility_text), text(a.shows),
                  own(a.where) + (f" · {link(a.help_href, t('html.help_page', lang))}" if a.help_href else "")]
                 for a in tip.accounts])
        if tip.failed:
            out += [f"### {_('html.failed_checks')}", ""]
            out += [f"- **{text(label)}**: {text(reason)}" for label, reason in tip.failed] + [""]

    out += [f"## {_('html.coverage_title')}", "", own(v.coverage), ""]
    if v.coverage_reasons:
        out += [f"{_('report.coverage_reasons')}:", ""]
        out += [f"- {text(reason)} ({count}×)" for reason, count in v.coverage_reasons] + [""]
    out += [f"## {_('report.next_steps')}", ""]
    out += [f"{i}. {own(step)}" for i, step in enumerate(v.next_steps, start=1)] + [""]
    if v.help:
        out += [f"## {_('report.help')}", ""]
        for h in v.help:
            name = link(h.url, h.name) if h.href else own(h.name)
            phone = f" · {_('html.phone')} {own(h.phone)}" if h.phone else ""
            purpose = f" — {own(h.purpose)}" if h.purpose else ""
            out.append(f"- **{name}**{phone}{purpose}")
        out.append("")
    out += ["---", "", f"_{own(v.generated)}_", ""]
    return out


def render(report: Report) -> str:
    """The whole report as one GitHub-flavoured Markdown document."""
    return "\n".join(_body(build_view(report)))
