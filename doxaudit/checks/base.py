"""The check protocol: declare requests up front (for `plan`), run, return one outcome.

Each check is request -> I/O -> a pure classify/extract step; tests aim at the pure half.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..config import RunConfig
from ..i18n import t
from ..identity import Identity
from ..model import CheckOutcome, Evidence, Finding, PlannedRequest, Severity, Status, Tip
from ..net.fetch import Fetcher, FetchResult


@dataclass
class PageCache:
    """Fetches each untrusted page at most once per scan, even when several checks want it."""

    fetcher: Fetcher
    _pending: dict[str, asyncio.Future[FetchResult]] = field(default_factory=dict)

    async def get(self, url: str) -> FetchResult:
        if url not in self._pending:
            future: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
            self._pending[url] = future
            try:
                future.set_result(await self.fetcher.request("GET", url, untrusted=True))
            except BaseException as e:  # cancellation must not leave waiters hanging
                future.set_exception(e)
                raise
        return await asyncio.shield(self._pending[url])


@dataclass
class CheckContext:
    identity: Identity
    fetcher: Fetcher
    config: RunConfig
    pages: PageCache


class Check(Protocol):
    """What every check offers. Attributes are read-only here so dataclass fields and properties both fit."""

    @property
    def id(self) -> str: ...
    @property
    def tip(self) -> Tip: ...
    @property
    def target(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def uses(self) -> tuple[str, ...]: ...

    def requests(self) -> list[PlannedRequest]:
        """Every request `run` may make, without making any."""
        ...

    async def run(self, ctx: CheckContext) -> CheckOutcome: ...


def fingerprint(*parts: str) -> str:
    """Stable identity of a finding across scans: over what was found, never where in a page."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def value_hash(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:12]


def make_finding(
    check: Check, kind: str, title: tuple[str, dict[str, str]], severity: Severity, confidence: float, url: str,
    snippet: str, advice: str, detail: dict[str, str] | None = None, value: str = "",
) -> Finding:
    """`title` is (message key, arguments): the report renders it in the user's language."""
    key, args = title
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return Finding(
        check=check.id, tip=check.tip, kind=kind, title=t(key, "en", **args), title_key=key, title_args=args,
        severity=severity,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        evidence=Evidence(url=url, snippet=snippet[:400]), advice=advice, detail=detail or {},
        fingerprint=fingerprint(check.id, kind, value_hash(value or key + repr(sorted(args.items()))), host),
    )


def outcome(check: Check, status: Status, reason: str = "", url: str = "",
            findings: tuple[Finding, ...] | list[Finding] = ()) -> CheckOutcome:
    return CheckOutcome(check=check.id, tip=check.tip, target=check.target, status=status, reason=reason,
                        url=url, findings=tuple(findings), label=check.label)


def unknown_from_fetch(check: Check, result: FetchResult, reason: str | None = None) -> CheckOutcome:
    return outcome(check, Status.UNKNOWN, reason or result.error or "no answer", url=result.url)


async def run_safely(check: Check, ctx: CheckContext) -> CheckOutcome:
    """A check that raises becomes an `error` outcome; it never stops the scan."""
    started = time.monotonic()
    try:
        result = await check.run(ctx)
    except asyncio.CancelledError:
        raise
    except Exception as e:  # a bug in one check must not cost the user the others
        result = outcome(check, Status.ERROR, f"internal error in check: {type(e).__name__}: {e}"[:300])
    return replace(result, elapsed=round(time.monotonic() - started, 3))
