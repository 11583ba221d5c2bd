"""Per-platform advice exists, in English and Dutch, for every catalog site and every extractor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from doxaudit import advice
from doxaudit.catalog import builtin_sites
from doxaudit.checks.extractors import EXTRACTORS

ADVICE_DIR = Path(__file__).resolve().parent.parent / "checks" / "advice"
SOCIAL = json.loads((ADVICE_DIR / "social.json").read_text(encoding="utf-8"))["platforms"]


def advice_ids() -> list[str]:
    ids = {site.advice or site.id for site in builtin_sites()}
    ids |= {cls.advice or site_id for site_id, cls in EXTRACTORS.items()}
    return sorted(ids)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("key", advice_ids())
def test_every_catalog_and_extractor_advice_id_resolves(key: str, lang: str) -> None:
    found = advice.lookup(key, lang)
    assert found is not None, f"no advice for {key!r}: add it to checks/advice/social.json"
    assert found.title and found.text and found.where and found.steps


def test_social_advice_adds_platforms_and_redefines_none() -> None:
    for name in ("platforms.json", "general.json"):
        data = json.loads((ADVICE_DIR / name).read_text(encoding="utf-8"))
        assert not set(SOCIAL) & set(data.get("platforms", {})) and not set(SOCIAL) & set(data.get("advice", {}))


@pytest.mark.parametrize("key", sorted(SOCIAL))
def test_social_entries_are_complete_and_dutch_is_informal(key: str) -> None:
    entry = SOCIAL[key]
    assert entry["name"] and (entry["help_url"] == "" or entry["help_url"].startswith("https://"))
    for lang in ("en", "nl"):
        assert entry[lang]["where"] and entry[lang]["what"] and len(entry[lang]["steps"]) >= 2
    dutch = " ".join([entry["nl"]["where"], entry["nl"]["what"], *entry["nl"]["steps"]])
    assert not re.search(r"\b(u|uw|Uw)\b", dutch), "Dutch advice speaks to the reader as je/jouw"
    assert entry["nl"]["what"] != entry["en"]["what"]
