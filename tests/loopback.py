"""A scriptable HTTP/1.1 server on 127.0.0.1, for testing the fetcher against real sockets.

Stdlib only. Bind to 127.0.0.1 on an ephemeral port, serve from a daemon thread, and
script each path with a *behaviour*: a callable that gets the request handler and writes
whatever it likes (a normal answer, nothing at all, one byte a second, half a body then a
TCP reset, a gzip bomb, ...). A path given several behaviours plays them in order, one
per hit, and repeats the last one; hits are counted per path.

Everything is bounded: waits use the server's `stopping` event (set on shutdown) with a
hard cap, bodies are finite, idle keep-alive reads time out, and `close()` shuts every
open client socket and joins every handler thread.

    with Loopback() as srv:
        srv.route("/slow", hang())
        srv.route("/busy", respond(429, headers={"Retry-After": "1"}), respond(200, b"ok"))
        srv.url("/busy")  # -> "http://127.0.0.1:<port>/busy"
        srv.hits("/busy")
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import socket
import socketserver
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

HOST = "127.0.0.1"
MAX_WAIT = 30.0  # no behaviour ever waits longer than this, even if nobody shuts the server down
IDLE_TIMEOUT = 5.0  # a keep-alive connection with no new request is closed after this
CHUNK = 64 * 1024

Behaviour = Callable[["Handler"], None]


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str  # without the query string
    target: str  # as sent: path plus query
    headers: dict[str, str]  # lower-cased names
    body: bytes
    at: float = field(default_factory=time.monotonic)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like real servers
    timeout = IDLE_TIMEOUT
    server: _Server

    # --- plumbing -------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.untrack(self.connection)

    def log_message(self, format: str, *args: object) -> None:  # silence stderr chatter
        pass

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError, OSError):
            # The client went away mid-answer (it stopped reading a big body, timed out, ...).
            self.close_connection = True

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        seen = Seen(self.command, path, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        behaviour = self.server.owner._next(path, seen)
        behaviour(self)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _dispatch

    # --- helpers for behaviours -------------------------------------------------------------

    @property
    def stopping(self) -> threading.Event:
        return self.server.owner.stopping

    def send_head(self, status: int, headers: Iterable[tuple[str, str]] = (), *,
                  length: int | None = None) -> None:
        """Status line and headers. `length=None` means the body is delimited by closing."""
        self.send_response_only(status)
        names = set()
        for name, value in headers:
            self.send_header(name, value)
            names.add(name.lower())
        if length is not None and "content-length" not in names:
            self.send_header("Content-Length", str(length))
        if length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()  # flushes the buffered head

    def write(self, data: bytes) -> None:
        self.wfile.write(data)

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds` (capped); False once the server is shutting down."""
        return not self.stopping.wait(min(seconds, MAX_WAIT))

    def reset(self) -> None:
        """Abort the connection with a TCP RST instead of an orderly FIN."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


class _Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    block_on_close = False  # we join our own threads, with a timeout
    allow_reuse_address = True

    def __init__(self, owner: Loopback) -> None:
        self.owner = owner
        self._conns: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        super().__init__((HOST, 0), Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn); skip it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def track(self, conn: socket.socket) -> None:
        with self._lock:
            self._conns.add(conn)
            self._handler_threads.add(threading.current_thread())

    def untrack(self, conn: socket.socket) -> None:
        with self._lock:
            self._conns.discard(conn)

    def abort_all(self) -> list[threading.Thread]:
        with self._lock:
            conns, threads = list(self._conns), list(self._handler_threads)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        return threads

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # client disconnects are expected here; tests assert on what the client saw


class Loopback:
    """The server. Use as a context manager (or call `close()`)."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.requests: list[Seen] = []
        self._routes: dict[str, list[Behaviour]] = {}
        self._hits: dict[str, int] = {}
        self._active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = _Server(self)
        self.port: int = self._server.server_address[1]
        self.base = f"http://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"loopback:{self.port}", daemon=True)
        self._thread.start()
        self.leaked: list[threading.Thread] = []

    # --- scripting --------------------------------------------------------------------------

    def route(self, path: str, *behaviours: Behaviour) -> str:
        """Script `path`: hit n gets behaviours[n] (the last one repeats). Returns its URL."""
        if not behaviours:
            raise ValueError("route needs at least one behaviour")
        with self._lock:
            self._routes[path] = list(behaviours)
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        with self._lock:
            return self._hits.get(path, 0)

    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _next(self, path: str, seen: Seen) -> Behaviour:
        with self._lock:
            self.requests.append(seen)
            n = self._hits.get(path, 0)
            self._hits[path] = n + 1
            script = self._routes.get(path)
        if script is None:
            return respond(404, b"not found")
        return script[min(n, len(script) - 1)]

    def enter(self, path: str) -> None:
        with self._lock:
            self._active[path] = self._active.get(path, 0) + 1
            self.max_active[path] = max(self.max_active.get(path, 0), self._active[path])

    def leave(self, path: str) -> None:
        with self._lock:
            self._active[path] -= 1

    # --- lifecycle --------------------------------------------------------------------------

    def close(self, join_timeout: float = 5.0) -> None:
        """Stop serving, wake sleeping behaviours, abort open connections, join threads."""
        self.stopping.set()
        self._server.shutdown()
        threads = self._server.abort_all()
        self._server.server_close()
        self._thread.join(join_timeout)
        deadline = time.monotonic() + join_timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self.leaked = [t for t in [self._thread, *threads] if t.is_alive()]

    def __enter__(self) -> Loopback:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- behaviours ---------------------------------------------------------------------------------

