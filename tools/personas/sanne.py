"""Sanne Steekproef (low risk): careful, and it shows.

No breaches, no Gravatar, no commits with her address. A GitHub account that shows nothing, a locked
Mastodon account (whose bio still names her city: the one thing to fix) and a friends-only Steam
profile. Search finds only a namesake, a physiotherapist in Maastricht with another phone number and
postcode, which doxaudit correctly leaves out; the phone directory lists only that namesake. And the
scan is honest about what it could not see: TikTok asks for a captcha, Pinterest times out and YouTube
shows a cookie-consent page, so those stay unknown.

Sanne does not exist; "steekproef" is Dutch for "sample". Every page and profile here is invented, on
reserved example domains, in the shapes the real services answer in.
"""

from __future__ import annotations

from urllib.parse import quote

from .base import CAPTCHA, TIMEOUT, XML_TYPE, Persona, directory_page, html, json_answer

HANDLE = "sannesteekproef"
NAMESAKE = "https://fysio-steekproef.example.net/over-ons"

GITHUB_USER = {  # an account that shows nothing but its handle
    "login": HANDLE, "id": 90000101, "type": "User", "site_admin": False,
    "html_url": f"https://github.com/{HANDLE}", "name": None, "company": None, "blog": "", "location": None,
    "email": None, "hireable": None, "bio": None, "twitter_username": None,
    "public_repos": 2, "public_gists": 0, "followers": 1, "following": 3,
    "created_at": "2019-05-20T08:00:00Z", "updated_at": "2026-09-12T19:03:51Z",
}

MASTODON_LOCKED = {
    "id": "113344556677889900", "username": HANDLE, "acct": HANDLE, "display_name": "Sanne", "locked": True,
    "bot": False, "discoverable": False, "indexable": False, "group": False,
    "created_at": "2023-02-11T00:00:00.000Z",
    "note": "<p>Boeken, breien en de Vecht. Zwolle.</p>",  # a locked account still shows its bio
    "url": f"https://mastodon.social/@{HANDLE}", "uri": f"https://mastodon.social/users/{HANDLE}",
    "avatar": "https://mastodon.social/avatars/original/missing.png",
    "avatar_static": "https://mastodon.social/avatars/original/missing.png",
    "header": "https://mastodon.social/headers/original/missing.png",
    "header_static": "https://mastodon.social/headers/original/missing.png",
    "followers_count": 12, "following_count": 30, "statuses_count": 88, "last_status_at": "2026-10-28",
    "emojis": [], "roles": [], "fields": [],
}

STEAM_FRIENDS_ONLY = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><profile>
\t<steamID64>76561190000000108</steamID64>
\t<steamID><![CDATA[sst]]></steamID>
\t<onlineState>offline</onlineState>
\t<stateMessage><![CDATA[Offline]]></stateMessage>
\t<privacyState>friendsonly</privacyState>
\t<visibilityState>2</visibilityState>
\t<avatarIcon><![CDATA[https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb.jpg]]></avatarIcon>
\t<avatarFull><![CDATA[https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_full.jpg]]></avatarFull>
\t<vacBanned>0</vacBanned>
\t<tradeBanState>None</tradeBanState>
\t<isLimitedAccount>0</isLimitedAccount>
</profile>"""

# YouTube sends EU visitors to a cookie-consent page first: unknown, never "not found".
YOUTUBE = f"https://www.youtube.com/@{HANDLE}"
CONSENT = f"https://consent.youtube.com/m?continue={quote(YOUTUBE, safe='')}&gl=NL&hl=nl"
CONSENT_PAGE = html("Voordat je verdergaat naar YouTube",
                    "<form action='https://consent.youtube.com/save' method='post'><p>We gebruiken cookies en "
                    "gegevens om …</p><button>Alles accepteren</button><button>Alles afwijzen</button></form>")

# Another Sanne Steekproef: another city, another phone number, another postcode. Not her, not counted.
PAGES: dict[str, str] = {
    NAMESAKE: html(
        "Over ons – Fysiotherapie Steekproef, Maastricht",
        "<h1>Over ons</h1><p>Sanne Steekproef is fysiotherapeut en sportmasseur in Maastricht.</p>"
        "<p>Praktijk: Proefstraat 9, 6211 AB Maastricht. Telefoon 043-3214567.</p>"),
    CONSENT: CONSENT_PAGE,
}

SEARCHES = {
    '"Sanne Steekproef"': [
        (NAMESAKE, "Over ons – Fysiotherapie Steekproef, Maastricht",
         "Sanne Steekproef is fysiotherapeut en sportmasseur in Maastricht …"),
    ],
}

TELEFOONBOEK = directory_page("Sanne Steekproef – zoekresultaten", [
    ("Sanne Steekproef", "Proefstraat 9, 6211 AB Maastricht", "043-3214567"),  # the namesake's practice
])

PERSONA = Persona(
    id="sanne",
    blocked={"tiktok": CAPTCHA, "pinterest": TIMEOUT},
    profiles={
        (HANDLE, "github"): json_answer(GITHUB_USER),
        (HANDLE, "mastodon"): json_answer(MASTODON_LOCKED),
        (HANDLE, "steam"): (200, dict(XML_TYPE), STEAM_FRIENDS_ONLY),
        (HANDLE, "youtube"): (302, {"Location": CONSENT, "Content-Type": "text/html; charset=utf-8"}, ""),
    },
    searches=SEARCHES,
    pages=PAGES,
    directories={"telefoonboek-nl": TELEFOONBOEK},
)
