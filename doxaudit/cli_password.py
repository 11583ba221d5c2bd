"""`doxaudit password-check`: is a password in known breaches, without the password leaving this computer.

The password comes from a hidden prompt or one line of stdin, never from argv (it would
end up in shell history and the process list). It is hashed at once; only the first 5
characters of its SHA-1 hash are sent (see `doxaudit.passwords`). Nothing printed,
recorded or written contains the password or its hash.

Heavy imports stay inside the function so `doxaudit --help` stays fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from .passwords import PasswordResult


class OutputFormat(StrEnum):
    rich = "rich"
    json = "json"


class ReportLang(StrEnum):
    en = "en"
    nl = "nl"


StdinOpt = Annotated[bool, typer.Option(
    "--stdin", help="Read the password from the first line of standard input instead of a hidden prompt.")]
ReplayOpt = Annotated[Path | None, typer.Option("--replay", help="Serve the answer from this HAR file; no network.")]
RecordOpt = Annotated[Path | None, typer.Option(
    "--record", help="Write the request (only the 5-character hash prefix) and the answer to this HAR file.")]
LangOpt = Annotated[ReportLang | None, typer.Option("--lang", help="Language [default: from your locale].")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1.0, max=300.0, help="Seconds for the request, all included.")]

SEE_ALSO_PWNED: tuple[str, ...] = ("password_manager", "two_factor", "recovery_hygiene")
SEE_ALSO_CLEAN: tuple[str, ...] = ("password_manager", "two_factor")


def read_password_line(stream: IO[Any], lang: str) -> str:
    """One line from `stream` (text or bytes), without its line ending; spaces are part of a password."""
    from .errors import InputError
    from .i18n import t
    from .passwords import MAX_PASSWORD_CHARS

    source = getattr(stream, "buffer", stream)
    limit = 4 * MAX_PASSWORD_CHARS + 3  # bytes: room for the longest password in UTF-8 plus CR LF
    raw = source.readline(limit)
    newline = b"\n" if isinstance(raw, bytes) else "\n"
    if len(raw) >= limit and not raw.endswith(newline):  # the line goes on past the limit
        raise InputError(t("passwords.error.too_long", lang, max=MAX_PASSWORD_CHARS))
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(t("passwords.error.not_utf8", lang)) from e
    else:
        line = str(raw)
    return line.removesuffix("\n").removesuffix("\r")


def validate_password(password: str, lang: str) -> str:
    from .errors import InputError
    from .i18n import t
    from .passwords import MAX_PASSWORD_CHARS

    if not password:
        raise InputError(t("passwords.error.empty", lang))
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError(t("passwords.error.too_long", lang, max=MAX_PASSWORD_CHARS))
    try:
        password.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(t("passwords.error.not_utf8", lang)) from e
    return password


def read_password(use_stdin: bool, lang: str) -> str:
    """From stdin with --stdin (a terminal there still gets the hidden prompt, so typing is never echoed)."""
    import sys

    from .errors import InputError
    from .i18n import t

    interactive = sys.stdin.isatty()
    if use_stdin and not interactive:
        return validate_password(read_password_line(sys.stdin, lang), lang)
    if not interactive:
        raise InputError(t("passwords.error.no_terminal", lang))
    try:
        value = typer.prompt(t("passwords.prompt", lang), hide_input=True, err=True, show_default=False)
    except EOFError as e:
        raise InputError(t("passwords.error.empty", lang)) from e
    return validate_password(str(value), lang)


def format_count(count: int, lang: str) -> str:
    text = f"{count:,}"
    return text.replace(",", ".") if lang == "nl" else text


def _advice_dict(key: str, lang: str) -> dict[str, Any]:
    from . import advice

    found = advice.lookup(key, lang)
    if found is None:
        return {"id": key, "title": "", "text": "", "steps": []}
    return {"id": key, "title": found.title, "text": found.text, "steps": list(found.steps)}


def result_view(result: PasswordResult, lang: str, mode: str) -> dict[str, Any]:
    """Everything the user is shown, as plain data. It never contains the password or its hash."""
    from . import __version__
    from .i18n import t
    from .model import Status

    see_also: tuple[str, ...]
    if result.status is Status.FOUND:
        message = t("passwords.result.found", lang, count=format_count(result.count or 0, lang))
        key, see_also = "password_pwned", SEE_ALSO_PWNED
    elif result.status is Status.NOT_FOUND:
        message = t("passwords.result.not_found", lang)
        key, see_also = "password_not_pwned", SEE_ALSO_CLEAN
    else:
        reason = t(f"passwords.reason.{result.reason or 'no_answer'}", lang, detail=result.detail)
        message = t("passwords.result.unknown", lang, reason=reason)
        key, see_also = "password_check_unknown", SEE_ALSO_CLEAN
    return {
        "tool_version": __version__,
        "lang": lang,
        "mode": mode,
        "status": result.status.value,
        "count": result.count,
        "message": message,
        "sent": t("passwords.sent_note_replay" if mode == "replay" else "passwords.sent_note", lang),
        "advice": _advice_dict(key, lang),
        "see_also": [{"id": k, "title": _advice_dict(k, lang)["title"]} for k in see_also],
    }


def render_rich(view: dict[str, Any]) -> None:
    from rich.console import Console, Group, RenderableType
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from .i18n import t
    from .render.safe import safe_text

    lang = view["lang"]
    style = {"found": "bold red", "not_found": "bold green"}.get(view["status"], "bold yellow")
    head = Text(t("passwords.title", lang), style="bold")
    if view["mode"] == "replay":
        head.append("\n" + t("report.mode.replay", lang), style="magenta")
    head.append("\n\n")
    head.append_text(safe_text(view["message"], style))
    head.append("\n")
    head.append_text(safe_text(view["sent"], "dim"))
    console = Console(highlight=False)
    console.print(Panel(head, border_style="blue"))
    tip = view["advice"]
    steps = Table.grid(padding=(0, 1))
    steps.add_column(no_wrap=True, justify="right")
    steps.add_column(ratio=1)
    for i, step in enumerate(tip["steps"], 1):
        steps.add_row(f"{i}.", safe_text(step))
    parts: list[RenderableType] = [safe_text(tip["title"], "bold"), safe_text(tip["text"]), steps]
    titles = [item["title"] for item in view["see_also"] if item["title"]]
    if titles:
        more = Text(t("passwords.see_also", lang) + " ", style="dim")
        more.append_text(safe_text("; ".join(titles), "dim"))
        parts.append(more)
    console.print(Panel(Group(*parts), title=t("report.advice", lang), border_style="green"))


def password_check(
    stdin: StdinOpt = False,
    replay: ReplayOpt = None,
    record: RecordOpt = None,
    lang: LangOpt = None,
    format: FormatOpt = OutputFormat.rich,
    timeout: TimeoutOpt = 15.0,
) -> None:
    """Check whether a password appears in known data breaches. Only 5 characters of its SHA-1 hash are sent."""
    import asyncio
    import json
    import sys

    from .config import NetConfig
    from .errors import InputError
    from .i18n import default_lang, t
    from .net.client import open_session
    from .net.har import HarReplayer
    from .passwords import check_prefix, split_hash

    language = lang.value if lang else default_lang()
    if record and replay:
        raise InputError(t("passwords.error.record_and_replay", language))
    replayer = HarReplayer.from_file(replay) if replay else None  # a bad file fails before the prompt
    prefix, suffix = split_hash(read_password(stdin, language))  # the password itself is not kept
    net = NetConfig(timeout=timeout, read_timeout=min(10.0, timeout), connect_timeout=min(8.0, timeout),
                    concurrency=1, per_host=1)
    session = open_session(net, replay=replayer, record=record is not None)

    async def go() -> PasswordResult:
        try:
            return await check_prefix(session.fetcher, prefix, suffix)
        finally:
            await session.aclose()

    result = asyncio.run(go())
    if record and session.recorder:
        session.recorder.save(record)
        typer.echo(t("passwords.har_saved", language, path=record), err=True)
    view = result_view(result, language, "replay" if replay else "live")
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(view, indent=2, ensure_ascii=False) + "\n")
    else:
        render_rich(view)
