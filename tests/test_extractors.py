"""Profile extractors on realistic answers: documented corpus examples where one exists, fixtures otherwise.

Every person in tests/fixtures/extractors/ is made up. Corpus files are read from ../shared and
skip when absent. What is checked: found / not_found / private decided from the answer itself,
the personal details a profile shows, and the user's own details becoming findings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doxaudit.catalog import builtin_sites
from doxaudit.checks.extractors import EXTRACTORS, ProfileCheck
from doxaudit.checks.extractors.bluesky import BlueskyProfileCheck, parse_bluesky
from doxaudit.checks.extractors.chesscom import ChessComProfileCheck
from doxaudit.checks.extractors.codeberg import CodebergProfileCheck
from doxaudit.checks.extractors.devto import DevToProfileCheck
from doxaudit.checks.extractors.dockerhub import DockerHubProfileCheck
from doxaudit.checks.extractors.gitlab import GitLabProfileCheck, parse_gitlab_list, parse_gitlab_user
from doxaudit.checks.extractors.hackernews import HackerNewsProfileCheck
from doxaudit.checks.extractors.keybase import KeybaseProfileCheck
from doxaudit.checks.extractors.lichess import LichessProfileCheck
from doxaudit.checks.extractors.linktree import LinktreeProfileCheck
from doxaudit.checks.extractors.mastodon import MastodonProfileCheck, parse_mastodon
from doxaudit.checks.extractors.reddit import RedditProfileCheck, parse_reddit
from doxaudit.checks.extractors.steam import SteamProfileCheck
from doxaudit.checks.extractors.telegram import TelegramProfileCheck
from doxaudit.checks.extractors.youtube import YouTubeProfileCheck
from doxaudit.config import NetConfig, RunConfig
from doxaudit.identity import Identity, build_identity
from doxaudit.model import CheckOutcome, Finding, Severity, Status
from doxaudit.registry import build_checks
from tests.helpers import har_entry, run_check

FIX = Path(__file__).resolve().parent / "fixtures" / "extractors"
API = "api-examples"
HANDLE = "noorvoorbeeld"
NOOR = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=[HANDLE],
                     phones=["06 12345678"], addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht")
NOBODY = build_identity(handles=["someone"])
FAST = RunConfig(net=NetConfig(timeout=5, retries=0))


def fixture(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


def corpus_file(corpus: Path, *parts: str) -> str:
    return (corpus / API).joinpath(*parts).read_text(encoding="utf-8")


def run(check: ProfileCheck, body: str | dict[str, Any] | list[Any], status: int = 200,
        identity: Identity = NOOR, extra: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None) -> CheckOutcome:
    entries = [har_entry(check.request_url(), status, body, headers=headers), *(extra or [])]
    out, _ = run_check(check, identity, entries, FAST)
    return out


def fields_of(out: CheckOutcome) -> set[str]:
    public = [f for f in out.findings if f.kind == "public_profile"]
    return set(public[0].detail["fields"].split(", ")) if public else set()


def kinds(out: CheckOutcome) -> dict[str, Finding]:
    return {f.kind: f for f in out.findings}


# --- the registry --------------------------------------------------------------------------

def test_at_least_thirteen_extractors_beyond_github_each_for_a_catalog_site() -> None:
    assert len(EXTRACTORS) >= 13
    catalog = {s.id for s in builtin_sites()}
    assert set(EXTRACTORS) <= catalog, set(EXTRACTORS) - catalog
    for site_id, cls in EXTRACTORS.items():
        assert cls.site_id == site_id and cls.platform


def test_extractors_replace_the_presence_check_for_their_sites() -> None:
    checks = build_checks(NOOR, builtin_sites(), RunConfig())
    ids = {c.id for c in checks}
    for site_id in EXTRACTORS:
        assert f"profile:{site_id}" in ids and f"site:{site_id}" not in ids


def test_extractor_handle_rules_are_the_catalog_rules() -> None:
    """A handle the catalog skips is skipped by the extractor too (the extractor may be stricter)."""
    sites = {s.id: s for s in builtin_sites()}
    for site_id, cls in EXTRACTORS.items():
        if sites[site_id].handle_pattern:
            assert cls.handle_pattern == sites[site_id].handle_pattern, site_id


@pytest.mark.parametrize("site_id", sorted(EXTRACTORS))
def test_a_handle_the_platform_cannot_have_is_skipped_without_a_request(site_id: str) -> None:
    check = EXTRACTORS[site_id]("no/such handle?")
    assert check.requests() == []
    out, _ = run_check(check, NOBODY, [], FAST)
    assert out.status is Status.SKIPPED


@pytest.mark.parametrize("site_id", sorted(EXTRACTORS))
def test_requests_send_only_the_handle_and_escape_it(site_id: str) -> None:
    check = EXTRACTORS[site_id](HANDLE)
    planned = check.requests()
    assert planned and planned[0].sends == ("handle",) and not planned[0].dynamic
    assert HANDLE in planned[0].url.lower() and planned[0].url.startswith("https://")
    assert all(r.dynamic and r.sends == () for r in planned[1:])


# --- GitLab (documented users API examples) ------------------------------------------------

def test_gitlab_list_then_profile_shows_documented_fields(corpus: Path) -> None:
    check = GitLabProfileCheck("john_smith")
    detail = har_entry(check.detail_url("1"), 200, corpus_file(corpus, "gitlab", "gitlab-get-user-by-id-nonadmin.json"))
    out = run(check, corpus_file(corpus, "gitlab", "gitlab-list-users-nonadmin.json"), extra=[detail])
    assert out.status is Status.FOUND and out.reason == "public profile"
    assert {"real_name", "email", "employer", "photo"} <= fields_of(out)
    assert out.url == "https://gitlab.com/john_smith"


def test_gitlab_blocked_user_in_the_list_is_not_an_account(corpus: Path) -> None:
    found = parse_gitlab_list(json.loads(corpus_file(corpus, "gitlab", "gitlab-list-users-nonadmin.json")), "jack_smith")
    assert found is not None and not found.exists


def test_gitlab_empty_list_is_not_found_and_no_details_are_requested() -> None:
    out = run(GitLabProfileCheck(HANDLE), "[]")
    assert out.status is Status.NOT_FOUND


def test_gitlab_details_unavailable_keeps_what_the_list_showed() -> None:
    body = [{"id": 424242, "username": HANDLE, "name": "Noor Voorbeeld", "state": "active",
             "avatar_url": "https://gitlab.com/uploads/-/system/user/avatar/424242/avatar.png"}]
    out = run(GitLabProfileCheck(HANDLE), body)  # the detail request has no recorded answer
    assert out.status is Status.FOUND and "details could not be read" in out.reason
    assert fields_of(out) == {"real_name", "photo"}


def test_gitlab_private_profile_is_private() -> None:
    check = GitLabProfileCheck(HANDLE)
    body = [{"id": 424242, "username": HANDLE, "name": "Noor Voorbeeld", "state": "active"}]
    detail = har_entry(check.detail_url("424242"), 200, fixture("gitlab-user-private.json"))
    out = run(check, body, extra=[detail])
    assert out.status is Status.PRIVATE and "private_profile" in kinds(out)
    assert parse_gitlab_user(json.loads(fixture("gitlab-user-private.json"))) is not None


def test_gitlab_plan_shows_the_follow_up_as_dynamic() -> None:
    planned = GitLabProfileCheck(HANDLE).requests()
    assert [r.dynamic for r in planned] == [False, True]


# --- Reddit (recorded about.json) ----------------------------------------------------------

def test_reddit_recorded_about_shows_bio_and_avatar(corpus: Path) -> None:
    out = run(RedditProfileCheck("spez"), corpus_file(corpus, "reddit", "reddit-user-about-spez.json"), identity=NOBODY)
    assert out.status is Status.FOUND
    assert fields_of(out) == {"bio", "photo"}  # the title equals the handle: no display name beyond it
    assert "Reddit CEO" in kinds(out)["public_profile"].evidence.snippet


def test_reddit_nonexistent_user_bodies_are_not_found(corpus: Path) -> None:
    gone = parse_reddit(json.loads(corpus_file(corpus, "reddit", "reddit-nonexistent-user-400.json")), "x")
    assert gone is not None and not gone.exists
    assert run(RedditProfileCheck(HANDLE), fixture("reddit-not-found.json"), status=404).status is Status.NOT_FOUND


def test_reddit_suspended_account_is_not_found_with_the_reason() -> None:
    out = run(RedditProfileCheck(HANDLE), fixture("reddit-suspended.json"))
    assert out.status is Status.NOT_FOUND and "suspended" in out.reason


def test_reddit_answer_about_another_user_is_not_this_account(corpus: Path) -> None:
    out = run(RedditProfileCheck(HANDLE), corpus_file(corpus, "reddit", "reddit-user-about-spez.json"))
    assert out.status is Status.UNKNOWN


# --- Mastodon (documented Account entity) ----------------------------------------------------

def test_mastodon_documented_account_shows_fields_links_and_followers(corpus: Path) -> None:
    out = run(MastodonProfileCheck("noiob"), corpus_file(corpus, "mastodon-account-entity-example.json"),
              identity=NOBODY)
    assert out.status is Status.FOUND
    assert {"display_name", "bio", "website", "linked_accounts", "followers", "photo"} <= fields_of(out)
    shown = parse_mastodon(json.loads(corpus_file(corpus, "mastodon-account-entity-example.json")), "noiob")
    assert shown is not None and shown.fields["website"] == "http://shork.xyz"  # the verified link
    assert "https://botsin.space/@darksouls" in shown.fields["linked_accounts"]
    assert "<span" not in shown.fields["bio"] and "Pronouns: they/them" in shown.fields["bio"]


def test_mastodon_documented_404_is_not_found(corpus: Path) -> None:
    out = run(MastodonProfileCheck(HANDLE), corpus_file(corpus, "mastodon-accounts-lookup-404.json"), status=404)
    assert out.status is Status.NOT_FOUND


def test_mastodon_locked_account_is_private_but_its_phone_field_still_counts() -> None:
    out = run(MastodonProfileCheck(HANDLE), fixture("mastodon-locked.json"))
    assert out.status is Status.PRIVATE and "locked" in out.reason
    found = kinds(out)
    assert "public_profile" not in found and "private_profile" in found
    assert found["phone_in_profile"].severity is Severity.HIGH
    assert found["city_in_profile"].severity is Severity.MEDIUM  # "#Utrecht" in the bio


# --- Bluesky (lexicon: profileViewDetailed) --------------------------------------------------

BLUESKY_READS = {"did", "handle", "displayName", "description", "website", "avatar", "followersCount"}


def test_bluesky_reads_only_properties_the_lexicon_defines(corpus: Path) -> None:
    defs = json.loads(corpus_file(corpus, "bluesky", "app.bsky.actor.defs.lexicon.json"))
    detailed = defs["defs"]["profileViewDetailed"]
    assert set(detailed["properties"]) >= BLUESKY_READS
    assert {"did", "handle"} <= set(detailed["required"])
    get_profile = json.loads(corpus_file(corpus, "bluesky", "app.bsky.actor.getProfile.lexicon.json"))
    assert get_profile["defs"]["main"]["output"]["schema"]["ref"] == "app.bsky.actor.defs#profileViewDetailed"


def test_bluesky_profile_bio_with_phone_and_city_are_findings() -> None:
    out = run(BlueskyProfileCheck(HANDLE), fixture("bluesky-profile.json"))
    assert out.status is Status.FOUND
    found = kinds(out)
    assert found["phone_in_profile"].severity is Severity.HIGH
    assert found["city_in_profile"].detail["field"] == "bio"
    assert {"display_name", "bio", "website", "photo", "followers"} <= fields_of(out)


def test_bluesky_profile_not_found_is_a_400_that_means_missing() -> None:
    out = run(BlueskyProfileCheck(HANDLE), fixture("bluesky-not-found.json"), status=400)
    assert out.status is Status.NOT_FOUND
    other = run(BlueskyProfileCheck(HANDLE), {"error": "InvalidRequest", "message": "Error: actor must be a did"},
                status=400)
    assert other.status is Status.UNKNOWN


def test_bluesky_answer_for_another_handle_is_not_this_profile() -> None:
    data = json.loads(fixture("bluesky-profile.json"))
    assert parse_bluesky(data, "someoneelse.bsky.social") is None


# --- Keybase (documented lookup sample) -------------------------------------------------------

def test_keybase_documented_lookup_is_found(corpus: Path) -> None:
    out = run(KeybaseProfileCheck("maxtaco"), corpus_file(corpus, "keybase-user-lookup-sample.normalized.json"),
              identity=NOBODY)
    assert out.status is Status.FOUND and fields_of(out) == {"photo"}


def test_keybase_profile_and_proofs_are_shown() -> None:
    ident = build_identity(handles=["bramtestman"], emails=["bram@example.org"], city="Amersfoort")
    out = run(KeybaseProfileCheck("bramtestman"), fixture("keybase-lookup-full.json"), identity=ident)
    assert {"real_name", "location", "bio", "photo", "linked_accounts"} <= fields_of(out)
    found = kinds(out)
    assert "github: bramtestman" in found["public_profile"].evidence.snippet
    assert found["email_in_profile"].severity is Severity.MEDIUM and "city_in_profile" in found


def test_keybase_them_null_is_not_found() -> None:
    out = run(KeybaseProfileCheck(HANDLE), '{"status":{"code":0,"name":"OK"},"them":[null]}')
    assert out.status is Status.NOT_FOUND


# --- Hacker News (documented user) ----------------------------------------------------------

def test_hackernews_documented_user_shows_about(corpus: Path) -> None:
    out = run(HackerNewsProfileCheck("jl"), corpus_file(corpus, "hackernews-user-jl.json"), identity=NOBODY)
    assert out.status is Status.FOUND and "This is a test" in kinds(out)["public_profile"].evidence.snippet


def test_hackernews_null_is_not_found_and_about_html_is_text() -> None:
    assert run(HackerNewsProfileCheck(HANDLE), "null").status is Status.NOT_FOUND
    body = {"id": HANDLE, "created": 1600000000, "karma": 5,
            "about": "Bakker.<p>Mail <a href=\"mailto:noor.voorbeeld@example.com\">noor.voorbeeld&#x40;example.com</a>"}
    out = run(HackerNewsProfileCheck(HANDLE), body)
    assert "email_in_profile" in kinds(out) and "<p>" not in kinds(out)["public_profile"].evidence.snippet


# --- Steam (recorded XML, privacyState) -------------------------------------------------------

def test_steam_recorded_public_profile(corpus: Path) -> None:
    out = run(SteamProfileCheck("Son_of_Thor"), corpus_file(corpus, "steam", "steam-community-profile-sonofthor.xml"),
              identity=NOBODY)
    assert out.status is Status.FOUND and out.reason == "public profile"
    assert {"display_name", "real_name", "location", "bio", "photo"} <= fields_of(out)


def test_steam_public_profile_summary_phone_and_location_city() -> None:
    out = run(SteamProfileCheck(HANDLE), fixture("steam-public.xml"))
    found = kinds(out)
    assert out.status is Status.FOUND
    assert found["phone_in_profile"].severity is Severity.HIGH
    assert found["city_in_profile"].detail["field"] == "location"
    assert "06-99999999" not in json.dumps([f.evidence.snippet for f in out.findings])  # a group's text, not hers
    assert "photo" not in fields_of(out)  # Steam's default avatar is no photo


@pytest.mark.parametrize("name, reason", [("steam-private.xml", "profile is private"),
                                          ("steam-friendsonly.xml", "profile is visible to friends only")])
def test_steam_private_and_friends_only_are_private(name: str, reason: str) -> None:
    out = run(SteamProfileCheck(HANDLE), fixture(name))
    assert out.status is Status.PRIVATE and out.reason == reason
    assert [f.kind for f in out.findings] == ["private_profile"]


def test_steam_profile_could_not_be_found_is_not_found() -> None:
    assert run(SteamProfileCheck(HANDLE), fixture("steam-not-found.xml")).status is Status.NOT_FOUND


def test_steam_unknown_privacy_state_is_not_guessed() -> None:
    body = fixture("steam-public.xml").replace("<privacyState>public", "<privacyState>usersonly").replace(
        "<visibilityState>3", "<visibilityState>9")
    out = run(SteamProfileCheck(HANDLE), body)
    assert out.status is Status.FOUND and out.reason == "profile found, visibility unknown"


# --- dev.to, Docker Hub, Chess.com, Lichess, Codeberg (JSON APIs) ------------------------------

@pytest.mark.parametrize("cls, name, expected", [
    (DevToProfileCheck, "devto-user.json", {"real_name", "bio", "location", "website", "linked_accounts", "photo"}),
    (DockerHubProfileCheck, "dockerhub-user.json", {"real_name", "location", "employer", "website"}),
    (ChessComProfileCheck, "chesscom-player.json", {"real_name", "location", "followers", "photo"}),
    (LichessProfileCheck, "lichess-user.json", {"real_name", "location", "bio", "website"}),
    (CodebergProfileCheck, "codeberg-user.json", {"real_name", "location", "website", "bio", "followers"}),
])
def test_json_profiles_show_their_fields_and_the_city(cls: type[ProfileCheck], name: str, expected: set[str]) -> None:
    out = run(cls(HANDLE), fixture(name))
    assert out.status is Status.FOUND and out.reason == "public profile"
    assert fields_of(out) == expected
    assert kinds(out)["city_in_profile"].severity is Severity.MEDIUM


@pytest.mark.parametrize("cls, name, status", [
    (DevToProfileCheck, "devto-not-found.json", 404),
    (DockerHubProfileCheck, "dockerhub-not-found.json", 404),
    (ChessComProfileCheck, "chesscom-not-found.json", 404),
    (CodebergProfileCheck, "codeberg-not-found.json", 404),
    (LichessProfileCheck, "lichess-closed.json", 200),
])
def test_json_profiles_missing_or_closed_are_not_found(cls: type[ProfileCheck], name: str, status: int) -> None:
    assert run(cls(HANDLE), fixture(name), status=status).status is Status.NOT_FOUND


def test_lichess_links_keep_only_web_urls() -> None:
    out = run(LichessProfileCheck(HANDLE), fixture("lichess-user.json"))
    snippet = kinds(out)["public_profile"].evidence.snippet
    assert "https://noor.example.org" in snippet and "javascript:" not in snippet


def test_chesscom_closed_account_is_not_found() -> None:
    body = json.loads(fixture("chesscom-player.json")) | {"status": "closed:fair_play_violations"}
    out = run(ChessComProfileCheck(HANDLE), body)
    assert out.status is Status.NOT_FOUND and "closed" in out.reason


def test_codeberg_limited_visibility_is_private_and_noreply_email_is_no_email() -> None:
    data = json.loads(fixture("codeberg-user.json"))
    assert "email" not in fields_of(run(CodebergProfileCheck(HANDLE), data))
    out = run(CodebergProfileCheck(HANDLE), data | {"visibility": "limited"})
    assert out.status is Status.PRIVATE


# --- Telegram, YouTube (public pages), Linktree (Next.js data) ---------------------------------

def test_telegram_user_page_shows_name_bio_and_photo_and_the_email() -> None:
    out = run(TelegramProfileCheck(HANDLE), fixture("telegram-user.html"))
    assert out.status is Status.FOUND
    assert fields_of(out) == {"display_name", "bio", "photo"}
    assert kinds(out)["email_in_profile"].severity is Severity.MEDIUM


def test_telegram_channel_shows_subscribers() -> None:
    out = run(TelegramProfileCheck("broodbakken_utrecht"), fixture("telegram-channel.html"), identity=NOBODY)
    assert "followers: 1 204" in kinds(out)["public_profile"].evidence.snippet


def test_telegram_contact_page_without_a_title_is_not_found() -> None:
    assert run(TelegramProfileCheck(HANDLE), fixture("telegram-not-found.html")).status is Status.NOT_FOUND


def test_telegram_user_without_bio_does_not_report_the_boilerplate() -> None:
    html = fixture("telegram-not-found.html").replace(
        '<div class="tgme_page_icon">', '<div class="tgme_page_title"><span dir="auto">Noor</span></div><div>')
    out = run(TelegramProfileCheck(HANDLE), html)
    assert out.status is Status.FOUND and fields_of(out) == {"display_name"}


def test_youtube_channel_og_tags_show_name_description_and_email() -> None:
    out = run(YouTubeProfileCheck(HANDLE), fixture("youtube-channel.html"))
    assert out.status is Status.FOUND and fields_of(out) == {"display_name", "bio", "photo"}
    found = kinds(out)
    assert "email_in_profile" in found and found["city_in_profile"].detail["field"] == "bio"


def test_youtube_404_is_not_found_and_a_consent_redirect_is_unknown() -> None:
    check = YouTubeProfileCheck(HANDLE)
    assert run(check, "<html><title>404 Not Found</title></html>", status=404).status is Status.NOT_FOUND
    consent = "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F%40noorvoorbeeld"
    entries = [har_entry(check.request_url(), 302, "", headers={"Location": consent}),
               har_entry(consent, 200, "<html><form action='https://consent.youtube.com/save'></form></html>")]
    out, _ = run_check(check, NOOR, entries, FAST)
    assert out.status is Status.UNKNOWN and "consent" in out.reason


def test_linktree_links_email_and_phone_buttons_are_findings() -> None:
    out = run(LinktreeProfileCheck(HANDLE), fixture("linktree-profile.html"))
    assert out.status is Status.FOUND
    assert {"display_name", "bio", "email", "phone", "website", "linked_accounts", "photo"} <= fields_of(out)
    found = kinds(out)
    assert found["phone_in_profile"].severity is Severity.HIGH
    assert found["email_in_profile"].severity is Severity.MEDIUM
    snippet = found["public_profile"].evidence.snippet
    assert "https://brood.example.org" in snippet and "github.com/noorvoorbeeld" in snippet


def test_linktree_404_is_not_found() -> None:
    page = ('<html><script id="__NEXT_DATA__" type="application/json">'
            '{"props":{"pageProps":{"statusCode":404}},"page":"/404"}</script></html>')
    assert run(LinktreeProfileCheck(HANDLE), page, status=404).status is Status.NOT_FOUND
    assert run(LinktreeProfileCheck(HANDLE), page, status=200).status is Status.NOT_FOUND
