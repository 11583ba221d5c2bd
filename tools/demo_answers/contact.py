"""Demo answers for tip 2's registries and directories: RDAP for noorvoorbeeld.example and a phone directory.

Everything here is fictional: Noor Voorbeeld does not exist, `.example` is a reserved TLD, and the
registry, registrar and directory answers are invented (the directory page mimics a Dutch phone
directory's result list). Loaded by tools/make_demo_har.py; see README.md beside this file.
"""

from __future__ import annotations

import json
from typing import Any

BOOTSTRAP_URL = "https://data.iana.org/rdap/dns.json"
RDAP_BASE = "https://rdap.voorbeeld.example/"
DOMAIN = "noorvoorbeeld.example"
JSON = {"Content-Type": "application/rdap+json"}
HTML = {"Content-Type": "text/html; charset=utf-8"}

BOOTSTRAP = {
    "description": "Fictional demo RDAP bootstrap (the real one is IANA's dns.json)",
    "publication": "2026-11-01T00:00:00Z",
    "version": "1.0",
    "services": [[["example"], [RDAP_BASE]], [["test", "invalid"], ["https://rdap.elders.example/"]]],
}

DOMAIN_RECORD = {
    "objectClassName": "domain",
    "rdapConformance": ["rdap_level_0", "icann_rdap_response_profile_1"],
    "handle": "NOORVB-EXAMPLE",
    "ldhName": DOMAIN,
    "status": ["active"],
    "events": [{"eventAction": "registration", "eventDate": "2019-04-12T09:30:00Z"},
               {"eventAction": "expiration", "eventDate": "2027-04-12T09:30:00Z"}],
    "links": [{"rel": "self", "href": f"{RDAP_BASE}domain/{DOMAIN}", "type": "application/rdap+json",
               "value": f"{RDAP_BASE}domain/{DOMAIN}"}],
    "entities": [
        {"objectClassName": "entity", "handle": "NV-1990", "roles": ["registrant"],
         "vcardArray": ["vcard", [
             ["version", {}, "text", "4.0"],
             ["fn", {}, "text", "Noor Voorbeeld"],
             ["kind", {}, "text", "individual"],
             ["adr", {}, "text", ["", "", "Voorbeeldstraat 12", "Utrecht", "", "3511 AB", "NL"]],
             ["tel", {"type": ["voice"]}, "uri", "tel:+31.612345678"],
             ["email", {}, "text", "noor.voorbeeld@example.com"],
         ]]},
        {"objectClassName": "entity", "handle": "TECH-VBR", "roles": ["technical"],
         "vcardArray": ["vcard", [
             ["version", {}, "text", "4.0"],
             ["fn", {}, "text", "Voorbeeld Hosting Helpdesk"],
             ["kind", {}, "text", "group"],
             ["tel", {"type": ["voice"]}, "uri", "tel:+31.301234567"],
             ["email", {}, "text", "hostmaster@hosting.example"],
         ]]},
        {"objectClassName": "entity", "handle": "9999", "roles": ["registrar"],
         "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Voorbeeld Registrar B.V."]]],
         "entities": [{"objectClassName": "entity", "roles": ["abuse"],
                       "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ""],
                                                ["email", {}, "text", "abuse@registrar.example"]]]}]},
    ],
    "notices": [{"title": "Demo", "description": ["Fictional registration for the doxaudit demo."]}],
}


def directory_page(title: str, rows: list[tuple[str, str, str]], empty: bool = False) -> str:
    items = "".join(f"<li class='result'><h2>{name}</h2><p class='address'>{address}</p><p class='phone'>{phone}</p></li>"
                    for name, address, phone in rows)
    body = "<p>Geen resultaten gevonden.</p>" if empty else f"<ol class='results'>{items}</ol>"
    return (f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


TELEFOONBOEK = directory_page("Noor Voorbeeld in Utrecht – zoekresultaten", [
    ("N. Voorbeeld", "Utrecht", "06-12345678"),  # the persona's mobile number, listed by her provider
    ("Noor Voorbeeld-de Vries", "Kleilaan 3, 9711 AA Groningen", "050-1234567"),  # a namesake: not a finding
])


def answer(request: Any) -> tuple[int, dict[str, str], str] | None:
    if request.check == "registry:rdap" and request.url == BOOTSTRAP_URL:
        return 200, {"Content-Type": "application/json"}, json.dumps(BOOTSTRAP)
    if request.check == "directory:telefoonboek-nl":
        return 200, HTML, TELEFOONBOEK
    if request.check.startswith("directory:"):
        return 200, HTML, directory_page("Zoekresultaten", [], empty=True)
    return None


# The registry's record is found at run time (its server comes from the bootstrap): served as a page.
PAGES = {f"{RDAP_BASE}domain/{DOMAIN}": json.dumps(DOMAIN_RECORD)}
