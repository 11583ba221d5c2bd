"""Telegram: the public t.me page shows a user's or channel's name, bio, photo and subscriber count.

A t.me page without a `tgme_page_title` is Telegram's "contact @handle" page for a name that
has no public account; a page that is not a t.me page at all is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from bs4 import BeautifulSoup
from bs4.element import Tag

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, page_text, web_url

BOILERPLATE = re.compile(r"^(if you have\s+telegram\s*,\s*)?you can (contact|view and join)\s+@", re.IGNORECASE)
COUNT_RE = re.compile(r"^([\d\s.,]+[KkMm]?)\s+(subscribers?|members?)\b")


def _first_text(soup: BeautifulSoup, cls: str, limit: int = 500) -> str:
    node = soup.find(class_=cls)
    return clean(node.get_text(" "), limit) if isinstance(node, Tag) else ""


def parse_telegram(html: str) -> Extracted | None:
    soup = BeautifulSoup(html, "lxml")
    if soup.find(class_=re.compile(r"^tgme_")) is None:
        return None
    title = _first_text(soup, "tgme_page_title", 200)
    if not title:
        return Extracted(exists=False)
    bio = _first_text(soup, "tgme_page_description", 1000)
    if BOILERPLATE.match(bio):
        bio = ""
    extra = _first_text(soup, "tgme_page_extra", 200)
    m = COUNT_RE.match(extra)
    photo = soup.find("img", class_="tgme_page_photo_image")
    return Extracted(fields={
        "display_name": title,
        "bio": bio,
        "followers": clean(m.group(1), 20) if m else "",
        "photo": web_url(photo.get("src")) if isinstance(photo, Tag) else "",
    })


@dataclass
class TelegramProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "telegram"
    platform: ClassVar[str] = "Telegram"
    handle_pattern: ClassVar[str] = r"^[A-Za-z][A-Za-z0-9_]{3,31}$"

    def request_url(self) -> str:
        return f"https://t.me/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_telegram(page_text(result))
