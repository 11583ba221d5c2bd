"""Chess.com: the published-data API shows a player's name, location, country and follower count."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, count, json_body, web_url

COUNTRY_RE = re.compile(r"/pub/country/([A-Z]{2})$")
NO_COUNTRY = {"XX", "XA", "XB", "XC", "XD", "XE", "XG", "XO", "XP", "XU", "XW", "XY"}  # international/fictional flags


def parse_chesscom(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("code") == 0 and "not found" in clean(data.get("message")).lower():
        return Extracted(exists=False)
    if not isinstance(data.get("username"), str) or not isinstance(data.get("player_id"), int):
        return None
    if data["username"].lower() != handle.lower():
        return None
    status = clean(data.get("status"), 60).lower()
    if status.startswith("closed"):
        return Extracted(exists=False, reason="Chess.com account is closed")
    location = clean(data.get("location"), 200)
    m = COUNTRY_RE.search(clean(data.get("country"), 200))
    country = m.group(1) if m and m.group(1) not in NO_COUNTRY else ""
    avatar = web_url(data.get("avatar"))
    return Extracted(fields={
        "real_name": clean(data.get("name"), 200),
        "location": f"{location} ({country})" if location and country else location or country,
        "followers": count(data.get("followers")),
        "photo": "" if "noavatar" in avatar else avatar,
        "linked_accounts": web_url(data.get("twitch_url")),
    })


@dataclass
class ChessComProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "chesscom"
    platform: ClassVar[str] = "Chess.com"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_-]{3,25}$"

    def request_url(self) -> str:
        return f"https://api.chess.com/pub/player/{self.account.lower()}"

    def profile_url(self) -> str:
        return f"https://www.chess.com/member/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_chesscom(json_body(result), self.handle)
