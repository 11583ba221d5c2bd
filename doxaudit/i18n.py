"""Every string a person reads comes from a message catalog (en, nl), never from code."""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("en", "nl")
_DIR = Path(__file__).resolve().parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """All message files of a language merged (`locales/<lang>/*.json`: one file per area of the tool)."""
    merged: dict[str, str] = {}
    for path in sorted((_DIR / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        clash = set(merged) & set(data)
        if clash:
            raise ValueError(f"message keys defined twice ({path.name}): {sorted(clash)[:5]}")
        merged.update(data)
    return merged


def t(key: str, lang: str = "en", **values: Any) -> str:
    """The message `key` in `lang`, English if missing there, the key itself as a last resort."""
    text = catalog(lang if lang in LANGS else "en").get(key) or catalog("en").get(key) or key
    return text.format(**values) if values else text


def default_lang() -> str:
    """Dutch when the user's locale is Dutch, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith("nl") else "en"
