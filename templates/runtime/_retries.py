"""When to retry a request and how long to wait first.

`sleep` and `async_sleep` are looked up at call time, so tests can replace them. The modules
only a retry needs (random, email.utils, asyncio) are imported when one happens, not with the package.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY

if TYPE_CHECKING:
    import httpx

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRYABLE_STATUS_CODES",
    "async_sleep",
    "retry_delay",
    "sleep",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRYABLE_STATUS_CODES = frozenset({408, 429, 502, 503, 504})


def retry_delay(retries_done: int, response: httpx.Response | None = None) -> float:
    """Seconds to wait before retry number `retries_done + 1`.

    A `Retry-After` header (seconds or an HTTP date) wins, capped at `MAX_RETRY_AFTER`;
    otherwise exponential backoff from `INITIAL_RETRY_DELAY` with up to 25% jitter.
    """
    if response is not None:
        retry_after = _parse_retry_after(response.headers.get("retry-after"))
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER)
    import random

    backoff = min(INITIAL_RETRY_DELAY * 2.0**retries_done, MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def sleep(seconds: float) -> None:
    """Block between sync retries."""
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """Wait between async retries."""
    import asyncio

    await asyncio.sleep(seconds)
