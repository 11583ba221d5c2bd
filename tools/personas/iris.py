"""Iris Verzonnen (journalist): preparing for a story that will make her a target.

Public-facing by necessity: her newsroom's author page, Mastodon, Bluesky and Linktree show her name and
work email (expected, and fine). What is not fine: her mobile number on the newsroom's contact page, her
home address in an old rowing club's member list, and her old handle `inktvisiris` (with a matching
private address that was in a breach, passwords included) still tying a Reddit account, a public Steam
profile that names her city and a few more together, with a Reddit bio that points to her current
handle. Her domain's public registration is redacted, and the phone directory does not list her.

Iris does not exist; "verzonnen" is Dutch for "made up". Every page, profile and breach here is
invented, on reserved example domains, in the shapes the real services answer in.
"""

from __future__ import annotations

import json

from .base import (
    RATE_LIMITED_LONG,
    RDAP_BASE,
    XML_TYPE,
    Persona,
    html,
    html_answer,
    json_answer,
    login_wall,
)

HANDLE = "irisverzonnen"  # current, public by necessity
OLD = "inktvisiris"  # since her student days
WORK = "i.verzonnen@example.org"
PRIVATE = "inktvisiris@example.net"
DOMAIN = "irisverzonnen.example"
NEWSROOM = "https://dagblad.example.org"
AUTHOR = f"{NEWSROOM}/auteurs/iris-verzonnen"
CONTACT = f"{NEWSROOM}/contact/redactie"
MEMBERS = "https://roeivereniging-spaarne.example.net/leden/ledenlijst-2017.html"

# --- tip 1: one old breach of her private address, passwords included; a Gravatar for her work address

XON = {
    "BreachMetrics": {"passwords_strength": [{"EasyToCrack": 1, "PlainText": 0, "StrongHash": 0, "Unknown": 0}],
                      "risk": [{"risk_label": "Medium", "risk_score": 38}]},
    "BreachesSummary": {"site": "Verzinselforum"},
    "ExposedBreaches": {"breaches_details": [
        {"breach": "Verzinselforum", "details": "Fictional demo breach: a writers' forum that never existed.",
         "domain": "verzinselforum.example", "industry": "Entertainment", "logo": "", "password_risk": "easytocrack",
         "references": "", "searchable": "Yes", "verified": "Yes",
         "xposed_data": "Email addresses;Usernames;Passwords;IP addresses", "xposed_date": "2019",
         "xposed_records": 61000},
    ]},
    "ExposedPastes": None, "PasteMetrics": None, "PastesSummary": {"cnt": 0, "domain": "", "tmpstmp": ""},
}

GRAVATAR = {
    "hash": "demo-iris", "display_name": "Iris Verzonnen", "profile_url": f"https://gravatar.com/{HANDLE}",
    "avatar_url": "https://0.gravatar.com/avatar/demo-iris", "avatar_alt_text": "", "location": "Noord-Holland",
    "description": "Onderzoeksjournalist bij Dagblad Het Verzinsel.",
    "job_title": "Onderzoeksjournalist", "company": "Dagblad Het Verzinsel",
    "verified_accounts": [{"service_type": "mastodon", "service_label": "Mastodon", "service_icon": "",
                           "url": f"https://mastodon.social/@{HANDLE}", "is_hidden": False}],
    "pronunciation": "", "pronouns": "", "timezone": "", "languages": [], "first_name": "Iris",
    "last_name": "Verzonnen", "is_organization": False, "links": [], "interests": [], "payments": {},
    "contact_info": None, "number_verified_accounts": 1, "last_profile_edit": "2025-03-02T12:00:00Z",
    "registration_date": "2018-01-15T12:00:00Z",
}

# --- tip 3: public work profiles under the current handle, an old life under the old one ----------

