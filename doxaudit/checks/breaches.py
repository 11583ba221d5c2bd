"""Data breaches that exposed the email: Have I Been Pwned with a key, XposedOrNot without.

A 404 or all-null answer means "no known breach" (completed); a 429, block page or an
answer we cannot read is `unknown`, never "no breach". Severity grows with what leaked
(passwords, phone, address, date of birth) and with how recent the breach is.

Every byte of the answer is hostile: names and data classes are cleaned and capped,
wrong types are treated as absent, and HIBP's HTML `Description` is never used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from ..i18n import t
from ..model import CheckOutcome, Evidence, Finding, PlannedRequest, Severity, Status, Tip
from ..net.fetch import FetchResult
from .base import Check, CheckContext, fingerprint, make_finding, outcome, unknown_from_fetch, value_hash
from .blocks import block_reason
from .jsonutil import BadJSON, parse_json

PASSWORD_CLASSES = frozenset({
    "passwords", "password", "password hints", "passwords (plaintext)", "historical passwords",
    "security questions and answers", "auth tokens", "account pins", "pins",
})
CONTACT_CLASSES = frozenset({
    "phone numbers", "physical addresses", "home addresses", "addresses", "dates of birth",
    "government issued ids", "passport numbers", "social security numbers", "national ids",
    "driver's licenses", "drivers licenses",
})
PLAINTEXT_RISKS = frozenset({"plaintext"})  # XposedOrNot's password_risk; "easytocrack" is still a hash
MAX_BREACHES = 300  # more than any real account; a longer list is cut and says so
MAX_CLASSES = 40
OLD_YEARS = 8  # a breach older than this is less likely to hold a password still in use
DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])")


@dataclass(frozen=True)
class Breach:
    name: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD; "" if unknown
    data_classes: tuple[str, ...]
    domain: str = ""
    records: int | None = None
    key: str = ""  # the service's stable id (HIBP `Name`, XposedOrNot `breach`/`breachID`)
    password_risk: str = ""  # XposedOrNot: plaintext | easytocrack | hardtocrack | unknown
    verified: bool = True
    fabricated: bool = False
    sensitive: bool = False
    spam_list: bool = False
    stealer_log: bool = False
    malware: bool = False

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(c.lower() for c in self.data_classes)

    @property
    def leaked_passwords(self) -> bool:
        return bool(self.classes & PASSWORD_CLASSES) or self.stealer_log

    @property
    def leaked_contact(self) -> bool:
        return bool(self.classes & CONTACT_CLASSES)


@dataclass(frozen=True)
class Parsed:
    breaches: list[Breach] = field(default_factory=list)
    cut: bool = False  # the answer listed more than MAX_BREACHES


def clean(value: object, limit: int) -> str:
    """A display string from an untrusted value: strings only (anything else is absent), no control characters."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch for ch in unicodedata.normalize("NFC", value[: limit * 4])
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    return " ".join(text.split())[:limit]


def clean_date(value: object) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD from a year, a date or an ISO timestamp; "" for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a bare year, as XposedOrNot sometimes sends it
    match = DATE_RE.match(clean(value, 40))
    if not match:
        return ""
    year, month, day = match.groups()
    if not 1970 <= int(year) <= 2100:
        return ""
    if month and not 1 <= int(month) <= 12:
        return year
    if day and not 1 <= int(day) <= 31:
        return f"{year}-{month}"
    return "-".join(p for p in (year, month, day) if p)


def clean_classes(value: object) -> tuple[str, ...]:
    """Data classes from a list of strings or a `;`-separated string, de-duplicated, capped."""
    if isinstance(value, str):
        items: list[object] = list(value.split(";"))
    elif isinstance(value, list):
        items = value[: MAX_CLASSES * 4]
    else:
        return ()
    out: dict[str, str] = {}
    for item in items:
        text = clean(item, 60) if isinstance(item, str) else ""
        if text and text.lower() not in out:
            out[text.lower()] = text
    return tuple(out.values())[:MAX_CLASSES]


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _flag(value: object) -> bool:
    """XposedOrNot says "Yes"/"No" or true/false; anything else is false."""
    return value is True or (isinstance(value, str) and value.strip().lower() in ("yes", "true"))


