"""Bluesky: the public AppView's getProfile (no login) shows name, bio, website, avatar and follower count.

Bluesky profiles cannot be made private; an unknown handle answers HTTP 400 "Profile not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...model import CheckOutcome, Status
from ...net.fetch import FetchResult
from ..base import outcome
from ..jsonutil import BadJSON
from .base import Extracted, ProfileCheck
from .common import clean, count, json_body, web_url

GONE = {"Profile not found": "no Bluesky account with this handle",
        "Account is deactivated": "Bluesky account is deactivated",
        "Account has been suspended": "Bluesky account is suspended",
        "Account has been taken down": "Bluesky account was taken down"}
GONE_ERRORS = {"AccountDeactivated": "Bluesky account is deactivated",
               "AccountTakedown": "Bluesky account was taken down"}


def bluesky_error(data: object) -> str | None:
    """The not-found reason of a 400 answer, or None when the 400 means something else."""
    if not isinstance(data, dict):
        return None
    message, error = data.get("message"), data.get("error")
    if isinstance(message, str) and message in GONE:
        return GONE[message]
    if isinstance(error, str) and error in GONE_ERRORS:
        return GONE_ERRORS[error]
    return None


def parse_bluesky(data: object, actor: str) -> Extracted | None:
    if not isinstance(data, dict) or not isinstance(data.get("handle"), str) or not isinstance(data.get("did"), str):
        return None
    if data["handle"].lower() != actor.lower():
        return None
    display = clean(data.get("displayName"), 200)
    return Extracted(fields={
        "display_name": "" if display.lower() in (actor.lower(), actor.split(".")[0].lower()) else display,
        "bio": clean(data.get("description"), 1000),
        "website": web_url(data.get("website")),
        "photo": web_url(data.get("avatar")),
        "followers": count(data.get("followersCount")),
    })


@dataclass
class BlueskyProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "bluesky"
    platform: ClassVar[str] = "Bluesky"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9][A-Za-z0-9-]{1,16}[A-Za-z0-9]$"

    @property
    def actor(self) -> str:
        return f"{self.handle}.bsky.social"

    def request_url(self) -> str:
        return f"https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor={self.account}.bsky.social"

    def profile_url(self) -> str:
        return f"https://bsky.app/profile/{self.account}.bsky.social"

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        if result.status != 400 or result.error:
            return None
        try:
            reason = bluesky_error(json_body(result))
        except BadJSON:
            return None
        return None if reason is None else outcome(self, Status.NOT_FOUND, reason, url=self.profile_url())

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_bluesky(json_body(result), self.actor)