MASTODON = {
    "id": "114455667788990011", "username": HANDLE, "acct": HANDLE, "display_name": "Iris Verzonnen",
    "locked": False, "bot": False, "discoverable": True, "indexable": True, "group": False,
    "created_at": "2022-11-08T00:00:00.000Z",
    "note": f"<p>Onderzoeksjournalist bij Dagblad Het Verzinsel. Tips: Signal of {WORK}</p>",
    "url": f"https://mastodon.social/@{HANDLE}", "uri": f"https://mastodon.social/users/{HANDLE}",
    "avatar": "https://files.mastodon.social/accounts/avatars/114/455/667/original/demo-iris.jpg",
    "avatar_static": "https://files.mastodon.social/accounts/avatars/114/455/667/original/demo-iris.jpg",
    "header": "https://mastodon.social/headers/original/missing.png",
    "header_static": "https://mastodon.social/headers/original/missing.png",
    "followers_count": 2841, "following_count": 412, "statuses_count": 1930, "last_status_at": "2026-10-31",
    "emojis": [], "roles": [],
    "fields": [{"name": "Werk", "verified_at": "2024-05-01T10:00:00.000+00:00",
                "value": f"<a href=\"{AUTHOR}\" target=\"_blank\" rel=\"nofollow noopener me\">{AUTHOR}</a>"}],
}

BLUESKY = {
    "did": "did:plc:demoirisverzonnen0000000", "handle": f"{HANDLE}.bsky.social", "displayName": "Iris Verzonnen",
    "description": "Onderzoeksjournalist. Tips welkom, zie de link.", "website": f"https://linktr.ee/{HANDLE}",
    "avatar": "https://cdn.bsky.app/img/avatar/plain/did:plc:demoirisverzonnen0000000/demo@jpeg",
    "followersCount": 1954, "followsCount": 301, "postsCount": 870, "createdAt": "2023-06-01T09:00:00.000Z",
    "indexedAt": "2026-10-30T21:14:00.000Z",
}

LINKS = [("Mijn artikelen", AUTHOR),
         ("Veilig tips sturen", f"{NEWSROOM}/tips"),
         ("Mastodon", f"https://mastodon.social/@{HANDLE}"),
         ("Bluesky", f"https://bsky.app/profile/{HANDLE}.bsky.social")]
LINKTREE_ACCOUNT = {
    "id": 987700, "uuid": "1f1f1f1f-2222-4333-8444-555566667777", "username": HANDLE, "tier": "free",
    "isActive": True, "pageTitle": "Iris Verzonnen", "description": "Onderzoeksjournalist · Dagblad Het Verzinsel",
    "profilePictureUrl": "https://ugc.production.linktr.ee/demo-iris.jpeg",
    "socialLinks": [{"type": "EMAIL_ADDRESS", "url": f"mailto:{WORK}", "position": 0}],
    "links": [{"id": 2001 + i, "title": title, "url": url, "type": "CLASSIC", "position": i}
              for i, (title, url) in enumerate(LINKS)],
}


def linktree_page() -> str:
    data = json.dumps({"props": {"pageProps": {"account": LINKTREE_ACCOUNT}, "__N_SSP": True}, "page": "/[profile]",
                       "query": {"profile": HANDLE}, "buildId": "demo", "isFallback": False, "gssp": True})
    links = "".join(f"<a href='{url}'>{title}</a>" for title, url in LINKS)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>@{HANDLE} | Linktree</title>"
            "<meta name='description' content='Iris Verzonnen – onderzoeksjournalist'></head><body>"
            f"<div id='__next'><h1>Iris Verzonnen</h1><p>Onderzoeksjournalist · Dagblad Het Verzinsel</p>{links}</div>"
            f"<script id='__NEXT_DATA__' type='application/json'>{data.replace('<', chr(92) + 'u003c')}</script>"
            "</body></html>")


