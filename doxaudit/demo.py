"""The demo personas: people who do not exist, scanned from recordings shipped in the package.

Each persona is `data/persona-<id>.toml` (who they are) and `data/persona-<id>.har` (what the web
answered about them). `tools/make_demo_har.py` writes the recordings from the persona data in
`tools/personas/` and the catalog; a test fails when the catalog and a recording drift apart.

A new persona is an entry in PERSONAS, its TOML, `tools/personas/<id>.py`, a `demo.persona.<id>`
message in both languages, and a run of `python tools/make_demo_har.py --persona <id>`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:  # imported when used: `doxaudit --help` lists the personas without loading the checks
    from .identity import Identity
    from .model import Report

DEFAULT_PERSONA = "noor"
# id -> message key of a one-line description (locales/*/demo.json), in the order `--list-personas` shows them
PERSONAS: dict[str, str] = {
    "noor": "demo.persona.noor",
    "sanne": "demo.persona.sanne",
    "iris": "demo.persona.iris",
}


def check_persona(persona: str) -> str:
    """The persona id, or an InputError naming the valid ones."""
    key = persona.strip().lower()
    if key not in PERSONAS:
        raise InputError(f"--persona {persona!r} is not a demo persona (choose from: {', '.join(PERSONAS)})")
    return key


def describe(persona: str, lang: str = "en") -> str:
    from .i18n import t

    return t(PERSONAS[check_persona(persona)], lang)


def persona_listing(lang: str = "en") -> str:
    """The personas, one a line, for `doxaudit demo --list-personas`."""
    from .i18n import t

    width = max(len(p) for p in PERSONAS)
    lines = [t("demo.list.title", lang)]
    lines += [f"  {pid:<{width}}  {t(key, lang)}" for pid, key in PERSONAS.items()]
    lines.append(t("demo.list.hint", lang, default=DEFAULT_PERSONA))
    return "\n".join(lines) + "\n"


def demo_identity(persona: str = DEFAULT_PERSONA) -> Identity:
    from .identity import build_identity
    from .resources import resource

    pid = check_persona(persona)
    data = tomllib.loads(resource("data", f"persona-{pid}.toml").read_text(encoding="utf-8"))
    return build_identity(
        names=data.get("names"), emails=data.get("emails"), handles=data.get("handles"),
        phones=data.get("phones"), addresses=data.get("addresses"), city=data.get("city"),
        country=data.get("country"), domains=data.get("domains"),
    )


def demo_recording(persona: str = DEFAULT_PERSONA) -> Path:
    from .resources import resource

    return Path(str(resource("data", f"persona-{check_persona(persona)}.har")))


def demo_report(persona: str = DEFAULT_PERSONA, *, lang: str = "en", reveal: bool = False,
                generated_at: str | None = "2026-11-01T10:00:00+00:00") -> Report:
    """The persona's full report, exactly as `doxaudit demo --persona ID` builds it (for tests and tools)."""
    from .catalog import builtin_sites
    from .config import RunConfig
    from .engine import run_checks
    from .registry import build_checks
    from .report import build_report

    identity = demo_identity(persona)
    config = RunConfig(lang=lang, reveal=reveal)
    outcomes, log = run_checks(identity, build_checks(identity, builtin_sites(), config), config,
                               replay=demo_recording(persona))
    return build_report(identity, outcomes, log, lang=lang, reveal=reveal, mode="demo", generated_at=generated_at)
