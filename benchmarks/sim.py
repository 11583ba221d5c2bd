"""A loopback "internet" of username-check sites, for the benchmark and for accuracy tests. Stdlib only.

Every simulated site is its own host: it listens on its own loopback address (127.77.x.y; Linux routes
all of 127.0.0.0/8 to `lo`), so per-host limits in a client see 500 different hosts, as on the real web.
Where those addresses cannot be bound (not Linux), every site falls back to 127.0.0.1 on its own port.
Nothing here ever listens on, or points a client at, anything outside 127.0.0.0/8.

A site has a *kind* (how it says "missing": a 404, a 200 with a message, or a redirect) and a
*behaviour*:

    clean           answers after its latency: the profile page (200) if the account exists, else "missing"
    hang            reads the request and never answers (closes after `hang_for`, or when the client leaves)
    drip            sends its whole answer, status line included, one byte per `drip_interval`; gives up
                    after `drip_for`. A client whose timeout restarts on every byte waits all of it.
    ratelimit       429 on every request (Retry-After: short, none, or longer than any client waits)
    ratelimit_once  429 with a short Retry-After on the first request, then a clean answer
    challenge       403 with a Cloudflare-style challenge or block page
    soft404         200 with the same generic page for every username

Ground truth: `clean` and `ratelimit_once` sites can be known (`found` / `not_found`); every other site
cannot. `hang`, `drip`, `challenge` and `ratelimit` never answer the question at all, so a `not_found`
there is wrong; a `found` on any unknowable site is a false `found`.

The same site set is written as a WhatsMyName file (doxaudit `--sites FILE --no-builtin`), a Sherlock
data file (`sherlock --json FILE`) and a Maigret database (`maigret --db FILE`), each in the way that
tool's own database writes such a site.

The server is one asyncio loop in a background thread. It is bounded: every wait has a cap, and it
stops by itself after `lifetime` seconds even if nobody closes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

HANDLE = "benchuser"
UNCLAIMED = "nobodyhere7q"  # Maigret's databases name a known-absent username per site
MARKER = 'class="profile-header"'  # on every profile page, and nowhere else
MISSING_MESSAGE = "User not found"  # the "message" kind's missing page
NOT_FOUND = "Not Found"  # the "status" kind's 404 page

KINDS = ("status", "message", "redirect")
KIND_WEIGHTS = (0.45, 0.40, 0.15)
BEHAVIOURS = ("clean", "hang", "drip", "ratelimit", "ratelimit_once", "challenge", "soft404")
NEVER_ANSWERS = frozenset({"hang", "drip", "challenge", "ratelimit"})
KNOWABLE = frozenset({"clean", "ratelimit_once"})

# Share of the sites with each non-clean behaviour; the rest are clean.
DEFAULT_MIX = {"hang": 0.04, "drip": 0.03, "ratelimit": 0.03, "ratelimit_once": 0.02, "challenge": 0.05,
               "soft404": 0.05}


@dataclass(frozen=True)
class Profile:
    """Timings and sizes of one simulated internet."""

    timeout: float = 10.0  # the clients' timeout; the lower bound is computed against it
    latency: tuple[float, float] = (0.05, 0.8)  # time to first byte, uniform
    drip_interval: float = 1.0
    drip_for: float = 30.0
    hang_for: float = 30.0
    retry_after_short: int = 1
    retry_after_long: int = 30
    found_size: tuple[int, int] = (20_000, 200_000)  # profile pages
    missing_size: tuple[int, int] = (2_000, 40_000)
    generic_size: int = 60_000  # soft-404 page
    account_share: float = 0.3  # knowable sites where the account exists


FULL = Profile()
QUICK = Profile(timeout=3.0, drip_for=9.0, hang_for=9.0)
# For tests: small, fast, still every behaviour. A client timeout of 2 s; drips and hangs outlast it.
TEST = Profile(timeout=2.0, latency=(0.01, 0.2), drip_interval=0.5, drip_for=6.0, hang_for=6.0,
               found_size=(2_000, 30_000), missing_size=(500, 5_000), generic_size=8_000)


@dataclass
class SimSite:
    index: int
    name: str
    host: str
    kind: str
    behaviour: str
    has_account: bool
    latency: float
    retry_after: int | None = None  # ratelimit / ratelimit_once
    variant: str = ""  # challenge: "js" or "block"
    found_size: int = 0
    missing_size: int = 0
    port: int = 0  # set when the simulator binds

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def path_template(self) -> str:
        return "/users/{}" if self.kind == "redirect" else "/u/{}"

    def url(self, placeholder: str) -> str:
        return self.base + self.path_template.format(placeholder)

    @property
    def truth(self) -> str:
        """`found`, `not_found` or `unknowable`."""
        if self.behaviour in KNOWABLE:
            return "found" if self.has_account else "not_found"
        return "unknowable"

    @property
    def never_answers(self) -> bool:
        return self.behaviour in NEVER_ANSWERS

    def answer_time(self, profile: Profile) -> float:
        """When a client that sends at t=0 (and honours a short Retry-After) has its answer, capped at the timeout."""
        if self.behaviour in ("hang", "drip"):
            return profile.timeout
        if self.behaviour == "ratelimit_once":
            return min(profile.timeout, 2 * self.latency + (self.retry_after or 0))
        return min(profile.timeout, self.latency)


def _counts(n: int, mix: dict[str, float]) -> dict[str, int]:
    counts = {b: (max(1, round(n * f)) if n >= 10 and f > 0 else round(n * f)) for b, f in mix.items()}
    if sum(counts.values()) > n:
        raise ValueError(f"{n} sites are too few for this mix")
    counts["clean"] = n - sum(counts.values())
    return counts


def make_sites(n: int, profile: Profile = FULL, *, seed: int = 7, mix: dict[str, float] | None = None,
               hosts: list[str] | None = None) -> list[SimSite]:
    """A deterministic site set: the same `n`, `seed` and `mix` give the same sites."""
    rng = random.Random(seed)
    counts = _counts(n, DEFAULT_MIX if mix is None else mix)
    behaviours = [b for b in BEHAVIOURS for _ in range(counts.get(b, 0))]
    rng.shuffle(behaviours)
    hosts = hosts or site_hosts(n)
    sites: list[SimSite] = []
    round_robin = {b: rng.randrange(len(KINDS)) for b in BEHAVIOURS}
    ratelimit_waits = [profile.retry_after_short, None, profile.retry_after_long]
    seen: dict[str, int] = {}
    for i, behaviour in enumerate(behaviours):
        if behaviour == "clean":
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        else:  # every trap is tried on every kind of site
            kind = KINDS[round_robin[behaviour] % len(KINDS)]
            round_robin[behaviour] += 1
        nth = seen.get(behaviour, 0)
        seen[behaviour] = nth + 1
        retry_after: int | None = None
        if behaviour == "ratelimit":
            retry_after = ratelimit_waits[nth % len(ratelimit_waits)]
        elif behaviour == "ratelimit_once":
            retry_after = profile.retry_after_short
        sites.append(SimSite(
            index=i, name=f"Site{i:04d}", host=hosts[i], kind=kind, behaviour=behaviour,
            has_account=rng.random() < profile.account_share,
            latency=round(rng.uniform(*profile.latency), 3),
            retry_after=retry_after,
            variant=("js" if nth % 2 == 0 else "block") if behaviour == "challenge" else "",
            found_size=rng.randint(*profile.found_size), missing_size=rng.randint(*profile.missing_size),
        ))
    return sites


def lower_bound(sites: list[SimSite], profile: Profile) -> float:
    """With every check in flight at once: the slowest answer or the timeout, whichever is larger.

    A site that never answers (hang, drip) costs exactly the timeout, so with any of them this is the timeout.
    """
    return max((s.answer_time(profile) for s in sites), default=0.0)


# --- addresses ------------------------------------------------------------------------------------------

def _can_bind(host: str) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, 0))
        except OSError:
            return False
    return True


def site_hosts(n: int) -> list[str]:
    """One loopback address per site (127.77.x.y), or 127.0.0.1 for all where those cannot be bound."""
    if n > 254 * 256:
        raise ValueError("at most 65024 sites")
    distinct = [f"127.77.{i // 254}.{i % 254 + 1}" for i in range(n)]
    if n and _can_bind(distinct[0]) and _can_bind(distinct[-1]):
        return distinct
    return ["127.0.0.1"] * n


# --- pages ----------------------------------------------------------------------------------------------

_WORDS = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
          "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam",
          "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo",
          "consequat", "duis", "aute", "irure", "in", "reprehenderit", "voluptate", "velit", "esse", "cillum",
          "fugiat", "nulla", "pariatur")


def _filler(size: int = 512 * 1024, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        para = "<p>" + " ".join(rng.choice(_WORDS) for _ in range(60)) + "</p>\n"
        parts.append(para)
        total += len(para)
    return "".join(parts).encode()[:size]


FILLER = _filler()


def _page(title: str, inner: str, size: int) -> bytes:
    head = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>{inner}\n".encode()
    tail = b"</body></html>\n"
    room = max(0, min(size - len(head) - len(tail), len(FILLER)))
    return head + FILLER[:room] + tail


def found_page(site: SimSite, account: str) -> bytes:
    return _page(f"{account} - {site.name}", f'<div {MARKER}><h1>{account}</h1><p>Joined 2019</p></div>', site.found_size)


def missing_page(site: SimSite) -> bytes:
    if site.kind == "status":
        return _page(f"{NOT_FOUND} - {site.name}", f"<h1>{NOT_FOUND}</h1><p>No such page.</p>", site.missing_size)
    return _page(site.name, f"<h2>{MISSING_MESSAGE}</h2><p>Check the spelling.</p>", site.missing_size)


def generic_page(site: SimSite, size: int) -> bytes:
    return _page(f"Welcome to {site.name}", "<nav>Home | Explore | Sign up</nav><h1>Welcome</h1>", size)


def challenge_page(site: SimSite) -> bytes:
    """A page in the shape of Cloudflare's managed challenge ("js") or its firewall block page ("block")."""
    ray = f"{site.index:08x}a1b2c3d4"
    if site.variant == "js":
        return (
            "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
            "<meta http-equiv=\"refresh\" content=\"390\"></head><body><div class=\"main-wrapper\" role=\"main\">"
            f"<div class=\"main-content\"><h1 class=\"zone-name-title h1\">{site.host}</h1>"
            "<h2 class=\"h2\" id=\"challenge-running\">Checking if the site connection is secure</h2>"
            "<noscript><div id=\"challenge-error-title\"><div class=\"h2\"><span id=\"challenge-error-text\">"
            "Enable JavaScript and cookies to continue</span></div></div></noscript></div></div>"
            f"<script>(function(){{window._cf_chl_opt={{cvId: '3',cRay: '{ray}',cType: 'managed'}};"
            f"var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray={ray}';"
            "document.getElementsByTagName('head')[0].appendChild(a);}());</script>"
            + "<!-- " + "x" * 4000 + " --></body></html>\n"
        ).encode()
    return (
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Attention Required! | Cloudflare</title></head><body>"
        "<div id=\"cf-wrapper\"><div id=\"cf-error-details\"><h1 data-translate=\"block_headline\">Sorry, you have been "
        f"blocked</h1><h2 class=\"cf-subheadline\">You are unable to access</h2> {site.host}</div>"
        f"<p>Cloudflare Ray ID: <strong class=\"font-semibold\">{ray}</strong></p></div>"
        + "<!-- " + "x" * 3000 + " --></body></html>\n"
    ).encode()


