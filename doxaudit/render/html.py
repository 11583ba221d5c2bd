"""The self-contained HTML report: one file, no external assets, rendered by autoescaping Jinja.

`build_view` turns the Report into plain display values (translated, cleaned, URLs vetted);
the template only lays them out, so the Markdown renderer reuses the same view. Safety does
not rest on one layer: every value from the web is cleaned of control and bidi characters
here, Jinja escapes it, only http(s) URLs become links, and a Content-Security-Policy meta tag
forbids scripts and every network fetch in case anything slipped through anyway.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import jinja2

from .. import advice
from ..i18n import t
from ..model import Finding, Report, Severity, Status, Tip, TipScore
from ..resources import resource
from .safe import clean

TEMPLATE = "report.html.j2"
KIND_ORDER = ("name", "email", "handle", "phone", "address", "city", "domain")
ACCOUNT_KINDS = frozenset({"account", "private_profile"})
MAX_PLACES = 20  # places drawn on the exposure map; the rest are counted in one "+N more" node
URL_LIMIT = 2048

# Exposure-map geometry (SVG user units; the SVG scales to the page width).
MAP_W, ID_W, PLACE_X, PLACE_W = 960, 250, 590, 370
ID_H, ID_PITCH, PLACE_H, PLACE_PITCH, MAP_PAD = 50, 62, 34, 42, 8


# ---------------------------------------------------------------- small helpers


def safe_url(url: str) -> str | None:
    """The URL if it may become a link (http/https with a host), else None: it is then shown as text."""
    text = clean(url, URL_LIMIT).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def short_url(url: str, limit: int = 44) -> str:
    """Host and path without scheme and `www.`: what a person recognises a page by."""
    text = clean(url, URL_LIMIT).strip()
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").removeprefix("www.")
        shown = host + parts.path.rstrip("/") if host else text
    except ValueError:
        shown = text
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def ellipsize(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind_label(kind: str, lang: str) -> str:
    key = f"html.kind.{kind}"
    text = t(key, lang)
    return text if text != key else clean(kind)


def field_label(name: str, lang: str) -> str:
    """A profile field name in the report's language (`real_name` -> "real name" / "echte naam")."""
    name = name.strip()
    for key in (f"field.{name}", f"html.field.{name}"):
        text = t(key, lang)
        if text != key:
            return text
    return clean(name.replace("_", " "))


def fields_label(names: str, lang: str) -> str:
    return ", ".join(field_label(n, lang) for n in names.split(",") if n.strip())


def tone(score: int | None) -> str:
    if score is None:
        return "none"
    return "good" if score >= 75 else "fair" if score >= 50 else "poor"


# ---------------------------------------------------------------- the view


@dataclass(frozen=True)
class Gauge:
    key: str
    title: str
    score: int | None
    grade: str
    tone: str
    note: str  # why it is incomplete, or a short finding count
    overall: bool = False

    @property
    def dash(self) -> int:
        return max(0, min(100, self.score or 0))


@dataclass(frozen=True)
class AdviceView:
    where: str
    text: str
    steps: tuple[str, ...]
    help_url: str
    help_href: str | None


@dataclass(frozen=True)
class FindingView:
    title: str
    severity: str  # the enum label, used as a CSS class
    severity_text: str
    confidence: int
    url: str
    href: str | None
    snippet: str
    advice: AdviceView | None
    show_steps: bool


@dataclass(frozen=True)
class AccountView:
    platform: str
    url: str
    href: str | None
    visibility: str  # public | private | unknown
    visibility_text: str
    shows: str
    where: str
    help_href: str | None


@dataclass(frozen=True)
class TipView:
    id: str
    title: str
    gauge: Gauge
    coverage: str
    incomplete_why: str
    findings: tuple[FindingView, ...]
    accounts: tuple[AccountView, ...]
    failed: tuple[tuple[str, str], ...]  # (check label, reason)


@dataclass(frozen=True)
class MapNode:
    key: str
    label: str
    sub: str
    severity: str = ""  # highest severity reaching this node ("" for identifiers)
    values: tuple[str, ...] = ()
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class MapEdge:
    source: str  # identifier kind
    target: str  # place key
    shown: bool  # True: the detail is shown/leaked there; False: looking it up leads there
    severity: str
    d: str = ""  # SVG path


