"""Docker Hub: the v2 users API shows full name, location, company and a profile URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, json_body, web_url


def parse_dockerhub(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("message") == "User not found":
        return Extracted(exists=False)
    if not isinstance(data.get("username"), str) or not isinstance(data.get("uuid") or data.get("id"), str):
        return None
    if data["username"].lower() != handle.lower():
        return None
    avatar = web_url(data.get("gravatar_url"))
    return Extracted(fields={
        "real_name": clean(data.get("full_name"), 200),
        "location": clean(data.get("location"), 200),
        "employer": clean(data.get("company"), 200),
        "website": web_url(data.get("profile_url")),
        "photo": avatar,
    })


@dataclass
class DockerHubProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "dockerhub"
    platform: ClassVar[str] = "Docker Hub"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9]{4,30}$"

    def request_url(self) -> str:
        return f"https://hub.docker.com/v2/users/{self.account}/"

    def profile_url(self) -> str:
        return f"https://hub.docker.com/u/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_dockerhub(json_body(result), self.handle)
