"""The commands about saved scans and acting on them: history, diff, letter, tips.

Plain functions with Typer `Annotated` parameters, registered by cli.py (or `register`). Heavy
imports stay inside the functions so `doxaudit --help` stays fast. User errors are DoxauditError
subclasses, turned into one line and exit code 2 by `cli.main`.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from .history import Diff, ScanSummary

SOURCE_URL = "https://www.mediawijsheid.nl/dreigtweets/"
TIPS = ("passwords", "contact_info", "social_visibility")


class OutFormat(StrEnum):
    rich = "rich"
    json = "json"


class Lang(StrEnum):
    en = "en"
    nl = "nl"


FormatOpt = Annotated[OutFormat, typer.Option("--format", help="Output format.")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Language [default: from your locale].")]


def _lang(lang: Lang | None) -> str:
    from .i18n import default_lang

    return lang.value if lang else default_lang()


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _when(iso: str) -> str:
    """An ISO timestamp as local time to the minute; the raw text if it is not one."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, TypeError):
        return iso


def _score(score: int | None, grade: str, status: str | None, lang: str) -> str:
    from .i18n import t

    if status is None:
        return t("history.not_scanned", lang)
    if status == "incomplete" or score is None:
        return t("history.incomplete", lang)
    return f"{score} {grade}".strip()


def _bullets(items: list[Any]) -> Any:
    """A bulleted list whose wrapped lines stay indented (reads better on a projector)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", item)
    return grid


def _load(scan_id: int, lang: str) -> dict[str, Any]:
    """A saved report; an unknown id is one line in the user's language."""
    from . import history as store
    from .errors import InputError
    from .i18n import t

    try:
        return store.load(scan_id)
    except store.ScanNotFound as e:
        raise InputError(t("history.no_scan", lang, id=e.scan_id)) from e


# -- history -----------------------------------------------------------------------------------------------


def _history_table(scans: list[ScanSummary], lang: str) -> Any:
    from rich.table import Table

    from .i18n import t
    from .render.safe import safe_text

    table = Table(title=t("history.title", lang), expand=False)
    for key in ("id", "when", "mode", "overall"):
        table.add_column(t(f"history.col.{key}", lang), no_wrap=True)
    for tip in TIPS:
        table.add_column(t(f"tip.{tip}.short", lang))
    table.add_column(t("history.col.findings", lang), justify="right")
    table.add_column(t("history.col.kinds", lang))
    for s in scans:
        tips = {ts.id: ts for ts in s.tips}
        mode = t(f"history.mode.{s.mode}", lang)
        flags = [t("history.partial", lang)] if s.partial else []
        if not s.masked:
            flags.append(t("history.unmasked", lang))
        cells = [_score(tips[tip].score, tips[tip].grade, tips[tip].status, lang) if tip in tips
                 else t("history.not_scanned", lang) for tip in TIPS]
        table.add_row(str(s.id), _when(s.generated_at), safe_text(" · ".join([mode, *flags])),
                      _score(s.overall.score, s.overall.grade, s.overall.status, lang), *cells, str(s.findings),
                      safe_text(", ".join(s.kinds)))
    return table


def history(
    format: FormatOpt = OutFormat.rich, lang: LangOpt = None,
    delete: Annotated[list[int] | None, typer.Option(
        "--delete", metavar="ID", help="Forget this saved scan; repeatable.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Forget every saved scan.")] = False,
) -> None:
    """List your saved scans with their scores (each scan is saved unless you use --no-history)."""
    from . import history as store
    from .i18n import t

    code = _lang(lang)
    if clear or delete:
        count = store.clear() if clear else store.delete(list(delete or []))
        typer.echo(t("history.cleared" if clear else "history.deleted", code, count=count), err=True)
        return
    scans = store.list_scans()
    if format is OutFormat.json:
        sys.stdout.write(json.dumps({"database": str(store.db_path()), "scans": [s.to_dict() for s in scans]},
                                    indent=2, ensure_ascii=False) + "\n")
        return
    console = _console()
    if not scans:
        console.print(t("history.none", code))
        return
    console.print(_history_table(scans, code))
    console.print(t("history.where", code, path=store.db_path()))


# -- diff --------------------------------------------------------------------------------------------------


def _pick(old: int | None, new: int | None, lang: str) -> tuple[int, int]:
    from . import history as store
    from .i18n import t

    if old is not None and new is not None:
        pair = (old, new)
    else:
        latest = store.latest_ids(2)
        if old is None:
            if len(latest) < 2:
                raise store.HistoryError(t("diff.need_two", lang, count=len(latest)))
            pair = (latest[0], latest[1])
        else:
            if not latest:
                raise store.HistoryError(t("diff.need_two", lang, count=0))
            pair = (old, latest[-1])
    if pair[0] == pair[1]:
        raise store.HistoryError(t("diff.same_scan", lang))
    return pair


def _caveats(d: Diff, lang: str) -> list[str]:
    from .i18n import t

    return [t(f"diff.caveat.{code}", lang, old=d.unknown[0], new=d.unknown[1], old_id=d.old_id, new_id=d.new_id)
            for code in d.caveats]