@dataclass(frozen=True)
class MapRow:
    """One identifier and where it leads, for the table under the map and for Markdown."""

    label: str
    values: tuple[str, ...]
    shown: tuple[str, ...]
    leads: tuple[str, ...]


@dataclass(frozen=True)
class ExposureMap:
    identifiers: tuple[MapNode, ...]
    places: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    rows: tuple[MapRow, ...]
    width: int = MAP_W
    height: int = 0


@dataclass(frozen=True)
class HelpView:
    name: str
    url: str
    href: str | None
    phone: str
    purpose: str


@dataclass(frozen=True)
class ReportView:
    lang: str
    title: str
    banners: tuple[tuple[str, str], ...]  # (text, kind: mode | partial)
    identity: tuple[tuple[str, str], ...]
    masked_note: str
    generated: str
    gauges: tuple[Gauge, ...]
    overall_note: str
    map: ExposureMap
    tips: tuple[TipView, ...]
    coverage: str
    coverage_reasons: tuple[tuple[str, int], ...]
    next_steps: tuple[str, ...]
    help: tuple[HelpView, ...]
    projector: bool = False


def _gauge(ts: TipScore, lang: str, findings: list[Finding]) -> Gauge:
    key = ts.tip.value if ts.tip else "overall"
    title = t(f"tip.{key}.short", lang) if ts.tip else t("report.overall", lang)
    if ts.score is None:
        note = incomplete_reason(ts, lang)
    else:
        counts: defaultdict[Severity, int] = defaultdict(int)
        for f in findings:
            if f.severity > Severity.INFO:
                counts[f.severity] += 1
        note = " · ".join(f"{counts[s]} {t(f'severity.{s.label}', lang)}" for s in sorted(counts, reverse=True))
        note = note or t("html.nothing_found", lang)
    return Gauge(key, title, ts.score, ts.grade, tone(ts.score), note, overall=ts.tip is None)


def incomplete_reason(ts: TipScore, lang: str) -> str:
    """Why a score is missing, in the report's language (scoring's own reasons are English)."""
    if ts.tip is None:
        return t("report.incomplete_note", lang)
    if ts.checks_total == 0:
        return t("html.incomplete_none", lang)
    return t("html.incomplete_why", lang, completed=ts.completed, total=ts.checks_total)


def _advice(key: str, lang: str) -> AdviceView | None:
    found = advice.lookup(key, lang) or advice.lookup("account_found", lang)
    if found is None:
        return None
    return AdviceView(where=clean(found.where), text=clean(found.text, 2000),
                      steps=tuple(clean(s, 1000) for s in found.steps), help_url=clean(found.help_url, URL_LIMIT),
                      help_href=safe_url(found.help_url) if found.help_url else None)


def _finding(f: Finding, lang: str, seen_advice: set[str]) -> FindingView:
    first = f.advice not in seen_advice
    seen_advice.add(f.advice)
    return FindingView(
        title=clean(f.title), severity=f.severity.label, severity_text=t(f"severity.{f.severity.label}", lang),
        confidence=round(f.confidence * 100), url=clean(f.evidence.url, URL_LIMIT), href=safe_url(f.evidence.url),
        snippet=clean(f.evidence.snippet), advice=_advice(f.advice, lang), show_steps=first,
    )


def _is_account_check(check: str) -> bool:
    return check.startswith(("site:", "profile:"))