def _head(status: int, reason: str, headers: list[tuple[str, str]], length: int) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers),
             f"Content-Length: {length}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


HTML = ("Content-Type", "text/html; charset=utf-8")
REASONS = {200: "OK", 302: "Found", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests"}


def answer(site: SimSite, path: str, hit: int, profile: Profile) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) of a site that does answer. `hit` counts this site's requests from 1."""
    b = site.behaviour
    if b == "ratelimit" or (b == "ratelimit_once" and hit == 1):
        headers = [HTML] + ([("Retry-After", str(site.retry_after))] if site.retry_after is not None else [])
        return 429, headers, _page("429 Too Many Requests", "<h1>Too Many Requests</h1><p>Slow down.</p>", 600)
    if b == "challenge":
        return 403, [HTML, ("Server", "cloudflare"), ("CF-RAY", f"{site.index:08x}-AMS"),
                     ("Cache-Control", "private, no-store")], challenge_page(site)
    if b == "soft404":
        return 200, [HTML], generic_page(site, profile.generic_size)
    prefix = site.path_template.format("")
    if not path.startswith(prefix):
        return 200, [HTML], generic_page(site, 2_000)
    account = unquote(path[len(prefix):])
    if account == HANDLE and site.has_account:
        return 200, [HTML], found_page(site, account)
    if site.kind == "status":
        return 404, [HTML], missing_page(site)
    if site.kind == "message":
        return 200, [HTML], missing_page(site)
    return 302, [HTML, ("Location", "/")], b""