# The old handle: a Reddit bio that names her city and points to her current handle.
REDDIT_OLD = {"kind": "t2", "data": {
    "is_employee": False, "is_friend": False, "awardee_karma": 40, "id": "demo7iv", "verified": True,
    "is_gold": False, "is_mod": False, "awarder_karma": 0, "has_verified_email": True,
    "icon_img": "https://styles.redditmedia.com/t5_demoiv/styles/profileIcon_demo.png", "hide_from_robots": False,
    "link_karma": 95, "total_karma": 2210, "accept_chats": True, "name": OLD, "created": 1400000000.0,
    "created_utc": 1400000000.0, "comment_karma": 2115, "has_subscribed": True, "accept_pms": True,
    "subreddit": {
        "default_set": True, "banner_img": "", "restrict_posting": True, "title": "inktvis",
        "display_name": f"u_{OLD}", "display_name_prefixed": f"u/{OLD}", "over_18": False,
        "icon_img": "https://styles.redditmedia.com/t5_demoiv/styles/profileIcon_demo.png",
        "is_default_icon": False, "subscribers": 0, "name": "t5_demoiv", "url": f"/user/{OLD}/",
        "public_description": f"Haarlem · boeken · roeien bij De Spaarne. Tegenwoordig vooral op Mastodon: @{HANDLE}",
        "subreddit_type": "user", "user_is_subscriber": False,
    },
}}

