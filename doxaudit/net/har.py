"""HAR 1.2 recording and replay, as httpx transports (httpx's "transport that wraps another").

Recording tees each response body as the client reads it, so caps and deadlines work
exactly as live. Replay serves entries matched on method + URL; a request the file
lacks fails like a refused connection, so it ends `unknown`, never `not found`.

Bodies we record are stored raw (base64, still content-encoded) and marked
`_doxaudit_raw`, so replay is byte-exact. HAR files exported by browsers store decoded
text; for those the content-encoding headers are dropped on replay.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from .. import __version__
from ..errors import HarError

REDACTED_HEADERS = {"authorization", "cookie", "set-cookie", "hibp-api-key", "x-api-key",
                    "x-subscription-token", "proxy-authorization"}
RECORD_CAP = 4 * 1024 * 1024
MAX_HAR_BYTES = 256 * 1024 * 1024


def _headers(items: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [
        {"name": k, "value": "[redacted]" if k.lower() in REDACTED_HEADERS else v}
        for k, v in items
    ]


def write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only (0600), even if it already existed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            fd = -1
            f.write(text)
    finally:
        if fd >= 0:
            os.close(fd)


class _TeeStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, entry: dict[str, Any], started: float) -> None:
        self.inner = inner
        self.entry = entry
        self.started = started
        self.buffer = bytearray()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self.entry["response"]["content"]
        try:
            async for chunk in self.inner:
                if len(self.buffer) < RECORD_CAP:
                    self.buffer.extend(chunk[: RECORD_CAP - len(self.buffer)])
                yield chunk
        except (httpx.TimeoutException, asyncio.CancelledError):
            content["_doxaudit_broken"] = "timeout"
            raise
        except httpx.HTTPError as e:
            content["_doxaudit_broken"] = str(e) or type(e).__name__
            raise

    async def aclose(self) -> None:
        content = self.entry["response"]["content"]
        content["size"] = len(self.buffer)
        content["text"] = base64.b64encode(bytes(self.buffer)).decode("ascii")
        content["encoding"] = "base64"
        content["_doxaudit_raw"] = True
        elapsed_ms = round((time.monotonic() - self.started) * 1000, 1)
        self.entry["time"] = elapsed_ms
        self.entry["timings"]["receive"] = elapsed_ms
        await self.inner.aclose()


class HarRecorder(httpx.AsyncBaseTransport):
    """Wraps the live transport and keeps every exchange for `save`."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.entries: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        body = request.content if isinstance(request.stream, httpx.ByteStream) else b""
        entry: dict[str, Any] = {
            "startedDateTime": datetime.now(UTC).isoformat(),
            "time": 0,
            "request": {
                "method": request.method,
                "url": str(request.url),
                "httpVersion": "HTTP/1.1",
                "headers": _headers(list(request.headers.items())),
                "queryString": [{"name": k, "value": v} for k, v in request.url.params.multi_items()],
                "cookies": [],
                "headersSize": -1,
                "bodySize": len(body),
            },
            "cache": {},
            "timings": {"send": 0, "wait": 0, "receive": 0},
        }
        if body:
            entry["request"]["postData"] = {
                "mimeType": request.headers.get("content-type", "application/octet-stream"),
                "text": body.decode("utf-8", errors="replace"),
            }
        self.entries.append(entry)
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.HTTPError as e:
            entry["response"] = _error_response(str(e) or type(e).__name__)
            raise
        entry["timings"]["wait"] = round((time.monotonic() - started) * 1000, 1)
        entry["response"] = {
            "status": response.status_code,
            "statusText": response.reason_phrase if hasattr(response, "reason_phrase") else "",
            "httpVersion": "HTTP/1.1",
            "headers": _headers(list(response.headers.items())),
            "cookies": [],
            "content": {"size": 0, "mimeType": response.headers.get("content-type", ""), "text": ""},
            "redirectURL": response.headers.get("location", ""),
            "headersSize": -1,
            "bodySize": -1,
        }
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_TeeStream(response.stream, entry, started),
            extensions=response.extensions,
            request=request,
        )

    def to_har(self) -> dict[str, Any]:
        return {"log": {
            "version": "1.2",
            "creator": {"name": "doxaudit", "version": __version__},
            "entries": [e for e in self.entries if "response" in e],
        }}

    def save(self, path: Path) -> None:
        try:
            write_private(path, json.dumps(self.to_har(), indent=1, ensure_ascii=False))
        except OSError as e:
            raise HarError(f"cannot write HAR file {str(path)!r}: {e.strerror or e}") from e

    async def aclose(self) -> None:
        await self.inner.aclose()


