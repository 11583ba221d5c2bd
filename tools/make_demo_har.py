"""Writes doxaudit/data/persona-<id>.har: every request a demo scan makes, answered for a person who does not exist.

    python tools/make_demo_har.py                 # every persona in doxaudit.demo.PERSONAS
    python tools/make_demo_har.py --persona iris  # one

Run after changing the catalog, the checks or a persona. What each persona's web says is data in
tools/personas/<id>.py; the modules in tools/demo_answers/ turn it into answers, area by area, and
answer everything a persona does not mention with the service's own "nothing there". Every planned
request must get exactly one answer, so a new kind of check fails here, not in the demo.
The test suite fails if a demo plan asks for anything its recording lacks.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "tools")):  # a fresh checkout needs no install; tools/ holds `personas`
    if _path not in sys.path:
        sys.path.insert(0, _path)

from personas import Answer, Persona, all_ids, load  # noqa: E402
from personas.base import HTML_TYPE  # noqa: E402

from doxaudit.catalog import builtin_sites  # noqa: E402
from doxaudit.checks.directories import directory_checks  # noqa: E402
from doxaudit.checks.extractors import EXTRACTORS  # noqa: E402
from doxaudit.checks.search import search_queries  # noqa: E402
from doxaudit.config import RunConfig  # noqa: E402
from doxaudit.engine import plan  # noqa: E402
from doxaudit.model import PlannedRequest  # noqa: E402
from doxaudit.registry import build_checks  # noqa: E402

STARTED = "2026-11-01T10:00:00.000Z"
DATA = ROOT / "doxaudit" / "data"


def entry(method: str, url: str, status: int, headers: dict[str, str], body: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "status": status, "statusText": "", "httpVersion": "HTTP/1.1",
        "headers": [{"name": k, "value": v} for k, v in headers.items()], "cookies": [],
        "content": {"size": len(body.encode()), "mimeType": headers.get("Content-Type", ""), "text": body},
        "redirectURL": headers.get("Location", ""), "headersSize": -1, "bodySize": -1,
    }
    if status == 0:
        response["_error"] = body
        response["content"]["text"] = ""
    return {"startedDateTime": STARTED, "time": 120,
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                        "cookies": [], "headersSize": -1, "bodySize": 0},
            "response": response, "cache": {}, "timings": {"send": 1, "wait": 100, "receive": 19}}


def area_answerers() -> list[ModuleType]:
    """Modules in tools/demo_answers/ (not starting with `_`), in name order. Each may define
    `answer(request, persona) -> (status, headers, body) | None` for planned requests and
    `pages(persona) -> {url: body}` for pages found at run time."""
    modules = []
    for path in sorted((Path(__file__).parent / "demo_answers").glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"demo_answers.{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def check_persona(persona: Persona) -> None:
    """Every key of the persona data is one of their identifiers, a catalog site or a planned query:
    a typo would otherwise silently answer "not found"."""
    ident = persona.identity
    sites = {s.id for s in builtin_sites()}
    problems = [f"accounts: {h!r} is not a handle" for h in persona.accounts if h not in ident.handles]
    problems += [f"accounts: no catalog site {s!r}" for ids in persona.accounts.values() for s in ids
                 if s not in sites or s in EXTRACTORS]
    problems += [f"blocked: no site {s!r}" for s in persona.blocked if s not in sites]
    problems += [f"profiles: {k!r} is not (handle, extractor site)" for k in persona.profiles
                 if k[0] not in ident.handles or k[1] not in EXTRACTORS]
    for name, keys in (("breaches", persona.breaches), ("gravatar", persona.gravatar), ("commits", persona.commits)):
        problems += [f"{name}: {e!r} is not an email" for e in keys if e not in ident.emails]
    problems += [f"rdap: {d!r} is not a domain" for d in persona.rdap if d not in ident.domains]
    queries = {q.text for q in search_queries(ident)}
    problems += [f"searches: {q} is not a planned query ({sorted(queries)})" for q in persona.searches
                 if q not in queries]
    directories = {c.id.split(":", 1)[1] for c in directory_checks(ident)}
    problems += [f"directories: {d!r} is not searched for this persona" for d in persona.directories
                 if d not in directories]
    if problems:
        raise SystemExit(f"tools/personas/{persona.id}.py: " + "; ".join(problems))


def answer_for(request: PlannedRequest, persona: Persona, answerers: list[ModuleType]) -> Answer:
    answers: list[tuple[str, Answer]] = [(m.__name__, a) for m in answerers
               if hasattr(m, "answer") and (a := m.answer(request, persona)) is not None]
    if len(answers) != 1:
        owners = ", ".join(name for name, _ in answers) or "none"
        raise SystemExit(f"{persona.id}: {len(answers)} demo answers ({owners}) for {request.check} {request.url}: "
                         "exactly one module in tools/demo_answers/ must answer it")
    return answers[0][1]


def build(persona: Persona, answerers: list[ModuleType]) -> dict[str, Any]:
    check_persona(persona)
    checks = build_checks(persona.identity, builtin_sites(), RunConfig())
    entries = []
    for request in plan(checks):
        if request.dynamic:
            continue
        status, headers, body = answer_for(request, persona, answerers)
        entries.append(entry(request.method, request.url, status, headers, body))
    recorded = {e["request"]["url"] for e in entries}
    pages: dict[str, str | Answer] = dict(persona.pages)
    for module in answerers:
        if hasattr(module, "pages"):
            pages.update(module.pages(persona))
    for url, page in pages.items():
        if url in recorded:  # one answer per URL: a profile request and a search result may share it
            continue
        status, headers, body = (200, dict(HTML_TYPE), page) if isinstance(page, str) else page
        entries.append(entry("GET", url, status, headers, body))
    results = {url for found in persona.searches.values() for url, _, _ in found}
    missing = sorted(results - recorded - set(pages))
    if missing:
        raise SystemExit(f"tools/personas/{persona.id}.py: search results without a page: {missing[:5]}")
    name = persona.identity.names[0] if persona.identity.names else persona.id
    return {"log": {"version": "1.2", "creator": {"name": "doxaudit tools/make_demo_har.py", "version": "1"},
                    "comment": f"Fictional demo persona {name}. Nothing here is about a real person.",
                    "entries": entries}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the demo personas' recordings (doxaudit/data/persona-*.har).")
    parser.add_argument("--persona", action="append", choices=all_ids(), help="only this persona (repeatable)")
    args = parser.parse_args(argv)
    answerers = area_answerers()
    for persona_id in args.persona or all_ids():
        har = build(load(persona_id), answerers)
        out = DATA / f"persona-{persona_id}.har"
        out.write_text(json.dumps(har, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} with {len(har['log']['entries'])} entries")


if __name__ == "__main__":
    main()
