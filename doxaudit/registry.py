"""Which checks a scan runs for an identity: the one list both `plan` and `scan` read."""

from __future__ import annotations

from .catalog import Site
from .checks.base import Check
from .checks.breaches import HibpCheck, XposedOrNotCheck
from .checks.directories import directory_checks
from .checks.extractors import EXTRACTORS
from .checks.github_commits import GitHubCommitEmailCheck
from .checks.gravatar import GravatarCheck
from .checks.rdap import RdapCheck
from .checks.search import build_search_checks
from .checks.sites import SiteCheck
from .config import RunConfig
from .identity import Identity
from .model import Tip


def build_checks(identity: Identity, sites: list[Site], config: RunConfig) -> list[Check]:
    checks: list[Check] = []
    for email in identity.emails:
        if config.hibp_api_key:
            checks.append(HibpCheck(email, config.hibp_api_key))
        else:
            checks.append(XposedOrNotCheck(email))
        checks.append(GravatarCheck(email))
        checks.append(GitHubCommitEmailCheck(email))
    # The query plan is checks.search.search_queries: phone and address only with config.search_sensitive.
    checks.extend(build_search_checks(identity, config))
    for handle in identity.handles:
        for site in sites:
            extractor = EXTRACTORS.get(site.id)
            checks.append(extractor(handle) if extractor else SiteCheck(site, handle))
    checks += [RdapCheck(domain) for domain in identity.domains]
    checks += directory_checks(identity)
    if config.only:
        wanted = {Tip(t) for t in config.only}
        checks = [c for c in checks if c.tip in wanted]
    return checks
