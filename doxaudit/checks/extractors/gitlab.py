"""GitLab: the users API by username (a list: `[]` means no account), then the public profile by id."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from ...model import PlannedRequest
from ...net.fetch import FetchResult
from ..base import CheckContext
from ..blocks import block_reason
from .base import UNREADABLE, Extracted, ProfileCheck
from .common import clean, count, dig, join, json_body, web_url

GONE_STATES = {"blocked", "banned", "blocked_pending_approval", "ldap_blocked"}
SOCIAL_KEYS = ("linkedin", "twitter", "skype", "discord", "github", "mastodon", "bluesky", "orcid")


def parse_gitlab_list(data: object, handle: str) -> Extracted | None:
    """GET /api/v4/users?username=: the matching user, or not found for an empty list."""
    if not isinstance(data, list):
        return None
    if not data:
        return Extracted(exists=False)
    user = next((u for u in data if isinstance(u, dict) and isinstance(u.get("username"), str)
                 and u["username"].lower() == handle.lower()), None)
    if user is None:
        return None
    if clean(user.get("state")).lower() in GONE_STATES:
        return Extracted(exists=False, reason="GitLab account is blocked")
    uid = user.get("id")
    meta = {"id": str(uid)} if isinstance(uid, int) and not isinstance(uid, bool) and uid > 0 else {}
    return Extracted(fields=_basic(user), meta=meta)


def _basic(user: dict[str, object]) -> dict[str, str]:
    avatar = web_url(user.get("avatar_url"))
    return {"real_name": clean(user.get("name"), 200), "photo": avatar if "/uploads/" in avatar else ""}


def parse_gitlab_user(data: object) -> Extracted | None:
    """GET /api/v4/users/:id as an anonymous visitor sees it."""
    if not isinstance(data, dict) or not isinstance(data.get("username"), str):
        return None
    title, org = clean(data.get("job_title"), 200), clean(data.get("organization"), 200)
    linked = [f"{key}: {v}" for key in SOCIAL_KEYS if (v := clean(data.get(key), 200))]
    fields = {
        **_basic(data),
        "bio": clean(data.get("bio")),
        "location": clean(data.get("location"), 200),
        "email": clean(data.get("public_email"), 200),
        "website": web_url(data.get("website_url")),
        "employer": f"{org} ({title})" if org and title else org or title,
        "followers": count(data.get("followers")),
        "linked_accounts": join(linked),
    }
    private = dig(data, "private_profile") is True
    return Extracted(fields=fields, visibility="private" if private else "public")


@dataclass
class GitLabProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "gitlab"
    platform: ClassVar[str] = "GitLab"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-]$"

    def request_url(self) -> str:
        return f"https://gitlab.com/api/v4/users?username={self.account}"

    def profile_url(self) -> str:
        return f"https://gitlab.com/{self.account}"

    def detail_url(self, user_id: str) -> str:
        return f"https://gitlab.com/api/v4/users/{user_id}"

    def follow_up_requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.detail_url("<user id from the first answer>"), (), dynamic=True,
                               note="the public profile of the account the first answer names")]

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_gitlab_list(json_body(result), self.handle)

    async def enrich(self, ctx: CheckContext, extracted: Extracted) -> Extracted:
        user_id = extracted.meta.get("id", "")
        if not user_id.isdigit():
            return replace(extracted, reason="public profile (only its name could be read)")
        result = await ctx.fetcher.request("GET", self.detail_url(user_id))
        why = block_reason(result) or (None if result.status == 200 else f"HTTP {result.status}")
        detail: Extracted | None = None
        if why is None:
            try:
                detail = parse_gitlab_user(json_body(result))
            except UNREADABLE:
                detail = None
            why = None if detail is not None else "unreadable answer"
        if detail is None:
            return replace(extracted, reason=f"public profile (details could not be read: {why})")
        return replace(detail, fields={**extracted.fields, **{k: v for k, v in detail.fields.items() if v}})
