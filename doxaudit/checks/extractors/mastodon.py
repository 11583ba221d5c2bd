"""Mastodon (mastodon.social): the accounts lookup API shows name, bio, profile fields and whether the account is locked.

A locked account approves its followers, so its posts are not public: reported as private.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bs4 import BeautifulSoup
from bs4.element import Tag

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import MAX_FRAGMENT_CHARS, MAX_LIST_ITEMS, clean, count, html_text, join, json_body, web_url

INSTANCE = "mastodon.social"


def _links(html: str) -> list[str]:
    soup = BeautifulSoup(html[:MAX_FRAGMENT_CHARS], "lxml")
    return [url for a in soup.find_all("a") if isinstance(a, Tag) and (url := web_url(a.get("href")))]


def parse_mastodon(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    if data.get("error") == "Record not found":
        return Extracted(exists=False)
    if not isinstance(data.get("username"), str) or data["username"].lower() != handle.lower():
        return None
    if data.get("suspended") is True:
        return Extracted(exists=False, reason="Mastodon account is suspended")
    meta: list[str] = []
    websites: list[str] = []
    linked: list[str] = []
    raw_fields = data.get("fields")
    for item in (raw_fields if isinstance(raw_fields, list) else [])[:MAX_LIST_ITEMS]:
        if not isinstance(item, dict):
            continue
        name, value = clean(item.get("name"), 100), html_text(item.get("value"), 300)
        if name or value:
            meta.append(f"{name}: {value}")
        if isinstance(item.get("value"), str):
            (websites if item.get("verified_at") else linked).extend(_links(item["value"]))
    moved = data.get("moved")
    if isinstance(moved, dict) and (acct := clean(moved.get("acct"), 200)):
        linked.append(f"moved to {acct}")
    display = clean(data.get("display_name"), 200)
    avatar = web_url(data.get("avatar"))
    note = html_text(data.get("note"))
    fields = {
        "display_name": "" if display.lower() == handle.lower() else display,
        "bio": join([note, *meta], sep=" | "),
        "website": join(websites, 300),
        "linked_accounts": join(linked, 300),
        "followers": count(data.get("followers_count")),
        "photo": "" if not avatar or "missing.png" in avatar else avatar,
    }
    return Extracted(fields=fields, visibility="private" if data.get("locked") is True else "public",
                     reason="account is locked: only approved followers see its posts" if data.get("locked") is True
                     else "")


@dataclass
class MastodonProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "mastodon"
    platform: ClassVar[str] = "Mastodon"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_]{1,30}$"

    def request_url(self) -> str:
        return f"https://{INSTANCE}/api/v1/accounts/lookup?acct={self.account}"

    def profile_url(self) -> str:
        return f"https://{INSTANCE}/@{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_mastodon(json_body(result), self.handle)
