"""Noor Voorbeeld (high exposure): two breaches, her mobile number on her employer's team page and in a
phone directory, her street address in a neighbourhood newsletter and in her domain's public
registration, her email on a forum, and many public accounts under one handle.

Noor does not exist; "voorbeeld" is Dutch for "example". Every page, profile and breach here is
invented, on reserved example domains. The shapes are the ones the real services answer in.
"""

from __future__ import annotations

import json

from .base import (
    CAPTCHA,
    RATE_LIMITED,
    RDAP_BASE,
    TIMEOUT,
    XML_TYPE,
    Persona,
    directory_page,
    html,
    html_answer,
    json_answer,
)

HANDLE = "noorvoorbeeld"
EMAIL = "noor.voorbeeld@example.com"
DOMAIN = "noorvoorbeeld.example"

# --- tip 1: passwords and accounts ----------------------------------------------------------------

XON = {
    "BreachMetrics": {"passwords_strength": [{"EasyToCrack": 1, "PlainText": 0, "StrongHash": 1, "Unknown": 0}],
                      "risk": [{"risk_label": "Medium", "risk_score": 44}]},
    "BreachesSummary": {"site": "Voorbeeldwinkel;OudForum"},
    "ExposedBreaches": {"breaches_details": [
        {"breach": "Voorbeeldwinkel", "details": "Fictional demo breach: a web shop that never existed.",
         "domain": "voorbeeldwinkel.example", "industry": "Retail", "logo": "", "password_risk": "easytocrack",
         "references": "", "searchable": "Yes", "verified": "Yes",
         "xposed_data": "Email addresses;Names;Phone numbers;Physical addresses;Passwords",
         "xposed_date": "2023", "xposed_records": 412000},
        {"breach": "OudForum", "details": "Fictional demo breach: a hobby forum that never existed.",
         "domain": "oudforum.example", "industry": "Entertainment", "logo": "", "password_risk": "hardtocrack",
         "references": "", "searchable": "Yes", "verified": "Yes",
         "xposed_data": "Email addresses;Usernames;Passwords", "xposed_date": "2014", "xposed_records": 38000},
    ]},
    "ExposedPastes": None, "PasteMetrics": None, "PastesSummary": {"cnt": 0, "domain": "", "tmpstmp": ""},
}

GRAVATAR = {
    "hash": "demo", "display_name": "Noor V.", "profile_url": "https://gravatar.com/noorvoorbeeld",
    "avatar_url": "https://0.gravatar.com/avatar/demo", "avatar_alt_text": "", "location": "Utrecht, Nederland",
    "description": "Projectleider bij Voorbeeld & Partners. Fietsen, schaken, zuurdesem.",
    "job_title": "Projectleider", "company": "Voorbeeld & Partners",
    "verified_accounts": [{"service_type": "github", "service_label": "GitHub", "service_icon": "",
                           "url": f"https://github.com/{HANDLE}", "is_hidden": False}],
    "pronunciation": "", "pronouns": "zij/haar", "timezone": "", "languages": [], "first_name": "Noor",
    "last_name": "Voorbeeld", "is_organization": False, "links": [], "interests": [], "payments": {},
    "contact_info": None, "number_verified_accounts": 1, "last_profile_edit": "2024-01-05T12:00:00Z",
    "registration_date": "2012-06-01T12:00:00Z",
}

# She committed to a hobby repository with her private address: the demo shows `email_in_commits`.
REPO = f"{HANDLE}/zuurdesem-rekenhulp"
SHA = "0d3e5f1a2b4c6d8e0f1a2b3c4d5e6f708192a3b4"
COMMIT_SEARCH = {
    "total_count": 3,
    "incomplete_results": False,
    "items": [{
        "url": f"https://api.github.com/repos/{REPO}/commits/{SHA}",
        "sha": SHA,
        "html_url": f"https://github.com/{REPO}/commit/{SHA}",
        "commit": {
            "author": {"name": "Noor Voorbeeld", "email": EMAIL, "date": "2025-09-14T20:11:05.000+02:00"},
            "committer": {"name": "Noor Voorbeeld", "email": EMAIL, "date": "2025-09-14T20:11:05.000+02:00"},
            "message": "Hydratatie-percentage toegevoegd",
            "comment_count": 0,
        },
        "author": None,
        "repository": {"id": 90000002, "name": "zuurdesem-rekenhulp", "full_name": REPO, "private": False,
                       "html_url": f"https://github.com/{REPO}", "description": "Rekent je zuurdesembrood uit (demo)",
                       "fork": False},
        "score": 1.0,
    }],
}

