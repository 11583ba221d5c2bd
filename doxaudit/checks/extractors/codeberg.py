"""Codeberg (Forgejo/Gitea): the users API shows full name, location, website, bio and the profile's visibility.

Every account has an avatar URL (generated when none was uploaded), so the photo is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, count, json_body, web_url

VISIBILITY = {"public": "public", "limited": "private", "private": "private"}


def parse_codeberg(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if "user redirect does not exist" in clean(data.get("message")) or "user does not exist" in clean(
            data.get("message")):
        return Extracted(exists=False)
    if not isinstance(data.get("login"), str) or not isinstance(data.get("id"), int):
        return None
    if data["login"].lower() != handle.lower():
        return None
    email = clean(data.get("email"), 200)
    raw_visibility = data.get("visibility")
    visibility = VISIBILITY.get(raw_visibility, "unknown") if isinstance(raw_visibility, str) else "public"
    return Extracted(
        fields={
            "real_name": clean(data.get("full_name"), 200),
            "location": clean(data.get("location"), 200),
            "website": web_url(data.get("website")),
            "bio": clean(data.get("description")),
            "email": "" if email.lower().endswith("noreply.codeberg.org") else email,
            "followers": count(data.get("followers_count")),
        },
        visibility=visibility,
    )


@dataclass
class CodebergProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "codeberg"
    platform: ClassVar[str] = "Codeberg"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?=[A-Za-z0-9])){0,39}$"

    def request_url(self) -> str:
        return f"https://codeberg.org/api/v1/users/{self.account}"

    def profile_url(self) -> str:
        return f"https://codeberg.org/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_codeberg(json_body(result), self.handle)
