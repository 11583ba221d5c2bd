"""Every extractor on hostile answers: none may crash, claim an account it did not see, or pass junk on.

Block pages, rate limits and pages that are not profiles end `unknown`; malformed JSON/XML/HTML,
wrong types, nulls, huge strings and markup in names end `unknown` or as a sane, bounded profile.
Steam's XML must neither expand entities nor fetch external ones.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from doxaudit.checks.extractors import EXTRACTORS, ProfileCheck
from doxaudit.checks.extractors.steam import SteamProfileCheck, parse_xml
from doxaudit.config import NetConfig, RunConfig
from doxaudit.identity import build_identity
from doxaudit.model import CheckOutcome, Status
from tests.helpers import har_entry, run_check

FIX = Path(__file__).resolve().parent / "fixtures" / "extractors"
HANDLE = "noorvoorbeeld"
NOOR = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], handles=[HANDLE],
                      phones=["06 12345678"], city="Utrecht")
FAST = RunConfig(net=NetConfig(timeout=5, retries=0))
HOSTILE = ("\u202e<script>alert('x')</script><img src=x onerror=alert(1)>\x00\x1b[31m\r\nSet-Cookie: a=b "
           + "A" * 20_000 + " \u200bnoor.voorbeeld@example.com")

# A realistic found answer per JSON extractor (handle, body); HTML/XML platforms are tested below.
JSON_FOUND: dict[str, tuple[str, Any]] = {
    "github": (HANDLE, {"login": HANDLE, "id": 1, "name": "Noor", "bio": "b", "blog": "https://noor.example.org",
                        "location": "Utrecht", "company": "V&P", "email": None, "twitter_username": "nv"}),
    "gitlab": (HANDLE, [{"id": 424242, "username": HANDLE, "name": "Noor Voorbeeld", "state": "active",
                         "avatar_url": "https://gitlab.com/uploads/-/system/user/avatar/1/a.png"}]),
    "codeberg": (HANDLE, "codeberg-user.json"),
    "reddit": (HANDLE, {"kind": "t2", "data": {"name": HANDLE, "id": "abc", "icon_img": "https://x.example/i.png",
                                               "subreddit": {"title": "Noor", "public_description": "Utrecht",
                                                             "is_default_icon": False}}}),
    "mastodon": (HANDLE, "mastodon-locked.json"),
    "bluesky": (f"{HANDLE}.bsky.social", "bluesky-profile.json"),
    "keybase": ("bramtestman", "keybase-lookup-full.json"),
    "hackernews": (HANDLE, {"id": HANDLE, "about": "<p>Utrecht</p>", "karma": 1, "created": 1}),
    "devto": (HANDLE, "devto-user.json"),
    "dockerhub": (HANDLE, "dockerhub-user.json"),
    "chesscom": (HANDLE, "chesscom-player.json"),
    "lichess": (HANDLE, "lichess-user.json"),
}
PAGE_EXTRACTORS = {"steam", "telegram", "youtube", "linktree"}
KEEP_KEYS = {"kind", "type_of"}


def handle_for(site_id: str) -> str:
    return "bramtestman" if site_id == "keybase" else HANDLE


def found_body(site_id: str) -> Any:
    body = JSON_FOUND[site_id][1]
    return json.loads((FIX / body).read_text(encoding="utf-8")) if isinstance(body, str) else body


def mutate(value: Any, replace: Any, keep: set[str]) -> Any:
    """Every leaf replaced, except the handle itself (so the answer still claims to be this account)."""
    if isinstance(value, dict):
        return {k: v if k in KEEP_KEYS else mutate(v, replace, keep) for k, v in value.items()}
    if isinstance(value, list):
        return [mutate(v, replace, keep) for v in value]
    if isinstance(value, str) and value.lower() in keep:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(replace, str):
        return value  # ids and status codes stay numbers when strings are attacked
    return replace


def run(check: ProfileCheck, body: str | dict[str, Any] | list[Any], status: int = 200,
        headers: dict[str, str] | None = None) -> CheckOutcome:
    out, _ = run_check(check, NOOR, [har_entry(check.request_url(), status, body, headers=headers)], FAST)
    return out


def assert_sane(out: CheckOutcome) -> None:
    assert out.status is not Status.ERROR, out.reason
    for f in out.findings:
        texts = [f.evidence.snippet, f.title, *f.detail.values(), *f.title_args.values()]
        for text in texts:
            assert len(text) <= 2000
            assert not any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n" for ch in text), text[:80]


def test_every_json_extractor_has_a_hostile_case() -> None:
    assert set(JSON_FOUND) | PAGE_EXTRACTORS == set(EXTRACTORS)


# --- answers that are not answers -------------------------------------------------------------

BLOCKS = [
    pytest.param(429, '{"error": "too many requests"}', {"Retry-After": "1"}, id="429"),
    pytest.param(403, "<html><head><title>Just a moment...</title></head><body><div id='cf-chl-widget'></div>"
                      "</body></html>", {"Server": "cloudflare"}, id="cloudflare"),
    pytest.param(200, "<html><div class='g-recaptcha' data-sitekey='x'></div>\"id\": 1 tgme_page_title</html>",
                 {}, id="captcha-200"),
    pytest.param(503, "<html>DDoS-Guard</html>", {"Server": "ddos-guard"}, id="ddos-guard"),
    pytest.param(401, '{"message": "Unauthorized"}', {}, id="401"),
    pytest.param(500, "Internal Server Error", {}, id="500"),
    pytest.param(200, (FIX / "soft-404-home.html").read_text(encoding="utf-8"), {}, id="soft-404-home-page"),
    pytest.param(200, "", {}, id="empty-200"),
    pytest.param(200, "{not json", {}, id="malformed-json"),
    pytest.param(200, "[" * 100_000 + "]" * 100_000, {}, id="deeply-nested"),
    pytest.param(200, '{"message": "ok"}', {}, id="unrelated-json"),
    pytest.param(200, "[1, 2, 3]", {}, id="wrong-shape"),
    pytest.param(200, '"just a string"', {}, id="json-string"),
]


@pytest.mark.parametrize("site_id", sorted(EXTRACTORS))
@pytest.mark.parametrize("status, body, headers", BLOCKS)
def test_blocked_or_unreadable_answers_are_unknown(site_id: str, status: int, body: str,
                                                   headers: dict[str, str]) -> None:
    out = run(EXTRACTORS[site_id](handle_for(site_id)), body, status, headers)
    assert out.status is Status.UNKNOWN, (site_id, out.reason)
    assert out.reason and not out.findings


@pytest.mark.parametrize("site_id", sorted(EXTRACTORS))
def test_a_login_redirect_is_unknown(site_id: str) -> None:
    check = EXTRACTORS[site_id](handle_for(site_id))
    login = "https://accounts.example.com/login?next=/profile"
    entries = [har_entry(check.request_url(), 302, "", headers={"Location": login}),
               har_entry(login, 200, "<html><form action='/login'><input name='password'></form></html>")]
    out, _ = run_check(check, NOOR, entries, FAST)
    assert out.status is Status.UNKNOWN and "login" in out.reason


@pytest.mark.parametrize("site_id", sorted(JSON_FOUND))
def test_json_null_is_never_an_account(site_id: str) -> None:
    out = run(EXTRACTORS[site_id](handle_for(site_id)), "null")
    expected = Status.NOT_FOUND if site_id == "hackernews" else Status.UNKNOWN  # HN answers `null` for no user
    assert out.status is expected


# --- found answers with hostile values ------------------------------------------------------------

@pytest.mark.parametrize("site_id", sorted(JSON_FOUND))
def test_realistic_answer_is_found(site_id: str) -> None:
    out = run(EXTRACTORS[site_id](handle_for(site_id)), found_body(site_id))
    assert out.status in (Status.FOUND, Status.PRIVATE), out.reason
    assert_sane(out)


@pytest.mark.parametrize("site_id", sorted(JSON_FOUND))
def test_hostile_strings_are_bounded_and_stripped(site_id: str) -> None:
    handle = JSON_FOUND[site_id][0]
    body = mutate(found_body(site_id), HOSTILE, {handle.lower()})
    out = run(EXTRACTORS[site_id](handle_for(site_id)), body)
    assert out.status in (Status.FOUND, Status.PRIVATE, Status.UNKNOWN), out.reason
    assert_sane(out)
    for f in out.findings:
        assert "javascript:" not in f.evidence.snippet.lower()


@pytest.mark.parametrize("site_id", sorted(JSON_FOUND))
@pytest.mark.parametrize("replacement", [None, 12345, True, [], {}, ["x", None], {"a": [1]}, 1.5e308, -1],
                         ids=lambda v: type(v).__name__ + repr(v)[:8])
def test_wrong_types_and_nulls_never_crash(site_id: str, replacement: Any) -> None:
    handle = JSON_FOUND[site_id][0]
    body = mutate(found_body(site_id), replacement, {handle.lower()})
    out = run(EXTRACTORS[site_id](handle_for(site_id)), body)
    assert_sane(out)
    if out.status in (Status.FOUND, Status.PRIVATE):
        assert all("None" not in f.evidence.snippet.split(": ")[-1:] for f in out.findings)


@pytest.mark.parametrize("site_id", sorted(JSON_FOUND))
def test_an_answer_about_someone_else_is_not_this_account(site_id: str) -> None:
    handle = JSON_FOUND[site_id][0]
    text = json.dumps(found_body(site_id))
    other = handle.replace("noorvoorbeeld", "iemandanders").replace("bramtestman", "iemandanders")
    body = text.replace(handle, other).replace(handle.capitalize(), other)
    if site_id == "lichess":
        body = body.replace("NoorVoorbeeld", "IemandAnders")
    out = run(EXTRACTORS[site_id](handle_for(site_id)), body)
    assert out.status is Status.UNKNOWN, (site_id, out.status, out.reason)


def test_a_huge_json_body_is_refused_not_parsed() -> None:
    body = json.dumps({"login": HANDLE, "id": 1, "bio": "x" * (5 * 1024 * 1024)})
    out = run(EXTRACTORS["github"](HANDLE), body)
    assert out.status is Status.UNKNOWN


# --- Steam: XML attacks ----------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<profile><steamID64>76561190000000042</steamID64><steamID>&lol9;</steamID><privacyState>public</privacyState></profile>"""