def breach_severity(breach: Breach, now: datetime | None = None) -> Severity:
    """MEDIUM for an email in a breach; +1 for passwords, +1 for phone/address/birth date/ID,
    +1 for readable passwords (plaintext, or stolen by malware); one step down when
    older than OLD_YEARS, for spam lists and for breaches the service marks as fabricated."""
    level = int(Severity.MEDIUM)
    if breach.leaked_passwords:
        level += 1
    if breach.leaked_contact:
        level += 1
    if breach.stealer_log or (breach.leaked_passwords and breach.password_risk.lower() in PLAINTEXT_RISKS):
        level += 1
    level = min(level, int(Severity.CRITICAL))
    year_match = DATE_RE.match(breach.date)
    year_now = (now or datetime.now(UTC)).year
    if year_match and year_now - int(year_match.group(1)) > OLD_YEARS and level > Severity.MEDIUM:
        level -= 1
    if breach.fabricated or (breach.spam_list and not breach.leaked_passwords and not breach.leaked_contact):
        level -= 1
    return Severity(max(int(Severity.LOW), level))


def breach_confidence(breach: Breach) -> float:
    if breach.fabricated:
        return 0.5
    return 0.95 if breach.verified else 0.8


def breach_advice(breach: Breach) -> str:
    if breach.stealer_log or breach.malware:
        return "breach_stealer_log"
    if breach.leaked_passwords:
        return "breach_password_exposed"
    if breach.leaked_contact:
        return "breach_contact_exposed"
    return "breach_found"


def breach_findings(check: Check, breaches: list[Breach], email: str, source_url: str,
                    reveal: bool = False, now: datetime | None = None) -> list[Finding]:
    """One finding per breach.

    The name (and domain, size and fingerprint) of a breach the service marks sensitive (an adult
    site, say) is left out unless the user asked for --reveal: a masked report is meant to be safe to show.
    """
    findings = []
    for b in breaches:
        hidden = b.sensitive and not reveal
        flags = [name for name, on in (("unverified", not b.verified), ("fabricated", b.fabricated),
                                       ("sensitive", b.sensitive), ("spam list", b.spam_list),
                                       ("stealer log", b.stealer_log), ("malware", b.malware)) if on]
        classes = ", ".join(b.data_classes) or "data classes not given"
        title = (("passwords.finding.breach_sensitive", {"date": b.date or "?"}) if hidden
                 else ("finding.breach", {"breach": b.name, "date": b.date or "?"}))
        detail = {"breach": "" if hidden else b.name, "date": b.date, "data_classes": ", ".join(b.data_classes),
                  "domain": "" if hidden else b.domain}
        if b.records is not None and not hidden:
            detail["records"] = str(b.records)
        if b.password_risk:
            detail["password_risk"] = b.password_risk
        if flags:
            detail["flags"] = ", ".join(flags)
        findings.append(make_finding(
            check, "breach", title=title, severity=breach_severity(b, now), confidence=breach_confidence(b),
            url=source_url, snippet=f"{'sensitive breach' if hidden else b.name}: {classes}",
            advice=breach_advice(b), detail=detail,
            # a hidden breach's fingerprint must not be computable from its name (sensitive breaches are not
            # publicly searchable, so a hash over email + name would give it away to whoever knows the email)
            value=f"{email}:sensitive:{b.date}:{len(b.data_classes)}" if hidden else f"{email}:{b.key or b.name}",
        ))
    return findings


def breach_summaries(outcomes: Iterable[CheckOutcome]) -> list[Finding]:
    """Per email with breaches, one info finding: check the address is still yours, then what to change first.

    Derived across outcomes (like handle reuse), so each breach check's own findings stay one per breach.
    """
    findings = []
    for o in outcomes:
        if not o.check.startswith("breach:") or o.status is not Status.FOUND:
            continue
        breaches = [f for f in o.findings if f.kind == "breach"]
        if not breaches:
            continue
        dates = [f.detail.get("date", "") for f in breaches]
        newest = max((d for d in dates if d), default="")
        with_passwords = sum(1 for f in breaches if f.advice in ("breach_password_exposed", "breach_stealer_log"))
        args = {"count": str(len(breaches))}
        findings.append(Finding(
            check=o.check, tip=o.tip, kind="breach_summary",
            title=t("passwords.finding.breach_summary", "en", **args), title_key="passwords.finding.breach_summary",
            title_args=args, severity=Severity.INFO, confidence=0.95,
            evidence=Evidence(url=breaches[0].evidence.url,
                              # names and years only: evidence that reads the same in every language
                              snippet=(f"{o.target}: " + ", ".join(
                                  f"{f.detail.get('breach', '?')} ({f.detail.get('date') or '?'})" for f in breaches))[:400]),
            advice="breach_change_first",
            detail={"email": o.target, "breaches": str(len(breaches)), "newest": newest,
                    "with_passwords": str(with_passwords)},
            fingerprint=fingerprint(o.check, "breach_summary", value_hash(o.target), ""),
        ))
    return findings


