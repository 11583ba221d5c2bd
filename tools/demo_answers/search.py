"""Demo answers for the search queries `tools/make_demo_har.py` does not know itself (issue 4's query plan).

Noor Voorbeeld does not exist; every page here is invented, on reserved example domains.
The chess results page mentions only her name (no city, no handle, nobody else's phone):
the demo report lists it as "possibly you, check" (INFO), which does not lower the score.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, quote_plus

from doxaudit.checks.search_backends import DDG_URL

HANDLE = "noorvoorbeeld"
CHESS = "https://schaakclub.example.org/uitslagen/clubkampioenschap-2026"


def html(title: str, body: str) -> str:
    return f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def ddg_page(results: list[tuple[str, str, str]]) -> str:
    """The same markup make_demo_har.py writes (DuckDuckGo's HTML endpoint classes)."""
    items = "".join(
        f"<div class='result results_links results_links_deep web-result'><div class='links_main links_deep result__body'>"
        f"<h2 class='result__title'><a rel='nofollow' class='result__a' "
        f"href='//duckduckgo.com/l/?uddg={quote(url, safe='')}&amp;rut=demo'>{title}</a></h2>"
        f"<a class='result__snippet' href='//duckduckgo.com/l/?uddg={quote(url, safe='')}'>{snippet}</a></div></div>"
        for url, title, snippet in results)
    return html("DuckDuckGo", f"<div id='links' class='results'>{items}</div>")


PAGES = {
    CHESS: html(
        "Uitslagen clubkampioenschap 2026 – Schaakclub De Toren",
        "<h1>Clubkampioenschap 2026</h1><table>"
        "<tr><td>1.</td><td>Bram Testman</td><td>5½</td></tr>"
        "<tr><td>2.</td><td>Noor Voorbeeld</td><td>5</td></tr>"
        "<tr><td>3.</td><td>Fenna Proef</td><td>3½</td></tr></table>"
        "<p>De volgende clubavond is op dinsdag.</p>"),
}
SEARCHES = {
    f'"Noor Voorbeeld" "{HANDLE}"': [
        (f"https://github.com/{HANDLE}", f"{HANDLE} (Noor Voorbeeld) · GitHub", "Projectleider data."),
        (f"https://linktr.ee/{HANDLE}", f"@{HANDLE} | Linktree", "Noor Voorbeeld – fietsen, schaken, brood"),
        (CHESS, "Uitslagen clubkampioenschap 2026 – Schaakclub De Toren", "… 2. Noor Voorbeeld 5 …"),
    ],
}


# The result pages themselves are also listed as pages, so the recording has them whichever way it is
# generated (make_demo_har.py records PAGES it has not already recorded for a planned request).
PAGES.update({DDG_URL.format(query=quote_plus(query)): ddg_page(results) for query, results in SEARCHES.items()})


def answer(request: Any) -> tuple[int, dict[str, str], str] | None:
    """DuckDuckGo result pages for the queries above; None for anything else."""
    if request.check != "search:duckduckgo":
        return None
    for query, results in SEARCHES.items():
        if DDG_URL.format(query=quote_plus(query)) == request.url:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, ddg_page(results)
    return None
