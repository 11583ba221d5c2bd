"""The demo personas' answers as data, one module per persona id in `doxaudit.demo.PERSONAS`.

Each module defines `PERSONA = Persona(...)` (see base.py). Every person, page, profile and breach in
them is invented; domains are reserved example names. tools/make_demo_har.py turns them into
doxaudit/data/persona-<id>.har with the answer modules in tools/demo_answers/.
"""

from __future__ import annotations

import importlib

from doxaudit.demo import PERSONAS

from .base import Answer, Persona, SearchResult

__all__ = ["Answer", "Persona", "SearchResult", "all_ids", "load"]


def all_ids() -> list[str]:
    return list(PERSONAS)


def load(persona_id: str) -> Persona:
    if persona_id not in PERSONAS:
        raise KeyError(f"unknown persona {persona_id!r} (known: {', '.join(PERSONAS)})")
    module = importlib.import_module(f"{__name__}.{persona_id}")
    persona = module.PERSONA
    if not isinstance(persona, Persona) or persona.id != persona_id:
        raise TypeError(f"{module.__file__}: PERSONA must be a Persona with id {persona_id!r}")
    return persona
