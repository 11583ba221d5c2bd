"""Advice is data (checks/advice/*.json); this module only looks it up in the report's language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .resources import load_json

# Advice files, merged in this order (a later file may add keys, not change earlier ones' meaning).
ADVICE_FILES = ("general.json", "platforms.json", "passwords.json", "contact.json", "social.json")


@dataclass(frozen=True)
class Advice:
    key: str
    title: str
    text: str
    steps: tuple[str, ...] = ()
    where: str = ""
    help_url: str = ""


def _load(name: str) -> dict[str, Any]:
    try:
        data = load_json("checks", "advice", name)
    except (OSError, ValueError):  # a file not shipped (yet) is no advice, not a crash
        return {}
    return data if isinstance(data, dict) else {}


@cache
def _merged(section: str) -> dict[str, Any]:
    """One section ("advice" or "platforms") merged over every file in checks/advice/."""
    merged: dict[str, Any] = {}
    for name in ADVICE_FILES:
        merged.update(_load(name).get(section, {}))
    return merged


def lookup(key: str, lang: str) -> Advice | None:
    general = _merged("advice")
    if key in general:
        entry = general[key].get(lang) or general[key].get("en") or {}
        return Advice(key, entry.get("title", ""), entry.get("text", ""), tuple(entry.get("steps", ())))
    platforms = _merged("platforms")
    if key in platforms:
        p = platforms[key]
        entry = p.get(lang) or p.get("en") or {}
        return Advice(key, p.get("name", key), entry.get("what", ""), tuple(entry.get("steps", ())),
                      entry.get("where", ""), p.get("help_url", ""))
    return None


def one_line(key: str, lang: str) -> str:
    found = lookup(key, lang) or lookup("account_found", lang)
    if found is None:
        return ""
    text = found.text
    if found.where:
        text = f"{found.where}: {text}"
    if found.help_url:
        text = f"{text} ({found.help_url})"
    return text


def help_resources(lang: str) -> list[dict[str, str]]:
    resources = _load("help.json").get("resources", {})
    items = resources.get(lang) or resources.get("en") or []
    return [i for i in items if isinstance(i, dict)]
