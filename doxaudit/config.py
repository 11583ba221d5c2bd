"""Run settings, passed explicitly to whatever needs them (never a global)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__

USER_AGENT = f"doxaudit/{__version__} (self-audit privacy tool; +https://github.com/doxaudit/doxaudit)"


@dataclass(frozen=True)
class NetConfig:
    timeout: float = 15.0  # total deadline per request, retries and body included
    connect_timeout: float = 8.0
    read_timeout: float = 10.0
    concurrency: int = 512  # a whole 500-site sweep in flight: a hanging site costs one timeout, not a wave
    per_host: int = 4
    max_body_bytes: int = 2 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 429/503
    retry_wait_cap: float = 8.0  # seconds; a longer Retry-After makes the check `unknown`
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class RunConfig:
    net: NetConfig = NetConfig()
    lang: str = "en"
    reveal: bool = False
    only: tuple[str, ...] = ()  # tip ids; empty = all
    max_result_pages: int = 5  # result pages read per search query
    hibp_api_key: str | None = None
    search_backend: str = "auto"  # auto | duckduckgo | searxng | brave (auto: Brave with a key, else SearXNG if set)
    searxng_url: str | None = None
    brave_api_key: str | None = field(default=None, repr=False)
    search_sensitive: bool = False  # also send the phone number and street address as search queries
    allow_private_addresses: bool = False  # fetch result pages on private/loopback/link-local addresses
    max_total_result_pages: int = 40  # result pages read per scan, all queries together
