"""URL building, property-based: nothing the user types can change which host is asked or which path is read.

For every handle `identity.normalize_handle` accepts, every catalog site's check/profile URL and every
extractor's URLs keep the scheme, host and port of their template, gain no path segment and no query
parameter, and read the same under two URL parsers (httpx and urllib). Strings with `/`, `\\`, `%`, `#`,
`?`, `@` (after the leading ones), whitespace or any non-ASCII character (look-alikes, full-width forms)
are refused as handles. Search queries stay in the query string; directory names and cities stay in
their placeholder; RDAP domains stay one path segment.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from doxaudit.catalog import HOST_LABEL_RE, builtin_sites
from doxaudit.checks.extractors import EXTRACTORS
from doxaudit.checks.extractors.gitlab import GitLabProfileCheck
from doxaudit.checks.rdap import BOOTSTRAP_URL, RdapCheck, domain_url, rdap_base, related_url
from doxaudit.checks.search import MANUAL_ENGINES, manual_links, search_queries
from doxaudit.checks.search_backends import Brave, DuckDuckGo, SearXNG
from doxaudit.directories import builtin_directories
from doxaudit.errors import InputError
from doxaudit.identity import HANDLE_RE, Identity, build_identity, normalize_domain, normalize_handle, normalize_name

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SENTINEL = "zqxsentinelzqx"
SITES = builtin_sites()
# Characters that would change a URL's structure, and characters that only look like harmless ones.
DANGEROUS = ["/", "\\", "%", "%2F", "%2f", "#", "?", "@", ":", "&", "=", ";", "+", " ", "\t", "../", "..\\", "//",
             "\u2215", "\u2044", "\uff0f", "\uff3c", "\uff20", "\uff03", "\uff1f", "\uff0e", "\u3002", "\uff61",
             "\u0430", "\u0455", "\u03bf", "\u200b", "\u00a0", "\u2024", "\ufe52", "\u1735", "\u0338", "\u2100"]


def examples(*values: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        for value in reversed(values):
            test = example(value)(test)
        return test
    return decorate


def valid_handle(raw: str) -> str | None:
    try:
        return normalize_handle(raw)
    except InputError:
        return None


# Valid handles straight from the rule, and hostile strings that survive it (if any).
handles = st.one_of(
    st.from_regex(HANDLE_RE, fullmatch=True),
    st.builds(lambda a, d, b: f"{a}{d}{b}", st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True),
              st.sampled_from([".", "..", "-", "_", "._", ".-.", "--"]), st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)),
    st.builds(lambda p, s: "@" * p + s, st.integers(0, 3), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}[A-Za-z0-9]",
                                                                          fullmatch=True)),
)
hostile_strings = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, d, b: a + d + b, st.text(string.ascii_letters + string.digits + "._-", max_size=10),
              st.sampled_from(DANGEROUS), st.text(string.ascii_letters + string.digits + "._-", max_size=10)),
)


def segments(path: str) -> list[str]:
    return path.split("/")


def assert_same_shape(template: str, url: str, account: str, *, requested: bool = True) -> None:
    """`url` is `template` with SENTINEL replaced by `account` in place: same scheme, host, port, path
    segments and query keys, under both httpx and urllib. An account in the host is one label under the
    template's domain (and a valid label when the URL is requested, not only shown)."""
    t, u = httpx.URL(template), httpx.URL(url)
    assert u.scheme == t.scheme and u.port == t.port, (template, url)
    if SENTINEL in t.host:
        assert "." not in account and (HOST_LABEL_RE.fullmatch(account) or not requested), (template, url)
        assert u.host == t.host.replace(SENTINEL, account.lower()), (template, url)
    else:
        assert u.host == t.host, (template, url)
    for raw in (url,):
        parts = urlsplit(raw)
        assert (parts.hostname or "") == u.host, f"parsers disagree on the host of {raw!r}"
        assert parts.scheme == u.scheme
    t_segments, u_segments = segments(t.raw_path.decode().split("?")[0]), segments(u.raw_path.decode().split("?")[0])
    assert len(u_segments) == len(t_segments), (template, url)
    assert not set(u_segments) & {".", ".."}, url
    for ts, us in zip(t_segments, u_segments, strict=True):
        if SENTINEL not in ts:
            assert us == ts, (template, url)
        else:
            assert unquote(us).lower() == unquote(ts).replace(SENTINEL, account).lower(), (template, url)
    t_query, u_query = parse_qsl(t.query.decode(), keep_blank_values=True), parse_qsl(u.query.decode(),
                                                                                         keep_blank_values=True)
    assert [k for k, _ in u_query] == [k for k, _ in t_query], (template, url)
    for (_, tv), (_, uv) in zip(t_query, u_query, strict=True):
        assert uv.lower() == tv.replace(SENTINEL, account).lower(), (template, url)
    assert u.fragment == t.fragment.replace(SENTINEL, account), (template, url)