def _dedupe(breaches: list[Breach]) -> list[Breach]:
    seen: dict[str, Breach] = {}
    for b in breaches:
        seen.setdefault((b.key or b.name).lower(), b)
    return list(seen.values())


def parse_xon_breach(item: Any) -> Breach | None:
    """One XposedOrNot breach record, in either documented shape:
    breach-analytics (`breach`, `xposed_data` "a;b", `xposed_date`) or the breach list
    (`breachID`, `exposedData` [...], `breachedDate` ISO)."""
    if not isinstance(item, dict):
        return None
    key = clean(item.get("breach") if "breach" in item else item.get("breachID"), 100)
    if not key:
        return None
    classes = clean_classes(item["xposed_data"] if "xposed_data" in item else item.get("exposedData"))
    date = clean_date(item["xposed_date"] if "xposed_date" in item else item.get("breachedDate"))
    risk = clean(item["password_risk"] if "password_risk" in item else item.get("passwordRisk"), 20)
    verified = item.get("verified", True)
    return Breach(
        name=key, key=key, date=date, data_classes=classes, domain=clean(item.get("domain"), 100),
        records=_count(item["xposed_records"] if "xposed_records" in item else item.get("exposedRecords")),
        password_risk=risk.lower(), verified=_flag(verified), sensitive=_flag(item.get("sensitive")),
    )


def _parse_list(items: list[Any], parse_one: Callable[[Any], Breach | None] = parse_xon_breach) -> Parsed | None:
    """None when the list had entries but none could be read: that is not "no breach"."""
    cut = len(items) > MAX_BREACHES
    breaches = [b for b in (parse_one(i) for i in items[:MAX_BREACHES]) if b is not None]
    if items and not breaches:
        return None
    return Parsed(_dedupe(breaches), cut)


def parse_xon_analytics(data: Any) -> list[Breach] | None:
    """XposedOrNot breach-analytics. [] for the documented all-null "not found"; None if unreadable."""
    parsed = parse_xon_answer(data)
    return None if parsed is None else parsed.breaches


def parse_xon_answer(data: Any) -> Parsed | None:
    if not isinstance(data, dict):
        return None
    if "ExposedBreaches" in data:
        exposed = data["ExposedBreaches"]
        summary = data.get("BreachesSummary")
        named = isinstance(summary, dict) and isinstance(summary.get("site"), str) and summary["site"].strip()
        if exposed is None:
            return None if named else Parsed()  # no details while the summary names a breach: not "no breach"
        if not isinstance(exposed, dict):
            return None
        details = exposed.get("breaches_details")
        if details is None and not exposed:
            return Parsed()
        return _parse_list(details) if isinstance(details, list) else None
    if isinstance(data.get("exposedBreaches"), list):  # the breach-list shape, should the API move to it
        return _parse_list(data["exposedBreaches"])
    if data.get("Error") == "Not found":
        return Parsed()
    return None


def parse_xon_breaches_list(data: Any) -> list[Breach] | None:
    """XposedOrNot's /v1/breaches list (`{"exposedBreaches": [...]}`)."""
    if not isinstance(data, dict) or not isinstance(data.get("exposedBreaches"), list):
        return None
    parsed = _parse_list(data["exposedBreaches"])
    return None if parsed is None else parsed.breaches


def parse_hibp_breach(item: Any) -> Breach | None:
    """One breach in HIBP's documented model. `Description` is HTML and deliberately unused."""
    if not isinstance(item, dict):
        return None
    key = clean(item.get("Name"), 100)
    if not key:
        return None
    title = clean(item.get("Title"), 100)
    verified = item.get("IsVerified")
    raw_classes = item.get("DataClasses")  # documented as a list; a string here is not HIBP's format
    return Breach(
        name=title or key, key=key, date=clean_date(item.get("BreachDate")),
        data_classes=clean_classes(raw_classes) if isinstance(raw_classes, list) else (),
        domain=clean(item.get("Domain"), 100),
        records=_count(item.get("PwnCount")), verified=verified is not False,
        fabricated=item.get("IsFabricated") is True, sensitive=item.get("IsSensitive") is True,
        spam_list=item.get("IsSpamList") is True, stealer_log=item.get("IsStealerLog") is True,
        malware=item.get("IsMalware") is True,
    )


def parse_hibp_answer(data: Any) -> Parsed | None:
    return _parse_list(data, parse_hibp_breach) if isinstance(data, list) else None


