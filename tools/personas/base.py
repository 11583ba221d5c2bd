"""What a demo persona's recording holds, as data: a `Persona` says what the web answers about them.

Only what differs from "nothing there" is listed. Everything a persona does not mention is answered by the
area modules in tools/demo_answers/ with the platform's own "not found" (a catalog site, a profile API),
"no known breach", "no results" or an empty directory page, so a site added to the catalog needs only a
rerun of tools/make_demo_har.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from doxaudit.demo import demo_identity
from doxaudit.identity import Identity

Answer = tuple[int, dict[str, str], str]  # status, headers, body; status 0 is a failed exchange (body: why)
SearchResult = tuple[str, str, str]  # url, title, snippet

JSON_TYPE = {"Content-Type": "application/json; charset=utf-8"}
HTML_TYPE = {"Content-Type": "text/html; charset=utf-8"}
XML_TYPE = {"Content-Type": "text/xml; charset=utf-8"}
# The RDAP server the demo bootstrap (demo_answers/contact.py) names for the reserved `.example` TLD.
RDAP_BASE = "https://rdap.voorbeeld.example/"


def html(title: str, body: str, lang: str = "nl") -> str:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{body}</body></html>")


def json_answer(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    return status, dict(headers or JSON_TYPE), json.dumps(data)


def html_answer(body: str, status: int = 200) -> Answer:
    return status, dict(HTML_TYPE), body


def directory_page(title: str, rows: list[tuple[str, str, str]], empty: bool = False) -> str:
    """A result list in the shape of a Dutch phone directory: (name, address, phone) a row."""
    items = "".join(f"<li class='result'><h2>{name}</h2><p class='address'>{address}</p><p class='phone'>{phone}</p></li>"
                    for name, address, phone in rows)
    body = "<p>Geen resultaten gevonden.</p>" if empty else f"<ol class='results'>{items}</ol>"
    return (f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


# Ways a site hides its answer, the same for every persona: doxaudit must report these as unknown.
RATE_LIMITED: Answer = (429, {"Retry-After": "2", "Content-Type": "application/json"},
                '{"errors":[{"message":"Rate limit exceeded"}]}')
RATE_LIMITED_LONG: Answer = (429, {"Retry-After": "900", "Content-Type": "application/json"},
                     '{"errors":[{"message":"Rate limit exceeded"}]}')  # longer than doxaudit waits: no retry
CAPTCHA: Answer = (403, {"Content-Type": "text/html"},
           "<html><head><title>Verify</title><script src='https://geo.captcha-delivery.com/captcha/'></script>"
           "</head><body>Please verify you are a human</body></html>")
TIMEOUT: Answer = (0, {}, "timed out")


def login_wall(login_url: str) -> Answer:
    return 302, {"Location": login_url, "Content-Type": "text/html; charset=utf-8"}, ""


@dataclass(frozen=True)
class Persona:
    """Everything the demo web says about one fictional person. Keys are the persona's own identifiers
    (handles, emails, domains) exactly as in doxaudit/data/persona-<id>.toml; the generator checks that."""

    id: str
    # tip 3 — catalog sites (presence only) where a handle has an account: {handle: {site id, ...}}
    accounts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # sites or profile APIs that hide their answer (rate limit, captcha, timeout), for every handle: {site id: answer}
    blocked: Mapping[str, Answer] = field(default_factory=dict)
    # profile extractors' answers: {(handle, site id): answer}; missing means the platform's "no such user"
    profiles: Mapping[tuple[str, str], Answer] = field(default_factory=dict)
    # tip 1 — {email: XposedOrNot breach-analytics JSON}; missing means no known breach (404)
    breaches: Mapping[str, Any] = field(default_factory=dict)
    # {email: Gravatar v3 profile JSON}; missing means no profile (404)
    gravatar: Mapping[str, Any] = field(default_factory=dict)
    # {email: GitHub commit-search JSON}; missing means no commits with that address
    commits: Mapping[str, Any] = field(default_factory=dict)
    # tip 2 — {query as doxaudit sends it: [(url, title, snippet), ...]}; missing means "No results."
    searches: Mapping[str, Sequence[SearchResult]] = field(default_factory=dict)
    # pages found at run time (search results, redirect targets, follow-up APIs): {url: html or answer}
    pages: Mapping[str, str | Answer] = field(default_factory=dict)
    # {domain: RDAP domain record}; the registry server comes from the demo bootstrap (contact.py)
    rdap: Mapping[str, Any] = field(default_factory=dict)
    # {directory id: result page for the persona's name}; missing means an empty result page
    directories: Mapping[str, str] = field(default_factory=dict)

    @property
    def identity(self) -> Identity:
        return identity_of(self.id)


@cache
def identity_of(persona_id: str) -> Identity:
    return demo_identity(persona_id)
