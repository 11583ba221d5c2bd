"""Profile extractors: what a public profile shows a stranger, and whether it is public or private.

Each extractor is one small module with an `extract` function and a `ProfileCheck`
subclass (see `base.py`). `EXTRACTORS` maps a catalog site id to the extractor that
replaces the catalog's plain presence check for that site.
"""

from __future__ import annotations

from .base import ProfileCheck
from .github import GitHubProfileCheck

EXTRACTORS: dict[str, type[ProfileCheck]] = {
    "github": GitHubProfileCheck,
}

__all__ = ["EXTRACTORS", "ProfileCheck"]
