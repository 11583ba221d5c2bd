"""Typer commands only: parse, build Identity + RunConfig, run the engine, render, map errors to exits."""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__, cli_history
from .cli_password import password_check
from .demo import DEFAULT_PERSONA, PERSONAS
from .errors import DoxauditError, InputError

app = typer.Typer(
    name="doxaudit", no_args_is_help=True, add_completion=True, rich_markup_mode=None,
    pretty_exceptions_show_locals=False,  # a traceback must never print a password or the user's details
    help="Audit your own doxing exposure before someone else does. "
         "Scores you against three tips: passwords, contact details, social media visibility.",
)


class Format(StrEnum):
    rich = "rich"
    json = "json"
    html = "html"
    markdown = "markdown"


class ListFormat(StrEnum):
    """Formats for listings (plan, sites list): a table or JSON."""

    rich = "rich"
    json = "json"


class SearchBackendName(StrEnum):
    auto = "auto"
    duckduckgo = "duckduckgo"
    searxng = "searxng"
    brave = "brave"


class Lang(StrEnum):
    en = "en"
    nl = "nl"


TIP_ALIASES = {"1": "passwords", "2": "contact_info", "3": "social_visibility", "passwords": "passwords",
               "contact_info": "contact_info", "contact": "contact_info", "social_visibility": "social_visibility",
               "social": "social_visibility"}

NameOpt = Annotated[list[str] | None, typer.Option("--name", help="Your name; repeat for other names (maiden name).")]
EmailOpt = Annotated[list[str] | None, typer.Option("--email", help="Your email; repeat for work/private/old ones.")]
HandleOpt = Annotated[list[str] | None, typer.Option("--handle", help="Your username; repeat for old handles.")]
PhoneOpt = Annotated[list[str] | None, typer.Option("--phone", help="Your phone. Only matched locally, never sent.")]
AddressOpt = Annotated[list[str] | None, typer.Option(
    "--address", help="Your street address. Only matched locally, never sent.")]
CityOpt = Annotated[str | None, typer.Option("--city", help="Your city (searched together with your name).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Two-letter country code for phone numbers [default: NL].")]
BirthdateOpt = Annotated[str | None, typer.Option(
    "--birthdate", help="Your date of birth (YYYY-MM-DD). Only matched locally, never sent.")]