# --- the server -----------------------------------------------------------------------------------------

@dataclass
class Stats:
    requests: int = 0
    active: int = 0
    peak_active: int = 0
    first_at: float | None = None
    last_at: float | None = None
    hits: dict[int, int] = field(default_factory=dict)


class Simulator:
    """The sites, served. Use as a context manager; `reset()` between clients (hit counts, stats)."""

    def __init__(self, sites: list[SimSite], profile: Profile = FULL, *, lifetime: float = 900.0) -> None:
        self.sites = sites
        self.profile = profile
        self.lifetime = lifetime
        self.stats = Stats()
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._thread = threading.Thread(target=self._main, name="site-simulator", daemon=True)

    # lifecycle

    def start(self) -> Simulator:
        self._thread.start()
        if not self._ready.wait(60):
            raise RuntimeError("simulator did not start within 60 s")
        if self._error is not None:
            raise RuntimeError(f"simulator failed to start: {self._error}") from self._error
        return self

    def close(self, timeout: float = 10.0) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def reset(self) -> None:
        with self._lock:
            active = self.stats.active
            self.stats = Stats(active=active, peak_active=active)

    def snapshot(self) -> Stats:
        with self._lock:
            s = self.stats
            return Stats(s.requests, s.active, s.peak_active, s.first_at, s.last_at, dict(s.hits))

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no connection is open (a previous client's hangs and drips have been dropped)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.snapshot().active == 0:
                return True
            time.sleep(0.05)
        return False

    # the loop

    def _main(self) -> None:
        asyncio.run(self._amain())

    async def _amain(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        servers: list[asyncio.Server] = []
        try:
            for site in self.sites:
                server = await asyncio.start_server(functools.partial(self._serve, site), host=site.host, port=0,
                                                    backlog=64)
                site.port = server.sockets[0].getsockname()[1]
                servers.append(server)
        except BaseException as e:
            self._error = e
            for srv in servers:
                srv.close()
            self._ready.set()
            return
        self._ready.set()
        try:
            await asyncio.wait_for(self._stop.wait(), self.lifetime)
        except TimeoutError:
            pass  # stops by itself
        finally:
            for srv in servers:
                srv.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            for srv in servers:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(srv.wait_closed(), 5)

    async def _serve(self, site: SimSite, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        with self._lock:
            self.stats.active += 1
            self.stats.peak_active = max(self.stats.peak_active, self.stats.active)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            await self._one(site, reader, writer)
        except (ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                ValueError, UnicodeDecodeError):
            pass
        except asyncio.CancelledError:
            pass  # the simulator is shutting down; asyncio's stream callback must not see a cancelled task
        finally:
            with self._lock:
                self.stats.active -= 1
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 2)
            if task is not None:
                self._tasks.discard(task)

    async def _one(self, site: SimSite, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
        request_line, *header_lines = raw.decode("latin-1").split("\r\n")
        method, target = request_line.split(" ")[:2]
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)}
        length = min(int(headers.get("content-length") or 0), 1 << 20)
        if length:
            await asyncio.wait_for(reader.readexactly(length), 10.0)
        now = time.monotonic()
        with self._lock:
            st = self.stats
            st.requests += 1
            st.first_at = now if st.first_at is None else st.first_at
            st.last_at = now
            hit = st.hits.get(site.index, 0) + 1
            st.hits[site.index] = hit
        p = self.profile
        if site.behaviour == "hang":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader.read(1), p.hang_for)  # b"" as soon as the client goes away
            return
        path = urlsplit(target).path
        if site.behaviour == "drip":
            status, headers_out, body = 200, [HTML], found_page(site, HANDLE) if site.has_account else missing_page(site)
            data = _head(status, REASONS[status], headers_out, len(body)) + body
            steps = int(p.drip_for / p.drip_interval)
            for i in range(min(steps, len(data))):
                if writer.is_closing():
                    return
                writer.write(data[i:i + 1])
                await writer.drain()
                await asyncio.sleep(p.drip_interval)
            transport = writer.transport
            transport.abort()  # gives up mid-answer
            return
        await asyncio.sleep(site.latency)
        status, headers_out, body = answer(site, path, hit, p)
        writer.write(_head(status, REASONS[status], headers_out, len(body)))
        if method != "HEAD":
            writer.write(body)
        await writer.drain()


