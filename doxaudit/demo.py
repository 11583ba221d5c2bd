"""The demo persona: Noor Voorbeeld, who does not exist, scanned from a recording shipped in the package.

`tools/make_demo_har.py` writes the recording from the persona below and the catalog;
a test fails when the catalog and the recording drift apart.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .identity import Identity, build_identity
from .resources import resource


def demo_identity(persona: str = "noor") -> Identity:
    data = tomllib.loads(resource("data", f"persona-{persona}.toml").read_text(encoding="utf-8"))
    return build_identity(
        names=data.get("names"), emails=data.get("emails"), handles=data.get("handles"),
        phones=data.get("phones"), addresses=data.get("addresses"), city=data.get("city"),
        country=data.get("country"), domains=data.get("domains"),
    )


def demo_recording(persona: str = "noor") -> Path:
    return Path(str(resource("data", f"persona-{persona}.har")))