def external_entity(target: str) -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE profile [<!ENTITY xxe SYSTEM "{target}">]>'
            "<profile><steamID64>76561190000000042</steamID64><steamID>x</steamID>"
            "<privacyState>public</privacyState><summary>&xxe;</summary></profile>")


def test_steam_billion_laughs_is_not_expanded() -> None:
    out = run(SteamProfileCheck(HANDLE), BILLION_LAUGHS)
    assert out.status is Status.UNKNOWN and "unreadable" in out.reason


def test_steam_external_entity_is_neither_read_nor_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-MARKER", encoding="utf-8")
    for target in (secret.as_uri(), "http://127.0.0.1:9/xxe", "https://attacker.example/xxe"):
        out = run(SteamProfileCheck(HANDLE), external_entity(target))
        assert out.status is Status.UNKNOWN
        assert "TOPSECRET" not in repr(out)


def test_steam_external_dtd_is_refused() -> None:
    body = ('<?xml version="1.0"?><!DOCTYPE profile SYSTEM "https://attacker.example/evil.dtd">'
            "<profile><steamID64>1</steamID64></profile>")
    with pytest.raises(ValueError):
        parse_xml(body.encode())
    assert run(SteamProfileCheck(HANDLE), body).status is Status.UNKNOWN


@pytest.mark.parametrize("body", [
    "<profile><steamID64>1</steamID64>",  # truncated
    "<profile><steamID64>1</steamID64><steamID>&undefined;</steamID></profile>",
    "<?xml version='1.0'?><html><body>Steam Community :: Error</body></html>",
    "<response><error><![CDATA[Something else went wrong.]]></error></response>",
    "<profile><steamID>no id</steamID><privacyState>public</privacyState></profile>",
    "<profile>" + "<a>" * 50_000 + "</a>" * 50_000 + "</profile>",
    "<profile><steamID64>1</steamID64>" + "<x>y</x>" * 300_000 + "</profile>",  # over the size cap
])
def test_steam_malformed_or_unexpected_xml_is_unknown(body: str) -> None:
    assert run(SteamProfileCheck(HANDLE), body).status is Status.UNKNOWN