# --- tip 3: accounts and what they show -----------------------------------------------------------

GITHUB_USER = {
    "login": HANDLE, "id": 90000001, "type": "User", "site_admin": False,
    "html_url": f"https://github.com/{HANDLE}", "name": "Noor Voorbeeld", "company": "@voorbeeld-partners",
    "blog": f"https://linktr.ee/{HANDLE}", "location": "Utrecht", "email": EMAIL,
    "hireable": None, "bio": "Projectleider data. Fietst, schaakt, bakt brood.", "twitter_username": None,
    "public_repos": 7, "public_gists": 1, "followers": 23, "following": 31,
    "created_at": "2016-03-14T09:12:44Z", "updated_at": "2026-10-02T18:40:11Z",
}

# The Reddit bio names her city (Utrecht), and the Linktree page has an email button with her address.
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
                    {"type": "EMAIL_ADDRESS", "url": f"mailto:{EMAIL}", "position": 1}],
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


# --- tip 2: contact details -----------------------------------------------------------------------

DOMAIN_RECORD = {
    "objectClassName": "domain",
    "rdapConformance": ["rdap_level_0", "icann_rdap_response_profile_1"],
    "handle": "NOORVB-EXAMPLE",
    "ldhName": DOMAIN,
    "status": ["active"],
    "events": [{"eventAction": "registration", "eventDate": "2019-04-12T09:30:00Z"},
               {"eventAction": "expiration", "eventDate": "2027-04-12T09:30:00Z"}],
    "links": [{"rel": "self", "href": f"{RDAP_BASE}domain/{DOMAIN}", "type": "application/rdap+json",
               "value": f"{RDAP_BASE}domain/{DOMAIN}"}],
    "entities": [
        {"objectClassName": "entity", "handle": "NV-1990", "roles": ["registrant"],
         "vcardArray": ["vcard", [
             ["version", {}, "text", "4.0"],
             ["fn", {}, "text", "Noor Voorbeeld"],
             ["kind", {}, "text", "individual"],
             ["adr", {}, "text", ["", "", "Voorbeeldstraat 12", "Utrecht", "", "3511 AB", "NL"]],
             ["tel", {"type": ["voice"]}, "uri", "tel:+31.612345678"],
             ["email", {}, "text", EMAIL],
         ]]},
        {"objectClassName": "entity", "handle": "TECH-VBR", "roles": ["technical"],
         "vcardArray": ["vcard", [
             ["version", {}, "text", "4.0"],
             ["fn", {}, "text", "Voorbeeld Hosting Helpdesk"],
             ["kind", {}, "text", "group"],
             ["tel", {"type": ["voice"]}, "uri", "tel:+31.301234567"],
             ["email", {}, "text", "hostmaster@hosting.example"],
         ]]},
        {"objectClassName": "entity", "handle": "9999", "roles": ["registrar"],
         "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Voorbeeld Registrar B.V."]]],
         "entities": [{"objectClassName": "entity", "roles": ["abuse"],
                       "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""],
                                                ["email", {}, "text", "abuse@registrar.example"]]]}]},
    ],
    "notices": [{"title": "Demo", "description": ["Fictional registration for the doxaudit demo."]}],
}


TELEFOONBOEK = directory_page("Noor Voorbeeld in Utrecht – zoekresultaten", [
    ("N. Voorbeeld", "Utrecht", "06-12345678"),  # the persona's mobile number, listed by her provider
    ("Noor Voorbeeld-de Vries", "Kleilaan 3, 9711 AA Groningen", "050-1234567"),  # a namesake: not a finding
])

# The chess results page mentions only her name (no city, no handle, nobody else's phone): the report
# lists it as "possibly you, check" (INFO), which does not lower the score.
CHESS = "https://schaakclub.example.org/uitslagen/clubkampioenschap-2026"