def _accounts(report: Report, tip: Tip, lang: str) -> tuple[AccountView, ...]:
    rows = []
    if tip is not Tip.SOCIAL_VISIBILITY:
        return ()
    for o in report.checks:
        if o.tip is not tip or o.status not in (Status.FOUND, Status.PRIVATE) or not _is_account_check(o.check):
            continue
        mine = [f for f in report.findings if f.check == o.check and f.evidence.url == o.url] or \
               [f for f in report.findings if f.check == o.check]
        public = next((f for f in mine if f.kind == "public_profile"), None)
        if o.status is Status.PRIVATE or any(f.detail.get("visibility") == "private" for f in mine):
            visibility = "private"
        elif public is not None or any(f.detail.get("visibility") == "public" for f in mine):
            visibility = "public"
        else:
            visibility = "unknown"
        if public is not None and public.detail.get("fields"):
            shows = fields_label(public.detail["fields"], lang)
        else:
            typical = next((f.detail["typically_exposes"] for f in mine if f.detail.get("typically_exposes")), "")
            shows = t("html.usually", lang, fields=fields_label(typical, lang)) if typical else ""
        adv = _advice(mine[0].advice, lang) if mine else None
        rows.append(AccountView(
            platform=clean(o.label or o.check, 80), url=short_url(o.url, 60), href=safe_url(o.url),
            visibility=visibility,
            visibility_text=t("status.private", lang) if visibility == "private" else t(f"html.visibility.{visibility}", lang),
            shows=shows, where=adv.where if adv else "", help_href=adv.help_href if adv else None,
        ))
    order = {"public": 0, "unknown": 1, "private": 2}
    return tuple(sorted(rows, key=lambda a: (order[a.visibility], a.platform.casefold())))


def _tip_view(ts: TipScore, report: Report, seen_advice: set[str]) -> TipView:
    assert ts.tip is not None
    lang = report.lang
    mine = [f for f in report.findings if f.tip is ts.tip]
    accounts = _accounts(report, ts.tip, lang)
    listed = [f for f in mine if not (accounts and f.kind in ACCOUNT_KINDS)]
    failed = tuple((clean(o.label or o.check, 80), clean(o.reason or t(f"status.{o.status.value}", lang), 200))
                   for o in report.checks if o.tip is ts.tip and o.status.failed)
    return TipView(
        id=ts.tip.value, title=t(f"tip.{ts.tip.value}", lang), gauge=_gauge(ts, lang, mine),
        coverage=t("html.tip_coverage", lang, completed=ts.completed, total=ts.checks_total, unknown=ts.unknown),
        incomplete_why=incomplete_reason(ts, lang) if ts.score is None else "",
        findings=tuple(_finding(f, lang, seen_advice) for f in listed), accounts=accounts, failed=failed,
    )


# ---------------------------------------------------------------- exposure map


def _entry_kind(f: Finding) -> str | None:
    """The identifier a check started from: a search's query, a profile URL's handle, a lookup's email."""
    if f.check.startswith("search:"):
        return f.detail.get("query_kind") or None
    if f.check.startswith(("site:", "profile:")):
        return "handle"
    if f.check.startswith(("breach:", "api:gravatar")):
        return "email"
    return None


def _shown_kind(f: Finding) -> str | None:
    """The identifier whose value was seen at the place itself (in a page, a profile, a leak)."""
    for suffix in ("_in_search", "_in_profile"):
        if f.kind.endswith(suffix):
            return f.kind[: -len(suffix)]
    return "email" if f.kind == "breach" else None


@dataclass
class _Place:
    key: str
    label: str
    kind: str  # breach | page | profile | account | private | site | more
    severity: Severity = Severity.INFO
    sources: dict[str, bool] = field(default_factory=dict)  # identifier kind -> shown there

    def link(self, kind: str, shown: bool, severity: Severity) -> None:
        self.sources[kind] = self.sources.get(kind, False) or shown
        self.severity = max(self.severity, severity)

    def primary(self, index: dict[str, int]) -> str:
        """A page is reached through what it shows; a profile or a leak through the identifier that looks it up."""
        preferred = [k for k, shown in self.sources.items() if shown == (self.kind == "page")]
        return min(preferred or list(self.sources), key=index.__getitem__)


def _place_for(f: Finding, platforms: dict[str, str], places: dict[str, _Place]) -> _Place:
    if f.kind == "breach":
        name = clean(f.detail.get("breach") or short_url(f.evidence.url), 80)
        key, label, kind = f"breach:{name.casefold()}", name, "breach"
    elif f.kind.endswith("_in_search"):
        key, label, kind = f"page:{clean(f.evidence.url, URL_LIMIT)}", short_url(f.evidence.url), "page"
    elif f.detail.get("platform") or f.check in platforms:
        name = clean(f.detail.get("platform") or platforms[f.check], 80)
        key, label, kind = f"platform:{name.casefold()}", name, "account"
    else:
        key, label, kind = f"site:{short_url(f.evidence.url, 80)}", short_url(f.evidence.url), "site"
    place = places.setdefault(key, _Place(key, label, kind))
    if f.kind == "public_profile" or f.detail.get("visibility") == "public":
        place.kind = "profile" if place.kind in ("account", "site") else place.kind
    if f.kind == "private_profile" or f.detail.get("visibility") == "private":
        place.kind = "private"
    return place