def test_steam_markup_and_huge_values_in_cdata_are_text_and_bounded() -> None:
    body = ("<profile><steamID64>76561190000000042</steamID64><privacyState>public</privacyState>"
            "<steamID><![CDATA[<script>alert(1)</script>Noor\u202e\x7f[31m]]></steamID>"
            f"<realname><![CDATA[{'N' * 200_000}]]></realname>"
            "<summary><![CDATA[<b>hi</b><br>06-12345678<iframe src=x></iframe>]]></summary></profile>")
    out = run(SteamProfileCheck(HANDLE), body)
    assert out.status is Status.FOUND
    assert_sane(out)
    assert "phone_in_profile" in {f.kind for f in out.findings}


# --- Telegram, YouTube, Linktree: hostile pages --------------------------------------------------

def next_json(value: object) -> str:
    """JSON as Next.js puts it in a page: `<` escaped so a value cannot close the script element."""
    return json.dumps(value).replace("<", "\\u003c")


def page(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("site_id, name", [("telegram", "telegram-user.html"), ("youtube", "youtube-channel.html"),
                                           ("linktree", "linktree-profile.html")])
def test_pages_with_markup_and_control_characters_in_names_stay_text(site_id: str, name: str) -> None:
    name_attack, title_attack = "Noor<script>alert(1)</script>\x1b[2J\u202eV", "Noor &lt;img src=x onerror=alert(1)&gt;\x07"
    html = page(name)
    if site_id == "linktree":  # inside __NEXT_DATA__, escaped as Next.js escapes it
        html = html.replace('"pageTitle":"Noor Voorbeeld"', '"pageTitle":' + next_json(name_attack))
    html = html.replace("Noor Voorbeeld", name_attack).replace("Noor bakt brood", title_attack)
    out = run(EXTRACTORS[site_id](HANDLE), html)
    assert out.status is Status.FOUND
    assert_sane(out)


@pytest.mark.parametrize("site_id, name", [("telegram", "telegram-user.html"), ("youtube", "youtube-channel.html"),
                                           ("linktree", "linktree-profile.html")])
def test_pages_cut_or_mangled_are_unknown_or_sane(site_id: str, name: str) -> None:
    html = page(name)
    for body in (html[: len(html) // 3], html.replace("<", "<<").replace(">", ">>"), html * 40,
                 "<div>" * 200_000 + html):
        out = run(EXTRACTORS[site_id](HANDLE), body)
        assert out.status in (Status.FOUND, Status.UNKNOWN, Status.NOT_FOUND), (site_id, out.reason)
        assert_sane(out)


def test_youtube_page_claiming_another_site_is_not_a_channel() -> None:
    html = page("youtube-channel.html").replace("https://www.youtube.com/channel/", "https://evil.example/channel/")
    assert run(EXTRACTORS["youtube"](HANDLE), html).status is Status.UNKNOWN


def test_youtube_injected_duplicate_tags_do_not_override_the_first() -> None:
    html = page("youtube-channel.html").replace(
        "<body dir=\"ltr\">", "<body dir=\"ltr\"><meta property=\"og:title\" content=\"INJECTED\">")
    out = run(EXTRACTORS["youtube"](HANDLE), html)
    assert "INJECTED" not in repr(out.findings)


@pytest.mark.parametrize("data", [
    "{not json", "[" * 50_000 + "]" * 50_000, "null", '{"props": []}', '{"props": {"pageProps": {"account": []}}}',
    '{"props": {"pageProps": {"account": {"username": ["noorvoorbeeld"]}}}}',
])
def test_linktree_bad_next_data_is_unknown(data: str) -> None:
    html = f'<html><script id="__NEXT_DATA__" type="application/json">{data}</script></html>'
    assert run(EXTRACTORS["linktree"](HANDLE), html).status is Status.UNKNOWN


def test_linktree_hostile_links_are_skipped_or_bounded() -> None:
    account = {"username": HANDLE, "pageTitle": HOSTILE, "description": None,
               "links": [{"url": "javascript:alert(1)"}, {"url": None}, "not a dict", {"url": ["x"]},
                         {"url": "mailto:" + "a" * 50_000}, {"url": "data:text/html,<script>x</script>"}] * 5,
               "socialLinks": {"oops": 1}}
    html = ('<html><script id="__NEXT_DATA__" type="application/json">'
            + next_json({"props": {"pageProps": {"account": account}}}) + "</script></html>")
    out = run(EXTRACTORS["linktree"](HANDLE), html)
    assert out.status is Status.FOUND
    assert_sane(out)
    assert "javascript:" not in repr(out.findings) and "data:text" not in repr(out.findings)