DomainOpt = Annotated[list[str] | None, typer.Option("--domain", help="A domain name you own.")]
ProfileOpt = Annotated[Path | None, typer.Option("--profile", help="TOML file with the same fields as the options.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", help="Output format.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file (mode 0600).")]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Report language [default: from your locale].")]
RevealOpt = Annotated[bool, typer.Option("--reveal", help="Show your own details unmasked.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1.0, max=300.0, help="Seconds per request, all included.")]
ConcurrencyOpt = Annotated[int, typer.Option("--concurrency", min=1, max=1024, help="Requests in flight at once.")]
OnlyOpt = Annotated[list[str] | None, typer.Option(
    "--only", help="Only this tip: passwords|contact_info|social_visibility (or 1|2|3); repeatable.")]
ReplayOpt = Annotated[Path | None, typer.Option("--replay", help="Serve responses from this HAR file; no network.")]
RecordOpt = Annotated[Path | None, typer.Option("--record", help="Write every request and response to this HAR file.")]
SitesOpt = Annotated[list[Path] | None, typer.Option(
    "--sites", help="Add a WhatsMyName-format site file for this run (built-in entries win).")]
NoBuiltinOpt = Annotated[bool, typer.Option(
    "--no-builtin", help="Check only the sites from --sites files, not the built-in catalog.")]
SearchBackendOpt = Annotated[SearchBackendName, typer.Option(
    "--search-backend", help="Search engine: auto (Brave if BRAVE_API_KEY is set, else SearXNG if --searxng is given, "
                             "else DuckDuckGo), duckduckgo, searxng or brave.")]
SearxngOpt = Annotated[str | None, typer.Option(
    "--searxng", help="Your SearXNG instance, with the json format enabled (e.g. http://localhost:8888).")]
SearchSensitiveOpt = Annotated[bool, typer.Option(
    "--search-sensitive", help="Also send your phone number and street address to the search engine as queries "
                               "(without it they are only matched locally).")]
AllowPrivateOpt = Annotated[bool, typer.Option(
    "--allow-private-addresses", help="Also read search results on private, loopback or link-local addresses.")]
MaxPagesOpt = Annotated[int, typer.Option("--max-result-pages", min=0, max=50, help="Result pages read per search query.")]
NoHistoryOpt = Annotated[bool, typer.Option("--no-history", help="Do not save this scan in your history.")]
SaveOpt = Annotated[bool, typer.Option("--save", help="Save this demo scan in your history (to try history and diff).")]
PersonaOpt = Annotated[str, typer.Option(
    "--persona", help=f"Which fictional persona to scan: {', '.join(PERSONAS)} (see --list-personas).")]
ListPersonasOpt = Annotated[bool, typer.Option("--list-personas", help="Describe the demo personas and exit.")]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"doxaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """doxaudit: a self-audit of how easy you are to dox."""


def _identity(profile: Path | None, **options: Any) -> Any:
    from .identity import build_identity, load_profile

    merged: dict[str, Any] = load_profile(profile) if profile else {}
    for key, value in options.items():
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + list(value)
        else:
            merged[key] = value
    return build_identity(**merged)


def _only(values: list[str] | None) -> tuple[str, ...]:
    out = []
    for v in values or []:
        key = TIP_ALIASES.get(v.strip().lower())
        if key is None:
            raise InputError(f"--only {v!r} is not a tip (use passwords, contact_info, social_visibility or 1-3)")
        out.append(key)
    return tuple(dict.fromkeys(out))


def _config(timeout: float, concurrency: int, lang: Lang | None, reveal: bool, only: list[str] | None, *,
            search_backend: SearchBackendName = SearchBackendName.auto, searxng: str | None = None,
            search_sensitive: bool = False, allow_private: bool = False, max_result_pages: int = 5,
            environment: bool = True) -> Any:
    """`environment=False` (the demo) ignores API keys in the environment: the recording has no answers for them."""
    from .checks.search import SearchSettings, choose_backend, valid_searxng_url
    from .config import NetConfig, RunConfig
    from .i18n import default_lang

    net = NetConfig(timeout=timeout, read_timeout=min(10.0, timeout), connect_timeout=min(8.0, timeout),
                    concurrency=concurrency)
    env = os.environ if environment else {}
    config = RunConfig(net=net, lang=(lang.value if lang else default_lang()), reveal=reveal, only=_only(only),
                       hibp_api_key=env.get("HIBP_API_KEY") or None, search_backend=search_backend.value,
                       searxng_url=valid_searxng_url(searxng) if searxng else None,
                       brave_api_key=env.get("BRAVE_API_KEY") or None, search_sensitive=search_sensitive,
                       allow_private_addresses=allow_private, max_result_pages=max_result_pages)
    choose_backend(SearchSettings.from_config(config))  # a backend without its URL or key: one line, exit 2
    return config


def _sites(extra: list[Path] | None, no_builtin: bool = False) -> Any:
    from .catalog import load_sites

    return load_sites(extra, no_builtin=no_builtin)


def _emit(report: Any, fmt: Format, output: Path | None) -> None:
    import importlib

    from .net.har import write_private

    if fmt is not Format.rich:
        # Only the renderer asked for: Rich (~20 ms, ~2.5 MiB) and Jinja2 (~20 ms, ~4 MiB) stay unloaded for JSON.
        module = {Format.json: "json_report", Format.html: "html", Format.markdown: "markdown"}[fmt]
        text = importlib.import_module(f"{__package__}.render.{module}").render(report)
        if output is None:
            sys.stdout.write(text)
            return
    else:
        from rich.console import Console

        from .render import terminal

        if output is None:
            terminal.render(report, Console(highlight=False))
            return
        buffer = io.StringIO()
        terminal.render(report, Console(file=buffer, width=100, highlight=False, color_system=None,
                                        force_terminal=False))
        text = buffer.getvalue()
    try:
        write_private(output, text)
    except OSError as e:
        raise InputError(f"cannot write {str(output)!r}: {e.strerror or e}") from e
    from .i18n import t
    typer.echo(t("cli.saved", report.lang, path=output), err=True)


def _run(identity: Any, config: Any, sites: Any, *, replay: Path | None, record: Path | None,
         mode: str, fmt: Format, output: Path | None, generated_at: str | None = None,
         save_history: bool = False) -> None:
    from .engine import Scan
    from .model import Tip
    from .net.client import open_session
    from .registry import build_checks
    from .report import build_report

    if record and replay:
        raise InputError("--record and --replay cannot be used together")
    for option, path in (("--output", output), ("--record", record)):
        if path is not None:
            _check_writable(option, path)
    checks = build_checks(identity, sites, config)
    session = open_session(config.net, replay=replay, record=record is not None)
    scan = Scan(identity, checks, config)
    progress_cm, callback = _progress(len(checks), config.lang)

    async def go() -> None:
        try:
            await scan.run(session, callback)
        finally:
            await session.aclose()

    partial = False
    with progress_cm:
        try:
            asyncio.run(go())
        except KeyboardInterrupt:
            partial = True
    tips = tuple(Tip(t) for t in config.only) if config.only else tuple(Tip)
    report = build_report(identity, scan.results(), session.fetcher.log, lang=config.lang, reveal=config.reveal,
                          mode=mode, partial=partial, tips=tips, generated_at=generated_at,
                          search_sensitive=config.search_sensitive)
    if record and session.recorder:
        from .i18n import t
        session.recorder.save(record)
        typer.echo(t("cli.har_saved", config.lang, path=record), err=True)
    _emit(report, fmt, output)
    if save_history and not partial:  # an interrupted scan is no baseline to compare the next one with
        cli_history.save_scan(report)
    if partial:
        raise typer.Exit(130)


def _check_writable(option: str, path: Path) -> None:
    """Fail before the scan, not after it, when a result could not be written."""
    parent = path.expanduser().resolve().parent
    if path.is_dir():
        raise InputError(f"{option} {str(path)!r} is a directory")
    if not parent.is_dir():
        raise InputError(f"{option} {str(path)!r}: folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise InputError(f"{option} {str(path)!r}: folder {str(parent)!r} is not writable")


def _progress(total: int, lang: str) -> tuple[Any, Any]:
    import contextlib

    if not sys.stderr.isatty() or total == 0:
        return contextlib.nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .i18n import t

    progress = Progress(TextColumn(t("progress.checking", lang)), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = progress.add_task("scan", total=total)

    def callback(_outcome: Any, done: int, _total: int) -> None:
        progress.update(task, completed=done)

    return progress, callback


@app.command()
def scan(
    name: NameOpt = None, email: EmailOpt = None, handle: HandleOpt = None, phone: PhoneOpt = None,
    address: AddressOpt = None, city: CityOpt = None, country: CountryOpt = None, domain: DomainOpt = None,
    birthdate: BirthdateOpt = None,
    profile: ProfileOpt = None, format: FormatOpt = Format.rich, output: OutputOpt = None, lang: LangOpt = None,
    reveal: RevealOpt = False, timeout: TimeoutOpt = 15.0, concurrency: ConcurrencyOpt = 512, only: OnlyOpt = None,
    replay: ReplayOpt = None, record: RecordOpt = None, sites: SitesOpt = None, no_builtin: NoBuiltinOpt = False,
    no_history: NoHistoryOpt = False, search_backend: SearchBackendOpt = SearchBackendName.auto,
    searxng: SearxngOpt = None, search_sensitive: SearchSensitiveOpt = False,
    allow_private_addresses: AllowPrivateOpt = False, max_result_pages: MaxPagesOpt = 5,
) -> None:
    """Scan your own exposure: breaches, your details in search results, your accounts and what they show."""
    identity = _identity(profile, names=name, emails=email, handles=handle, phones=phone, addresses=address,
                         city=city, country=country, domains=domain, birthdate=birthdate)
    config = _config(timeout, concurrency, lang, reveal, only, search_backend=search_backend, searxng=searxng,
                     search_sensitive=search_sensitive, allow_private=allow_private_addresses,
                     max_result_pages=max_result_pages)
    _run(identity, config, _sites(sites, no_builtin), replay=replay, record=record,
         mode="replay" if replay else "live", fmt=format, output=output, save_history=not no_history)


@app.command()
def plan(
    name: NameOpt = None, email: EmailOpt = None, handle: HandleOpt = None, phone: PhoneOpt = None,
    address: AddressOpt = None, city: CityOpt = None, country: CountryOpt = None, domain: DomainOpt = None,
    birthdate: BirthdateOpt = None,
    profile: ProfileOpt = None, format: ListFormatOpt = ListFormat.rich, lang: LangOpt = None,
    reveal: RevealOpt = False, only: OnlyOpt = None, sites: SitesOpt = None, no_builtin: NoBuiltinOpt = False,
    search_backend: SearchBackendOpt = SearchBackendName.auto, searxng: SearxngOpt = None,
    search_sensitive: SearchSensitiveOpt = False,
) -> None:
    """Show every request a scan would make and which of your identifiers each one sends. Sends nothing."""
    from rich.console import Console
    from rich.table import Table

    from .engine import plan as make_plan
    from .i18n import t
    from .masking import Masker
    from .registry import build_checks
    from .render.safe import safe_text

    identity = _identity(profile, names=name, emails=email, handles=handle, phones=phone, addresses=address,
                         city=city, country=country, domains=domain, birthdate=birthdate)
    config = _config(15.0, 32, lang, reveal, only, search_backend=search_backend, searxng=searxng,
                     search_sensitive=search_sensitive)
    requests = make_plan(build_checks(identity, _sites(sites, no_builtin), config))
    masker = Masker(identity, reveal=reveal)
    rows: list[dict[str, Any]] = [
        {"check": r.check, "method": r.method, "url": masker.mask(r.url), "sends": list(r.sends),
         "dynamic": r.dynamic, "note": r.note}
        for r in requests
    ]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps({"requests": rows}, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=t("plan.title", config.lang), expand=True)
    table.add_column("check", no_wrap=True)
    table.add_column("method", no_wrap=True)
    table.add_column("url", ratio=1, overflow="fold")
    table.add_column(t("plan.sends", config.lang), no_wrap=True)
    for row in rows:
        url = f"<{t('plan.dynamic', config.lang)}> {row['url']}" if row["dynamic"] else row["url"]
        table.add_row(safe_text(row["check"]), row["method"], safe_text(url),
                      safe_text(", ".join(row["sends"]) or t("plan.nothing", config.lang)))
    console = Console(highlight=False)
    console.print(table)
    summary = "search.plan.summary_sensitive" if config.search_sensitive else "plan.summary"
    console.print(t(summary, config.lang, count=len(rows)))


@app.command()
def demo(
    format: FormatOpt = Format.rich, output: OutputOpt = None, lang: LangOpt = None, reveal: RevealOpt = False,
    only: OnlyOpt = None, save: SaveOpt = False, persona: PersonaOpt = DEFAULT_PERSONA,
    list_personas: ListPersonasOpt = False,
) -> None:
    """A full scan of a fictional persona, replayed offline from a recording shipped with doxaudit."""
    from .demo import demo_identity, demo_recording, persona_listing

    if list_personas:
        from .i18n import default_lang

        typer.echo(persona_listing(lang.value if lang else default_lang()), nl=False)
        return
    identity = demo_identity(persona)
    config = _config(15.0, 32, lang, reveal, only, search_backend=SearchBackendName.duckduckgo, environment=False)
    from .catalog import builtin_sites

    # The demo recording answers the built-in catalog only, never a downloaded list.
    _run(identity, config, builtin_sites(), replay=demo_recording(persona), record=None, mode="demo", fmt=format,
         output=output, save_history=save)


for _command in (cli_history.history, cli_history.diff, cli_history.letter, cli_history.tips):
    app.command()(_command)


app.command("password-check")(password_check)

sites_app = typer.Typer(help="The platforms the handle sweep checks: list them, update the community list, "
                             "or run the sweep alone.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(sites_app, name="sites")

COMMUNITY_URL = "https://raw.githubusercontent.com/WebBreacher/WhatsMyName/main/wmn-data.json"


@sites_app.command("list")
def sites_list(
    format: ListFormatOpt = ListFormat.rich, sites: SitesOpt = None, no_builtin: NoBuiltinOpt = False,
) -> None:
    """Show every site a scan would check for your handle, and where its definition comes from."""
    from rich.console import Console
    from rich.table import Table

    from .render.safe import safe_text

    catalog = _sites(sites, no_builtin)
    if format is ListFormat.json:
        rows = [{"id": s.id, "name": s.name, "category": s.cat, "source": s.source, "url": s.profile_url("{account}"),
                 "exposes": list(s.exposes), "protection": list(s.protection)} for s in catalog]
        sys.stdout.write(json.dumps({"sites": rows}, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(catalog)} sites", expand=True)
    for column in ("id", "name", "category", "source", "exposes"):
        table.add_column(column, overflow="fold")
    for s in catalog:
        table.add_row(safe_text(s.id), safe_text(s.name), safe_text(s.cat), safe_text(s.source),
                      safe_text(", ".join(s.exposes)))
    Console(highlight=False).print(table)


@sites_app.command("update")
def sites_update(
    url: Annotated[str, typer.Option("--url", help="Where to download the WhatsMyName list from.")] = COMMUNITY_URL,
    timeout: TimeoutOpt = 30.0,
) -> None:
    """Download the community WhatsMyName list into your cache; built-in entries keep priority."""
    from .catalog import community_path, validate_download
    from .config import NetConfig
    from .net.client import open_session
    from .net.har import write_private

    if not url.startswith(("https://", "http://")):
        raise InputError(f"--url {url!r} must be an http(s) URL")
    config = NetConfig(timeout=timeout, read_timeout=min(timeout, 20.0), max_body_bytes=16 * 1024 * 1024)

    async def download() -> Any:
        session = open_session(config)
        try:
            return await session.fetcher.request("GET", url)
        finally:
            await session.aclose()

    result = asyncio.run(download())
    if result.error or result.status != 200:
        raise InputError(f"could not download {url}: {result.error or f'HTTP {result.status}'}")
    if result.truncated:
        raise InputError(f"{url} is larger than {config.max_body_bytes // 2**20} MiB; refusing it")
    data, parsed = validate_download(result.body, url)
    path = community_path()
    for folder in reversed([d for d in (path.parent, *path.parent.parents) if not d.is_dir()]):
        folder.mkdir(mode=0o700, exist_ok=True)  # parents too, private as XDG asks
        os.chmod(folder, 0o700)
    tmp = path.with_suffix(".tmp")
    write_private(tmp, json.dumps(data, ensure_ascii=False))
    tmp.replace(path)
    typer.echo(f"{len(parsed)} sites saved to {path}")


@sites_app.command("check")
def sites_check(
    handle: Annotated[str, typer.Argument(help="The username to look for.")],
    sites: SitesOpt = None, no_builtin: NoBuiltinOpt = False, format: FormatOpt = Format.rich,
    output: OutputOpt = None, lang: LangOpt = None, timeout: TimeoutOpt = 15.0, concurrency: ConcurrencyOpt = 512,
    replay: ReplayOpt = None, record: RecordOpt = None,
) -> None:
    """The handle sweep alone: which sites have an account with this name (found / not found / unknown)."""
    from .identity import build_identity

    identity = build_identity(handles=[handle])
    config = _config(timeout, concurrency, lang, True, ["social_visibility"])
    _run(identity, config, _sites(sites, no_builtin), replay=replay, record=record,
         mode="replay" if replay else "live", fmt=format, output=output)


def main() -> None:
    """Entry point: user errors are one line and exit code 2, never a traceback.

    Typer/click handle their own usage errors (exit 2); ours are DoxauditError.
    """
    try:
        app(prog_name="doxaudit")
    except DoxauditError as e:
        typer.echo(f"doxaudit: error: {e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # anything unforeseen: one line, no traceback, unless debugging
        if os.environ.get("DOXAUDIT_DEBUG"):
            raise
        typer.echo(f"doxaudit: internal error: {type(e).__name__}: {e} (set DOXAUDIT_DEBUG=1 for details; "
                   "please report it)", err=True)
        sys.exit(1)
