"""The report model: plain frozen values that flow one way from checks to renderers.

Nothing here imports the rest of doxaudit, so every stage can be tested alone
(pip-audit's layering). Statuses and severities are data, never exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Tip(StrEnum):
    """The three doxing-prevention tips the report is scored against."""

    PASSWORDS = "passwords"
    CONTACT_INFO = "contact_info"
    SOCIAL_VISIBILITY = "social_visibility"


class Status(StrEnum):
    """How one check ended. Only FOUND, NOT_FOUND and PRIVATE count as completed."""

    FOUND = "found"
    NOT_FOUND = "not_found"
    PRIVATE = "private"
    UNKNOWN = "unknown"
    ERROR = "error"
    SKIPPED = "skipped"

    @property
    def completed(self) -> bool:
        return self in (Status.FOUND, Status.NOT_FOUND, Status.PRIVATE)

    @property
    def failed(self) -> bool:
        return self in (Status.UNKNOWN, Status.ERROR)


class Severity(IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class PlannedRequest:
    """One request a check would make, as `doxaudit plan` shows it.

    `sends` names the identifier kinds that leave the machine in this request;
    `url` may be a description in angle brackets when it is only known at run time.
    """

    check: str
    method: str
    url: str
    sends: tuple[str, ...]
    dynamic: bool = False
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    url: str
    snippet: str = ""


@dataclass(frozen=True)
class Finding:
    check: str
    tip: Tip
    kind: str
    title: str
    severity: Severity
    confidence: float
    evidence: Evidence
    advice: str
    detail: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    title_key: str = ""  # message key; the report renders the title in its language from this
    title_args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckOutcome:
    """Exactly one per check: what happened, why, and what it found."""

    check: str
    tip: Tip
    target: str
    status: Status
    reason: str = ""
    url: str = ""
    findings: tuple[Finding, ...] = ()
    elapsed: float = 0.0
    label: str = ""


@dataclass(frozen=True)
class RequestLog:
    """A request that was actually made (or attempted) during the scan."""

    method: str
    url: str
    status: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class TipScore:
    tip: Tip | None  # None for the overall score
    score: int | None
    grade: str
    status: str  # "scored" | "incomplete"
    reasons: tuple[str, ...] = ()
    checks_total: int = 0
    completed: int = 0
    unknown: int = 0


@dataclass(frozen=True)
class Coverage:
    checks_total: int
    completed: int
    unknown: int
    skipped: int
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IdentityView:
    """The identity as a report shows it: kinds and (usually masked) values."""

    values: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ManualLink:
    """A search the user can open in their own browser where automation could not go.

    why: search_incomplete (our search of this query was blocked or failed), other_engine (an
    engine doxaudit does not query itself), login_only (a site that shows more after logging in),
    profile_unknown (a profile check that could not complete). `label` is in the report's language.
    """

    engine: str
    kind: str
    url: str
    why: str
    label: str = ""


@dataclass(frozen=True)
class Report:
    schema_version: str
    tool_version: str
    generated_at: str
    identity: IdentityView
    coverage: Coverage
    tips: tuple[TipScore, ...]
    overall: TipScore
    findings: tuple[Finding, ...]
    checks: tuple[CheckOutcome, ...]
    requests: tuple[RequestLog, ...]
    lang: str = "en"
    masked: bool = True
    mode: str = "live"  # live | replay | demo
    partial: bool = False
    manual_links: tuple[ManualLink, ...] = ()