def _error_response(message: str) -> dict[str, Any]:
    """HAR has no field for a failed exchange; status 0 with `_error` is the common convention."""
    return {"status": 0, "statusText": "", "httpVersion": "", "headers": [], "cookies": [],
            "content": {"size": 0, "mimeType": "", "text": ""}, "redirectURL": "",
            "headersSize": -1, "bodySize": -1, "_error": message[:300]}


def _key(method: str, url: str) -> tuple[str, str]:
    return method.upper(), str(httpx.URL(url))


class HarReplayer(httpx.AsyncBaseTransport):
    """Serves recorded responses; repeated requests get later entries for the same key in order."""

    def __init__(self, har: dict[str, Any], source: str = "HAR") -> None:
        self.source = source
        self.queues: dict[tuple[str, str], deque[dict[str, Any]]] = defaultdict(deque)
        try:
            entries = har["log"]["entries"]
            for entry in entries:
                req = entry["request"]
                self.queues[_key(req["method"], req["url"])].append(entry)
        except (KeyError, TypeError, httpx.InvalidURL) as e:
            raise HarError(f"{source} is not a HAR 1.2 file: missing or malformed {e}") from e
        self.missed: list[tuple[str, str]] = []

    @classmethod
    def from_file(cls, path: Path) -> HarReplayer:
        try:
            if path.stat().st_size > MAX_HAR_BYTES:
                raise HarError(f"HAR file {str(path)!r} is larger than {MAX_HAR_BYTES // 2**20} MiB")
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise HarError(f"HAR file {str(path)!r} does not exist") from e
        except (OSError, UnicodeDecodeError) as e:
            raise HarError(f"HAR file {str(path)!r} cannot be read: {e}") from e
        except json.JSONDecodeError as e:
            raise HarError(f"HAR file {str(path)!r} is not JSON: {e}") from e
        if not isinstance(data, dict):
            raise HarError(f"HAR file {str(path)!r} is not a HAR 1.2 file")
        return cls(data, source=f"HAR file {str(path)!r}")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = _key(request.method, str(request.url))
        queue = self.queues.get(key)
        if not queue:
            self.missed.append(key)
            raise httpx.ConnectError("no recorded response in the replay file", request=request)
        entry = queue.popleft() if len(queue) > 1 else queue[0]
        resp = entry.get("response") or {}
        status = resp.get("status", 0)
        if not status:
            raise httpx.ConnectError(resp.get("_error") or "recorded as failed", request=request)
        content = resp.get("content") or {}
        text = content.get("text") or ""
        body = base64.b64decode(text) if content.get("encoding") == "base64" else text.encode("utf-8")
        raw = bool(content.get("_doxaudit_raw"))
        drop = {"content-length", "transfer-encoding"} | (set() if raw else {"content-encoding"})
        headers = [(h["name"], h["value"]) for h in resp.get("headers", []) if h["name"].lower() not in drop]
        broken = content.get("_doxaudit_broken")
        if broken:
            return httpx.Response(status_code=int(status), headers=headers,
                                  stream=_BrokenStream(body, broken, request), request=request)
        return httpx.Response(status_code=int(status), headers=headers, stream=httpx.ByteStream(body),
                              request=request)


class _BrokenStream(httpx.AsyncByteStream):
    def __init__(self, body: bytes, why: str, request: httpx.Request) -> None:
        self.body, self.why, self.request = body, why, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.body:
            yield self.body
        if self.why == "timeout":
            raise httpx.ReadTimeout("timed out (recorded)", request=self.request)
        raise httpx.ReadError(self.why, request=self.request)
