"""Demo answers for the search queries of the demo plan: DuckDuckGo's HTML result pages.

A query the persona (tools/personas/) lists gets its results; every other query the plan makes gets
DuckDuckGo's "No results." page. The result pages themselves are the persona's `pages`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

if (_TOOLS := str(Path(__file__).resolve().parent.parent)) not in sys.path:
    sys.path.insert(0, _TOOLS)  # tools/: the personas package, also when this file is loaded on its own

from personas import Answer, Persona, SearchResult, load
from personas.base import HTML_TYPE, html

from doxaudit.checks.search_backends import DDG_URL

NO_RESULTS = html("DuckDuckGo", "<div id='links' class='results'><div class='no-results'>No results.</div></div>")


def ddg_page(results: list[SearchResult] | tuple[SearchResult, ...]) -> str:
    """Results in the markup of DuckDuckGo's HTML endpoint (the classes doxaudit's parser reads)."""
    items = "".join(
        f"<div class='result results_links results_links_deep web-result'><div class='links_main links_deep result__body'>"
        f"<h2 class='result__title'><a rel='nofollow' class='result__a' "
        f"href='//duckduckgo.com/l/?uddg={quote(url, safe='')}&amp;rut=demo'>{title}</a></h2>"
        f"<a class='result__snippet' href='//duckduckgo.com/l/?uddg={quote(url, safe='')}'>{snippet}</a></div></div>"
        for url, title, snippet in results)
    return html("DuckDuckGo", f"<div id='links' class='results'>{items}</div>")


def search_url(query: str) -> str:
    return DDG_URL.format(query=quote_plus(query))


def answer(request: Any, persona: Persona | None = None) -> Answer | None:
    """DuckDuckGo's page for a planned query (default persona: noor); None for anything else."""
    persona = persona or load("noor")
    url = str(getattr(request, "url", ""))
    if getattr(request, "check", "") != "search:duckduckgo" or getattr(request, "dynamic", False):
        return None
    for query, results in persona.searches.items():
        if search_url(query) == url:
            return 200, dict(HTML_TYPE), ddg_page(list(results)) if results else NO_RESULTS
    return 200, dict(HTML_TYPE), NO_RESULTS