# --- the same sites, in three tools' formats --------------------------------------------------------------

def wmn_catalog(sites: list[SimSite]) -> dict[str, Any]:
    """WhatsMyName format (doxaudit `--sites FILE --no-builtin`)."""
    entries = []
    for s in sites:
        e: dict[str, Any] = {"name": s.name, "uri_check": s.url("{account}"), "e_code": 200, "e_string": MARKER,
                             "known": [HANDLE], "cat": "social"}
        if s.kind == "status":
            e.update(m_code=404, m_string=NOT_FOUND)
        elif s.kind == "message":
            e.update(m_code=200, m_string=MISSING_MESSAGE)
        else:
            e.update(m_code=302, m_string="")
        entries.append(e)
    return {"license": ["benchmark data, generated"], "authors": ["doxaudit benchmark"], "categories": ["social"],
            "sites": entries}


def sherlock_data(sites: list[SimSite]) -> dict[str, Any]:
    """Sherlock's data.json format (`sherlock --json FILE`): status_code / message / response_url, as its database does."""
    data: dict[str, Any] = {}
    for s in sites:
        e: dict[str, Any] = {"url": s.url("{}"), "urlMain": s.base + "/", "username_claimed": HANDLE}
        if s.kind == "status":
            e["errorType"] = "status_code"
        elif s.kind == "message":
            e.update(errorType="message", errorMsg=MISSING_MESSAGE)
        else:
            e.update(errorType="response_url", errorUrl=s.base + "/")
        data[s.name] = e
    return data