def exposure_map(report: Report) -> ExposureMap:
    """Which identifiers lead to which places, derived from the findings and the accounts found."""
    lang = report.lang
    places: dict[str, _Place] = {}
    platforms = {f.check: f.detail["platform"] for f in report.findings if f.detail.get("platform")}
    for f in report.findings:
        if f.check.startswith("derived:"):
            continue  # drawn already as the accounts it links
        links = [(k, True) for k in [_shown_kind(f)] if k] + [(k, False) for k in [_entry_kind(f)] if k]
        if not links:
            continue
        place = _place_for(f, platforms, places)
        for kind, shown in links:
            place.link(kind, shown, f.severity)
    for o in report.checks:
        if o.tip is Tip.SOCIAL_VISIBILITY and o.status in (Status.FOUND, Status.PRIVATE) and _is_account_check(o.check):
            name = clean(o.label or o.check, 80)
            place = places.setdefault(f"platform:{name.casefold()}", _Place(f"platform:{name.casefold()}", name,
                                                                            "account"))
            if o.status is Status.PRIVATE:
                place.kind = "private"
            place.link("handle", False, Severity.INFO)

    kinds = [k for k in KIND_ORDER if k in report.identity.values]
    kinds += sorted({k for p in places.values() for k in p.sources} - set(kinds))
    index = {k: i for i, k in enumerate(kinds)}

    def order(p: _Place) -> tuple[int, int, str]:
        return (index[p.primary(index)], -p.severity, p.label.casefold())

    ranked = sorted(places.values(), key=order)
    drawn, rest = ranked[:MAX_PLACES], ranked[MAX_PLACES:]
    if rest:
        more = _Place("more", t("html.map.more", lang, count=len(rest)), "more")
        for p in rest:
            for k, s in p.sources.items():
                more.link(k, s, p.severity)
        drawn.append(more)

    rows = tuple(
        MapRow(kind_label(k, lang), tuple(clean(v, 80) for v in report.identity.values.get(k, ())),
               tuple(p.label for p in ranked if p.sources.get(k) is True),
               tuple(p.label for p in ranked if p.sources.get(k) is False))
        for k in kinds)
    return _layout(kinds, drawn, lang, rows, report)


def _layout(kinds: list[str], places: list[_Place], lang: str, rows: tuple[MapRow, ...],
            report: Report) -> ExposureMap:
    height = max(len(places) * PLACE_PITCH, len(kinds) * ID_PITCH) + 2 * MAP_PAD
    place_nodes = tuple(
        MapNode(p.key, ellipsize(p.label, 34), t(f"html.map.place.{p.kind}", lang), p.severity.label,
                x=PLACE_X, y=MAP_PAD + i * PLACE_PITCH + (PLACE_PITCH - PLACE_H) / 2, w=PLACE_W, h=PLACE_H)
        for i, p in enumerate(places))
    centre = {n.key: n.cy for n in place_nodes}
    # Each identifier sits beside the places it is the main way to (else in its even share of the height),
    # in a fixed top-to-bottom order and without overlap.
    index = {k: i for i, k in enumerate(kinds)}
    wanted = []
    for i, k in enumerate(kinds):
        targets = [centre[p.key] for p in places if p.primary(index) == k]
        wanted.append(sum(targets) / len(targets) if targets else (i + 0.5) * height / max(1, len(kinds)))
    top, bottom = MAP_PAD + ID_H / 2, height - MAP_PAD - ID_H / 2
    for i in range(len(wanted)):
        wanted[i] = max(wanted[i], top if i == 0 else wanted[i - 1] + ID_PITCH)
    for i in reversed(range(len(wanted))):
        wanted[i] = min(wanted[i], bottom if i == len(wanted) - 1 else wanted[i + 1] - ID_PITCH)
    id_nodes = []
    for k, cy in zip(kinds, wanted, strict=True):
        values = tuple(clean(v, 80) for v in report.identity.values.get(k, ()))
        first = ellipsize(values[0], 30) + (f" +{len(values) - 1}" if len(values) > 1 else "") if values else ""
        linked = any(k in p.sources for p in places)
        id_nodes.append(MapNode(f"id:{k}", kind_label(k, lang), "" if linked else t("html.map.unlinked", lang),
                                values=(first,) if first else (), x=0, y=cy - ID_H / 2, w=ID_W, h=ID_H))
    id_centre = {n.key.removeprefix("id:"): n.cy for n in id_nodes}
    edges = []
    x1, x2 = ID_W, PLACE_X
    for p in places:
        for k, shown in p.sources.items():
            y1, y2 = id_centre[k], centre[p.key]
            mid = (x1 + x2) / 2
            edges.append(MapEdge(k, p.key, shown, p.severity.label,
                                 d=f"M{x1},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2},{y2:.1f}"))
    edges.sort(key=lambda e: e.shown)  # solid lines drawn last, on top
    return ExposureMap(tuple(id_nodes), place_nodes, tuple(edges), rows, MAP_W, round(height))


