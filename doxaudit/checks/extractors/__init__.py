"""Profile extractors: what a public profile shows a stranger, and whether it is public or private.

Each extractor is one small module with a pure parse function and a `ProfileCheck`
subclass (see `base.py`). `EXTRACTORS` maps a catalog site id to the extractor that
replaces the catalog's plain presence check for that site.
"""

from __future__ import annotations

from .base import Extracted, ProfileCheck
from .bluesky import BlueskyProfileCheck
from .chesscom import ChessComProfileCheck
from .codeberg import CodebergProfileCheck
from .devto import DevToProfileCheck
from .dockerhub import DockerHubProfileCheck
from .github import GitHubProfileCheck
from .gitlab import GitLabProfileCheck
from .hackernews import HackerNewsProfileCheck
from .keybase import KeybaseProfileCheck
from .lichess import LichessProfileCheck
from .linktree import LinktreeProfileCheck
from .mastodon import MastodonProfileCheck
from .reddit import RedditProfileCheck
from .steam import SteamProfileCheck
from .telegram import TelegramProfileCheck
from .youtube import YouTubeProfileCheck

EXTRACTORS: dict[str, type[ProfileCheck]] = {
    cls.site_id: cls
    for cls in (
        GitHubProfileCheck, GitLabProfileCheck, CodebergProfileCheck, RedditProfileCheck, MastodonProfileCheck,
        BlueskyProfileCheck, KeybaseProfileCheck, HackerNewsProfileCheck, SteamProfileCheck, DevToProfileCheck,
        DockerHubProfileCheck, ChessComProfileCheck, LichessProfileCheck, TelegramProfileCheck,
        YouTubeProfileCheck, LinktreeProfileCheck,
    )
}

__all__ = ["EXTRACTORS", "Extracted", "ProfileCheck"]
