"""Domain registration data (RDAP): does the registry show the registrant's name, address, phone or email?

A thin client over the project's Fetcher, so every request is bounded, logged, recorded and
replayable like any other (whoisit was evaluated: it builds its own HTTP clients and keeps global
sessions and bootstrap state, which would bypass the one network seam).

Flow (RFC 9224 bootstrap, RFC 9083 responses):
  1. IANA's bootstrap file `dns.json` (fetched once per scan through the page cache; sends nothing of yours)
     names the RDAP server for the domain's TLD.
  2. `{base}domain/{name}` at that server (sends the domain).
  3. Thin registries (.com) only point at the registrar's RDAP server (`links` rel=related): one hop there.
  4. Registrant/administrative entities without a vCard but with a self link: one fetch each (at most 2).

Entities' jCard (RFC 7095) arrays are read defensively: every byte here is hostile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlparse

import phonenumbers

from .. import pii
from ..identity import Identity, fold
from ..model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from ..net.fetch import FetchResult
from .base import CheckContext, make_finding, outcome
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json

BOOTSTRAP_URL = "https://data.iana.org/rdap/dns.json"
PERSONAL_ROLES = ("registrant", "administrative", "technical", "billing")
MAX_ENTITIES = 40
MAX_PROPERTIES = 200
MAX_DEPTH = 3
MAX_VALUE = 300
MAX_ENTITY_FETCHES = 2
# Values registries and registrars put where personal data was withheld (ICANN RDAP profile, GDPR practice).
REDACTED_RE = re.compile(
    r"redact|withheld|not ?disclosed|non-?public|data ?protected|gdpr|masked|statutory masking|hidden"
    r"|please query the rdds|query the registrar|not available|unavailable|^n/?a$|^none$|^null$|^-+$|^\.+$"
    r"|^x+$|^\*+$|privacy|^private(?: person| registrant| individual)?$", re.IGNORECASE)
# Names of privacy/proxy services: their contact details are the service's, not the registrant's.
PROXY_RE = re.compile(
    r"privacy|proxy|whoisguard|withheld|domains by proxy|identity protect|contact privacy|perfect privacy"
    r"|protection service|whois agent|redacted|registrant of|data protected|anonymi[sz]e", re.IGNORECASE)
FIELD_SEVERITY = {"address": Severity.HIGH, "phone": Severity.HIGH, "email": Severity.MEDIUM,
                  "name": Severity.MEDIUM, "city": Severity.LOW, "org": Severity.LOW}
FIELD_ORDER = ("name", "org", "address", "city", "phone", "email")
TITLE_ORDER = ("address", "phone", "email", "name", "org", "city")
TITLE_FIELD = {"address": "address", "phone": "phone", "email": "email", "name": "real_name", "org": "employer",
               "city": "city"}  # the report's field.* names, translated in the report's language


# --- pure half --------------------------------------------------------------------------------------

def rdap_base(bootstrap: Any, domain: str) -> str | None:
    """The RDAP base URL for `domain` from an IANA dns.json bootstrap (longest matching label suffix).

    https is preferred; a base URL that is not http(s) is ignored. None when no service is listed.
    """
    if not isinstance(bootstrap, dict) or not isinstance(bootstrap.get("services"), list):
        return None
    labels = domain.lower().rstrip(".").split(".")
    best: tuple[int, str] | None = None
    for service in bootstrap["services"][:2000]:
        if not (isinstance(service, list) and len(service) >= 2 and isinstance(service[0], list)
                and isinstance(service[1], list)):
            continue
        urls = [u for u in service[1][:10] if isinstance(u, str) and urlparse(u).scheme in ("http", "https")
                and urlparse(u).netloc]
        if not urls:
            continue
        url = next((u for u in urls if u.startswith("https://")), urls[0])
        for entry in service[0][:5000]:
            if not isinstance(entry, str) or not entry:
                continue
            suffix = entry.lower().strip(".").split(".")
            if labels[-len(suffix):] == suffix and len(suffix) < len(labels) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), url)
    if best is None:
        return None
    return best[1] if best[1].endswith("/") else best[1] + "/"


def domain_url(base: str, domain: str) -> str:
    return f"{base}domain/{quote(domain, safe='.-')}"


def _clean(value: Any) -> str:
    """A jCard value as one printable line; lists are joined; anything else is absent."""
    if isinstance(value, list):
        parts = [_clean(v) for v in value[:10] if isinstance(v, str | list)]
        return ", ".join(p for p in parts if p)[:MAX_VALUE]
    if not isinstance(value, str):
        return ""
    printable = "".join(ch if ch.isprintable() else " " for ch in value[:2000])
    return " ".join(printable.replace("\\n", " ").split())[:MAX_VALUE]


def public_value(value: str) -> bool:
    """False for empty values and the usual redaction placeholders."""
    return bool(value) and not REDACTED_RE.search(value)


def parse_jcard(vcard: Any) -> dict[str, str]:
    """The contact fields of a jCard `["vcard", [[name, params, type, value], ...]]`, only public ones.

    Keys: name, org, kind, address (street level), city (locality/region/postcode/country only),
    phone, email. Malformed properties are skipped, never raised on.
    """
    if not (isinstance(vcard, list) and len(vcard) >= 2 and vcard[0] == "vcard" and isinstance(vcard[1], list)):
        return {}
    out: dict[str, str] = {}
    for prop in vcard[1][:MAX_PROPERTIES]:
        if not (isinstance(prop, list) and len(prop) >= 4 and isinstance(prop[0], str)):
            continue
        name = prop[0].lower()
        params = prop[1] if isinstance(prop[1], dict) else {}
        value = prop[3]
        if name in ("fn", "org", "kind", "email"):
            key = {"fn": "name"}.get(name, name)
            text = _clean(value)
            if public_value(text) and key not in out:
                out[key] = text
        elif name == "adr":
            street, city = _address(value, params)
            if street and "address" not in out:
                out["address"] = street
            if city and "city" not in out:
                out["city"] = city
        elif name == "tel":
            text = _clean(value)
            text = re.sub(r"^tel:", "", text, flags=re.IGNORECASE).split(";")[0].strip()
            if public_value(text) and sum(ch.isdigit() for ch in text) >= 6 and "phone" not in out:
                out["phone"] = text
    return out


def jcard_names(vcard: Any) -> str:
    """The raw name and organisation of a jCard, placeholders included: a privacy proxy often
    *is* a placeholder ("Domains By Proxy", "REDACTED FOR PRIVACY"), so it must be seen before
    `parse_jcard` drops such values."""
    if not (isinstance(vcard, list) and len(vcard) >= 2 and isinstance(vcard[1], list)):
        return ""
    names = [_clean(p[3]) for p in vcard[1][:MAX_PROPERTIES]
             if isinstance(p, list) and len(p) >= 4 and isinstance(p[0], str) and p[0].lower() in ("fn", "org")]
    return " ".join(names)[:500]


def _address(value: Any, params: dict[str, Any]) -> tuple[str, str]:
    """(street-level address, city-level remainder) from a jCard adr value or its `label` parameter."""
    parts: list[str] = []
    if isinstance(value, list):
        parts = [_clean(v) for v in value[:7]]
        parts += [""] * (7 - len(parts))
    # RFC 6350 order: post office box, extended address, street, locality, region, postal code, country.
    street = ", ".join(p for p in parts[:3] if public_value(p)) if parts else ""
    rest = ", ".join(p for p in parts[3:7] if public_value(p)) if parts else ""
    label = _clean(params.get("label")) if isinstance(params.get("label"), str) else ""
    if not street and public_value(label) and re.search(r"\d", label) and re.search(r"[^\W\d_]{3}", label):
        street = label
    if street:
        return ", ".join(p for p in (street, rest) if p), rest
    return "", rest


@dataclass(frozen=True)
class Contact:
    """One entity with a personal role and what its vCard shows publicly."""

    roles: tuple[str, ...]
    fields: dict[str, str] = field(default_factory=dict)
    redacted: bool = False  # the registry marked it redacted, or every field was a placeholder
    proxy: bool = False  # a privacy service stands in for the registrant
    self_link: str = ""


def _remarks_redacted(entity: dict[str, Any]) -> bool:
    remarks = entity.get("remarks")
    if not isinstance(remarks, list):
        return False
    for remark in remarks[:20]:
        if isinstance(remark, dict):
            text = _clean(remark.get("title")) + " " + _clean(remark.get("type")) + " " + _clean(remark.get("description"))
            if re.search(r"redact", text, re.IGNORECASE):
                return True
    return False


def _self_link(entity: dict[str, Any]) -> str:
    links = entity.get("links")
    if not isinstance(links, list):
        return ""
    for link in links[:20]:
        if isinstance(link, dict) and link.get("rel") == "self" and isinstance(link.get("href"), str):
            href = str(link["href"])
            if href.startswith("https://") and len(href) < 500:
                return href
    return ""


def contacts(data: Any) -> list[Contact]:
    """Entities with a registrant/administrative/technical/billing role, nested ones included
    (bounded), registrars and their abuse desks excluded."""
    found: list[Contact] = []

    def walk(entities: Any, depth: int) -> None:
        if depth > MAX_DEPTH or not isinstance(entities, list):
            return
        for entity in entities[:MAX_ENTITIES]:
            if len(found) >= MAX_ENTITIES or not isinstance(entity, dict):
                continue
            raw_roles = entity.get("roles")
            roles = tuple(r.lower() for r in raw_roles[:10] if isinstance(r, str)) if isinstance(raw_roles, list) else ()
            if "registrar" in roles:
                continue  # the registrar's own (business) contacts and its abuse desk
            personal = tuple(r for r in roles if r in PERSONAL_ROLES)
            if personal:
                vcard = entity.get("vcardArray")
                fields = parse_jcard(vcard)
                # "REDACTED FOR PRIVACY" alone is the registry redacting, not a proxy standing in.
                names = re.sub(r"redacted for privacy", "", jcard_names(vcard), flags=re.IGNORECASE)
                proxy = bool(PROXY_RE.search(names))
                redacted = _remarks_redacted(entity) or (vcard is not None and not fields)
                found.append(Contact(personal, {} if proxy else fields, redacted, proxy,
                                     _self_link(entity) if vcard is None else ""))
            walk(entity.get("entities"), depth + 1)

    if isinstance(data, dict):
        walk(data.get("entities"), 0)
    return found


def related_url(data: Any, domain: str) -> str | None:
    """The registrar's RDAP record a thin registry points to (`links` rel=related, RDAP JSON, same domain)."""
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        return None
    for link in data["links"][:20]:
        if not isinstance(link, dict) or link.get("rel") != "related":
            continue
        href, kind = link.get("href"), link.get("type", "application/rdap+json")
        if not isinstance(href, str) or not href.startswith("https://") or len(href) > 500:
            continue
        if kind != "application/rdap+json" or not href.lower().rstrip("/").endswith(f"/domain/{domain.lower()}"):
            continue
        return href
    return None


