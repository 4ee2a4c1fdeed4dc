"""When to retry a request and how long to wait first (`Retry-After`, or backoff with jitter).

`sleep` and `async_sleep` are looked up at call time, so tests can replace them. The modules
only a retry needs (random, email.utils, asyncio) are imported when one happens, not with the package.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY
from ._exceptions import tls_verification_failed

if TYPE_CHECKING:
    import httpx

    from ._call import PreparedCall

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRYABLE_STATUS_CODES",
    "async_sleep",
    "delay_before_retry",
    "parse_retry_after",
    "retry_delay",
    "retryable_error",
    "sleep",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRYABLE_STATUS_CODES = frozenset({408, 429, 502, 503, 504})


def delay_before_retry(
    call: PreparedCall,
    retries_done: int,
    response: httpx.Response | None,
    ends_at: float | None,
    max_retry_after: float,
) -> float | None:
    """Seconds to wait before retrying `call` after `response` (None: after a transport error), or None
    when the outcome is final: the call may not be retried, its retries are spent, the status is not
    retryable, or the wait would end past the deadline."""
    if not call.may_retry or retries_done >= call.max_retries:
        return None
    if response is not None and response.status_code not in RETRYABLE_STATUS_CODES:
        return None
    delay = retry_delay(retries_done, response, max_retry_after)
    if ends_at is not None and time.monotonic() + delay >= ends_at:
        return None
    return delay


def retryable_error(error: httpx.TransportError) -> bool:
    """Whether a request that got no response is worth another attempt (not after a failed certificate check)."""
    import httpx

    retryable = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
    return isinstance(error, retryable) and not tls_verification_failed(error)


def retry_delay(
    retries_done: int, response: httpx.Response | None = None, max_retry_after: float = MAX_RETRY_AFTER
) -> float:
    """Seconds to wait before retry number `retries_done + 1`, always finite and bounded.

    A `Retry-After` header (seconds or an HTTP date) between 0 and `max_retry_after` wins (a date
    in the past means now); otherwise (absent, negative, NaN, infinite, too long, unreadable) the
    exponential backoff from `INITIAL_RETRY_DELAY`, at most `MAX_RETRY_DELAY`, with up to 25% jitter.
    """
    if response is not None:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is not None and retry_after <= max_retry_after:
            return retry_after
    import random

    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_done, 32), MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def parse_retry_after(value: str | None) -> float | None:
    """The wait a `Retry-After` value asks for, in seconds (>= 0), or None when it is unusable."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return _seconds_until(value)
    return seconds if 0.0 <= seconds < float("inf") else None


def _seconds_until(http_date: str) -> float | None:
    import datetime
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322
        when = when.replace(tzinfo=datetime.timezone.utc)
    try:
        return max(when.timestamp() - time.time(), 0.0)
    except (OverflowError, OSError, ValueError):
        return None


def sleep(seconds: float) -> None:
    """Block between sync retries."""
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """Wait between async retries."""
    import asyncio

    await asyncio.sleep(seconds)
