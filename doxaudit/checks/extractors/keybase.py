"""Keybase: user/lookup.json shows full name, location, bio and the accounts the user proved they own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...net.fetch import FetchResult
from .base import Extracted, ProfileCheck
from .common import MAX_LIST_ITEMS, clean, dig, join, json_body, web_url

NOT_FOUND_CODES = {205}  # NOT_FOUND


def parse_keybase(data: object, handle: str) -> Extracted | None:
    if not isinstance(data, dict):
        return None
    code = dig(data, "status", "code")
    if not isinstance(code, int):
        return None
    if code in NOT_FOUND_CODES:
        return Extracted(exists=False)
    them = data.get("them")
    if code != 0 or not isinstance(them, list) or not them:
        return None
    user = them[0]
    if user is None:
        return Extracted(exists=False)
    name = dig(user, "basics", "username")
    if not isinstance(name, str) or name.lower() != handle.lower():
        return None
    proofs = dig(user, "proofs_summary", "all")
    linked = []
    for proof in (proofs if isinstance(proofs, list) else [])[:MAX_LIST_ITEMS]:
        if isinstance(proof, dict):
            kind, tag = clean(proof.get("proof_type"), 40), clean(proof.get("nametag"), 200)
            if tag:
                linked.append(f"{kind}: {tag}" if kind else tag)
    return Extracted(fields={
        "real_name": clean(dig(user, "profile", "full_name"), 200),
        "location": clean(dig(user, "profile", "location"), 200),
        "bio": clean(dig(user, "profile", "bio")),
        "photo": web_url(dig(user, "pictures", "primary", "url")),
        "linked_accounts": join(linked),
    })


@dataclass
class KeybaseProfileCheck(ProfileCheck):
    site_id: ClassVar[str] = "keybase"
    platform: ClassVar[str] = "Keybase"
    handle_pattern: ClassVar[str] = r"^[A-Za-z0-9_]{2,16}$"

    def request_url(self) -> str:
        return f"https://keybase.io/_/api/1.0/user/lookup.json?usernames={self.account}"

    def profile_url(self) -> str:
        return f"https://keybase.io/{self.account}"

    def extract(self, result: FetchResult) -> Extracted | None:
        return parse_keybase(json_body(result), self.handle)