def domain_exists(data: Any) -> bool:
    return isinstance(data, dict) and data.get("objectClassName") == "domain"


def merge(contacts_list: list[Contact]) -> list[Contact]:
    """Drop contacts that show nothing and are not marked redacted (e.g. handle-only references)."""
    return [c for c in contacts_list if c.fields or c.redacted or c.proxy]


# --- the check --------------------------------------------------------------------------------------

@dataclass
class RdapCheck:
    domain: str
    tip: Tip = Tip.CONTACT_INFO
    uses: tuple[str, ...] = ("domain",)
    id: str = "registry:rdap"

    @property
    def target(self) -> str:
        return self.domain

    @property
    def label(self) -> str:
        return f"Domain registration (RDAP): {self.domain}"

    @property
    def tld(self) -> str:
        return self.domain.rsplit(".", 1)[-1]

    def requests(self) -> list[PlannedRequest]:
        return [
            PlannedRequest(self.id, "GET", BOOTSTRAP_URL, (),
                           note="IANA's list of registry servers, fetched once per scan"),
            PlannedRequest(self.id, "GET", f"<RDAP server for .{self.tld} named by IANA>/domain/{self.domain}",
                           self.uses, dynamic=True, note="the registry's public registration record"),
            PlannedRequest(self.id, "GET", f"<registrar's RDAP server, if the registry points to one>/domain/{self.domain}",
                           self.uses, dynamic=True, note="only for registries that keep no contact data themselves"),
        ]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        boot = await ctx.pages.get(BOOTSTRAP_URL)
        blocked = block_reason(boot)
        if blocked or boot.status != 200:
            return outcome(self, Status.UNKNOWN, f"IANA RDAP bootstrap unavailable: {blocked or f'HTTP {boot.status}'}",
                           url=BOOTSTRAP_URL)
        try:
            base = rdap_base(parse_json(boot.body), self.domain)
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, f"IANA RDAP bootstrap unreadable: {e}", url=BOOTSTRAP_URL)
        if base is None:
            return outcome(self, Status.SKIPPED,
                           f"manual check: no RDAP service is listed for .{self.tld}; look the domain up in its "
                           "registry's WHOIS", url=BOOTSTRAP_URL)
        url = domain_url(base, self.domain)
        result = await ctx.fetcher.request("GET", url, headers={"Accept": "application/rdap+json"}, untrusted=True)
        early = self._status_outcome(result, url, "registry")
        if early is not None:
            return early
        try:
            data = parse_json(result.body)
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, f"registry answer unreadable: {e}", url=url)
        if not domain_exists(data):
            return outcome(self, Status.UNKNOWN, "registry answer is not an RDAP domain record", url=url)
        found = contacts(data)
        evidence_url = url
        related = related_url(data, self.domain)
        if not any(c.fields for c in found) and related:
            reg = await ctx.fetcher.request("GET", related, headers={"Accept": "application/rdap+json"},
                                            untrusted=True)
            early = self._status_outcome(reg, related, "registrar")
            if early is not None and early.status is Status.UNKNOWN:
                return early
            if early is None:
                try:
                    reg_found = contacts(parse_json(reg.body))
                except BadJSON as e:
                    return outcome(self, Status.UNKNOWN, f"registrar answer unreadable: {e}", url=related)
                if any(c.fields or c.redacted or c.proxy or c.self_link for c in reg_found):
                    found, evidence_url = reg_found, related
        found = merge(await self._follow_references(ctx, found, evidence_url))
        findings = self._findings(found, evidence_url, ctx.identity)
        if findings:
            shown = findings[0].detail["fields"].replace(",", ", ")
            return outcome(self, Status.FOUND, f"the public registration shows: {shown}", url=evidence_url,
                           findings=findings)
        if any(c.redacted or c.proxy for c in found):
            how = "a privacy service stands in" if any(c.proxy for c in found) else "redacted"
            return outcome(self, Status.PRIVATE, f"registrant details are not public ({how})", url=evidence_url)
        return outcome(self, Status.NOT_FOUND, "the registry shows no registrant contact details", url=evidence_url)

    def _status_outcome(self, result: FetchResult, url: str, who: str) -> CheckOutcome | None:
        blocked = block_reason(result)
        if blocked:
            return outcome(self, Status.UNKNOWN, f"{who} RDAP server: {blocked}", url=url)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, f"the {who} has no registration for {self.domain} (RDAP 404)",
                           url=url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"{who} RDAP server answered HTTP {result.status}", url=url)
        return None

    async def _follow_references(self, ctx: CheckContext, found: list[Contact], url: str) -> list[Contact]:
        """Entities given only as a link (CZ.NIC does this) are fetched: same host, registrant first, at most two."""
        host = urlparse(url).netloc
        refs = sorted((c for c in found if c.self_link and not c.fields and urlparse(c.self_link).netloc == host),
                      key=lambda c: 0 if "registrant" in c.roles else 1)[:MAX_ENTITY_FETCHES]
        out = [c for c in found if c not in refs]
        for ref in refs:
            result = await ctx.fetcher.request("GET", ref.self_link, headers={"Accept": "application/rdap+json"},
                                               untrusted=True)
            if block_reason(result) or result.status != 200:
                out.append(ref)
                continue
            try:
                entity = parse_json(result.body)
            except BadJSON:
                out.append(ref)
                continue
            if not isinstance(entity, dict):
                out.append(ref)
                continue
            fields = parse_jcard(entity.get("vcardArray"))
            proxy = bool(PROXY_RE.search(f"{fields.get('name', '')} {fields.get('org', '')}"))
            out.append(Contact(ref.roles, {} if proxy else fields, _remarks_redacted(entity) or not fields, proxy))
        return out

    def _findings(self, found: list[Contact], url: str, identity: Identity) -> list[Finding]:
        """One finding per domain: which registrant details the public record shows, and whether they are the user's.

        One record is one place a doxer looks, so its fields share a finding (the score counts places, not fields).
        """
        shown: dict[str, tuple[str, str, bool]] = {}  # field -> (value, role, is the user's)
        for contact in found:
            role = "registrant" if "registrant" in contact.roles else contact.roles[0]
            for name in FIELD_ORDER:
                value = contact.fields.get(name, "")
                if not value:
                    continue
                if name == "name" and contact.fields.get("kind", "").lower() == "org":
                    name = "org"
                mine = self._is_mine(name, value, identity)
                if role != "registrant" and not mine:
                    continue  # an admin/tech contact is usually the hosting company: only the user's own details count
                if name not in shown or (mine, role == "registrant") > (shown[name][2], shown[name][1] == "registrant"):
                    shown[name] = (value, role, mine)
        if "address" in shown and "city" in shown:
            del shown["city"]  # the street address already includes it
        if not shown:
            return []
        fields = [f for f in FIELD_ORDER if f in shown]
        yours = [f for f in fields if shown[f][2]]
        advice = "rdap_nl_shielding" if self.tld == "nl" else "rdap_whois_privacy"
        title_fields = sorted(fields, key=TITLE_ORDER.index)
        return [make_finding(
            self, "rdap_registrant_public",
            title=("contact.finding.rdap_public", {"domain": self.domain,
                                                   "fields": ",".join(TITLE_FIELD[f] for f in title_fields)}),
            severity=max(FIELD_SEVERITY[f] for f in fields), confidence=0.95 if yours else 0.7, url=url,
            snippet="; ".join(f"{shown[f][1]} {f}: {shown[f][0]}" for f in title_fields), advice=advice,
            detail={"domain": self.domain, "fields": ",".join(title_fields), "matches_you": ",".join(yours),
                    "roles": ",".join(sorted({shown[f][1] for f in fields}))},
            value=f"{self.domain}:registration",
        )]

    @staticmethod
    def _is_mine(name: str, value: str, identity: Identity) -> bool:
        if name in ("name", "org"):
            return any(fold(n) == fold(value) or fold(n) in fold(value) for n in identity.names)
        if name == "email":
            return value.strip().lower() in identity.emails
        if name == "phone":
            try:
                number = phonenumbers.parse(value, identity.country or "NL")
            except phonenumbers.NumberParseException:
                return False
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) in identity.phones
        if name == "address":
            return bool(pii.find_addresses(value, identity))
        if name == "city":
            return bool(identity.city) and fold(identity.city) in fold(value)
        return False

