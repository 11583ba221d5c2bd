"""Neutralising untrusted text for the terminal: no ANSI escapes, no control or bidi characters.

Rich markup is never interpreted in untrusted text because renderers only ever wrap it
in `rich.text.Text` (which is literal); this module removes what Text would still pass.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

MAX_LEN = 600


def clean(value: object, limit: int = MAX_LEN) -> str:
    text = unicodedata.normalize("NFC", str(value))
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\t":
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            out.append("\ufffd" if cat in ("Cc",) and ch not in "\r" else "")
        else:
            out.append(ch)
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_text(value: object, style: str = "", limit: int = MAX_LEN) -> Text:
    """Literal, cleaned text for Rich: markup like `[link=…]` shows as the characters it is."""
    return Text(clean(value, limit), style=style)
