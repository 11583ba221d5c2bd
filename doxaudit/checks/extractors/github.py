"""GitHub: the public REST API shows what anyone sees on a profile, including a public email."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...model import CheckOutcome, Status
from ...net.fetch import FetchResult
from ..base import outcome
from ..jsonutil import parse_json, text_field
from .base import Extracted, ProfileCheck


def extract_github(data: object) -> dict[str, str] | None:
    if not isinstance(data, dict) or not isinstance(data.get("login"), str):
        return None
    twitter = text_field(data, "twitter_username")
    return {
        "real_name": text_field(data, "name"),
        "location": text_field(data, "location"),
        "email": text_field(data, "email"),
        "website": text_field(data, "blog"),
        "employer": text_field(data, "company"),
        "bio": text_field(data, "bio"),
        "linked_accounts": f"x.com/{twitter}" if twitter else "",
    }


@dataclass
class GitHubProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "github"
    platform: ClassVar[str] = "GitHub"
    headers: ClassVar[dict[str, str]] = {"Accept": "application/vnd.github+json"}
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$"

    def request_url(self) -> str:
        return f"https://api.github.com/users/{self.account}"

    def profile_url(self) -> str:
        return f"https://github.com/{self.account}"

    @property
    def url(self) -> str:
        return self.request_url()

    def special_status(self, result: FetchResult) -> CheckOutcome | None:
        if result.status == 403 and result.headers.get("x-ratelimit-remaining") == "0":
            return outcome(self, Status.UNKNOWN, "GitHub API rate limit reached", url=self.profile_url())
        return None

    def extract(self, result: FetchResult) -> Extracted | None:
        data = parse_json(result.body)
        fields = extract_github(data)
        if fields is None or str(data.get("login", "")).lower() != self.handle.lower():
            return None  # an answer about another account is not this one
        return Extracted(fields=fields)