PAGES: dict[str, str] = {
    "https://www.example.org/team": html(
        "Ons team – Voorbeeld & Partners",
        "<h1>Ons team</h1><div class='person'><h2>Noor Voorbeeld</h2><p>Projectleider data</p>"
        "<p>Bel of app: 06-12345678</p><p>noor@voorbeeld-partners.example</p></div>"
        "<div class='person'><h2>Bram Testman</h2><p>Adviseur</p><p>Bel: 06-11112222</p></div>"),
    # a namesake in Groningen (another phone, another address): not counted
    "https://keramiek.example.net/over-mij": html(
        "Over mij – Noor Voorbeeld Keramiek, Groningen",
        "<p>Ik ben Noor Voorbeeld, keramist in Groningen.</p><p>Atelier: Kleilaan 3, 9711 AA Groningen. "
        "Tel. 06-98765432, noor@keramiek.example.net</p>"),
    "https://buurt.example.org/nieuwsbrief-oktober": html(
        "Nieuwsbrief oktober – Buurtvereniging Lombok-Oost, Utrecht",
        "<p>Welkom aan onze nieuwe buren! Noor Voorbeeld woont sinds september op "
        "Voorbeeldstraat 12 en helpt mee met de straatbarbecue.</p>"),
    "https://forum.example.net/t/zuurdesem-starter/4521": html(
        "Zuurdesem starter delen? – Broodforum",
        f"<p><b>noortje_bakt</b>: Ik heb nog starter over, mail me gerust: {EMAIL}</p>"),
    f"https://github.com/{HANDLE}": html(f"{HANDLE} (Noor Voorbeeld) · GitHub", "<p>Projectleider data.</p>"),
    f"https://linktr.ee/{HANDLE}": html(f"@{HANDLE} | Linktree", "<p>Noor Voorbeeld – fietsen, schaken, brood</p>"),
    CHESS: html(
        "Uitslagen clubkampioenschap 2026 – Schaakclub De Toren",
        "<h1>Clubkampioenschap 2026</h1><table>"
        "<tr><td>1.</td><td>Bram Testman</td><td>5½</td></tr>"
        "<tr><td>2.</td><td>Noor Voorbeeld</td><td>5</td></tr>"
        "<tr><td>3.</td><td>Fenna Proef</td><td>3½</td></tr></table>"
        "<p>De volgende clubavond is op dinsdag.</p>"),
}

GITHUB_RESULT = (f"https://github.com/{HANDLE}", f"{HANDLE} (Noor Voorbeeld) · GitHub", "Projectleider data.")
LINKTREE_RESULT = (f"https://linktr.ee/{HANDLE}", f"@{HANDLE} | Linktree", "Noor Voorbeeld – fietsen, schaken, brood")
SEARCHES = {
    '"Noor Voorbeeld"': [
        ("https://www.example.org/team", "Ons team – Voorbeeld & Partners",
         "Noor Voorbeeld. Projectleider data. Bel of app: 06-12345678 …"),
        ("https://keramiek.example.net/over-mij", "Over mij – Noor Voorbeeld Keramiek, Groningen",
         "Ik ben Noor Voorbeeld, keramist in Groningen. Atelier: Kleilaan 3 …"),
        GITHUB_RESULT,
    ],
    '"Noor Voorbeeld" "Utrecht"': [
        ("https://buurt.example.org/nieuwsbrief-oktober", "Nieuwsbrief oktober – Buurtvereniging Lombok-Oost",
         "Welkom aan onze nieuwe buren! Noor Voorbeeld woont sinds september …"),
        ("https://www.example.org/team", "Ons team – Voorbeeld & Partners", "Noor Voorbeeld. Projectleider data …"),
    ],
    f'"Noor Voorbeeld" "{HANDLE}"': [
        GITHUB_RESULT, LINKTREE_RESULT,
        (CHESS, "Uitslagen clubkampioenschap 2026 – Schaakclub De Toren", "… 2. Noor Voorbeeld 5 …"),
    ],
    f'"{EMAIL}"': [
        ("https://forum.example.net/t/zuurdesem-starter/4521", "Zuurdesem starter delen? – Broodforum",
         "Ik heb nog starter over, mail me gerust …"),
    ],
    f'"{HANDLE}"': [LINKTREE_RESULT, GITHUB_RESULT],
}

PERSONA = Persona(
    id="noor",
    accounts={HANDLE: frozenset({"instagram", "strava", "duolingo", "spotify"})},
    blocked={"x": RATE_LIMITED, "tiktok": CAPTCHA, "pinterest": TIMEOUT},
    profiles={
        (HANDLE, "github"): json_answer(GITHUB_USER),
        (HANDLE, "reddit"): json_answer(REDDIT),
        (HANDLE, "mastodon"): json_answer(MASTODON),
        (HANDLE, "lichess"): json_answer(LICHESS),
        (HANDLE, "chesscom"): json_answer(CHESSCOM),
        (HANDLE, "steam"): (200, dict(XML_TYPE), STEAM_PRIVATE),
        (HANDLE, "linktree"): html_answer(linktree_page()),
    },
    breaches={EMAIL: XON},
    gravatar={EMAIL: GRAVATAR},
    commits={EMAIL: COMMIT_SEARCH},
    searches=SEARCHES,
    pages=PAGES,
    rdap={DOMAIN: DOMAIN_RECORD},
    directories={"telefoonboek-nl": TELEFOONBOEK},
)