def parse_hibp(data: Any) -> list[Breach] | None:
    parsed = parse_hibp_answer(data)
    return None if parsed is None else parsed.breaches


def _retry_note(result: FetchResult) -> str:
    wait = result.headers.get("retry-after", "").strip()
    return f"rate limited (HTTP 429, retry after {wait[:6]} s)" if wait.isdigit() else "rate limited (HTTP 429)"


def _found(check: Check, ctx: CheckContext, parsed: Parsed, email: str, url: str, source: str) -> CheckOutcome:
    if not parsed.breaches:
        return outcome(check, Status.NOT_FOUND, "no known breach", url=url)
    count = f"{len(parsed.breaches)}+" if parsed.cut else str(len(parsed.breaches))
    reason = f"{count} breaches" + (f" (list cut at {MAX_BREACHES})" if parsed.cut else "")
    return outcome(check, Status.FOUND, reason, url=url,
                   findings=breach_findings(check, parsed.breaches, email, source, reveal=ctx.config.reveal))


@dataclass
class XposedOrNotCheck:
    """XposedOrNot's free breach analytics (documented: 2 requests a second per IP; 429 = slow down)."""

    email: str
    tip: Tip = Tip.PASSWORDS
    uses: tuple[str, ...] = ("email",)
    id: str = "breach:xposedornot"
    label: str = "Breaches (XposedOrNot)"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        return f"https://api.xposedornot.com/v1/breach-analytics?email={quote(self.email, safe='')}"

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses)]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        result = await ctx.fetcher.request("GET", self.url)
        if result.status == 429 and not result.error:
            return outcome(self, Status.UNKNOWN, _retry_note(result), url=self.url)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        if result.truncated:
            return outcome(self, Status.UNKNOWN, "answer too large (cut off)", url=self.url)
        try:
            parsed = parse_xon_answer(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if parsed is None:
            return outcome(self, Status.UNKNOWN, "answer not in XposedOrNot's documented format", url=self.url)
        return _found(self, ctx, parsed, self.email, self.url, "https://xposedornot.com/")


@dataclass
class HibpCheck:
    """Have I Been Pwned v3 `breachedaccount`. The client's honest User-Agent is the one HIBP requires;
    the key travels only in the `hibp-api-key` header (redacted in recordings), never in a URL or repr."""

    email: str
    api_key: str = field(repr=False)
    tip: Tip = Tip.PASSWORDS
    uses: tuple[str, ...] = ("email",)
    id: str = "breach:hibp"
    label: str = "Breaches (Have I Been Pwned)"

    @property
    def target(self) -> str:
        return self.email

    @property
    def url(self) -> str:
        return (f"https://haveibeenpwned.com/api/v3/breachedaccount/{quote(self.email, safe='')}"
                "?truncateResponse=false")

    def requests(self) -> list[PlannedRequest]:
        return [PlannedRequest(self.id, "GET", self.url, self.uses, note="with your HIBP_API_KEY")]

    async def run(self, ctx: CheckContext) -> CheckOutcome:
        # 429 with Retry-After is retried by the fetcher within its cap; what is still 429 here is unknown.
        result = await ctx.fetcher.request("GET", self.url, headers={"hibp-api-key": self.api_key})
        if result.status == 401 and not result.error:
            return outcome(self, Status.ERROR, "Have I Been Pwned refused the API key (HIBP_API_KEY)", url=self.url)
        if result.status == 429 and not result.error:
            return outcome(self, Status.UNKNOWN, _retry_note(result), url=self.url)
        blocked = block_reason(result)
        if blocked:
            return unknown_from_fetch(self, result, blocked)
        if result.status == 404:
            return outcome(self, Status.NOT_FOUND, "no known breach", url=self.url)
        if result.status == 403:
            return outcome(self, Status.UNKNOWN, "Have I Been Pwned refused the request (HTTP 403)", url=self.url)
        if result.status != 200:
            return outcome(self, Status.UNKNOWN, f"unexpected answer (HTTP {result.status})", url=self.url)
        if result.truncated:
            return outcome(self, Status.UNKNOWN, "answer too large (cut off)", url=self.url)
        try:
            parsed = parse_hibp_answer(parse_json(result.body))
        except BadJSON as e:
            return outcome(self, Status.UNKNOWN, str(e), url=self.url)
        if parsed is None:
            return outcome(self, Status.UNKNOWN, "answer not in HIBP's documented format", url=self.url)
        return _found(self, ctx, parsed, self.email, self.url, "https://haveibeenpwned.com/")
