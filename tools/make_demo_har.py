"""Writes doxaudit/data/persona-noor.har: everything the demo scan asks, answered for a person who does not exist.

Run after changing the catalog or the checks: `python tools/make_demo_har.py`.
The test suite fails if the demo plan asks for anything this recording lacks.
Every page, profile and breach below is invented. Domains are reserved example names.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from doxaudit.catalog import builtin_sites  # noqa: E402
from doxaudit.checks.search import DDG_URL  # noqa: E402
from doxaudit.config import RunConfig  # noqa: E402
from doxaudit.demo import demo_identity  # noqa: E402
from doxaudit.engine import plan  # noqa: E402
from doxaudit.registry import build_checks  # noqa: E402

STARTED = "2026-11-01T10:00:00.000Z"
HANDLE = "noorvoorbeeld"
FOUND_SITES = {"github", "instagram", "strava", "reddit", "linktree", "chesscom", "steam", "mastodon",
               "duolingo", "spotify"}
BLOCKED_SITES = {
    "x": (429, {"Retry-After": "2", "Content-Type": "application/json"}, '{"errors":[{"message":"Rate limit exceeded"}]}'),
    "tiktok": (403, {"Content-Type": "text/html"},
               "<html><head><title>Verify</title><script src='https://geo.captcha-delivery.com/captcha/'></script>"
               "</head><body>Please verify you are a human</body></html>"),
    "pinterest": (0, {}, "timed out"),
}


def html(title: str, body: str) -> str:
    return f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def site_body(site: Any, found: bool) -> tuple[int, dict[str, str], str]:
    if found:
        ctype = "application/json" if site.e_string.startswith('"') else "text/html; charset=utf-8"
        body = (f'{{"fictional_demo": true, {site.e_string} 1}}' if ctype == "application/json"
                else html(f"{HANDLE} {site.e_string}", f"<p>{site.e_string}</p><p>Demo profile of {HANDLE}.</p>"))
        headers = {"Content-Type": ctype}
        if 300 <= site.e_code < 400:
            headers["Location"] = site.profile_url(HANDLE)
        return site.e_code, headers, body
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if 300 <= site.m_code < 400:
        headers["Location"] = site.uri_check.split("/{account}")[0].split("?")[0] + "/"
    return site.m_code, headers, html("Not found", f"<p>{site.m_string}</p>")


GITHUB_USER = {
    "login": HANDLE, "id": 90000001, "type": "User", "site_admin": False,
    "html_url": f"https://github.com/{HANDLE}", "name": "Noor Voorbeeld", "company": "@voorbeeld-partners",
    "blog": f"https://linktr.ee/{HANDLE}", "location": "Utrecht", "email": "noor.voorbeeld@example.com",
    "hireable": None, "bio": "Projectleider data. Fietst, schaakt, bakt brood.", "twitter_username": None,
    "public_repos": 7, "public_gists": 1, "followers": 23, "following": 31,
    "created_at": "2016-03-14T09:12:44Z", "updated_at": "2026-10-02T18:40:11Z",
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

PAGES = {
    "https://www.example.org/team": html(
        "Ons team – Voorbeeld & Partners",
        "<h1>Ons team</h1><div class='person'><h2>Noor Voorbeeld</h2><p>Projectleider data</p>"
        "<p>Bel of app: 06-12345678</p><p>noor@voorbeeld-partners.example</p></div>"
        "<div class='person'><h2>Bram Testman</h2><p>Adviseur</p><p>Bel: 06-11112222</p></div>"),
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
        "<p><b>noortje_bakt</b>: Ik heb nog starter over, mail me gerust: noor.voorbeeld@example.com</p>"),
    f"https://github.com/{HANDLE}": html(f"{HANDLE} (Noor Voorbeeld) · GitHub", "<p>Projectleider data.</p>"),
    f"https://linktr.ee/{HANDLE}": html(f"@{HANDLE} | Linktree", "<p>Noor Voorbeeld – fietsen, schaken, brood</p>"),
}
SEARCHES = {
    '"Noor Voorbeeld"': [
        ("https://www.example.org/team", "Ons team – Voorbeeld & Partners",
         "Noor Voorbeeld. Projectleider data. Bel of app: 06-12345678 …"),
        ("https://keramiek.example.net/over-mij", "Over mij – Noor Voorbeeld Keramiek, Groningen",
         "Ik ben Noor Voorbeeld, keramist in Groningen. Atelier: Kleilaan 3 …"),
        (f"https://github.com/{HANDLE}", f"{HANDLE} (Noor Voorbeeld) · GitHub", "Projectleider data."),
    ],
    '"Noor Voorbeeld" "Utrecht"': [
        ("https://buurt.example.org/nieuwsbrief-oktober", "Nieuwsbrief oktober – Buurtvereniging Lombok-Oost",
         "Welkom aan onze nieuwe buren! Noor Voorbeeld woont sinds september …"),
        ("https://www.example.org/team", "Ons team – Voorbeeld & Partners", "Noor Voorbeeld. Projectleider data …"),
    ],
    '"noor.voorbeeld@example.com"': [
        ("https://forum.example.net/t/zuurdesem-starter/4521", "Zuurdesem starter delen? – Broodforum",
         "Ik heb nog starter over, mail me gerust …"),
    ],
    f'"{HANDLE}"': [
        (f"https://linktr.ee/{HANDLE}", f"@{HANDLE} | Linktree", "Noor Voorbeeld – fietsen, schaken, brood"),
        (f"https://github.com/{HANDLE}", f"{HANDLE} (Noor Voorbeeld) · GitHub", "Projectleider data."),
    ],
}


def ddg_page(results: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<div class='result results_links results_links_deep web-result'><div class='links_main links_deep result__body'>"
        f"<h2 class='result__title'><a rel='nofollow' class='result__a' "
        f"href='//duckduckgo.com/l/?uddg={quote(url, safe='')}&amp;rut=demo'>{title}</a></h2>"
        f"<a class='result__snippet' href='//duckduckgo.com/l/?uddg={quote(url, safe='')}'>{snippet}</a></div></div>"
        for url, title, snippet in results)
    return html("DuckDuckGo", f"<div id='links' class='results'>{items}</div>")


def entry(method: str, url: str, status: int, headers: dict[str, str], body: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "status": status, "statusText": "", "httpVersion": "HTTP/1.1",
        "headers": [{"name": k, "value": v} for k, v in headers.items()], "cookies": [],
        "content": {"size": len(body.encode()), "mimeType": headers.get("Content-Type", ""), "text": body},
        "redirectURL": headers.get("Location", ""), "headersSize": -1, "bodySize": -1,
    }
    if status == 0:
        response["_error"] = body
        response["content"]["text"] = ""
    return {"startedDateTime": STARTED, "time": 120,
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                        "cookies": [], "headersSize": -1, "bodySize": 0},
            "response": response, "cache": {}, "timings": {"send": 1, "wait": 100, "receive": 19}}


def area_answerers() -> list[Any]:
    """Modules in tools/demo_answers/: each may define `answer(request) -> (status, headers, body) | None`
    (for planned requests this file does not know) and `PAGES` ({url: html}) for pages found at run time."""
    modules = []
    for path in sorted((Path(__file__).parent / "demo_answers").glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"demo_answers.{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def main() -> None:
    identity = demo_identity()
    answerers = area_answerers()
    sites = {s.id: s for s in builtin_sites()}
    checks = build_checks(identity, list(sites.values()), RunConfig())
    entries = []
    json_type = {"Content-Type": "application/json; charset=utf-8"}
    for request in plan(checks):
        if request.dynamic:
            continue
        url = request.url
        if request.check == "breach:xposedornot":
            entries.append(entry("GET", url, 200, json_type, json.dumps(XON)))
        elif request.check == "api:gravatar":
            entries.append(entry("GET", url, 200, json_type, json.dumps(GRAVATAR)))
        elif request.check == "profile:github":
            entries.append(entry("GET", url, 200, json_type, json.dumps(GITHUB_USER)))
        elif request.check == "search:duckduckgo" and (
                query := next((q for q in SEARCHES if DDG_URL.format(query=quote_plus(q)) == url), None)):
            entries.append(entry("GET", url, 200, {"Content-Type": "text/html; charset=utf-8"},
                                 ddg_page(SEARCHES[query])))
        elif request.check.startswith("site:"):
            site_id = request.check.split(":", 1)[1]
            if site_id in BLOCKED_SITES:
                status, headers, body = BLOCKED_SITES[site_id]
            else:
                status, headers, body = site_body(sites[site_id], site_id in FOUND_SITES)
            entries.append(entry(request.method, url, status, headers, body))
        else:
            answer = next((a for m in answerers if hasattr(m, "answer") and (a := m.answer(request)) is not None), None)
            if answer is None:
                raise SystemExit(f"no demo answer for {request.check} {url}: add one in tools/demo_answers/")
            status, headers, body = answer
            entries.append(entry(request.method, url, status, headers, body))
    recorded = {e["request"]["url"] for e in entries}
    pages = dict(PAGES)
    for module in answerers:
        pages.update(getattr(module, "PAGES", {}))
    for url, body in pages.items():
        if url in recorded:  # one answer per URL: a site check and a result page may share it
            continue
        entries.append(entry("GET", url, 200, {"Content-Type": "text/html; charset=utf-8"}, body))
    har = {"log": {"version": "1.2", "creator": {"name": "doxaudit tools/make_demo_har.py", "version": "1"},
                   "comment": "Fictional demo persona Noor Voorbeeld. Nothing here is about a real person.",
                   "entries": entries}}
    out = ROOT / "doxaudit" / "data" / "persona-noor.har"
    out.write_text(json.dumps(har, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out} with {len(entries)} entries")


if __name__ == "__main__":
    main()
