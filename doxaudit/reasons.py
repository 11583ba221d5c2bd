"""Why a check ended as it did, in the report's language.

Checks write their reasons in English (they are also what `--format json` consumers
and bug reports read). For a Dutch report the common ones are translated here by
pattern; a reason with no known pattern is shown as it is rather than guessed at.
"""

from __future__ import annotations

import re
from functools import cache

from .i18n import t

# (pattern over the English reason, message key); named groups become message arguments.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"timeout", "reason.timeout"),
    (r"rate limited \(HTTP 429, retry after (?P<wait>[^)]*?) s\)", "reason.rate_limited_wait"),
    (r"rate limited \(HTTP 429\)", "reason.rate_limited"),
    (r"captcha", "reason.captcha"),
    (r"Cloudflare challenge page", "reason.cloudflare"),
    (r"Cloudflare block \(HTTP (?P<status>\d+)\)", "reason.cloudflare_block"),
    (r"DDoS-Guard challenge page", "reason.ddos_guard"),
    (r"PerimeterX block page", "reason.perimeterx"),
    (r"Akamai block page", "reason.akamai"),
    (r"Sucuri/Imperva block page", "reason.sucuri"),
    (r"anti-bot check \(Anubis\)", "reason.anubis"),
    (r"service unavailable \(HTTP 503\)", "reason.unavailable"),
    (r"login required \(HTTP (?P<status>\d+)\)", "reason.login_required"),
    (r"redirected to a login page", "reason.login_redirect"),
    (r"connection failed.*", "reason.connection_failed"),
    (r"connection reset or broken response", "reason.connection_reset"),
    (r"undecodable response body", "reason.undecodable"),
    (r"too many redirects.*", "reason.too_many_redirects"),
    (r"unexpected answer \(HTTP (?P<status>\d+)\)", "reason.unexpected_status"),
    (r"unexpected answer \(HTTP (?P<status>\d+), body cut at size limit\)", "reason.unexpected_cut"),
    (r"unexpected redirect \(HTTP (?P<status>\d+)\)", "reason.unexpected_redirect"),
    (r"ambiguous answer .*", "reason.ambiguous"),
    (r"interrupted before this check finished", "reason.interrupted"),
    (r"no answer", "reason.no_answer"),
    (r"refused: .*", "reason.refused"),
    (r"HTTP (?P<status>\d+) with the profile marker", "reason.profile_marker"),
    (r"HTTP (?P<status>\d+) with the not-found marker", "reason.missing_marker"),
    (r"HTTP (?P<status>\d+)", "reason.http_status"),
    (r"public profile", "reason.public_profile"),
    (r"profile is private", "reason.private_profile"),
    (r"no known breach", "reason.no_breach"),
    (r"(?P<count>\d+) breaches", "reason.breaches"),
    (r"(?P<site>.+) does not accept this handle", "reason.handle_not_accepted"),
    (r"no (?P<site>.+) account with this handle", "reason.no_account"),
    (r"no Gravatar profile for this email", "reason.no_gravatar"),
    (r"GitHub API rate limit reached", "reason.github_rate_limit"),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), key) for p, key in PATTERNS)


def localize(reason: str, lang: str) -> str:
    if lang == "en" or not reason:
        return reason
    for pattern, key in _compiled():
        m = pattern.fullmatch(reason)
        if m:
            return t(key, lang, **m.groupdict())
    return reason
