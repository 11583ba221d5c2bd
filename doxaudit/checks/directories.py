"""People-search sites and directories: is the user's phone, address or email listed under their name?

Each directory is searched by name (and city) only — `checks/directories.json` cannot even express
another placeholder. The result page is read locally for the user's own needles (pii.find_sensitive);
links on it are not followed. Other people's details on the page are never findings, but they are
counted for the outcome's reason ("it lists 14 phone numbers of people with this name").

Directories that need a login, a captcha or JavaScript are `skipped` with a manual search link.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup

from .. import pii
from ..directories import Directory, for_identity
from ..identity import Identity, fold
from ..model import CheckOutcome, Finding, PlannedRequest, Severity, Status, Tip
from .base import Check, CheckContext, make_finding, outcome
from .blocks import block_reason

SEVERITY = {"phone": Severity.HIGH, "address": Severity.HIGH, "email": Severity.MEDIUM, "birthdate": Severity.MEDIUM}
CONFIDENCE = {"phone": 0.95, "email": 0.95, "address": 0.9, "birthdate": 0.85}
GENERIC_NO_RESULTS = ("no results", "no records found", "geen resultaten", "niets gevonden",
                      "geen zoekresultaten", "keine treffer", "aucun résultat")
PAGE_TEXT_LIMIT = 1_000_000
MANUAL = "manual check"
NOUNS = {"phone": ("phone number", "phone numbers"), "address": ("street address", "street addresses"),
         "postcode": ("postcode", "postcodes"), "email": ("email address", "email addresses")}


def page_text(html: str) -> str:
    """The visible text of a page: scripts, styles and templates dropped (a number in a script is no listing)."""
    soup = BeautifulSoup(html[:PAGE_TEXT_LIMIT], "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


def has_needles(identity: Identity) -> bool:
    """Whether there is anything of the user's to look for on a result page."""
    return bool(identity.phones or identity.addresses or identity.emails)


@dataclass
class DirectoryCheck:
    """One directory, one name. `fetch` is False when the directory or the identity rules out a lookup."""

    directory: Directory
    name: str
    city: str = ""
    fetch: bool = True
    tip: Tip = Tip.CONTACT_INFO
    uses: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        self.uses = self.directory.uses(self.city)

    @property
    def id(self) -> str:
        return f"directory:{self.directory.id}"

    @property
    def label(self) -> str:
        return self.directory.name

    @property
    def target(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return self.directory.search(self.name, self.city)

    def requests(self) -> list[PlannedRequest]:
        if not self.fetch:
            return []
        return [PlannedRequest(self.id, "GET", self.url, self.uses,
                               note="the result page is searched on this machine for your phone, address and email")]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        d = self.directory
        if not d.automatable:
            return outcome(self, Status.SKIPPED, f"{MANUAL}: {d.name} cannot be searched by a script; open the link "
                           f"to search yourself (removal: {d.optout_url})", url=self.url)
        if not self.fetch:
            return outcome(self, Status.SKIPPED, f"{MANUAL}: give --phone, --address or --email so doxaudit can look "
                           f"for them on {d.name}, or open the link yourself (removal: {d.optout_url})", url=self.url)
        result = await ctx.fetcher.request("GET", self.url)
        blocked = block_reason(result)
        if blocked:
            return outcome(self, Status.UNKNOWN, f"{blocked}; {MANUAL}: open the link yourself", url=self.url)
        if result.status in (404, 410):
            return outcome(self, Status.NOT_FOUND, f"{d.name} has no listing for this name", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        content_type = result.headers.get("content-type", "text/html").lower()
        if "html" not in content_type and "text" not in content_type:
            return outcome(self, Status.UNKNOWN, f"answer is not a web page ({content_type[:60]})", url=self.url)
        text = page_text(result.text) if "html" in content_type else result.text[:PAGE_TEXT_LIMIT]
        return self.classify(text, ctx.identity)

    def classify(self, text: str, identity: Identity) -> CheckOutcome:
        """Pure: the result page's text in, the outcome out."""
        d = self.directory
        findings: list[Finding] = []
        seen: set[str] = set()
        for match in pii.find_sensitive(text, identity):
            if match.kind in seen:
                continue
            seen.add(match.kind)
            findings.append(make_finding(
                self, f"{match.kind}_in_directory", title=("contact.finding.in_directory", {"field": match.kind,
                                                                                              "site": d.name}),
                severity=SEVERITY.get(match.kind, Severity.MEDIUM), confidence=CONFIDENCE.get(match.kind, 0.85),
                url=self.url, snippet=pii.snippet_around(text, match.start, match.end),
                advice=f"directory:{d.id}", value=match.value,
                detail={"site": d.name, "kind": d.kind, "field": match.kind, "optout_url": d.optout_url},
            ))
        if findings:
            listed = ", ".join(f.detail["field"] for f in findings)
            return outcome(self, Status.FOUND, f"{d.name} lists your {listed} (remove it: {d.optout_url})",
                           url=self.url, findings=findings)
        folded = fold(text)
        names_shown = fold(self.name) in folded
        says_none = any(marker in folded for marker in (*d.no_results, *GENERIC_NO_RESULTS))
        if not names_shown and not says_none:
            return outcome(self, Status.UNKNOWN, f"the result page could not be read (it may need JavaScript); "
                           f"{MANUAL}: open the link yourself", url=self.url)
        counts = pii.summarize(pii.detect_all(text, identity.country))
        context = ", ".join(f"{counts[kind]} {NOUNS[kind][counts[kind] != 1]}" for kind in NOUNS if counts.get(kind))
        reason = f"none of your details on {d.name}'s result page"
        if context and names_shown:
            reason += f" (it lists {context} of people with this name)"
        return outcome(self, Status.NOT_FOUND, reason, url=self.url)


def directory_checks(identity: Identity, directories: list[Directory] | None = None) -> list[Check]:
    """One check per (directory in the user's country, name). Without a phone, address or email to look
    for, nothing is fetched: the directories become manual links."""
    checks: list[Check] = []
    fetch = has_needles(identity)
    for d in directories if directories is not None else for_identity(identity):
        for name in identity.names:
            checks.append(DirectoryCheck(d, name, identity.city, fetch=fetch and d.automatable))
    return checks
