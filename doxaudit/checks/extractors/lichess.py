"""Lichess: the public user API shows real name, location, flag, bio and links; closed accounts say so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import MAX_LIST_ITEMS, clean, dig, join, json_body, web_url


def parse_lichess(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("error") in ("Not found", "Not Found"):
        return Extracted(exists=False)
    if not isinstance(data.get("username"), str) or data["username"].lower() != handle.lower():
        return None
    if data.get("disabled") is True or data.get("closed") is True:
        return Extracted(exists=False, reason="Lichess account is closed")
    profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
    real = clean(dig(profile, "realName"), 200) or " ".join(
        v for v in (clean(dig(profile, "firstName"), 100), clean(dig(profile, "lastName"), 100)) if v)
    location = clean(dig(profile, "location"), 200)
    flag = clean(dig(profile, "flag"), 20) or clean(dig(profile, "country"), 20)
    links_raw = dig(profile, "links")
    links = [u for line in (links_raw.splitlines() if isinstance(links_raw, str) else [])[:MAX_LIST_ITEMS]
             if (u := web_url(line.strip()))]
    return Extracted(fields={
        "real_name": real,
        "location": f"{location} ({flag})" if location and flag else location or flag,
        "bio": clean(dig(profile, "bio"), 1000),
        "website": join(links, 300),
    })


@dataclass
class LichessProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "lichess"
    platform: ClassVar[str] = "Lichess"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,28}[A-Za-z0-9]$"

    def request_url(self) -> str:
        return f"https://lichess.org/api/user/{self.account}"

    def profile_url(self) -> str:
        return f"https://lichess.org/@/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_lichess(json_body(result), self.handle)
