"""Demo answers for tip 3's profile extractors: what each platform answers about the handle `noorvoorbeeld`.

Noor Voorbeeld does not exist. Her public Reddit, Mastodon, Lichess, Chess.com and Linktree
profiles, her private Steam profile and the not-found answers of the other platforms are all
invented, in the shapes those platforms really answer in. The Reddit bio names her city
(Utrecht) and the Linktree page has an email button with her address, so the demo shows
exposed details as well as a private account. Loaded by tools/make_demo_har.py (see README.md).
GitHub is answered by make_demo_har.py itself.
"""

from __future__ import annotations

import json
from typing import Any

HANDLE = "noorvoorbeeld"
JSON_TYPE = {"Content-Type": "application/json; charset=utf-8"}
HTML_TYPE = {"Content-Type": "text/html; charset=utf-8"}
XML_TYPE = {"Content-Type": "text/xml; charset=utf-8"}
Answer = tuple[int, dict[str, str], str]

REDDIT = {"kind": "t2", "data": {
    "is_employee": False, "is_friend": False, "awardee_karma": 12, "id": "demo4nv", "verified": True,
    "is_gold": False, "is_mod": False, "awarder_karma": 0, "has_verified_email": True,
    "icon_img": "https://styles.redditmedia.com/t5_demo/styles/profileIcon_demo.png", "hide_from_robots": False,
    "link_karma": 311, "total_karma": 1542, "accept_chats": True, "name": HANDLE, "created": 1583000000.0,
    "created_utc": 1583000000.0, "comment_karma": 1219, "has_subscribed": True, "accept_pms": True,
    "subreddit": {
        "default_set": True, "banner_img": "", "restrict_posting": True, "title": "Noor",
        "display_name": f"u_{HANDLE}", "display_name_prefixed": f"u/{HANDLE}", "over_18": False,
        "icon_img": "https://styles.redditmedia.com/t5_demo/styles/profileIcon_demo.png",
        "is_default_icon": False, "subscribers": 3, "name": "t5_demo", "url": f"/user/{HANDLE}/",
        "public_description": "Bakt zuurdesem en fietst elke dag door Utrecht. Schaakt slecht maar met plezier.",
        "subreddit_type": "user", "user_is_subscriber": False,
    },
}}

MASTODON = {
    "id": "112233445566778899", "username": HANDLE, "acct": HANDLE, "display_name": "Noor V.", "locked": False,
    "bot": False, "discoverable": True, "indexable": True, "group": False, "created_at": "2022-11-05T00:00:00.000Z",
    "note": "<p>Projectleider data. Schaakt op lichess, bakt brood, fietst. Posts in het Nederlands.</p>",
    "url": f"https://mastodon.social/@{HANDLE}", "uri": f"https://mastodon.social/users/{HANDLE}",
    "avatar": "https://files.mastodon.social/accounts/avatars/112/233/445/original/demo.jpg",
    "avatar_static": "https://files.mastodon.social/accounts/avatars/112/233/445/original/demo.jpg",
    "header": "https://mastodon.social/headers/original/missing.png",
    "header_static": "https://mastodon.social/headers/original/missing.png",
    "followers_count": 41, "following_count": 60, "statuses_count": 212, "last_status_at": "2026-10-30",
    "emojis": [], "roles": [],
    "fields": [{"name": "Links", "verified_at": "2024-02-01T10:00:00.000+00:00",
                "value": f"<a href=\"https://linktr.ee/{HANDLE}\" target=\"_blank\" rel=\"nofollow noopener me\" "
                         f"translate=\"no\"><span class=\"invisible\">https://</span><span class=\"\">linktr.ee/{HANDLE}"
                         "</span><span class=\"invisible\"></span></a>"}],
}

LICHESS = {
    "id": HANDLE, "username": "NoorVoorbeeld", "createdAt": 1583000000000, "seenAt": 1761990000000,
    "perfs": {"blitz": {"games": 412, "rating": 1620, "rd": 58, "prog": -12},
              "rapid": {"games": 120, "rating": 1710, "rd": 71, "prog": 20}},
    "profile": {"flag": "NL", "realName": "Noor Voorbeeld", "bio": "Clubavond op dinsdag. Altijd in voor een potje.",
                "links": f"https://linktr.ee/{HANDLE}"},
    "playTime": {"total": 654321, "tv": 0}, "url": f"https://lichess.org/@/{HANDLE}",
    "count": {"all": 560, "rated": 532}, "followable": True, "following": False, "blocking": False,
}

CHESSCOM = {
    "avatar": "https://images.chesscomfiles.com/uploads/v1/user/270418633.demo.200x200o.demo.jpeg",
    "player_id": 270418633, "@id": f"https://api.chess.com/pub/player/{HANDLE}",
    "url": f"https://www.chess.com/member/{HANDLE}", "username": HANDLE, "followers": 4,
    "country": "https://api.chess.com/pub/country/NL", "last_online": 1761990000, "joined": 1583000000,
    "status": "basic", "is_streamer": False, "verified": False, "league": "Wood", "streaming_platforms": [],
}