# ---------------------------------------------------------------- assembly


def _help(lang: str) -> tuple[HelpView, ...]:
    return tuple(HelpView(name=clean(h.get("name", "")), url=clean(h.get("url", ""), URL_LIMIT),
                          href=safe_url(h.get("url", "")), phone=clean(h.get("phone", "")),
                          purpose=clean(h.get("for", ""), 1000))
                 for h in advice.help_resources(lang))


def build_view(report: Report, *, projector: bool = False) -> ReportView:
    lang = report.lang
    banners = []
    if report.mode in ("demo", "replay"):
        banners.append((t(f"report.mode.{report.mode}", lang), "mode"))
    if report.partial:
        banners.append((t("report.partial", lang), "partial"))
    seen_advice: set[str] = set()
    tips = tuple(_tip_view(ts, report, seen_advice) for ts in report.tips)
    overall = _gauge(report.overall, lang, list(report.findings))
    if report.overall.score is None:
        incomplete = [t(f"tip.{ts.tip.value}.short", lang) for ts in report.tips if ts.tip and ts.score is None]
        overall = Gauge(overall.key, overall.title, None, overall.grade, "none",
                        t("html.overall_incomplete", lang, tips=", ".join(incomplete)), overall=True)
    cov = report.coverage
    return ReportView(
        lang=lang if lang in ("en", "nl") else "en",
        title=t("app.title", lang), banners=tuple(banners),
        identity=tuple((kind_label(k, lang), ", ".join(clean(v, 120) for v in report.identity.values[k]))
                       for k in KIND_ORDER if report.identity.values.get(k)),
        masked_note=t("report.masked_note", lang) if report.masked else "",
        generated=t("html.generated", lang, when=clean(report.generated_at, 40), version=clean(report.tool_version, 40)),
        gauges=(*(tv.gauge for tv in tips), overall),
        overall_note=t("html.overall_note", lang),
        map=exposure_map(report), tips=tips,
        coverage=t("report.coverage", lang, completed=cov.completed, total=cov.checks_total, unknown=cov.unknown,
                   skipped=cov.skipped),
        coverage_reasons=tuple((clean(r, 200), n) for r, n in cov.reasons.items()),
        next_steps=tuple(t(f"report.next.{i}", lang) for i in (1, 2, 3)),
        help=_help(lang), projector=projector,
    )


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(resource("reports", TEMPLATE).read_text(encoding="utf-8"))


def render(report: Report, *, projector: bool = False) -> str:
    """The whole report as one HTML document. `projector` starts it in large type."""
    view = build_view(report, projector=projector)
    lang = view.lang

    def _(key: str, **values: object) -> str:
        return t(key, lang, **values)

    return _template().render(v=view, _=_)


__all__ = ["ExposureMap", "ReportView", "build_view", "exposure_map", "render", "safe_url"]
