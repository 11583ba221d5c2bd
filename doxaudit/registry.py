"""Which checks a scan runs for an identity: the one list both `plan` and `scan` read."""

from __future__ import annotations

from .catalog import Site
from .checks.base import Check
from .checks.breaches import HibpCheck, XposedOrNotCheck
from .checks.extractors import EXTRACTORS
from .checks.github_commits import GitHubCommitEmailCheck
from .checks.gravatar import GravatarCheck
from .checks.search import SearchCheck
from .checks.sites import SiteCheck
from .config import RunConfig
from .identity import Identity
from .model import Tip


def search_queries(identity: Identity) -> list[tuple[str, str]]:
    """(kind, query) pairs. Never the phone or address: those are only matched locally."""
    queries: list[tuple[str, str]] = []
    for name in identity.names:
        queries.append(("name", f'"{name}"'))
        if identity.city:
            queries.append(("name+city", f'"{name}" "{identity.city}"'))
    queries += [("email", f'"{email}"') for email in identity.emails]
    queries += [("handle", f'"{handle}"') for handle in identity.handles]
    return queries


def build_checks(identity: Identity, sites: list[Site], config: RunConfig) -> list[Check]:
    checks: list[Check] = []
    for email in identity.emails:
        if config.hibp_api_key:
            checks.append(HibpCheck(email, config.hibp_api_key))
        else:
            checks.append(XposedOrNotCheck(email))
        checks.append(GravatarCheck(email))
        checks.append(GitHubCommitEmailCheck(email))
    for kind, query in search_queries(identity):
        check = SearchCheck(kind=kind.split("+")[0], query=query)
        if kind == "name+city":
            check.uses = ("name", "city")
        checks.append(check)
    for handle in identity.handles:
        for site in sites:
            extractor = EXTRACTORS.get(site.id)
            checks.append(extractor(handle) if extractor else SiteCheck(site, handle))
    if config.only:
        wanted = {Tip(t) for t in config.only}
        checks = [c for c in checks if c.tip in wanted]
    return checks
