"""dev.to (Forem): users/by_username shows name, summary, location, website and linked GitHub/X accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, join, json_body, web_url

DEFAULT_IMAGE_MARKERS = ("default_avatar", "/assets/")


def parse_devto(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("status") == 404 or data.get("error") == "not found":
        return Extracted(exists=False)
    if data.get("type_of") not in ("user", None) or not isinstance(data.get("username"), str):
        return None
    if data["username"].lower() != handle.lower():
        return None
    image = web_url(data.get("profile_image"))
    linked = [f"{site}: {v}" for site, key in (("github", "github_username"), ("x", "twitter_username"))
              if (v := clean(data.get(key), 100))]
    return Extracted(fields={
        "real_name": clean(data.get("name"), 200),
        "bio": clean(data.get("summary")),
        "location": clean(data.get("location"), 200),
        "website": web_url(data.get("website_url")),
        "linked_accounts": join(linked),
        "photo": "" if any(m in image for m in DEFAULT_IMAGE_MARKERS) else image,
    })


@dataclass
class DevToProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "devto"
    platform: ClassVar[str] = "dev.to"
    handle_pattern: ClassVar[str] = r"^[A-Za-z][A-Za-z0-9_-]*$"

    def request_url(self) -> str:
        return f"https://dev.to/api/users/by_username?url={self.account}"

    def profile_url(self) -> str:
        return f"https://dev.to/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_devto(json_body(result), self.handle)
