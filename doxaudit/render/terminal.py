"""The Rich terminal report. Every value from the web goes through `safe_text`."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import advice
from ..i18n import t
from ..model import Finding, Report, Severity, Status, Tip, TipScore
from .safe import safe_text

SEVERITY_STYLE = {Severity.INFO: "dim", Severity.LOW: "cyan", Severity.MEDIUM: "yellow",
                  Severity.HIGH: "bold red", Severity.CRITICAL: "bold white on red"}
MAX_FINDINGS_PER_TIP = 12
MAX_MANUAL_LINKS = 8


def _score_text(ts: TipScore, lang: str) -> Text:
    if ts.score is None:
        return Text(t("report.status.incomplete", lang), style="bold yellow")
    style = "green" if ts.score >= 75 else "yellow" if ts.score >= 50 else "red"
    return Text(f"{ts.score}/100  ({ts.grade})", style=f"bold {style}")


def _finding(f: Finding, lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=10, no_wrap=True)
    grid.add_column(ratio=1)
    badge = Text(t(f"severity.{f.severity.label}", lang).upper(), style=SEVERITY_STYLE[f.severity])
    title = safe_text(f.title, "bold")
    title.append(Text(f"  ({t('report.confidence', lang)} {round(f.confidence * 100)}%, id {f.fingerprint[:8]})",
                      style="dim"))
    grid.add_row(badge, title)
    grid.add_row(Text(""), safe_text(f.evidence.url, "blue", limit=300))
    if f.evidence.snippet:
        grid.add_row(Text(""), safe_text(f"“{f.evidence.snippet}”", "italic dim", limit=300))
    line = advice.one_line(f.advice, lang)
    if line:
        grid.add_row(Text(""), Text(f"→ {line}", style="green"))
    return grid


def build(report: Report) -> Group:
    lang = report.lang
    parts: list[RenderableType] = []
    head = Text(t("app.title", lang), style="bold")
    if report.mode in ("demo", "replay"):
        head.append("\n" + t(f"report.mode.{report.mode}", lang), style="magenta")
    if report.partial:
        head.append("\n" + t("report.partial", lang), style="bold yellow")
    who = "; ".join(f"{k}: {', '.join(v)}" for k, v in report.identity.values.items())
    head.append("\n" + t("report.identity", lang) + ": ", style="dim")
    head.append_text(safe_text(who, limit=400))
    if report.masked:
        head.append("\n" + t("report.masked_note", lang), style="dim")
    parts.append(Panel(head, border_style="blue"))

    scores = Table(show_header=True, header_style="bold", expand=True)
    scores.add_column("")
    scores.add_column(t("report.score", lang), justify="right")
    for ts in report.tips:
        scores.add_row(Text(t(f"tip.{ts.tip.value}.short", lang) if ts.tip else ""), _score_text(ts, lang))
    scores.add_row(Text(t("report.overall", lang), style="bold"), _score_text(report.overall, lang))
    parts.append(scores)
    if report.overall.status != "scored":
        parts.append(Text(t("report.incomplete_note", lang), style="bold yellow"))

    for ts in report.tips:
        assert ts.tip is not None
        body: list[RenderableType] = []
        if ts.status != "scored":
            body.append(safe_text("; ".join(ts.reasons), "yellow"))
        tip_findings = [f for f in report.findings if f.tip is ts.tip and f.severity > Severity.INFO]
        tip_findings += [f for f in report.findings if f.tip is ts.tip and f.severity == Severity.INFO
                         and f.kind != "account"]
        for f in tip_findings[:MAX_FINDINGS_PER_TIP]:
            body.append(_finding(f, lang))
        if len(tip_findings) > MAX_FINDINGS_PER_TIP:
            body.append(Text(t("report.more_findings", lang, count=len(tip_findings) - MAX_FINDINGS_PER_TIP),
                             style="dim"))
        if not tip_findings and ts.status == "scored":
            body.append(Text(t("report.no_findings", lang), style="green"))
        if ts.tip is Tip.SOCIAL_VISIBILITY:
            accounts = [o for o in report.checks if o.tip is ts.tip and o.status in (Status.FOUND, Status.PRIVATE)]
            if accounts:
                table = Table(title=t("report.accounts", lang), show_header=False, expand=True, box=None)
                table.add_column(no_wrap=True)
                table.add_column(ratio=1, overflow="fold")
                unknown_visibility = False
                public = {f.evidence.url for f in report.findings if f.detail.get("visibility") == "public"}
                for o in accounts:
                    url = safe_text(o.url, "blue", 200)
                    if o.status is Status.PRIVATE:
                        url.append(f"  ({t('status.private', lang)})", style="green")
                    elif o.url in public:
                        url.append(f"  ({t('report.public', lang)})", style="yellow")
                    else:
                        url.append(" *", style="dim")
                        unknown_visibility = True
                    table.add_row(safe_text(o.label, "bold", 60), url)
                body.append(table)
                if unknown_visibility:
                    body.append(Text("* " + t("report.account_visibility_unknown", lang), style="dim"))
        title = Text(t(f"tip.{ts.tip.value}", lang), style="bold")
        title.append("  ")
        title.append_text(_score_text(ts, lang))
        parts.append(Panel(Group(*body) if body else Text(""), title=title, title_align="left"))

    if report.manual_links:
        manual = Text(t("search.manual.intro", lang), style="dim")
        if report.masked:
            manual.append("\n" + t("search.manual.masked_note", lang), style="dim")
        for link in report.manual_links[:MAX_MANUAL_LINKS]:
            manual.append("\n  • ")
            manual.append_text(safe_text(link.label, "bold", 80))
            manual.append(f" ({t(f'search.manual.why.{link.why}', lang)}) ", style="dim")
            manual.append_text(safe_text(link.url, "blue", 300))
        if len(report.manual_links) > MAX_MANUAL_LINKS:
            manual.append("\n" + t("search.manual.more", lang, count=len(report.manual_links) - MAX_MANUAL_LINKS),
                          style="dim")
        parts.append(Panel(manual, title=t("search.manual.title", lang), title_align="left"))

    cov = report.coverage
    cov_text = Text(t("report.coverage", lang, completed=cov.completed, total=cov.checks_total,
                      unknown=cov.unknown, skipped=cov.skipped), style="bold" if cov.unknown else "")
    if cov.reasons:
        cov_text.append("\n" + t("report.coverage_reasons", lang) + ":", style="dim")
        for reason, count in cov.reasons.items():
            cov_text.append("\n  • ")
            cov_text.append_text(safe_text(f"{reason} ({count}×)", "dim", 200))
    parts.append(cov_text)

    steps = Text(t("report.next_steps", lang), style="bold")
    for i in (1, 2, 3):
        steps.append(f"\n  {i}. " + t(f"report.next.{i}", lang))
    helps = advice.help_resources(lang)
    if helps:
        steps.append("\n\n" + t("report.help", lang), style="bold")
        for h in helps:
            steps.append(f"\n  • {h.get('name', '')}: {h.get('url', '')}")
            if h.get("phone"):
                steps.append(f" ({h['phone']})")
            if h.get("for"):
                steps.append(f" — {h['for']}", style="dim")
    parts.append(Panel(steps, border_style="green"))
    return Group(*parts)


def render(report: Report, console: Console) -> None:
    console.print(build(report))