STEAM_PRIVATE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><profile>
\t<steamID64>76561190000000042</steamID64>
\t<steamID><![CDATA[noortje_bakt]]></steamID>
\t<onlineState>offline</onlineState>
\t<stateMessage><![CDATA[Offline]]></stateMessage>
\t<privacyState>private</privacyState>
\t<visibilityState>1</visibilityState>
\t<avatarIcon><![CDATA[https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb.jpg]]></avatarIcon>
\t<avatarMedium><![CDATA[https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_medium.jpg]]></avatarMedium>
\t<avatarFull><![CDATA[https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_full.jpg]]></avatarFull>
\t<vacBanned>0</vacBanned>
\t<tradeBanState>None</tradeBanState>
\t<isLimitedAccount>0</isLimitedAccount>
</profile>"""

LINKS = [("GitHub", f"https://github.com/{HANDLE}"),
         ("Mijn ritten op Strava", f"https://www.strava.com/athletes/{HANDLE}"),
         ("Schaken?", f"https://lichess.org/@/{HANDLE}")]
LINKTREE_ACCOUNT = {
    "id": 987654, "uuid": "0e0e0e0e-1111-4222-8333-444455556666", "username": HANDLE, "tier": "free",
    "isActive": True, "pageTitle": "Noor Voorbeeld", "description": "fietsen, schaken, brood",
    "profilePictureUrl": "https://ugc.production.linktr.ee/demo-noor.jpeg",
    "socialLinks": [{"type": "INSTAGRAM", "url": f"https://www.instagram.com/{HANDLE}", "position": 0},
                    {"type": "EMAIL_ADDRESS", "url": "mailto:noor.voorbeeld@example.com", "position": 1}],
    "links": [{"id": 1001 + i, "title": title, "url": url, "type": "CLASSIC", "position": i}
              for i, (title, url) in enumerate(LINKS)],
}


def linktree_page() -> str:
    data = json.dumps({"props": {"pageProps": {"account": LINKTREE_ACCOUNT}, "__N_SSP": True}, "page": "/[profile]",
                       "query": {"profile": HANDLE}, "buildId": "demo", "isFallback": False, "gssp": True})
    links = "".join(f"<a href='{url}'>{title}</a>" for title, url in LINKS)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>@{HANDLE} | Linktree</title>"
            "<meta name='description' content='Noor Voorbeeld – fietsen, schaken, brood'></head><body>"
            f"<div id='__next'><h1>Noor Voorbeeld</h1><p>fietsen, schaken, brood</p>{links}</div>"
            f"<script id='__NEXT_DATA__' type='application/json'>{data.replace('<', chr(92) + 'u003c')}</script>"
            "</body></html>")


TELEGRAM_NOT_FOUND = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: Contact @{HANDLE}</title>
<meta property="og:title" content="Telegram: Contact @{HANDLE}">
<meta property="og:image" content="https://telegram.org/img/t_logo.png">
<meta property="og:site_name" content="Telegram">
<meta property="og:description" content="You can contact @{HANDLE} right away.">
<meta name="robots" content="noindex, nofollow"></head>
<body class="no_transition"><div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page">
<div class="tgme_page_icon"><i class="tgme_icon_user"></i></div>
<div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact
<a class="tgme_username_link" href="tg://resolve?domain={HANDLE}">@{HANDLE}</a> right away.</div>
<div class="tgme_page_action"><a class="tgme_action_button_new shine" href="tg://resolve?domain={HANDLE}">Send Message</a>
</div></div></div></div></body></html>"""

ANSWERS: dict[str, Answer] = {
    "profile:reddit": (200, JSON_TYPE, json.dumps(REDDIT)),
    "profile:mastodon": (200, JSON_TYPE, json.dumps(MASTODON)),
    "profile:lichess": (200, JSON_TYPE, json.dumps(LICHESS)),
    "profile:chesscom": (200, JSON_TYPE, json.dumps(CHESSCOM)),
    "profile:steam": (200, XML_TYPE, STEAM_PRIVATE),
    "profile:linktree": (200, HTML_TYPE, linktree_page()),
    # No account with this handle, each in the platform's own words:
    "profile:gitlab": (200, JSON_TYPE, "[]"),
    "profile:codeberg": (404, JSON_TYPE, json.dumps({"errors": None, "message": f"user redirect does not exist "
                                                     f"[name: {HANDLE}]", "url": "https://codeberg.org/api/swagger"})),
    "profile:keybase": (200, JSON_TYPE, json.dumps({"status": {"code": 0, "name": "OK"}, "them": [None]})),
    "profile:hackernews": (200, JSON_TYPE, "null"),
    "profile:devto": (404, JSON_TYPE, json.dumps({"error": "not found", "status": 404})),
    "profile:dockerhub": (404, JSON_TYPE, json.dumps({"message": "User not found", "errinfo": {"username": HANDLE}})),
    "profile:bluesky": (400, JSON_TYPE, json.dumps({"error": "InvalidRequest", "message": "Profile not found"})),
    "profile:telegram": (200, HTML_TYPE, TELEGRAM_NOT_FOUND),
    "profile:youtube": (404, HTML_TYPE, "<!DOCTYPE html><html lang='nl'><head><title>404 Not Found</title></head>"
                                        "<body><p>Deze pagina is niet beschikbaar.</p></body></html>"),
}


def answer(request: Any) -> Answer | None:
    """The answer to a profile extractor's request for the demo handle; None for anything else."""
    check = getattr(request, "check", "")
    if check not in ANSWERS or getattr(request, "dynamic", False) or HANDLE not in getattr(request, "url", ""):
        return None
    return ANSWERS[check]
