"""The demo persona's searches, replayed from the shipped recording with issue 4's query plan."""

import asyncio

from doxaudit.checks.search import build_search_checks, manual_links
from doxaudit.config import RunConfig
from doxaudit.demo import demo_identity, demo_recording
from doxaudit.engine import Scan
from doxaudit.model import CheckOutcome, Severity, Status, Tip
from doxaudit.net.client import open_session
from doxaudit.scoring import tip_score


def demo_search_outcomes() -> list[CheckOutcome]:
    identity = demo_identity()
    config = RunConfig()
    checks = list(build_search_checks(identity, config))
    session = open_session(config.net, replay=demo_recording())
    scan = Scan(identity, checks, config)  # type: ignore[arg-type]

    async def go() -> list[CheckOutcome]:
        try:
            return await scan.run(session)
        finally:
            await session.aclose()

    return asyncio.run(go())


def test_demo_search_shows_employer_phone_skips_namesake_and_lists_possibly_you() -> None:
    outcomes = demo_search_outcomes()
    assert all(o.status in (Status.FOUND, Status.NOT_FOUND) for o in outcomes), [o.reason for o in outcomes]
    findings = [f for o in outcomes for f in o.findings]
    phone = [f for f in findings if f.kind == "phone_in_search" and f.evidence.url == "https://www.example.org/team"]
    assert phone and phone[0].severity is Severity.HIGH and phone[0].confidence >= 0.9
    assert {"address_in_search", "email_in_search"} <= {f.kind for f in findings}
    assert not any("keramiek" in f.evidence.url for f in findings)  # the namesake in Groningen
    possible = [f for f in findings if f.kind == "possible_match"]
    assert [f.evidence.url for f in possible] == ["https://schaakclub.example.org/uitslagen/clubkampioenschap-2026"]
    assert possible[0].severity is Severity.INFO and possible[0].confidence < 0.5
    assert any("about someone else with your name" in o.reason for o in outcomes)


def test_possibly_you_does_not_lower_the_score() -> None:
    outcomes = demo_search_outcomes()
    findings = [f for o in outcomes for f in o.findings]
    without = [f for f in findings if f.kind != "possible_match"]
    assert len(without) < len(findings)
    assert tip_score(Tip.CONTACT_INFO, outcomes, findings).score == tip_score(Tip.CONTACT_INFO, outcomes, without).score


def test_demo_manual_links_follow_the_searches_that_ran() -> None:
    identity = demo_identity()
    links = manual_links(identity, demo_search_outcomes())
    assert links and not any(link.why == "search_incomplete" for link in links)
    assert not any(link.engine == "duckduckgo" for link in links)  # the demo searched DuckDuckGo itself
    assert not any("12345678" in link.url or "Voorbeeldstraat" in link.url for link in links)
