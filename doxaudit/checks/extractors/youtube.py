"""YouTube: a channel page's OpenGraph tags show its name, description and avatar.

EU visitors may be sent to a cookie-consent page first: that is unknown, never "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from ...model import CheckOutcome, Status
from ...net.fetch import FetchResult
from ..base import outcome
from .base import Extracted, ProfileCheck
from .common import clean, meta_tags, web_url

CHANNEL_HOSTS = {"www.youtube.com", "youtube.com", "m.youtube.com"}


def parse_youtube(tags: dict[str, str]) -> Extracted | None:
    url = tags.get("og:url") or tags.get("canonical") or ""
    parts = urlsplit(url)
    if parts.hostname not in CHANNEL_HOSTS or not (parts.path.startswith("/channel/") or parts.path.startswith("/@")):
        return None
    image = web_url(tags.get("og:image"))
    return Extracted(fields={
        "display_name": clean(tags.get("og:title"), 200),
        "bio": clean(tags.get("og:description"), 1000),
        "photo": image,
    })


@dataclass
class YouTubeProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "youtube"
    platform: ClassVar[str] = "YouTube"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9._-]{3,30}$"

    def request_url(self) -> str:
        return f"https://www.youtube.com/@{self.account}"

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        host = urlsplit(result.url).hostname or ""
        if host.startswith("consent.") or any((urlsplit(h).hostname or "").startswith("consent.")
                                              for h in result.redirects):
            return outcome(self, Status.UNKNOWN, "cookie-consent page instead of the channel", url=self.profile_url())
        return None

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_youtube(meta_tags(result))
