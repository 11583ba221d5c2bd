"""URL safety for addresses doxaudit did not choose itself (search results, redirects).

A search result is untrusted input: it must not make doxaudit fetch from the user's
own network (router pages, cloud metadata, localhost services).
"""

from __future__ import annotations

import ipaddress

import httpx


class UnsafeURL(ValueError):
    pass


def check_url(url: str, *, allow_private: bool = True) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as e:
        raise UnsafeURL(f"invalid URL ({e})") from e
    if parsed.scheme not in ("http", "https"):
        raise UnsafeURL(f"scheme {parsed.scheme!r} is not http or https")
    if not parsed.host:
        raise UnsafeURL("no host")
    if allow_private:
        return
    host = parsed.host.strip("[]").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise UnsafeURL(f"host {host!r} is on the local network")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return
    if not ip.is_global or ip.is_multicast:
        raise UnsafeURL(f"address {host} is private, loopback or link-local")
