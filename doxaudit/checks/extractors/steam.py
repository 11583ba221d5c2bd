"""Steam: the community profile as XML (`?xml=1`), including its privacy state.

Parsed with defusedxml only: a DTD, an entity declaration or an external reference makes the
answer unreadable (unknown) instead of being expanded or fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped, unused-ignore]

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import clean, html_text, web_url

MAX_XML_BYTES = 2 * 1024 * 1024
DEFAULT_AVATAR = "fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb"
PRIVACY = {"public": "public", "private": "private", "friendsonly": "private"}
VISIBILITY_STATE = {"3": "public", "2": "private", "1": "private"}


def parse_xml(body: bytes) -> Element:
    """Raises ValueError (size, DTD, entities, external references) or SyntaxError (malformed)."""
    if len(body) > MAX_XML_BYTES:
        raise ValueError("XML body too large")
    root: Element = SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return root


def _text(root: Element, tag: str) -> str:
    node = root.find(tag)
    return (node.text or "") if node is not None else ""


def parse_steam(root: Element) -> Extracted | None:
    if root.tag == "response":
        error = clean(_text(root, "error"))
        if "could not be found" in error.lower():
            return Extracted(exists=False)
        return None
    if root.tag != "profile" or not _text(root, "steamID64").strip().isdigit():
        return None
    state = clean(_text(root, "privacyState"), 40).lower()
    visibility = PRIVACY.get(state) or VISIBILITY_STATE.get(clean(_text(root, "visibilityState"), 4), "unknown")
    avatar = web_url(_text(root, "avatarFull"))
    headline, summary = html_text(_text(root, "headline"), 200), html_text(_text(root, "summary"), 1000)
    fields = {
        "display_name": clean(_text(root, "steamID"), 200),
        "real_name": clean(_text(root, "realname"), 200),
        "location": clean(_text(root, "location"), 200),
        "bio": " | ".join(v for v in (headline, summary) if v and v != "No information given."),
        "photo": "" if not avatar or DEFAULT_AVATAR in avatar else avatar,
    }
    reason = {"friendsonly": "profile is visible to friends only"}.get(state, "")
    if visibility == "unknown":
        reason = "profile found, visibility unknown"
    return Extracted(fields=fields, visibility=visibility, reason=reason)


@dataclass
class SteamProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "steam"
    platform: ClassVar[str] = "Steam"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_-]{1,32}$"

    def request_url(self) -> str:
        return f"https://steamcommunity.com/id/{self.account}/?xml=1"

    def profile_url(self) -> str:
        return f"https://steamcommunity.com/id/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_steam(parse_xml(result.body))
