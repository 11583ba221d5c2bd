"""RDAP registry lookups: bootstrap, jCard parsing, redaction, thin registries, hostile answers.

Real-world shapes come from the reference corpus (read in place, skipped when absent); the people
in our own fixtures are fictional, on reserved `.example` names.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from doxaudit.checks import rdap
from doxaudit.checks.base import CheckContext, PageCache
from doxaudit.checks.rdap import BOOTSTRAP_URL, RdapCheck
from doxaudit.config import NetConfig, RunConfig
from doxaudit.identity import build_identity
from doxaudit.model import CheckOutcome, Severity, Status, Tip
from doxaudit.net.client import open_session
from doxaudit.net.har import HarReplayer
from tests.helpers import har_entry, run_check

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "contact"
IDENT = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], phones=["06 12345678"],
                       addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht",
                       domains=["voorbeeld.example"])
BASE = "https://rdap.voorbeeld.example/"
JSON_HEADERS = {"Content-Type": "application/rdap+json"}


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def corpus_json(corpus: Path, name: str) -> Any:
    return json.loads((corpus / "api-examples" / "rdap" / name).read_text(encoding="utf-8"))


def boot_entry(body: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return har_entry(BOOTSTRAP_URL, status, fixture("rdap-bootstrap.json") if body is None else body,
                     headers=headers or {"Content-Type": "application/json"})


def run(domain: str, *entries: dict[str, Any], identity: Any = IDENT) -> CheckOutcome:
    out, _ = run_check(RdapCheck(domain), identity, [*entries])
    return out


# --- bootstrap ---------------------------------------------------------------------------------------

def test_bootstrap_from_the_corpus_names_each_tlds_server(corpus: Path) -> None:
    boot = corpus_json(corpus, "openrdap-bootstrap__dns.json")
    assert rdap.rdap_base(boot, "example.cz") == "https://rdap.nic.cz/"
    assert rdap.rdap_base(boot, "voorbeeld.com.br") == "https://rdap.registro.br/"
    assert rdap.rdap_base(boot, "voorbeeld.nl") is None
    assert rdap.rdap_base(boot, "cz") is None  # a TLD itself is no registration


@pytest.mark.parametrize("domain, base", [
    ("voorbeeld.example", "https://rdap.voorbeeld.example/"),  # https preferred over the http URL listed first
    ("noor.nl", "https://rdap.nl-registry.example/"),
    ("voorbeeld.com", "https://rdap.thin-registry.example/com/v1/"),  # a slash is added
    ("winkel.co.example", "https://rdap.second-level.example/"),  # the longest matching suffix wins
    ("iets.bad", None),  # only non-http(s) URLs listed
    ("iets.onbekend", None),
])
def test_bootstrap_lookup_truth_table(domain: str, base: str | None) -> None:
    assert rdap.rdap_base(fixture("rdap-bootstrap.json"), domain) == base


@pytest.mark.parametrize("junk", [None, [], "dns", {"services": "x"}, {"services": [[["nl"], "https://x/"]]},
                                  {"services": [[[["nl"]], [["https://x/"]]]]}])
def test_bootstrap_junk_gives_no_server(junk: Any) -> None:
    assert rdap.rdap_base(junk, "noor.nl") is None


# --- jCard -------------------------------------------------------------------------------------------

def test_jcard_example_from_the_corpus_is_read_completely(corpus: Path) -> None:
    fields = rdap.parse_jcard(corpus_json(corpus, "openrdap-jcard__example.json"))
    assert fields["name"] == "Simon Perreault" and fields["org"] == "Viagenie"
    assert "2875 Laurier" in fields["address"] and "Quebec" in fields["city"]
    assert fields["phone"] == "+1-418-656-9254" and fields["email"] == "simon.perreault@viagenie.ca"


@pytest.mark.parametrize("value, public", [
    ("REDACTED FOR PRIVACY", False), ("Redacted", False), ("", False), ("N/A", False), ("-", False),
    ("Data Protected", False), ("Non-Public Data", False), ("Private Person", False), ("GDPR Masked", False),
    ("Please query the RDDS service of the Registrar of Record", False), ("Statutory Masking Enabled", False),
    ("Noor Voorbeeld", True), ("Voorbeeldstraat 12", True), ("noor@example.com", True), ("Private Lane 4", True),
])
def test_redaction_markers(value: str, public: bool) -> None:
    assert rdap.public_value(value) is public


def test_corpus_domains_have_no_personal_contacts_but_thin_ones_point_to_the_registrar(corpus: Path) -> None:
    google = corpus_json(corpus, "whoisit-data_rdap_response_domain1.json")
    assert rdap.contacts(google) == []  # only the registrar and its abuse desk
    assert rdap.related_url(google, "google.com") == "https://rdap.markmonitor.com/rdap/domain/GOOGLE.COM"
    norway = corpus_json(corpus, "whoisit-data_rdap_response_domain2.json")
    (tech,) = rdap.contacts(norway)
    assert tech.roles == ("technical",) and tech.fields["email"] == "hostmaster@domeneshop.no"
    cz = corpus_json(corpus, "openrdap-rdap__rdap.nic.cz__domain-example.cz.json")
    assert [c.self_link for c in rdap.contacts(cz)] == ["https://rdap.nic.cz/entity/SB:EXAMPLE",
                                                         "https://rdap.nic.cz/entity/EXAMPLE"]


def test_corpus_entity_label_address_is_read(corpus: Path) -> None:
    entity = corpus_json(corpus, "whoisit-data_rdap_response_entity.json")
    admin = next(c for c in rdap.contacts(entity) if "administrative" in c.roles)
    assert "Deziel Drive" in admin.fields["address"]  # from the adr `label` parameter; the array is empty


# --- the check ---------------------------------------------------------------------------------------

def test_public_registrant_details_are_one_finding_matched_to_the_user() -> None:
    out = run("voorbeeld.example", boot_entry(),
              har_entry(f"{BASE}domain/voorbeeld.example", 200, fixture("rdap-public-registrant.json"), headers=JSON_HEADERS))
    assert out.status is Status.FOUND and out.tip is Tip.CONTACT_INFO
    (finding,) = out.findings  # one record is one place: its fields share a finding
    assert finding.kind == "rdap_registrant_public" and finding.severity is Severity.HIGH
    assert finding.detail["fields"] == "address,phone,email,name"  # the city is part of the address
    assert finding.detail["matches_you"] == "name,address,phone,email" and finding.confidence == 0.95
    assert finding.detail["roles"] == "registrant" and finding.advice == "rdap_whois_privacy"
    assert finding.title_key == "contact.finding.rdap_public"
    assert finding.title_args["fields"] == "address,phone,email,real_name"
    assert "Voorbeeldstraat 12" in finding.evidence.snippet and "+31.612345678" in finding.evidence.snippet
    assert "Hosting" not in finding.evidence.snippet and "Registrar" not in finding.evidence.snippet
    assert "address, phone, email, name" in out.reason


def test_report_title_names_the_fields_in_the_users_language() -> None:
    from doxaudit.report import localized_title
    out = run("voorbeeld.example", boot_entry(),
              har_entry(f"{BASE}domain/voorbeeld.example", 200, fixture("rdap-public-registrant.json")))
    assert localized_title(out.findings[0], "en") == ("The public registration of voorbeeld.example shows the "
                                                      "registrant's home address, phone number, email address, real name")
    assert localized_title(out.findings[0], "nl").startswith("De openbare registratie van voorbeeld.example toont")


def test_unmatched_registrant_details_are_a_finding_with_less_confidence() -> None:
    stranger = build_identity(names=["Sanne de Proef"], phones=["06 87654321"], domains=["voorbeeld.example"])
    out = run("voorbeeld.example", boot_entry(),
              har_entry(f"{BASE}domain/voorbeeld.example", 200, fixture("rdap-public-registrant.json")),
              identity=stranger)
    assert out.status is Status.FOUND
    assert [f.confidence for f in out.findings] == [0.7] and out.findings[0].detail["matches_you"] == ""


def test_admin_contact_counts_only_when_it_is_the_user() -> None:
    body = fixture("rdap-public-registrant.json")
    body["entities"] = body["entities"][1:]  # only the hosting company's admin contact and the registrar
    out = run("voorbeeld.example", boot_entry(), har_entry(f"{BASE}domain/voorbeeld.example", 200, body))
    assert out.status is Status.NOT_FOUND and not out.findings
    body["entities"][0]["vcardArray"][1].append(["email", {}, "text", "noor.voorbeeld@example.com"])
    out = run("voorbeeld.example", boot_entry(), har_entry(f"{BASE}domain/voorbeeld.example", 200, body))
    assert out.status is Status.FOUND
    assert out.findings[0].detail["fields"] == "email" and out.findings[0].detail["roles"] == "administrative"


def test_nl_domains_get_sidn_advice() -> None:
    body = fixture("rdap-public-registrant.json") | {"ldhName": "voorbeeld.nl"}
    out = run("voorbeeld.nl", boot_entry(), har_entry("https://rdap.nl-registry.example/domain/voorbeeld.nl", 200, body))
    assert out.status is Status.FOUND and {f.advice for f in out.findings} == {"rdap_nl_shielding"}


@pytest.mark.parametrize("name, reason", [("rdap-redacted.json", "redacted"), ("rdap-privacy-proxy.json", "privacy")])
def test_redacted_or_proxied_registrant_is_private_not_a_finding(name: str, reason: str) -> None:
    out = run("voorbeeld.example", boot_entry(), har_entry(f"{BASE}domain/voorbeeld.example", 200, fixture(name)))
    assert out.status is Status.PRIVATE and out.findings == () and reason in out.reason


def test_thin_registry_leads_to_the_registrars_record() -> None:
    out = run("voorbeeld.com", boot_entry(),
              har_entry("https://rdap.thin-registry.example/com/v1/domain/voorbeeld.com", 200,
                        fixture("rdap-thin-registry.json")),
              har_entry("https://rdap.registrar.example/rdap/domain/VOORBEELD.COM", 200,
                        fixture("rdap-registrar-record.json")))
    assert out.status is Status.FOUND
    assert out.url == "https://rdap.registrar.example/rdap/domain/VOORBEELD.COM"
    (finding,) = out.findings
    assert "Voorbeeldstraat 12" in finding.evidence.snippet and finding.confidence == 0.95
    assert finding.detail["fields"] == "address,email,name"


def test_thin_registry_with_a_silent_registrar_is_unknown() -> None:
    out = run("voorbeeld.com", boot_entry(),
              har_entry("https://rdap.thin-registry.example/com/v1/domain/voorbeeld.com", 200,
                        fixture("rdap-thin-registry.json")),
              har_entry("https://rdap.registrar.example/rdap/domain/VOORBEELD.COM", 429, {"error": "slow down"}))
    assert out.status is Status.UNKNOWN and "registrar" in out.reason


def test_corpus_thin_registry_record_with_registrar_404_shows_nothing(corpus: Path) -> None:
    body = corpus_json(corpus, "whoisit-data_rdap_response_domain3.json")
    out = run("themarquetry.com", boot_entry(),
              har_entry("https://rdap.thin-registry.example/com/v1/domain/themarquetry.com", 200, body),
              har_entry("https://rdap.registrar.eu/v1/domain/THEMARQUETRY.COM", 404, {"errorCode": 404}))
    assert out.status is Status.NOT_FOUND and out.findings == ()


def test_entity_references_are_followed_on_the_same_host_only() -> None:
    out, _ = run_check(RdapCheck("verwijzing.example"), IDENT, [
        boot_entry(),
        har_entry(f"{BASE}domain/verwijzing.example", 200, fixture("rdap-entity-references.json")),
        har_entry(f"{BASE}entity/REG-NV", 200, fixture("rdap-entity-registrant.json")),
    ])
    assert out.status is Status.FOUND
    assert out.findings[0].detail["fields"] == "address,name"


def test_entity_reference_on_another_host_is_never_fetched() -> None:
    log = run_logged([RdapCheck("verwijzing.example")], [
        boot_entry(), har_entry(f"{BASE}domain/verwijzing.example", 200, fixture("rdap-entity-references.json")),
        har_entry(f"{BASE}entity/REG-NV", 404, {}),
    ])
    assert not any("evil.example" in url for url in log)


@pytest.mark.parametrize("entries, status, reason", [
    ([har_entry(f"{BASE}domain/voorbeeld.example", 404, {"errorCode": 404})], Status.NOT_FOUND, "no registration"),
    ([har_entry(f"{BASE}domain/voorbeeld.example", 429, {}, headers={"Retry-After": "3600"})], Status.UNKNOWN, "429"),
    ([har_entry(f"{BASE}domain/voorbeeld.example", 403,
                "<html><title>Just a moment...</title><div id='cf-chl-widget'></div></html>")], Status.UNKNOWN, "Cloudflare"),
    ([har_entry(f"{BASE}domain/voorbeeld.example", 500, "oops")], Status.UNKNOWN, "HTTP 500"),
    ([har_entry(f"{BASE}domain/voorbeeld.example", 200, "{not json")], Status.UNKNOWN, "unreadable"),
    ([har_entry(f"{BASE}domain/voorbeeld.example", 200, {"objectClassName": "entity"})], Status.UNKNOWN, "not an RDAP"),
    ([], Status.UNKNOWN, "registry RDAP server"),  # no answer at all
])
def test_registry_failures_are_honest(entries: list[dict[str, Any]], status: Status, reason: str) -> None:
    out = run("voorbeeld.example", boot_entry(), *entries)
    assert out.status is status and reason in out.reason and not out.findings


@pytest.mark.parametrize("boot, status", [
    (boot_entry(status=503, body="<html>maintenance</html>"), Status.UNKNOWN),
    (boot_entry(body="<html><div class='g-recaptcha'></div></html>"), Status.UNKNOWN),
    (boot_entry(body="[[[["), Status.UNKNOWN),
    (boot_entry(body={"services": []}), Status.SKIPPED),
])
def test_bootstrap_failures_are_honest(boot: dict[str, Any], status: Status) -> None:
    out = run("voorbeeld.example", boot)
    assert out.status is status and not out.findings


def test_tld_without_rdap_is_a_manual_check() -> None:
    out = run("voorbeeld.onbekend", boot_entry())
    assert out.status is Status.SKIPPED and out.reason.startswith("manual check")


HOSTILE_VCARDS: list[Any] = [
    "vcard", ["vcard"], ["vcard", "x"], ["vcard", [1, None, "x", [], {}]],
    ["vcard", [["fn", {}, "text", {"a": "b"}], ["adr", "params", "text", "not a list"], ["tel", {}, "uri", 31612345678]]],
    ["vcard", [["adr", {"label": ["x"]}, "text", [[[[["deep"]]]], None, 5, "Voorbeeldstraat 12"]]]],
    ["vcard", [["fn", {}, "text", "Noor\u202e\x00Voorbeeld" * 500]]],
    ["vcard", [["email", {}, "text", "x@example.com"]] * 20_000],
    ["vcard", [[["fn"]], ["FN", {}, "text", "Noor Voorbeeld"]]],
]


@pytest.mark.parametrize("vcard", HOSTILE_VCARDS, ids=range(len(HOSTILE_VCARDS)))
def test_hostile_jcard_never_crashes(vcard: Any) -> None:
    fields = rdap.parse_jcard(vcard)
    assert all(isinstance(v, str) and len(v) <= rdap.MAX_VALUE for v in fields.values())
    body = {"objectClassName": "domain", "entities": [{"roles": ["registrant"], "vcardArray": vcard}]}
    out = run("voorbeeld.example", boot_entry(), har_entry(f"{BASE}domain/voorbeeld.example", 200, body))
    assert out.status in (Status.FOUND, Status.NOT_FOUND, Status.PRIVATE)


def test_deeply_nested_and_huge_entity_trees_are_bounded() -> None:
    nested: dict[str, Any] = {"roles": ["registrant"], "vcardArray": ["vcard", [["fn", {}, "text", "Noor Voorbeeld"]]]}
    for _ in range(50):
        nested = {"roles": ["registrar"], "entities": [nested]}
    many = [{"roles": ["technical"], "vcardArray": ["vcard", [["fn", {}, "text", f"Helpdesk {i}"]]]} for i in range(5000)]
    body = {"objectClassName": "domain", "entities": [nested, *many, "junk", 7, None],
            "links": [{"rel": "related", "href": "https://x.example/" + "a" * 10_000}]}
    assert len(rdap.contacts(body)) <= rdap.MAX_ENTITIES
    out = run("voorbeeld.example", boot_entry(), har_entry(f"{BASE}domain/voorbeeld.example", 200, body))
    assert out.status is Status.NOT_FOUND  # the registrant is nested too deep to be read; helpdesks are not the user


def test_deeply_nested_json_is_unreadable_not_a_crash() -> None:
    out = run("voorbeeld.example", boot_entry(),
              har_entry(f"{BASE}domain/voorbeeld.example", 200, "[" * 100_000 + "]" * 100_000))
    assert out.status is Status.UNKNOWN


# --- plan and caching --------------------------------------------------------------------------------

def test_plan_sends_only_the_domain_and_the_bootstrap_sends_nothing() -> None:
    reqs = RdapCheck("voorbeeld.example").requests()
    assert reqs[0].url == BOOTSTRAP_URL and reqs[0].sends == () and not reqs[0].dynamic
    assert all(r.sends == ("domain",) and r.dynamic for r in reqs[1:])
    assert all("12345678" not in r.url and "Voorbeeldstraat" not in r.url for r in reqs)


def run_logged(checks: list[RdapCheck], entries: list[dict[str, Any]]) -> list[str]:
    """Run checks in one scan context (shared page cache); returns the URLs requested."""
    config = RunConfig(net=NetConfig(timeout=5))

    async def go() -> list[str]:
        session = open_session(config.net, replay=HarReplayer({"log": {"entries": entries}}))
        try:
            ctx = CheckContext(IDENT, session.fetcher, config, PageCache(session.fetcher))
            await asyncio.gather(*(c.run(ctx) for c in checks))
            return [r.url for r in session.fetcher.log]
        finally:
            await session.aclose()

    return asyncio.run(go())


def test_bootstrap_is_fetched_once_per_scan() -> None:
    log = run_logged([RdapCheck("voorbeeld.example"), RdapCheck("noor.nl")], [
        boot_entry(),
        har_entry(f"{BASE}domain/voorbeeld.example", 404, {}),
        har_entry("https://rdap.nl-registry.example/domain/noor.nl", 404, {}),
    ])
    assert log.count(BOOTSTRAP_URL) == 1 and len(log) == 3


def test_a_record_made_only_of_proxy_placeholders_is_private_not_missing() -> None:
    from doxaudit.checks.rdap import contacts
    record = {"entities": [{"roles": ["registrant"], "vcardArray": ["vcard", [
        ["version", {}, "text", "4.0"], ["fn", {}, "text", "REDACTED FOR PRIVACY"],
        ["org", {}, "text", "Privacy service provided by Withheld for Privacy ehf"]]]}]}
    (contact,) = contacts(record)
    assert contact.proxy
