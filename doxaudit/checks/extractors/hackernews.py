"""Hacker News: the Firebase API shows a user's `about` text (HTML); `null` means no such user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import html_text, json_body


def parse_hackernews(data: object, handle: str) -> Extracted | None:
    if data is None:
        return Extracted(exists=False)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    if data["id"] != handle:  # HN user ids are case-sensitive
        return None
    return Extracted(fields={"bio": html_text(data.get("about"), 1000)})


@dataclass
class HackerNewsProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "hackernews"
    platform: ClassVar[str] = "Hacker News"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_-]{2,15}$"

    def request_url(self) -> str:
        return f"https://hacker-news.firebaseio.com/v0/user/{self.account}.json"

    def profile_url(self) -> str:
        return f"https://news.ycombinator.com/user?id={self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_hackernews(json_body(result), self.handle)