def maigret_db(sites: list[SimSite]) -> dict[str, Any]:
    """Maigret's database format (`maigret --db FILE`)."""
    out: dict[str, Any] = {}
    for s in sites:
        e: dict[str, Any] = {"url": s.url("{username}"), "urlMain": s.base + "/", "usernameClaimed": HANDLE,
                             "usernameUnclaimed": UNCLAIMED, "tags": ["bench"], "alexaRank": s.index + 1}
        if s.kind == "status":
            e["checkType"] = "status_code"
        elif s.kind == "message":
            e.update(checkType="message", presenseStrs=[MARKER], absenceStrs=[MISSING_MESSAGE])
        else:
            e.update(checkType="response_url", presenseStrs=[MARKER])
        out[s.name] = e
    return {"sites": out, "engines": {}, "tags": ["bench"]}


def truth_table(sites: list[SimSite], profile: Profile, seed: int | None = None) -> dict[str, Any]:
    return {
        "handle": HANDLE, "timeout": profile.timeout, "lower_bound": lower_bound(sites, profile), "seed": seed,
        "sites": {s.name: {"truth": s.truth, "behaviour": s.behaviour, "kind": s.kind, "never_answers": s.never_answers,
                           "latency": s.latency, "url": s.url(HANDLE)} for s in sites},
    }


def write_files(sites: list[SimSite], profile: Profile, directory: Path, seed: int | None = None) -> dict[str, Path]:
    """Write the three site files and the ground truth; the simulator must be started (ports are in the URLs)."""
    if any(s.port == 0 for s in sites):
        raise RuntimeError("start the simulator first: the site files name its ports")
    directory.mkdir(parents=True, exist_ok=True)
    files = {"wmn": directory / "wmn-sites.json", "sherlock": directory / "sherlock-data.json",
             "maigret": directory / "maigret-db.json", "truth": directory / "truth.json"}
    files["wmn"].write_text(json.dumps(wmn_catalog(sites), indent=1))
    files["sherlock"].write_text(json.dumps(sherlock_data(sites), indent=1))
    files["maigret"].write_text(json.dumps(maigret_db(sites), indent=1))
    files["truth"].write_text(json.dumps(truth_table(sites, profile, seed), indent=1))
    return files