# --- the handle rule ----------------------------------------------------------------------------------

@SETTINGS
@given(hostile_strings)
@examples("../admin", "a/../b", "a%2Fb", "a@evil.com", "evil.com#", "a?x=1", "a\\b", "n\u043eor", "\uff4e\uff4f\uff4f\uff52",
          "noor\u200b", "a:b", "\u2024\u2024/x", "noor\uff0fadmin", ".", "..", "-a", "a.", "@@noor", "@")
def test_normalize_handle_accepts_only_url_safe_ascii(raw: str) -> None:
    handle = valid_handle(raw)
    if handle is None:
        return
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,64}", handle), handle
    assert handle[0].isalnum() and handle[-1] not in ".-", handle
    assert handle not in (".", "..")


@SETTINGS
@given(st.text(string.ascii_letters + string.digits + "._-", max_size=10), st.sampled_from(
    [d for d in DANGEROUS if d not in (".",)]), st.text(string.ascii_letters + string.digits + "._-", max_size=10))
def test_every_handle_with_a_structural_or_lookalike_character_is_refused(before: str, danger: str, after: str) -> None:
    assume(before and after)  # inside the handle: a leading `@` and surrounding whitespace are stripped, not refused
    with pytest.raises(InputError):
        normalize_handle(before + danger + after)


# --- catalog sites ------------------------------------------------------------------------------------

@SETTINGS
@given(handles)
def test_catalog_urls_keep_host_and_path_for_every_valid_handle(raw: str) -> None:
    handle = valid_handle(raw)
    assume(handle is not None)
    assert handle is not None
    for site in SITES:
        if not site.accepts(handle):
            continue
        account = site.account(handle)
        assert_same_shape(site.uri_check.replace("{account}", SENTINEL), site.check_url(handle), account)
        assert_same_shape((site.uri_pretty or site.uri_check).replace("{account}", SENTINEL), site.profile_url(handle),
                          account, requested=False)


@SETTINGS
@given(hostile_strings)
def test_a_catalog_site_either_refuses_a_hostile_handle_or_keeps_it_in_place(raw: str) -> None:
    """Defence in depth: even a handle that never passed normalize_handle stays inside its placeholder."""
    for site in SITES:
        if not site.accepts(raw):
            continue
        account = site.account(raw)
        assume("\x00" not in account)
        try:
            url = site.check_url(raw)
            httpx.URL(url)
        except (httpx.InvalidURL, UnicodeError):
            continue  # refused by the client before anything is sent
        assert_same_shape(site.uri_check.replace("{account}", SENTINEL), url, account)


def test_account_in_host_only_for_valid_labels() -> None:
    hosted = [s for s in SITES if "://{account}." in s.uri_check]
    assert hosted
    for site in hosted:
        for handle in ("noor.evil.com", "noor_x", "a" * 64, "evil.com", "-noor", "noor@evil.com", "noor:80"):
            if site.accepts(handle):  # only once the catalog's strip_bad_char made it one valid label
                assert HOST_LABEL_RE.fullmatch(site.account(handle)), (site.name, handle)
                assert httpx.URL(site.check_url(handle)).host.endswith(site.uri_check.split("{account}")[1].split("/")[0])


# --- extractors ---------------------------------------------------------------------------------------

def extractor_urls(cls: type, handle: str) -> list[str]:
    check = cls(handle)
    urls = [check.request_url(), check.profile_url()]
    if isinstance(check, GitLabProfileCheck):
        urls.append(check.detail_url("424242"))
    return urls


@SETTINGS
@given(handles)
def test_extractor_urls_keep_host_and_path_for_every_valid_handle(raw: str) -> None:
    handle = valid_handle(raw)
    assume(handle is not None)
    assert handle is not None
    for cls in EXTRACTORS.values():
        check = cls(handle)
        if not check.accepts():
            assert check.requests() == []
            continue
        for template, url in zip(extractor_urls(cls, SENTINEL), extractor_urls(cls, handle), strict=True):
            assert_same_shape(template, url, handle)
        assert [r.url for r in check.requests() if not r.dynamic] == [check.request_url()]


