import json
from pathlib import Path

import pytest

from doxaudit.catalog import Site, builtin_sites, load_file, merge, parse_catalog, parse_site
from doxaudit.checks.sites import classify
from doxaudit.errors import InputError
from doxaudit.model import Status
from tests.helpers import result

ROOT = Path(__file__).resolve().parent.parent


def site(**kw: object) -> Site:
    base = dict(name="Example", uri_check="https://example.com/u/{account}", e_code=200, e_string="profile-header",
                m_code=404, m_string="Not Found", known=["a"], cat="social")
    base.update(kw)
    parsed = parse_site(base, "test")
    assert parsed is not None
    return parsed


def test_builtin_catalog_loads_with_unique_ids_and_enough_platforms() -> None:
    sites = builtin_sites()
    ids = [s.id for s in sites]
    assert len(ids) == len(set(ids))
    assert len(sites) >= 20
    assert all("{account}" in s.uri_check for s in sites)
    assert not any("user-agent" in {k.lower() for k in s.headers} for s in sites)


def test_builtin_catalog_matches_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads((ROOT / "checks" / "sites.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "checks" / "sites.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_every_whatsmyname_entry_parses(corpus: Path) -> None:
    data = json.loads((corpus / "whatsmyname" / "wmn-data.json").read_text(encoding="utf-8"))
    sites = parse_catalog(data, "wmn")
    assert len(sites) == len(data["sites"]) - sum(1 for s in data["sites"] if s.get("valid") is False)


def test_known_accounts_match_handle_patterns() -> None:
    for s in builtin_sites():
        for known in s.known:
            if s.handle_pattern and " " not in known:
                assert s.accepts(known) or not s.account(known), (s.id, known)


@pytest.mark.parametrize("status, body, expected", [
    (200, "<div class='profile-header'>", Status.FOUND),
    (404, "Not Found", Status.NOT_FOUND),
    (404, "something else", Status.UNKNOWN),         # right code, wrong string: not a clean miss
    (200, "a generic landing page", Status.UNKNOWN),  # right code, no profile marker: soft-404 risk
    (500, "oops", Status.UNKNOWN),
    (429, "profile-header", Status.UNKNOWN),
])
def test_three_valued_semantics(status: int, body: str, expected: Status) -> None:
    assert classify(site(), result(status, body))[0] is expected


def test_equal_codes_are_told_apart_by_strings_only() -> None:
    s = site(m_code=200, m_string='"them":[null]', e_string='"id":')
    assert classify(s, result(200, '{"them":[{"id": 1}]}'))[0] is Status.FOUND
    assert classify(s, result(200, '{"them":[null]}'))[0] is Status.NOT_FOUND
    assert classify(s, result(200, '{"them":[null], "id": 1}'))[0] is Status.UNKNOWN


def test_empty_missing_string_with_equal_codes_lets_the_profile_marker_decide() -> None:
    s = site(m_code=200, m_string="")
    assert classify(s, result(200, "profile-header"))[0] is Status.FOUND
    assert classify(s, result(200, "nothing"))[0] is Status.NOT_FOUND


def test_empty_strings_on_both_sides_with_equal_codes_is_unknown() -> None:
    s = site(m_code=200, m_string="", e_string="")
    assert classify(s, result(200, "anything"))[0] is Status.UNKNOWN


def test_redirect_as_missing_signal_and_unexpected_redirect() -> None:
    s = site(m_code=302, m_string="")
    assert classify(s, result(302, "", {"Location": "https://example.com/"}))[0] is Status.NOT_FOUND
    assert classify(site(), result(302, "", {"Location": "https://example.com/"}))[0] is Status.UNKNOWN
    login = result(302, "", {"Location": "https://example.com/login?next=/u/x"})
    assert classify(site(), login)[0] is Status.UNKNOWN


@pytest.mark.parametrize("body, headers, status", [
    ("<title>Just a moment...</title><script src='/cdn-cgi/challenge-platform/x'></script>", {}, 403),
    ("<html>ddos-guard</html>", {}, 403),
    ("<div id='px-captcha'></div>", {}, 403),
    ("<div class='g-recaptcha'></div> profile-header", {}, 200),
    ("", {"Server": "cloudflare"}, 503),
])
def test_block_pages_are_unknown_never_found_or_missing(body: str, headers: dict[str, str], status: int) -> None:
    s = site(e_code=status, m_code=status, m_string="")
    got, reason, _ = classify(s, result(status, body, headers))
    assert got is Status.UNKNOWN and reason


def test_network_error_is_unknown() -> None:
    assert classify(site(), result(None, error="timeout"))[:2] == (Status.UNKNOWN, "timeout")


def test_strip_bad_char_and_handle_pattern() -> None:
    s = site(strip_bad_char=".", doxaudit={"id": "x", "handle_pattern": "^[a-z]{3,10}$"})
    assert s.check_url("no.or") == "https://example.com/u/noor"
    assert s.accepts("no.or")
    assert not s.accepts("ab")


def test_account_in_host_only_when_it_is_a_valid_label() -> None:
    s = site(uri_check="https://{account}.example.com/")
    assert s.accepts("noor") and s.check_url("noor") == "https://noor.example.com/"
    assert not s.accepts("noor.evil.com")
    assert not s.accepts("no_or")


def test_account_is_url_quoted_in_paths() -> None:
    s = site()
    assert s.check_url("a b/../c") == "https://example.com/u/a%20b%2F..%2Fc"


@pytest.mark.parametrize("raw, fragment", [
    ({"name": "X"}, "lacks required field"),
    ({"name": "X", "uri_check": "https://x.com/{account}", "e_code": "200", "e_string": "", "m_code": 404,
      "m_string": "", "known": [], "cat": "x"}, "must be int"),
    ({"name": "X", "uri_check": "https://x.com/", "e_code": 200, "e_string": "", "m_code": 404,
      "m_string": "", "known": [], "cat": "x"}, "no {account}"),
    ({"name": "X", "uri_check": "https://{account}/", "e_code": 200, "e_string": "", "m_code": 404,
      "m_string": "", "known": [], "cat": "x"}, "host is fixed"),
    ({"name": "X", "uri_check": "file:///etc/{account}", "e_code": 200, "e_string": "", "m_code": 404,
      "m_string": "", "known": [], "cat": "x"}, "http"),
])
def test_malformed_entries_name_the_entry(raw: dict[str, object], fragment: str) -> None:
    with pytest.raises(InputError, match="entry 'X'"):
        parse_site(raw, "file")
    with pytest.raises(InputError, match=fragment.replace("{", r"\{").replace("}", r"\}")):
        parse_site(raw, "file")


def test_invalid_entries_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"sites": [
        {"name": "Off", "uri_check": "https://x.com/{account}", "e_code": 200, "e_string": "a", "m_code": 404,
         "m_string": "b", "known": ["a"], "cat": "x", "valid": False}]}), encoding="utf-8")
    assert load_file(path) == []


def test_builtin_entries_win_over_added_ones() -> None:
    builtin = [site(name="GitHub", e_string="builtin")]
    extra = [site(name="github", e_string="added", uri_check="https://other.example/{account}"),
             site(name="Other", uri_check="https://other.example/u/{account}"),
             site(name="Same URL, other name")]
    merged = merge(builtin, extra)
    assert [s.e_string for s in merged if s.name.lower() == "github"] == ["builtin"]
    assert {s.name for s in merged} == {"GitHub", "Other"}