# --- accuracy ---------------------------------------------------------------------------------------------

@dataclass
class Accuracy:
    """A tool's verdicts against the ground truth. Verdicts: found, not_found, unknown (anything else)."""

    sites: int = 0
    accounts: int = 0  # knowable sites where the account exists
    found_ok: int = 0
    false_found: list[str] = field(default_factory=list)  # found where there is no account, or it cannot be known
    not_found_unanswered: list[str] = field(default_factory=list)  # not_found on hang/drip/challenge/ratelimit
    missed: list[str] = field(default_factory=list)  # not_found where the account exists
    not_found_soft404: list[str] = field(default_factory=list)  # not_found on a site that answers the same for all
    unknown_knowable: list[str] = field(default_factory=list)  # unknown (or no verdict) where the answer was there
    no_verdict: list[str] = field(default_factory=list)  # the tool said nothing about the site

    def summary(self) -> dict[str, int]:
        return {"sites": self.sites, "accounts": self.accounts, "found_ok": self.found_ok,
                "false_found": len(self.false_found), "not_found_unanswered": len(self.not_found_unanswered),
                "missed": len(self.missed), "not_found_soft404": len(self.not_found_soft404),
                "unknown_knowable": len(self.unknown_knowable), "no_verdict": len(self.no_verdict)}


def score(sites: list[SimSite], verdicts: dict[str, str]) -> Accuracy:
    acc = Accuracy(sites=len(sites))
    for s in sites:
        v = verdicts.get(s.name)
        if v is None:
            acc.no_verdict.append(s.name)
            v = "unknown"
        if s.truth == "found":
            acc.accounts += 1
        if v == "found":
            if s.truth == "found":
                acc.found_ok += 1
            else:
                acc.false_found.append(s.name)
        elif v == "not_found":
            if s.never_answers:
                acc.not_found_unanswered.append(s.name)
            elif s.truth == "found":
                acc.missed.append(s.name)
            elif s.behaviour == "soft404":
                acc.not_found_soft404.append(s.name)
        elif s.truth != "unknowable":
            acc.unknown_knowable.append(s.name)
    return acc


# --- serve from the command line -------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.sim --out DIR`: serve a site set, write its files, stop after --for seconds or at EOF on stdin."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--sites", type=int, default=500)
    ap.add_argument("--timeout", type=float, default=FULL.timeout)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--for", dest="seconds", type=float, default=300.0, help="stop after this long (default 300 s)")
    args = ap.parse_args(argv)
    profile = serve_profile(args.timeout)
    sites = make_sites(args.sites, profile, seed=args.seed)
    with Simulator(sites, profile, lifetime=args.seconds + 5):
        write_files(sites, profile, args.out, seed=args.seed)
        print("ready", flush=True)
        done = threading.Event()

        def wait_for_eof() -> None:
            sys.stdin.read()
            done.set()

        threading.Thread(target=wait_for_eof, daemon=True).start()
        done.wait(args.seconds)
    return 0


def serve_profile(timeout: float) -> Profile:
    """FULL with another client timeout; hangs and drips still outlast it threefold."""
    return Profile(**{**FULL.__dict__, "timeout": timeout, "drip_for": 3 * timeout, "hang_for": 3 * timeout})


def sites_from_truth(path: Path, profile: Profile) -> list[SimSite]:
    """The site set a `main` process wrote, with its ports, for scoring in another process."""
    truth = json.loads(path.read_text())
    n = len(truth["sites"])
    sites = make_sites(n, profile, seed=truth.get("seed", 7), hosts=[urlsplit(v["url"]).hostname or "" for v in
                                                                     truth["sites"].values()])
    for s in sites:
        s.port = urlsplit(truth["sites"][s.name]["url"]).port or 0
    return sites


if __name__ == "__main__":
    raise SystemExit(main())