def _items(headers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> list[tuple[str, str]]:
    if headers is None:
        return []
    if isinstance(headers, Mapping):
        return list(headers.items())
    return list(headers)


def respond(status: int = 200, body: bytes | str = b"",
            headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
            content_type: str = "text/plain; charset=utf-8") -> Behaviour:
    """An ordinary, complete answer with a Content-Length."""
    data = body.encode() if isinstance(body, str) else body
    items = _items(headers)
    if not any(k.lower() == "content-type" for k, _ in items):
        items.append(("Content-Type", content_type))

    def run(h: Handler) -> None:
        h.send_head(status, items, length=len(data))
        if h.command != "HEAD":
            h.write(data)

    return run


def retry_after(seconds: str | int, status: int = 429) -> Behaviour:
    return respond(status, f"slow down ({status})", headers={"Retry-After": str(seconds)})


def redirect(location: str, status: int = 302) -> Behaviour:
    return respond(status, b"", headers={"Location": location})


def hang(limit: float = MAX_WAIT) -> Behaviour:
    """Read the request, then never answer (until shutdown or `limit`), then drop the connection."""

    def run(h: Handler) -> None:
        h.wait(limit)
        h.close_connection = True

    return run


def drip(body: bytes = b"x" * 60, interval: float = 1.0, status: int = 200) -> Behaviour:
    """Send the head at once, then the body one byte per `interval` seconds."""

    def run(h: Handler) -> None:
        h.send_head(status, [("Content-Type", "text/plain")], length=len(body))
        for i in range(len(body)):
            h.write(body[i:i + 1])
            if i + 1 < len(body) and not h.wait(interval):
                h.close_connection = True
                return

    return run


def reset_mid_body(declared: int = 100_000, sent: int = 1_000, rst: bool = True) -> Behaviour:
    """Promise `declared` bytes, send `sent`, then abort (RST) or just close (FIN)."""

    def run(h: Handler) -> None:
        h.send_head(200, [("Content-Type", "text/plain")], length=declared)
        h.write(b"y" * sent)
        if rst:
            time.sleep(0.05)  # let the partial body leave before the RST discards it
            h.reset()
        else:
            h.close_connection = True

    return run


def big_body(size: int = 10 * 1024 * 1024, byte: bytes = b"z") -> Behaviour:
    """A `size`-byte body, streamed in chunks (never built in memory at once)."""
    block = byte * CHUNK

    def run(h: Handler) -> None:
        h.send_head(200, [("Content-Type", "application/octet-stream")], length=size)
        left = size
        while left > 0 and not h.stopping.is_set():
            piece = block[:left]
            h.write(piece)
            left -= len(piece)

    return run


@functools.lru_cache(maxsize=4)
def gzip_bomb_bytes(inflated: int = 100 * 1024 * 1024) -> bytes:
    """A gzip stream of `inflated` zero bytes (~100 KB for 100 MB), built in bounded memory."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    out = []
    left = inflated
    while left > 0:
        n = min(left, len(zeros))
        out.append(comp.compress(zeros[:n]))
        left -= n
    out.append(comp.flush())
    return b"".join(out)


def gzip_bomb(inflated: int = 100 * 1024 * 1024) -> Behaviour:
    data = gzip_bomb_bytes(inflated)
    return respond(200, data, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})


def gzipped(body: bytes | str, status: int = 200,
            content_type: str = "text/html; charset=utf-8") -> Behaviour:
    """A normal answer sent with Content-Encoding: gzip."""
    data = body.encode() if isinstance(body, str) else body
    return respond(status, gzip.compress(data, mtime=0),
                   headers={"Content-Encoding": "gzip", "Content-Type": content_type})


def slow(delay: float, then: Behaviour | None = None) -> Behaviour:
    """Wait `delay` before answering, counting how many requests to the path overlap."""
    inner = then or respond(200, b"slow ok")

    def run(h: Handler) -> None:
        path = urlsplit(h.path).path
        owner = h.server.owner
        owner.enter(path)
        try:
            h.wait(delay)
        finally:
            owner.leave(path)
        inner(h)

    return run


def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])
