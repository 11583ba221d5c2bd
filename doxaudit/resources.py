"""Finds the data that ships in the wheel (`checks/`, `reports/`, the demo HAR) from anywhere."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
_PACKAGES = {"checks": ("doxaudit.catalog_data", _REPO / "checks"),
             "reports": ("doxaudit.report_templates", _REPO / "reports"),
             "data": ("doxaudit.data", Path(__file__).resolve().parent / "data")}


def resource(area: str, *parts: str) -> Traversable:
    """A file in one of the shipped data areas: installed package first, source checkout second."""
    package, fallback = _PACKAGES[area]
    try:
        candidate: Traversable = resources.files(package)
        for part in parts:  # one at a time: 3.11's namespace MultiplexedPath takes one child per call
            candidate = candidate.joinpath(part)
        if candidate.is_file():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return fallback.joinpath(*parts)


def installed_resource(area: str, *parts: str) -> Traversable:
    """The same lookup without the checkout fallback, so tests can prove the installed copy is found."""
    package, _ = _PACKAGES[area]
    candidate: Traversable = resources.files(package)
    for part in parts:
        candidate = candidate.joinpath(part)
    return candidate


@cache
def load_json(area: str, *parts: str) -> Any:
    return json.loads(resource(area, *parts).read_text(encoding="utf-8"))
