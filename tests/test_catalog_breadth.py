"""The built-in catalog is broad (issue 3 "Breadth"), consistent, and entry for entry WhatsMyName's detection data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from doxaudit.catalog import builtin_sites

ROOT = Path(__file__).resolve().parent.parent
CATALOG = json.loads((ROOT / "checks" / "sites.json").read_text(encoding="utf-8"))
RAW_SITES: list[dict[str, Any]] = CATALOG["sites"]
README = (ROOT / "checks" / "README.md").read_text(encoding="utf-8")

# Fields copied from WhatsMyName as they are ("headers" and "protection" are compared separately).
DETECTION = ("name", "uri_check", "uri_pretty", "post_body", "strip_bad_char", "e_code", "e_string", "m_code",
             "m_string", "known", "cat")
# WhatsMyName has no link-in-bio category (it files these under social, misc, business): named by id.
LINK_IN_BIO = {"linktree", "beacons", "biolink", "soloto", "biosite", "carrd", "aboutme", "heylink", "flowpage",
               "hoobe", "dotcards"}
# At least this many sites per WhatsMyName `cat` value (or group of values).
CATEGORY_MINIMUM = {
    ("social",): 30,
    ("images", "video"): 8,
    ("dating",): 3,
    ("finance",): 6,
    ("health",): 4,
    ("gaming",): 10,
    ("coding", "tech"): 15,
    ("music",): 5,
    ("shopping", "business"): 5,
}


def upstream_sites(corpus: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((corpus / "whatsmyname" / "wmn-data.json").read_text(encoding="utf-8"))
    return {s["name"]: s for s in data["sites"]}


def test_catalog_has_at_least_150_platforms() -> None:
    assert len(RAW_SITES) >= 150
    assert len(builtin_sites()) == len(RAW_SITES)  # none dropped as invalid


def test_ids_names_and_check_urls_are_unique() -> None:
    for key in ("name", "uri_check"):
        values = [str(s[key]).lower() for s in RAW_SITES]
        assert len(values) == len(set(values)), [v for v in values if values.count(v) > 1]
    ids = [s["doxaudit"]["id"] for s in RAW_SITES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_every_site_has_doxaudit_metadata_and_its_own_advice_id() -> None:
    for s in RAW_SITES:
        ours = s["doxaudit"]
        assert ours["advice"] == ours["id"], s["name"]
        assert ours["exposes"], s["name"]
        assert ours["visibility"] in ("public", "configurable", "unknown")


@pytest.mark.parametrize("cats, minimum", sorted(CATEGORY_MINIMUM.items()))
def test_category_coverage(cats: tuple[str, ...], minimum: int) -> None:
    assert sum(1 for s in RAW_SITES if s["cat"] in cats) >= minimum


def test_link_in_bio_pages_are_covered() -> None:
    ids = {s["doxaudit"]["id"] for s in RAW_SITES}
    assert ids >= LINK_IN_BIO
    assert len(LINK_IN_BIO) >= 8


def test_payment_and_fitness_platforms_that_matter_for_doxing_are_there() -> None:
    ids = {s["doxaudit"]["id"] for s in RAW_SITES}
    assert {"paypalme", "venmo", "revolut", "kofi", "patreon"} <= ids
    assert {"strava", "garminconnect", "sportstracker", "polarsteps"} <= ids
    assert {"tinder", "habbo-nl", "marocnl"} <= ids


def test_every_known_handle_is_accepted_by_its_pattern() -> None:
    for s in builtin_sites():
        if not s.handle_pattern:
            continue
        for known in s.known:
            assert s.accepts(known), (s.id, known)


@pytest.mark.parametrize("char", list("/?#@%"))
def test_no_handle_pattern_accepts_characters_that_change_the_url(char: str) -> None:
    for s in builtin_sites():
        if s.handle_pattern:
            assert not re.fullmatch(s.handle_pattern, f"ab{char}cd"), (s.id, char)


def test_handle_patterns_compile() -> None:
    for s in RAW_SITES:
        pattern = s["doxaudit"].get("handle_pattern")
        if pattern:
            re.compile(pattern)


def test_no_user_agent_header_and_no_post_or_invalid_entries() -> None:
    for s in RAW_SITES:
        assert "user-agent" not in {k.lower() for k in s.get("headers", {})}, s["name"]
        assert s.get("headers", None) != {}, s["name"]
        assert "post_body" not in s and "valid" not in s, s["name"]


def test_entries_match_whatsmyname_site_schema(corpus: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((corpus / "whatsmyname" / "wmn-data-schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema["properties"]["sites"]["items"])
    for s in RAW_SITES:
        errors = [e.message for e in validator.iter_errors({k: v for k, v in s.items() if k != "doxaudit"})]
        assert not errors, (s["name"], errors)


def test_detection_fields_equal_upstream_whatsmyname(corpus: Path) -> None:
    upstream = upstream_sites(corpus)
    for s in RAW_SITES:
        up = upstream.get(s["name"])
        assert up is not None, f"{s['name']!r} is not a WhatsMyName entry name"
        assert up.get("valid") is not False, s["name"]
        for key in DETECTION:
            assert s.get(key) == up.get(key), (s["name"], key)
        up_headers = up.get("headers") or {}
        kept = {k: v for k, v in up_headers.items() if k.lower() != "user-agent"}
        assert s.get("headers", {}) == kept, s["name"]
        protection = list(up.get("protection") or [])
        if len(kept) != len(up_headers) and "user-agent" not in protection:
            protection.append("user-agent")  # the UA we dropped is recorded as what the site wants
        assert list(s.get("protection") or []) == protection, s["name"]
        assert set(s) - {"doxaudit"} <= set(up) | {"protection"}, s["name"]


def test_readme_provenance_table_lists_every_site() -> None:
    table = README.split("| id | WhatsMyName entry (`name`) |", 1)[1].split("\n\n", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z0-9_-]+)` \| ([^|]+?) \|", table, flags=re.MULTILINE))
    for s in RAW_SITES:
        assert rows.get(s["doxaudit"]["id"]) == s["name"], s["doxaudit"]["id"]
    assert len(rows) == len(RAW_SITES)
    assert f"It picked {len(RAW_SITES)} of" in README