@SETTINGS
@given(hostile_strings)
def test_an_extractor_makes_no_request_for_a_handle_it_cannot_have(raw: str) -> None:
    for cls in EXTRACTORS.values():
        check = cls(raw)
        if check.accepts():
            for template, url in zip(extractor_urls(cls, SENTINEL), extractor_urls(cls, raw), strict=True):
                assert_same_shape(template, url, raw)
        else:
            assert check.requests() == []


@pytest.mark.parametrize("site_id", [pytest.param(s, marks=pytest.mark.regression(reason=(
    "hardening: GitHubProfileCheck builds its URLs from the raw handle instead of the escaped `account` every other "
    "extractor uses"))) if s == "github" else s for s in sorted(EXTRACTORS)])
def test_every_extractor_escapes_the_handle_even_before_validation(site_id: str) -> None:
    for url in extractor_urls(EXTRACTORS[site_id], "a/../b?c#d"):
        assert "/../" not in url and "?c" not in url and "#d" not in url, url


# --- search -------------------------------------------------------------------------------------------

def identities() -> st.SearchStrategy[Identity]:
    def make(name: str, email_local: str, handle: str, city: str) -> Identity | None:
        try:
            return build_identity(names=[name], emails=[f"{email_local}@example.nl"], handles=[handle],
                                  phones=["06 12345678"], addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"],
                                  city=city or None)
        except InputError:
            return None

    name = st.one_of(st.text(min_size=1, max_size=40),
                     st.builds(lambda a, d, b: f"{a} {d} {b}", st.sampled_from(["Noor", "Zoë", "Ünal"]),
                               st.sampled_from([*DANGEROUS, '"', "'", "OR", "site:evil.example", "-", "&q=x"]),
                               st.sampled_from(["Voorbeeld", "de Vries", "Jansen"])))
    local = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", fullmatch=True)
    city = st.one_of(st.just(""), st.text(max_size=20), st.sampled_from(["Den Haag", "../..", "a&b=c", "#x", "?y"]))
    return st.builds(make, name, local, st.from_regex(HANDLE_RE, fullmatch=True), city).filter(
        lambda i: i is not None)  # type: ignore[return-value]


BRAVE_KEY = "BRAVE-KEY-0f9e"
BACKENDS = (DuckDuckGo(), SearXNG("https://searx.example/sub"), Brave(BRAVE_KEY))


@SETTINGS
@given(identities(), st.booleans())
def test_search_queries_stay_in_the_query_string(identity: Identity, sensitive: bool) -> None:
    for query in search_queries(identity, sensitive):
        for backend in BACKENDS:
            _, url, _headers = backend.url(query.text)
            template = httpx.URL(backend.url("x")[1])
            parsed = httpx.URL(url)
            assert (parsed.scheme, parsed.host, parsed.port, parsed.path) == \
                (template.scheme, template.host, template.port, template.path), url
            params = parse_qsl(parsed.query.decode(), keep_blank_values=True)
            assert [k for k, _ in params] == [k for k, _ in parse_qsl(template.query.decode())], url
            assert dict(params)["q"] == query.text
            assert parsed.fragment == ""
            assert BRAVE_KEY not in url  # Brave's key only ever in a header
    for link in manual_links(identity, [], sensitive):
        parsed = httpx.URL(link.url)
        hosts = {httpx.URL(template.format(q="x")).host for _, _, template in MANUAL_ENGINES}
        assert parsed.host in hosts and parsed.fragment == "", link.url
        params = dict(parse_qsl(parsed.query.decode()))
        assert set(params) <= {"q", "query"}


# --- directories --------------------------------------------------------------------------------------

def directory_shape(url: str) -> tuple[str, str, int | None, int, list[str]]:
    parsed = httpx.URL(url)
    return (parsed.scheme, parsed.host, parsed.port, len(parsed.raw_path.decode().split("?")[0].split("/")),
            [k for k, _ in parse_qsl(parsed.query.decode(), keep_blank_values=True)])


def directory_name(value: str) -> str | None:
    try:
        return normalize_name(value)
    except InputError:
        return None


names = st.one_of(
    st.text(min_size=1, max_size=40),
    st.lists(st.one_of(st.sampled_from(["Noor", "Zoë", "de", "../admin", "a/b", "?x=1", "#y", "@evil.example", "%2F",
                                        "&", "=", "+", "\\", "\uff0f"]), st.text(min_size=1, max_size=8)),
             min_size=1, max_size=5).map(" ".join),
)
cities = st.one_of(st.just(""), st.text(max_size=20), st.sampled_from(["Den Haag", "a/../b", "?q", "#f", "@x", "&c=d"]))


def no_dot_words(text: str) -> bool:
    return all(any(ch.isalnum() for ch in word) for word in text.split())


