"""Recognising answers that are not answers: challenge pages, captchas, login walls, rate limits.

Any of these makes a check `unknown` with the reason, never `found` or `not_found`.
"""

from __future__ import annotations

import re

from ..net.fetch import FetchResult

# (reason, pattern over the first part of the body, lower-cased)
BODY_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Cloudflare challenge page", re.compile(
        r"cf-chl-|challenge-platform|cf-browser-verification|<title>just a moment\.\.\.</title>"
        r"|attention required! \| cloudflare|cf_chl_opt|enable javascript and cookies to continue")),
    ("DDoS-Guard challenge page", re.compile(r"ddos-guard|check\.ddos-guard\.net|__ddg1")),
    ("PerimeterX block page", re.compile(r"px-captcha|_pxhd|perimeterx|human verification challenge")),
    ("Akamai block page", re.compile(r"<title>access denied</title>.{0,2000}reference&#32;#|errors\.edgesuite\.net"
                                     r"|akamai.{0,40}(reference|blocked)", re.DOTALL)),
    ("Sucuri/Imperva block page", re.compile(r"sucuri website firewall|incapsula incident id|_incapsula_resource")),
    ("captcha", re.compile(r"g-recaptcha|h-captcha|hcaptcha\.com/1/api|captcha-delivery\.com|geo\.captcha-delivery"
                           r"|<title>[^<]{0,60}captcha")),
    ("anti-bot check (Anubis)", re.compile(r"anubis_challenge|making sure you(&#39;|')re not a bot")),
)
LOGIN_PATH = re.compile(r"/(login|signin|sign-in|sign_in|auth|accounts/login|i/flow/login|checkpoint|uas/login)\b",
                        re.IGNORECASE)
SCAN_CHARS = 60_000
# Literal substrings, one of which every match of the reason's pattern contains: the pattern runs only when one
# is there. `in` runs at memchr speed; seven regex passes over 60 000 characters cost ~2.5 ms a page, the
# largest CPU item of a 500-site sweep.
ANCHORS: dict[str, tuple[str, ...]] = {
    "Cloudflare challenge page": ("cf-chl-", "challenge-platform", "cf-browser-verification", "just a moment...",
                                  "attention required! | cloudflare", "cf_chl_opt",
                                  "enable javascript and cookies to continue"),
    "DDoS-Guard challenge page": ("ddos-guard", "__ddg1"),
    "PerimeterX block page": ("px-captcha", "_pxhd", "perimeterx", "human verification challenge"),
    "Akamai block page": ("<title>access denied</title>", "errors.edgesuite.net", "akamai"),
    "Sucuri/Imperva block page": ("sucuri website firewall", "incapsula incident id", "_incapsula_resource"),
    "captcha": ("captcha",),
    "anti-bot check (Anubis)": ("anubis_challenge", "making sure you"),
}


def block_reason(result: FetchResult) -> str | None:
    """Why this response cannot be read as an answer, or None if it can."""
    if result.error:
        return result.error
    status = result.status or 0
    if status == 429:
        return "rate limited (HTTP 429)"
    head = result.body[:SCAN_CHARS].decode("utf-8", errors="replace").lower()
    for reason, pattern in BODY_MARKERS:
        if any(a in head for a in ANCHORS.get(reason, ("",))) and pattern.search(head):  # no anchors: always run
            return reason
    server = result.headers.get("server", "").lower()
    if status in (403, 503) and ("cloudflare" in server or "cf-ray" in result.headers):
        return f"Cloudflare block (HTTP {status})"
    if status == 503:
        return "service unavailable (HTTP 503)"
    if status in (401, 407):
        return f"login required (HTTP {status})"
    location = result.headers.get("location", "")
    if 300 <= status < 400 and LOGIN_PATH.search(location):
        return "redirected to a login page"
    if any(LOGIN_PATH.search(hop) for hop in (*result.redirects[1:], result.url)) and result.redirects:
        return "redirected to a login page"
    return None