def _finding_line(f: dict[str, Any], uncertain: bool, lang: str) -> Any:
    from rich.text import Text

    from .i18n import t
    from .render.safe import safe_text

    line = Text("  • ")
    line.append_text(safe_text(f"[{t('severity.' + str(f.get('severity', 'info')), lang)}] ", style="bold"))
    line.append_text(safe_text(f.get("title", "")))
    line.append_text(safe_text(f"  {f.get('url', '')}", style="dim"))
    line.append_text(safe_text(f"  id {f.get('id', '')}", style="dim"))
    if uncertain:
        line.append_text(safe_text(f"\n      ({t('diff.uncertain', lang)})", style="yellow"))
    return line


def _render_diff(d: Diff, console: Console, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from . import letters
    from .i18n import t
    from .render.safe import safe_text

    console.print(Text(t("diff.title", lang, old=d.old_id, new=d.new_id, old_time=_when(d.old_time),
                         new_time=_when(d.new_time)), style="bold"))
    if d.nothing_changed:
        console.print(t("diff.nothing", lang, old=d.old_id))
    else:
        table = Table(title=t("diff.scores", lang), expand=False)
        for col in ("", str(d.old_id), str(d.new_id), "±"):
            table.add_column(col, no_wrap=True)
        for s in d.scores:
            name = t("report.overall", lang) if s.tip == "overall" else t(f"tip.{s.tip}.short", lang)
            delta = "" if s.delta is None or not s.delta else f"{s.delta:+d}"
            style = "" if not s.changed else ("green" if (s.delta or 0) > 0 else "red" if (s.delta or 0) < 0 else "yellow")
            table.add_row(name, _score(s.old_score, "", s.old_status, lang), _score(s.new_score, "", s.new_status, lang),
                          Text(delta, style=style))
        console.print(table)
        for title, items in (("diff.new", d.new), ("diff.gone", d.gone)):
            if items:
                console.print(Text(f"{t(title, lang, old=d.old_id)} ({len(items)})", style="bold"))
                for f in items:
                    console.print(_finding_line(f, str(f.get("id")) in d.uncertain, lang))
        if d.changed:
            console.print(Text(f"{t('diff.changed', lang)} ({len(d.changed)})", style="bold"))
            for c in d.changed:
                parts = []
                if c.old_severity != c.new_severity:
                    parts.append(t("diff.severity_change", lang, old=t(f"severity.{c.old_severity}", lang),
                                   new=t(f"severity.{c.new_severity}", lang)))
                if abs(c.old_confidence - c.new_confidence) > 1e-9:
                    parts.append(t("diff.confidence_change", lang, old=f"{c.old_confidence:.2f}",
                                   new=f"{c.new_confidence:.2f}"))
                console.print(safe_text(f"  • {c.title}: {'; '.join(parts)}  (id {c.id})"))
        if d.checks:
            console.print(Text(f"{t('diff.checks', lang)} ({len(d.checks)})", style="bold"))
            for ch in d.checks:
                old = t(f"status.{ch.old_status}", lang) if ch.old_status else t("diff.not_checked", lang)
                new = t(f"status.{ch.new_status}", lang) if ch.new_status else t("diff.not_checked", lang)
                console.print(safe_text(f"  • {ch.label} ({ch.target}): {old} → {new}"))
    caveats = _caveats(d, lang)
    if caveats:
        console.print(Text(t("diff.caveats", lang), style="bold yellow"))
        for caveat in caveats:
            console.print(safe_text(f"  • {caveat}"))
    if any(letters.letter_type(f) == "page" for f in d.new):
        console.print(t("diff.hint_letter", lang))


def diff(
    old: Annotated[int | None, typer.Argument(help="The earlier scan id [default: the previous scan].")] = None,
    new: Annotated[int | None, typer.Argument(help="The later scan id [default: the latest scan].")] = None,
    format: FormatOpt = OutFormat.rich, lang: LangOpt = None,
) -> None:
    """Show what is new, gone or changed since an earlier scan (tip 2: check regularly)."""
    from . import history as store

    code = _lang(lang)
    old_id, new_id = _pick(old, new, code)
    d = store.diff(_load(old_id, code), _load(new_id, code), old_id=old_id, new_id=new_id)
    if format is OutFormat.json:
        data = d.to_dict()
        data["caveat_messages"] = _caveats(d, code)
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    _render_diff(d, _console(), code)


# -- letter ------------------------------------------------------------------------------------------------


def _list_letter_findings(report: dict[str, Any], scan_id: int, lang: str) -> None:
    from rich.table import Table

    from . import letters
    from .i18n import t
    from .render.safe import safe_text

    console = _console()
    eligible = [f for f in report.get("findings", []) if isinstance(f, dict) and letters.letter_type(f)]
    if not eligible:
        console.print(t("letter.list.none", lang, scan=scan_id))
        return
    table = Table(title=t("letter.list.title", lang, scan=scan_id), expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column(t("report.findings", lang))
    table.add_column("url", overflow="fold")
    for f in eligible:
        table.add_row(safe_text(f.get("id", "")), safe_text(f.get("title", "")), safe_text(f.get("url", "")))
    console.print(table)
    console.print(t("letter.list.hint", lang))


def letter(
    finding_id: Annotated[str | None, typer.Argument(
        metavar="FINDING_ID", help="The finding's id (or its first characters); leave out to list the findings.")] = None,
    scan: Annotated[int | None, typer.Option("--scan", help="Saved scan to take the finding from [default: latest].")] = None,
    lang: LangOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the letter to this file (mode 0600).")] = None,
    sender_name: Annotated[str | None, typer.Option("--sender-name", help="Your name under the letter.")] = None,
) -> None:
    """Write a GDPR Article 17 erasure request for a page or profile that shows your data."""
    from . import history as store
    from . import letters
    from .errors import InputError
    from .i18n import t
    from .net.har import write_private

    code = _lang(lang)
    if scan is None:
        latest = store.latest_ids(1)
        if not latest:
            raise InputError(t("letter.no_scans", code))
        scan = latest[0]
    report = _load(scan, code)
    if finding_id is None:
        _list_letter_findings(report, scan, code)
        return
    matches = letters.find(report, finding_id)
    if not matches:
        raise InputError(t("letter.unknown_finding", code, id=finding_id, scan=scan))
    if len(matches) > 1:
        raise InputError(t("letter.ambiguous", code, id=finding_id, scan=scan,
                           matches=", ".join(str(f.get("id")) for f in matches[:5])))
    finding = matches[0]
    masked = bool(report.get("masked", True))
    text = letters.letter(finding, code, sender_name, masked=masked)
    for note in letters.notes(finding, code, masked=masked):
        typer.echo(f"• {note}", err=True)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_private(output, text)
    except OSError as e:
        raise InputError(f"cannot write {str(output)!r}: {e.strerror or e}") from e
    typer.echo(t("letter.saved", code, path=output), err=True)


# -- tips --------------------------------------------------------------------------------------------------


def tips_data(lang: str) -> dict[str, Any]:
    """The three tips as data: what each means, what doxaudit checks, what you can do, and where to get help."""
    from .advice import help_resources
    from .i18n import catalog, t

    def steps(tip: str) -> list[str]:
        keys = sorted((k for k in catalog("en") if k.startswith(f"tips.{tip}.do.")), key=lambda k: int(k.rsplit(".", 1)[1]))
        return [t(k, lang) for k in keys]

    return {
        "title": t("tips.title", lang),
        "intro": t("tips.intro", lang),
        "tips": [{"id": tip, "number": n, "title": t(f"tip.{tip}", lang), "why": t(f"tips.{tip}.why", lang),
                  "checks": t(f"tips.{tip}.checks", lang), "do": steps(tip)} for n, tip in enumerate(TIPS, 1)],
        "doxing_crime": t("tips.doxing_crime", lang),
        "source": {"title": t("tips.source", lang), "url": SOURCE_URL},
        "help": help_resources(lang),
        "try": t("tips.try", lang),
    }


def tips(lang: LangOpt = None, format: FormatOpt = OutFormat.rich) -> None:
    """Explain the three tips the report is scored against, and what you can do for each."""
    from rich.text import Text

    from .i18n import t
    from .render.safe import safe_text

    code = _lang(lang)
    data = tips_data(code)
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    console = _console()
    console.print(Text(data["title"], style="bold"))
    console.print(data["intro"])
    for tip in data["tips"]:
        console.print()
        console.print(Text(tip["title"], style="bold cyan"))
        console.print(Text.assemble((f"{t('tips.why', code)}: ", "bold"), tip["why"]))
        console.print(Text.assemble((f"{t('tips.checks', code)}: ", "bold"), tip["checks"]))
        console.print(Text(f"{t('tips.do', code)}:", style="bold"))
        console.print(_bullets([Text(step) for step in tip["do"]]))
    console.print()
    console.print(data["doxing_crime"])
    console.print(Text.assemble(f"{data['source']['title']}: ", (data["source"]["url"], "underline")))
    console.print()
    console.print(Text(t("report.help", code), style="bold"))
    lines = []
    for item in data["help"]:
        line = safe_text(item.get("name", ""), style="bold")
        line.append_text(safe_text(f" — {item.get('url', '')}"))
        if item.get("phone"):
            line.append_text(safe_text(f" — {item['phone']}"))
        lines.append(line)
    console.print(_bullets(lines))
    console.print()
    console.print(data["try"])


def save_scan(report: Any) -> int | None:
    """Save a finished scan's Report in the history and say so on stderr (called by cli.py after a scan).

    The report has already been shown; a history that cannot be written is a warning, not a failed scan.
    """
    from . import history as store
    from .i18n import t
    from .render.json_report import to_dict

    try:
        scan_id = store.save(to_dict(report))
    except store.HistoryError as e:
        typer.echo(f"doxaudit: warning: {t('history.save_failed', report.lang, error=e)}", err=True)
        return None
    typer.echo(t("history.saved", report.lang, id=scan_id), err=True)
    return scan_id


def register(app: typer.Typer) -> None:
    """Add these commands to `app` (cli.py may register them one by one instead)."""
    for command in (history, diff, letter, tips):
        app.command()(command)
