"""Is a password in known breaches? Pwned Passwords with k-anonymity: only 5 hex characters leave.

The password is hashed here (SHA-1, as the range API requires); the first 5 characters of
the hash go to `https://api.pwnedpasswords.com/range/{PREFIX}` and the answer lists every
known suffix under that prefix (`SUFFIX:COUNT`, CRLF). With `Add-Padding: true` the list
is padded with fake entries of count 0, so its length says nothing about the prefix.

Nothing here keeps the password, its full hash or its suffix in an object that outlives
the call: `PasswordResult` holds the answer only. A rate limit, block, timeout or
unreadable answer is `unknown`, never "not pwned".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .checks.blocks import block_reason
from .model import Status
from .net.fetch import Fetcher, FetchResult

RANGE_URL = "https://api.pwnedpasswords.com/range/{prefix}"
PREFIX_LEN = 5
MAX_PASSWORD_CHARS = 1024
# A padded range answer is ~800-1,000 lines of ~40 bytes (~40 KB); far more is not a range answer.
MAX_RANGE_BYTES = 512 * 1024
MAX_COUNT_DIGITS = 12
LINE_RE = re.compile(rf"^([0-9A-Fa-f]{{35}}):([0-9]{{1,{MAX_COUNT_DIGITS}}})$")
HEX_RE = re.compile(r"^[0-9A-F]{5}$")


@dataclass(frozen=True)
class PasswordResult:
    """The answer about one password; it holds neither the password nor any part of its hash.

    `reason` is a message key suffix (`passwords.reason.<reason>`), `detail` its argument.
    """

    status: Status  # FOUND (pwned), NOT_FOUND, or UNKNOWN
    count: int | None
    reason: str = ""
    detail: str = ""

    @property
    def pwned(self) -> bool:
        return self.status is Status.FOUND


def split_hash(password: str) -> tuple[str, str]:
    """(prefix, suffix) of the upper-case SHA-1 hex of the password's UTF-8 bytes.

    The password is hashed exactly as given: no trimming and no Unicode normalisation,
    because a different byte sequence is a different password. Text that is not valid
    Unicode (lone surrogates) raises UnicodeEncodeError, a ValueError.
    """
    digest = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False)
    hexdigest = digest.hexdigest().upper()
    return hexdigest[:PREFIX_LEN], hexdigest[PREFIX_LEN:]


def range_url(prefix: str) -> str:
    if not HEX_RE.match(prefix):
        raise ValueError("a range prefix is exactly 5 upper-case hex characters")
    return RANGE_URL.format(prefix=prefix)


def count_in_range(body: bytes, suffix: str) -> tuple[int, int]:
    """(count for `suffix`, number of well-formed lines). Malformed lines are skipped.

    Padding entries have count 0 and so never make a password pwned. A suffix listed
    more than once (which the API never does) keeps its highest count.
    """
    wanted = suffix.upper()
    count = 0
    valid = 0
    text = body.decode("ascii", errors="replace")
    for raw in text.split("\n"):
        match = LINE_RE.match(raw.strip())
        if match is None:
            continue
        valid += 1
        if match.group(1).upper() == wanted:
            count = max(count, int(match.group(2)))
    return count, valid


def classify_range(result: FetchResult, suffix: str) -> PasswordResult:
    """Pure: the range answer in, the verdict out. Only a readable list can say "not pwned"."""
    if result.error:
        reason = "timeout" if result.error == "timeout" else "connection"
        return PasswordResult(Status.UNKNOWN, None, reason, result.error[:200])
    if result.status == 429:
        wait = result.headers.get("retry-after", "")
        return PasswordResult(Status.UNKNOWN, None, "rate_limited", wait[:20] if wait.isdigit() else "")
    blocked = block_reason(result)
    if blocked:
        return PasswordResult(Status.UNKNOWN, None, "blocked", blocked)
    if result.status != 200:
        return PasswordResult(Status.UNKNOWN, None, "unexpected_status", str(result.status))
    count, valid = count_in_range(result.body, suffix)
    if count > 0:
        return PasswordResult(Status.FOUND, count)
    if valid == 0:
        return PasswordResult(Status.UNKNOWN, None, "malformed")
    if result.truncated:  # the suffix may be in the part that was not read
        return PasswordResult(Status.UNKNOWN, None, "truncated")
    return PasswordResult(Status.NOT_FOUND, 0)


async def check_prefix(fetcher: Fetcher, prefix: str, suffix: str) -> PasswordResult:
    """Ask the range API for `prefix` (the only thing sent) and look for `suffix` locally."""
    result = await fetcher.request(
        "GET", range_url(prefix), headers={"Add-Padding": "true"}, follow_redirects=False,
        max_bytes=MAX_RANGE_BYTES,
    )
    return classify_range(result, suffix)


async def check_password(fetcher: Fetcher, password: str) -> PasswordResult:
    """How often `password` appears in Pwned Passwords. Raises ValueError for an empty password."""
    if not password:
        raise ValueError("empty password")
    prefix, suffix = split_hash(password)
    return await check_prefix(fetcher, prefix, suffix)
