"""Bounded JSON parsing for hostile bodies."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

MAX_JSON_BYTES = 4 * 1024 * 1024


class BadJSON(ValueError):
    pass


def parse_json(body: bytes) -> Any:
    """Parse a response body; raise BadJSON on anything malformed, oversized or absurdly nested."""
    if len(body) > MAX_JSON_BYTES:
        raise BadJSON("JSON body too large")
    try:
        return json.loads(body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as e:  # JSONDecodeError, and integers past Python's digit limit
        raise BadJSON(f"malformed JSON: {str(e)[:80]}") from e


def text_field(data: dict[str, Any], key: str, limit: int = 500) -> str:
    """A string field, trimmed; anything that is not a string is treated as absent."""
    value = data.get(key)
    if isinstance(value, str):
        printable = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\t\n")
        return " ".join(printable.split())[:limit]
    return ""
