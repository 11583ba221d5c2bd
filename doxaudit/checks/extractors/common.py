"""Small, bounded readers shared by the extractors: every value from the web is hostile.

Strings come out trimmed, without control characters and capped in length; anything of
the wrong type is treated as absent, never as an error. HTML is parsed with lxml from a
capped prefix only.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import Tag

try:
    from bs4.filter import SoupStrainer
except ImportError:  # beautifulsoup4 < 4.13
    from bs4 import SoupStrainer  # type: ignore[attr-defined, no-redef, unused-ignore]

from ...net.fetch import FetchResult
from ..jsonutil import parse_json, text_field

MAX_HTML_CHARS = 1_500_000  # a profile page's head and first screen; more is not parsed
MAX_FRAGMENT_CHARS = 20_000  # an HTML bio or note
MAX_LIST_ITEMS = 20


def clean(value: object, limit: int = 500) -> str:
    """A string value, trimmed and stripped of control characters; "" for anything else."""
    return text_field({"v": value}, "v", limit)


def dig(data: object, *keys: str | int) -> object:
    """data[k1][k2]... through dicts and lists; None as soon as a step does not fit."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(data, list) or not -len(data) <= key < len(data):
                return None
            data = data[key]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(key)
    return data


def count(value: object) -> str:
    """A positive integer as text ("23"); "" for zero, negatives, bools, floats and strings."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**12:
        return str(value)
    return ""


def html_text(value: object, limit: int = 500) -> str:
    """The visible text of an HTML fragment (a bio), markup and scripts removed."""
    if not isinstance(value, str) or not value.strip():
        return ""
    if "<" not in value and "&" not in value:
        return clean(value, limit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # a bio that is just a URL
        soup = BeautifulSoup(value[:MAX_FRAGMENT_CHARS], "lxml")
    for tag in soup.find_all(["script", "style", "template"]):
        tag.decompose()
    for br in soup.find_all(["br", "p", "li"]):
        br.insert_before(" ")
    return clean(soup.get_text(""), limit)


def join(values: list[str], limit: int = 500, sep: str = ", ") -> str:
    """Distinct non-empty values joined, in order, capped."""
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
        if len(seen) >= MAX_LIST_ITEMS:
            break
    return clean(sep.join(seen), limit)


def web_url(value: object, limit: int = 300) -> str:
    """An http(s) URL as text, or "" (javascript:, data: and friends are not websites)."""
    text = clean(value, limit)
    return text if re.match(r"https?://[^\s/]", text, re.IGNORECASE) else ""


def json_body(result: FetchResult) -> Any:
    return parse_json(result.body)


def page_text(result: FetchResult) -> str:
    return result.text[:MAX_HTML_CHARS]


def meta_tags(result: FetchResult) -> dict[str, str]:
    """OpenGraph/Twitter/description meta tags and canonical link of an HTML page, lower-cased keys.

    The first occurrence of a key wins (a later, injected duplicate cannot override it).
    """
    strainer = SoupStrainer(["meta", "link", "title"])
    soup = BeautifulSoup(page_text(result), "lxml", parse_only=strainer)
    tags: dict[str, str] = {}
    for tag in soup.find_all(["meta", "link", "title"]):
        if not isinstance(tag, Tag):
            continue
        if tag.name == "title":
            tags.setdefault("title", clean(tag.get_text(" ")))
            continue
        if tag.name == "link":
            rel = tag.get("rel")
            rels = rel if isinstance(rel, list) else [str(rel or "")]
            if "canonical" in [str(r).lower() for r in rels]:
                tags.setdefault("canonical", clean(tag.get("href"), 300))
            continue
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str):
            tags.setdefault(key.strip().lower()[:80], clean(content, 1000))
    return tags


def script_json(result: FetchResult, element_id: str) -> Any:
    """The JSON inside <script id=element_id> (Next.js's __NEXT_DATA__), or None if there is none."""
    soup = BeautifulSoup(page_text(result), "lxml", parse_only=SoupStrainer("script", id=element_id))
    tag = soup.find("script", id=element_id)
    if not isinstance(tag, Tag):
        return None
    return parse_json(tag.get_text().encode("utf-8"))

