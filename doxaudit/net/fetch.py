"""Bounded, honest fetching on top of the one httpx client.

Checks call `Fetcher.request` and get a `FetchResult` back, never an exception:
a timeout, reset or refused connection is a result with `error` set, which the check
turns into `unknown`. Every hop is logged, so the report lists every request made.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from ..config import NetConfig
from ..model import RequestLog
from .guard import UnsafeURL, check_url

Sleep = Callable[[float], Awaitable[None]]
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    redirects: tuple[str, ...] = ()
    elapsed: float = 0.0
    encoding: str | None = None

    @property
    def text(self) -> str:
        """The body decoded leniently: hostile or mislabelled encodings never raise, and never yield lone
        surrogates (escape codecs such as unicode_escape or utf-7 can; lxml and the reports cannot take them)."""
        for enc in (self.encoding, "utf-8"):
            if not enc:
                continue
            try:
                text = self.body.decode(enc)
            except (LookupError, ValueError):  # also UnicodeError (punycode, undefined) and a NUL in the name
                continue
            if not _SURROGATE.search(text):
                return text
        return self.body.decode("utf-8", errors="replace")

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed: {exc}" if str(exc) else "connection failed"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "connection reset or broken response"
    if isinstance(exc, httpx.DecodingError):
        return "undecodable response body"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported protocol"
    return f"{type(exc).__name__}: {exc}"[:200]


class Fetcher:
    """Runs requests with global and per-host limits, a total deadline, capped retries and size caps."""

    def __init__(self, client: httpx.AsyncClient, config: NetConfig, sleep: Sleep = asyncio.sleep) -> None:
        self.client = client
        self.config = config
        self.sleep = sleep
        self.log: list[RequestLog] = []
        self._global = asyncio.Semaphore(config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = httpx.URL(url).host
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.config.per_host)
        return self._hosts[host]

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        follow_redirects: bool = True,
        untrusted: bool = False,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch `url`. `untrusted` URLs (from search results) are refused if they point inward."""
        cfg = self.config
        started = time.monotonic()
        try:
            host_limit = self._host_limit(url)
        except (httpx.InvalidURL, ValueError) as e:
            return self._failed(method, url, f"invalid URL: {e}")
        # One pair of slots for the whole request, retries included: a retry that went back to the end of
        # the queue would wait behind the whole scan and end as "timeout". Holding the host slot through a
        # Retry-After also keeps our other requests to that host waiting, which is what it asked for.
        async with self._global, host_limit:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + cfg.timeout  # queueing for the slots is not counted; everything after is
            result = FetchResult(url=url, error="not attempted")
            # Let every other request that got its slots start its clock too before this one spends ~0.5 ms of
            # CPU building and connecting: 500 requests then all start within a few ms, not over 0.25 s.
            await asyncio.sleep(0)
            try:
                async with asyncio.timeout_at(deadline):
                    for attempt in range(cfg.retries + 1):
                        result = await self._once(method, url, headers, content, follow_redirects,
                                                  untrusted, max_bytes or cfg.max_body_bytes)
                        if result.status not in (429, 503) or attempt == cfg.retries:
                            break
                        wait = parse_retry_after(result.headers.get("retry-after"))
                        if wait is None:
                            wait = 0.5 * (2**attempt)
                        if wait > cfg.retry_wait_cap or loop.time() + wait >= deadline:
                            break
                        await self.sleep(wait)
            except TimeoutError:
                return self._failed(method, url, "timeout", started)
        return FetchResult(**{**result.__dict__, "elapsed": time.monotonic() - started})

    def _failed(self, method: str, url: str, error: str, started: float | None = None) -> FetchResult:
        self.log.append(RequestLog(method=method, url=url, error=error))
        elapsed = time.monotonic() - started if started is not None else 0.0
        return FetchResult(url=url, error=error, elapsed=elapsed)

    async def _once(
        self,
        method: str,
        url: str,
        headers: dict[str, str] | None,
        content: bytes | None,
        follow_redirects: bool,
        untrusted: bool,
        max_bytes: int,
    ) -> FetchResult:
        hops: list[str] = []
        for _ in range(self.config.max_redirects + 1):
            try:
                check_url(url, allow_private=not untrusted)
            except UnsafeURL as e:
                return self._failed(method, url, f"refused: {e}")
            try:
                request = self.client.build_request(method, url, headers=headers, content=content)
                response = await self.client.send(request, stream=True, follow_redirects=False)
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as e:
                return self._failed(method, url, describe_error(e))
            try:
                resp_headers = {k.lower(): v for k, v in response.headers.items()}
                location = response.headers.get("location")
                if follow_redirects and response.is_redirect and location:
                    self.log.append(RequestLog(method=method, url=url, status=response.status_code))
                    hops.append(url)
                    url = urljoin(url, location)
                    if response.status_code in (301, 302, 303) and method == "POST":
                        method, content = "GET", None
                    continue
                body, truncated = await _read_capped(response, max_bytes)
            except (httpx.HTTPError, ValueError) as e:
                return self._failed(method, url, describe_error(e))
            finally:
                await response.aclose()
            self.log.append(RequestLog(method=method, url=url, status=response.status_code))
            return FetchResult(
                url=url, status=response.status_code, headers=resp_headers, body=body,
                truncated=truncated, redirects=tuple(hops), encoding=response.charset_encoding,
            )
        return self._failed(method, url, f"too many redirects (more than {self.config.max_redirects})")


async def _read_capped(response: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    """Read at most `max_bytes` of the decoded body, stopping the download there (gzip bombs included)."""
    coding = response.headers.get("content-encoding", "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate") and not response.is_stream_consumed:
        return await _read_inflated(response, max_bytes, coding)
    if "," in coding:  # layered encodings (`gzip, gzip`) could not be bounded while inflating
        raise httpx.DecodingError(f"layered content-encoding {coding!r} refused", request=response.request)
    source = response.aiter_bytes()
    chunks: list[bytes] = []
    size = 0
    async for chunk in source:
        room = max_bytes - size
        if len(chunk) > room:
            chunks.append(chunk[:room])
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


async def _read_inflated(response: httpx.Response, max_bytes: int, coding: str) -> tuple[bytes, bool]:
    wbits = zlib.MAX_WBITS | 16 if "gzip" in coding else zlib.MAX_WBITS
    d = zlib.decompressobj(wbits)
    chunks: list[bytes] = []
    size = 0
    try:
        async for raw in response.aiter_raw():
            data = raw
            while data:
                out = d.decompress(data, max_bytes - size + 1)
                if size + len(out) > max_bytes:
                    chunks.append(out[: max_bytes - size])
                    return b"".join(chunks), True
                chunks.append(out)
                size += len(out)
                data = d.unconsumed_tail
        tail = d.flush()
    except zlib.error as e:
        raise httpx.DecodingError(str(e), request=response.request) from e
    if size + len(tail) > max_bytes:
        chunks.append(tail[: max_bytes - size])
        return b"".join(chunks), True
    chunks.append(tail)
    return b"".join(chunks), False
