"""Reddit: `about.json` shows a user's display name, bio and avatar; the profile itself is always public."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, dig, json_body, web_url


def parse_reddit(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("error") == 404 or dig(data, "reason") == "USER_DOESNT_EXIST":
        return Extracted(exists=False)
    user = data.get("data")
    if data.get("kind") != "t2" or not isinstance(user, dict) or not isinstance(user.get("name"), str):
        return None
    if user["name"].lower() != handle.lower():
        return None
    if user.get("is_suspended") is True:
        return Extracted(exists=False, reason="Reddit account is suspended")
    sub = user.get("subreddit") if isinstance(user.get("subreddit"), dict) else {}
    title = clean(dig(sub, "title"), 200)
    default_icon = dig(sub, "is_default_icon") is True
    icon = web_url(dig(sub, "icon_img")) or web_url(user.get("icon_img"))
    return Extracted(fields={
        "display_name": "" if title.lower() == handle.lower() else title,
        "bio": clean(dig(sub, "public_description")),
        "photo": "" if default_icon or "avatar_default" in icon else icon,
    })


@dataclass
class RedditProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "reddit"
    platform: ClassVar[str] = "Reddit"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_-]{3,20}$"

    def request_url(self) -> str:
        return f"https://www.reddit.com/user/{self.account}/about.json"

    def profile_url(self) -> str:
        return f"https://www.reddit.com/user/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_reddit(json_body(result), self.handle)
