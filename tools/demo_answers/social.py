"""Demo answers for tip 3: every catalog site and profile API, for each handle of a persona.

A site or platform the persona (tools/personas/) does not name answers "no such user" in its own
words, so a catalog that grows needs only a rerun of tools/make_demo_har.py. Presence-only catalog
sites answer in WhatsMyName's terms (e_code/e_string for an account, m_code/m_string for none).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

if (_TOOLS := str(Path(__file__).resolve().parent.parent)) not in sys.path:
    sys.path.insert(0, _TOOLS)  # tools/: the personas package, also when this file is loaded on its own

from personas import Answer, Persona, load
from personas.base import HTML_TYPE, JSON_TYPE, XML_TYPE, html

from doxaudit.catalog import Site, builtin_sites
from doxaudit.checks.extractors import EXTRACTORS


@cache
def catalog() -> dict[str, Site]:
    return {s.id: s for s in builtin_sites()}


def site_body(site: Site, found: bool, handle: str) -> Answer:
    """A catalog site's answer for `handle`: a profile with the site's own marker, or its not-found page."""
    if found:
        ctype = "application/json" if site.e_string.startswith('"') else "text/html; charset=utf-8"
        body = (f'{{"fictional_demo": true, {site.e_string} 1}}' if ctype == "application/json"
                else html(f"{handle} {site.e_string}", f"<p>{site.e_string}</p><p>Demo profile of {handle}.</p>"))
        headers = {"Content-Type": ctype}
        if 300 <= site.e_code < 400:
            headers["Location"] = site.profile_url(handle)
        return site.e_code, headers, body
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if 300 <= site.m_code < 400:
        headers["Location"] = site.uri_check.split("/{account}")[0].split("?")[0] + "/"
    return site.m_code, headers, html("Not found", f"<p>{site.m_string}</p>")


def telegram_not_found(handle: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: Contact @{handle}</title>
<meta property="og:title" content="Telegram: Contact @{handle}">
<meta property="og:image" content="https://telegram.org/img/t_logo.png">
<meta property="og:site_name" content="Telegram">
<meta property="og:description" content="You can contact @{handle} right away.">
<meta name="robots" content="noindex, nofollow"></head>
<body class="no_transition"><div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page">
<div class="tgme_page_icon"><i class="tgme_icon_user"></i></div>
<div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact
<a class="tgme_username_link" href="tg://resolve?domain={handle}">@{handle}</a> right away.</div>
<div class="tgme_page_action"><a class="tgme_action_button_new shine" href="tg://resolve?domain={handle}">Send Message</a>
</div></div></div></div></body></html>"""


def not_found(site_id: str, handle: str) -> Answer | None:
    """Each profile API's "no account with this handle", in the platform's own words; None if unknown."""
    j, h = dict(JSON_TYPE), dict(HTML_TYPE)
    answers: dict[str, Answer] = {
        "github": (404, j, json.dumps({"message": "Not Found", "status": "404",
                                       "documentation_url": "https://docs.github.com/rest/users/users"})),
        "gitlab": (200, j, "[]"),
        "codeberg": (404, j, json.dumps({"errors": None, "message": f"user redirect does not exist [name: {handle}]",
                                         "url": "https://codeberg.org/api/swagger"})),
        "keybase": (200, j, json.dumps({"status": {"code": 0, "name": "OK"}, "them": [None]})),
        "hackernews": (200, j, "null"),
        "devto": (404, j, json.dumps({"error": "not found", "status": 404})),
        "dockerhub": (404, j, json.dumps({"message": "User not found", "errinfo": {"username": handle}})),
        "reddit": (404, j, json.dumps({"message": "Not Found", "error": 404})),
        "bluesky": (400, j, json.dumps({"error": "InvalidRequest", "message": "Profile not found"})),
        "mastodon": (404, j, json.dumps({"error": "Record not found"})),
        "telegram": (200, h, telegram_not_found(handle)),
        "youtube": (404, h, "<!DOCTYPE html><html lang='nl'><head><title>404 Not Found</title></head>"
                            "<body><p>Deze pagina is niet beschikbaar.</p></body></html>"),
        "steam": (200, dict(XML_TYPE), "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><response>"
                                       "<error><![CDATA[The specified profile could not be found.]]></error></response>"),
        "chesscom": (404, j, json.dumps({"code": 0, "message": f"User \"{handle}\" not found."})),
        "lichess": (404, j, json.dumps({"error": "Not found"})),
        "linktree": (404, h, html("Linktree", "<h1>The page you’re looking for doesn’t exist.</h1>", lang="en")),
    }
    return answers.get(site_id)


def _handle(persona: Persona, matches: Any) -> str | None:
    return next((h for h in persona.identity.handles if matches(h)), None)


def answer(request: Any, persona: Persona | None = None) -> Answer | None:
    """A catalog site's or profile API's answer for one of the persona's handles (default persona: noor)."""
    persona = persona or load("noor")
    check, url = str(getattr(request, "check", "")), str(getattr(request, "url", ""))
    if getattr(request, "dynamic", False):
        return None
    kind, _, site_id = check.partition(":")
    if kind == "site" and site_id in catalog():
        site = catalog()[site_id]
        handle = _handle(persona, lambda h: site.accepts(h) and site.check_url(h) == url)
        if handle is None:
            return None
        if site_id in persona.blocked:
            return persona.blocked[site_id]
        return site_body(site, site_id in persona.accounts.get(handle, frozenset()), handle)
    if kind == "profile" and site_id in EXTRACTORS:
        extractor = EXTRACTORS[site_id]
        handle = _handle(persona, lambda h: extractor(h).accepts() and extractor(h).request_url() == url)
        if handle is None:
            return None
        if (handle, site_id) in persona.profiles:
            return persona.profiles[(handle, site_id)]
        if site_id in persona.blocked:
            return persona.blocked[site_id]
        return not_found(site_id, handle)
    return None
