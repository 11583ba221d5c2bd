"""Linktree: the page's Next.js data (`__NEXT_DATA__`) lists the profile's title, bio, links and contact links.

`mailto:` and `tel:` links are reported as the email address and phone number they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import MAX_LIST_ITEMS, clean, dig, join, script_json, web_url

SOCIAL_HOSTS = ("instagram.com", "tiktok.com", "x.com", "twitter.com", "facebook.com", "youtube.com", "github.com",
                "linkedin.com", "t.me", "threads.net", "threads.com", "bsky.app", "snapchat.com", "mastodon.social",
                "twitch.tv", "reddit.com", "pinterest.com", "strava.com", "spotify.com", "soundcloud.com", "lichess.org",
                "chess.com", "steamcommunity.com", "gitlab.com", "codeberg.org", "keybase.io", "dev.to", "bsky.social",
                "vimeo.com", "medium.com", "substack.com", "patreon.com", "ko-fi.com", "discord.gg", "wa.me")


def _contact(url: str, scheme: str) -> str:
    return clean(unquote(url[len(scheme):].split("?")[0]), 200)


def parse_linktree(data: object, handle: str) -> Extracted | None:
    props = dig(data, "props", "pageProps")
    if not isinstance(props, dict):
        return None
    account = props.get("account")
    if not isinstance(account, dict):
        return Extracted(exists=False) if props.get("statusCode") == 404 or dig(data, "page") == "/404" else None
    if not isinstance(account.get("username"), str) or account["username"].lower() != handle.lower():
        return None
    emails: list[str] = []
    phones: list[str] = []
    websites: list[str] = []
    linked: list[str] = []
    raw: list[object] = []
    for key in ("links", "socialLinks"):
        items = account.get(key)
        raw += (items if isinstance(items, list) else [])[:MAX_LIST_ITEMS * 2]
    for item in raw:
        url = clean(dig(item, "url"), 300)
        lower = url.lower()
        if lower.startswith("mailto:"):
            emails.append(_contact(url, "mailto:"))
        elif lower.startswith("tel:") or lower.startswith("sms:"):
            phones.append(_contact(url, lower.split(":")[0] + ":"))
        elif (web := web_url(url)):
            host = (urlsplit(web).hostname or "").removeprefix("www.")
            (linked if host.endswith(SOCIAL_HOSTS) else websites).append(web)
    title = clean(account.get("pageTitle"), 200)
    return Extracted(fields={
        "display_name": "" if title.lstrip("@").lower() == handle.lower() else title,
        "bio": clean(account.get("description"), 1000),
        "email": join(emails),
        "phone": join(phones),
        "website": join(websites),
        "linked_accounts": join(linked),
        "photo": web_url(account.get("profilePictureUrl")),
    })


@dataclass
class LinktreeProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "linktree"
    platform: ClassVar[str] = "Linktree"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_.]{2,30}$"

    def request_url(self) -> str:
        return f"https://linktr.ee/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_linktree(script_json(result, "__NEXT_DATA__"), self.handle)