STEAM_PUBLIC = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><profile>
\t<steamID64>76561190000000277</steamID64>
\t<steamID><![CDATA[inktvis]]></steamID>
\t<onlineState>offline</onlineState>
\t<stateMessage><![CDATA[Last Online 40 days ago]]></stateMessage>
\t<privacyState>public</privacyState>
\t<visibilityState>3</visibilityState>
\t<avatarIcon><![CDATA[https://avatars.steamstatic.com/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a.jpg]]></avatarIcon>
\t<avatarFull><![CDATA[https://avatars.steamstatic.com/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a_full.jpg]]></avatarFull>
\t<vacBanned>0</vacBanned>
\t<tradeBanState>None</tradeBanState>
\t<isLimitedAccount>0</isLimitedAccount>
\t<memberSince>March 3, 2013</memberSince>
\t<headline><![CDATA[]]></headline>
\t<location><![CDATA[Haarlem, Noord-Holland, Netherlands]]></location>
\t<realname><![CDATA[Iris]]></realname>
\t<summary><![CDATA[Puzzelgames en slechte grappen.]]></summary>
</profile>"""

# --- tip 2: the newsroom's pages (work email: fine; mobile number: not), an old club's member list ---

PAGES: dict[str, str] = {
    AUTHOR: html(
        "Iris Verzonnen – Dagblad Het Verzinsel",
        "<h1>Iris Verzonnen</h1><p>Onderzoeksjournalist. Schrijft over lokale macht en geld.</p>"
        f"<p>Mail: {WORK}</p><p><a href='{NEWSROOM}/tips'>Veilig tips sturen</a></p>"),
    CONTACT: html(
        "Contact met de redactie – Dagblad Het Verzinsel",
        "<h1>Redactie</h1><table>"
        "<tr><td>Algemeen</td><td>023-5550100</td></tr>"
        "<tr><td>Iris Verzonnen, onderzoek</td><td>06-87654321 (ook Signal)</td></tr>"
        "<tr><td>Daan Denkbeeld, sport</td><td>023-5550123</td></tr></table>"),
    MEMBERS: html(
        "Ledenlijst 2017 – Roeivereniging De Spaarne, Haarlem",
        "<h1>Ledenlijst 2017</h1><p>Alleen voor leden. Wijzigingen doorgeven aan het secretariaat.</p><table>"
        "<tr><td>Fenna Proef</td><td>Verzinselsteeg 8</td><td>2011 DD Haarlem</td></tr>"
        "<tr><td>Iris Verzonnen</td><td>Denkbeeldlaan 21</td><td>2012 AB Haarlem</td></tr>"
        "<tr><td>Bram Testman</td><td>Testmanweg 140</td><td>2015 BK Haarlem</td></tr></table>"),
    f"https://www.reddit.com/user/{OLD}": html(
        f"{OLD} (u/{OLD}) - Reddit",
        f"<h1>u/{OLD}</h1><p>Haarlem · boeken · roeien bij De Spaarne. Tegenwoordig vooral op Mastodon: "
        f"@{HANDLE}</p>", lang="en"),
}

LINKTREE_RESULT = (f"https://linktr.ee/{HANDLE}", f"@{HANDLE} | Linktree",
                   "Iris Verzonnen – onderzoeksjournalist · Dagblad Het Verzinsel")
AUTHOR_RESULT = (AUTHOR, "Iris Verzonnen – Dagblad Het Verzinsel",
                 "Onderzoeksjournalist. Schrijft over lokale macht en geld …")
SEARCHES = {
    '"Iris Verzonnen"': [
        AUTHOR_RESULT,
        (CONTACT, "Contact met de redactie – Dagblad Het Verzinsel", "… Iris Verzonnen, onderzoek …"),
        LINKTREE_RESULT,
    ],
    '"Iris Verzonnen" "Haarlem"': [
        (MEMBERS, "Ledenlijst 2017 – Roeivereniging De Spaarne, Haarlem", "… Iris Verzonnen …"),
    ],
    f'"Iris Verzonnen" "{HANDLE}"': [LINKTREE_RESULT],
    f'"{WORK}"': [AUTHOR_RESULT],
    f'"{HANDLE}"': [LINKTREE_RESULT],
    f'"{OLD}"': [
        (f"https://www.reddit.com/user/{OLD}", f"{OLD} (u/{OLD}) - Reddit",
         "Haarlem · boeken · roeien bij De Spaarne …"),
    ],
}

# Her domain's public registration is redacted (GDPR practice): nothing of hers in the record.
DOMAIN_RECORD = {
    "objectClassName": "domain",
    "rdapConformance": ["rdap_level_0", "icann_rdap_response_profile_1", "redacted"],
    "handle": "IRISVZ-EXAMPLE",
    "ldhName": DOMAIN,
    "status": ["active", "client transfer prohibited"],
    "events": [{"eventAction": "registration", "eventDate": "2021-09-01T12:00:00Z"},
               {"eventAction": "expiration", "eventDate": "2027-09-01T12:00:00Z"}],
    "links": [{"rel": "self", "href": f"{RDAP_BASE}domain/{DOMAIN}", "type": "application/rdap+json",
               "value": f"{RDAP_BASE}domain/{DOMAIN}"}],
    "entities": [
        {"objectClassName": "entity", "roles": ["registrant"],
         "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""],
                                  ["kind", {}, "text", "individual"]]],
         "remarks": [{"title": "REDACTED FOR PRIVACY", "type": "object redacted due to authorization",
                      "description": ["Some of the data in this object has been removed."]}]},
        {"objectClassName": "entity", "handle": "9998", "roles": ["registrar"],
         "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Voorbeeld Domains B.V."]]]},
    ],
    "notices": [{"title": "Demo", "description": ["Fictional registration for the doxaudit demo."]}],
}

PERSONA = Persona(
    id="iris",
    accounts={HANDLE: frozenset({"substack"}), OLD: frozenset({"wattpad", "lastfm"})},
    blocked={"x": RATE_LIMITED_LONG, "instagram": login_wall("https://www.instagram.com/accounts/login/")},
    profiles={
        (HANDLE, "mastodon"): json_answer(MASTODON),
        (HANDLE, "bluesky"): json_answer(BLUESKY),
        (HANDLE, "linktree"): html_answer(linktree_page()),
        (OLD, "reddit"): json_answer(REDDIT_OLD),
        (OLD, "steam"): (200, dict(XML_TYPE), STEAM_PUBLIC),
    },
    breaches={PRIVATE: XON},
    gravatar={WORK: GRAVATAR},
    searches=SEARCHES,
    pages=PAGES,
    rdap={DOMAIN: DOMAIN_RECORD},
)