@SETTINGS
@given(names, cities)
def test_directory_urls_keep_host_and_query_keys_for_any_name_and_city(raw: str, city: str) -> None:
    name = directory_name(raw)
    assume(name is not None)
    assert name is not None
    city = " ".join(city.split())
    for d in builtin_directories():
        url = d.search(name, city)
        template = d.search("Noor Voorbeeld", "Utrecht" if city else "")
        got, want = directory_shape(url), directory_shape(template)
        assert got[:3] == want[:3] and got[4] == want[4], (url, template)
        assert urlsplit(url).hostname == httpx.URL(url).host
        if no_dot_words(name) and no_dot_words(city):
            assert got[3] == want[3], (url, template)  # the same number of path segments


DOT_SEGMENT_BUG = pytest.mark.regression(reason=(
    "bug: directories.fill puts words that are only dots (`..`, `.`) into path placeholders ({first}, {last}, "
    "{city_path}) as dot-segments; the client normalises them and asks another path "
    "(radaris.com/p/../Jansen/ -> radaris.com/Jansen/)"))


@pytest.mark.parametrize("name, city", [
    pytest.param(".. Jansen", "", marks=DOT_SEGMENT_BUG), pytest.param("Jan ..", "", marks=DOT_SEGMENT_BUG),
    pytest.param("Jan .", "", marks=DOT_SEGMENT_BUG), pytest.param("Noor Voorbeeld", "..", marks=DOT_SEGMENT_BUG),
    ("Noor . Voorbeeld", ""), ("Noor Voorbeeld", ". ."), ("Noor Voorbeeld", "a/../b"), ("..Noor Voorbeeld..", "..x"),
])
def test_directory_urls_never_carry_dot_segments(name: str, city: str) -> None:
    name = normalize_name(name)
    for d in builtin_directories():
        url = d.search(name, city)
        template = d.search("Noor Voorbeeld", "Utrecht" if city else "")
        assert not {".", ".."} & set(urlsplit(url).path.split("/")), url  # nothing for the client to resolve away
        assert directory_shape(url) == directory_shape(template), (url, template)


# --- RDAP ---------------------------------------------------------------------------------------------

domains = st.one_of(
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?){0,3}\.[a-z]{2,10}",
                  fullmatch=True),
    hostile_strings,
    st.builds(lambda a, d: a + d, st.sampled_from(["voorbeeld.nl", "https://voorbeeld.nl", "Voorbeeld.NL."]),
              st.sampled_from([*DANGEROUS, "/../x", "@evil.example", "#x", "?a=b", ":443", "\x00"])),
)
BOOTSTRAP = {"services": [[["nl"], ["https://rdap.sidn.example/"]], [["com", "net"], ["https://rdap.verisign.example/v1/"]],
                          [["example", "test", "org"], ["https://rdap.example/rdap"]]]}


@SETTINGS
@given(domains)
@examples("voorbeeld.nl/../../admin", "voorbeeld.nl@evil.example", "https://voorbeeld.nl/x?y#z", "xn--bcher-kva.example",
          "b\u00fccher.example", "voorbeeld.nl\u3002evil.example")
def test_rdap_keeps_the_domain_in_one_path_segment(raw: str) -> None:
    try:
        domain = normalize_domain(raw)
    except InputError:
        return
    assert re.fullmatch(r"[a-z0-9.-]+", domain), domain
    check = RdapCheck(domain)
    assert [r.url for r in check.requests() if not r.dynamic] == [BOOTSTRAP_URL]
    base = rdap_base(BOOTSTRAP, domain) or "https://rdap.example/rdap/"
    url = domain_url(base, domain)
    parsed, root = httpx.URL(url), httpx.URL(base)
    assert (parsed.scheme, parsed.host, parsed.port) == (root.scheme, root.host, root.port)
    assert parsed.raw_path.decode() == root.raw_path.decode() + "domain/" + quote(domain, safe=".-")
    assert parsed.query == b"" and parsed.fragment == ""


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"rel": st.sampled_from(["related", "self", "alternate"]),
                                       "href": st.one_of(hostile_strings, st.builds(
                                           lambda s: "https://registrar.example/rdap/domain/" + s, hostile_strings)),
                                       "type": st.sampled_from(["application/rdap+json", "text/html"])}), max_size=6))
def test_rdap_follows_only_an_https_record_of_the_same_domain(links: list[dict[str, str]]) -> None:
    url = related_url({"links": links}, "voorbeeld.nl")
    assert url is None or (url.startswith("https://") and url.lower().rstrip("/").endswith("/domain/voorbeeld.nl"))
