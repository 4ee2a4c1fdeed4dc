"""Bearer tokens handed out to a client's calls: a static token, or client credentials exchanged
for expiring tokens (`_credentials.py` holds both kinds and the exchange's format).

Only one token request is in flight at a time per client (and its `with_options`
copies): concurrent callers wait on a lock and reuse the fresh token, or share the error of
a request that failed. After a failure, new callers get that same error without asking again
for a backoff that grows from `INITIAL_RETRY_DELAY` to `MAX_RETRY_DELAY`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, TOKEN_REFRESH_SKEW
from ._credentials import ClientCredentials, Credentials, Secret, StaticToken, TokenGrant
from ._exceptions import RunaiError

__all__ = ["AsyncTokenProvider", "SyncTokenProvider"]


class _TokenCache:
    """The current token and when to renew it.

    Renewal is due `TOKEN_REFRESH_SKEW` seconds before expiry, or half-way through the
    lifetime of tokens that live shorter than twice the skew.
    """

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self._token = credentials.token if isinstance(credentials, StaticToken) else None
        self._renew_at: float | None = None
        self.fetches = 0
        """Token requests finished, so a waiter can tell whether one ended while it waited."""
        self._failure: RunaiError | None = None
        self._failures = 0
        self._quiet_until = 0.0

    def fresh(self) -> Secret | None:
        if self._renew_at is not None and time.time() >= self._renew_at:
            return None
        return self._token

    def raise_recent_failure(self, fetches_seen: int) -> None:
        """Re-raise the last token request's error to callers that waited on it, and to new
        callers during the backoff that follows it."""
        if self._failure is not None and (self.fetches != fetches_seen or time.monotonic() < self._quiet_until):
            raise self._failure

    def failed(self, error: RunaiError) -> None:
        self.fetches += 1
        self._failures += 1
        self._failure = error
        backoff = min(INITIAL_RETRY_DELAY * 2.0 ** (self._failures - 1), MAX_RETRY_DELAY)
        self._quiet_until = time.monotonic() + backoff

    def store(self, grant: TokenGrant) -> Secret:
        self.fetches += 1
        self._failure = None
        self._failures = 0
        self._token = grant.access_token
        if grant.expires_at is None:
            self._renew_at = None
        else:
            now = time.time()
            lifetime = max(grant.expires_at - now, 0.0)
            self._renew_at = now + lifetime - min(TOKEN_REFRESH_SKEW, lifetime / 2)
        return grant.access_token

    def invalidate(self, stale: Secret) -> bool:
        """Forget `stale` after a 401; True when a new token can be fetched."""
        if isinstance(self.credentials, StaticToken):
            return False
        if self._token is stale:
            self._token = None
            self._renew_at = None
        return True


class SyncTokenProvider:
    """Hands out bearer tokens to threads, fetching at most one at a time."""

    def __init__(self, credentials: Credentials, fetch: Callable[[ClientCredentials], TokenGrant]) -> None:
        self._cache = _TokenCache(credentials)
        self._fetch = fetch
        self._lock = threading.Lock()

    @property
    def credentials(self) -> Credentials:
        return self._cache.credentials

    def token(self) -> Secret:
        token = self._cache.fresh()
        if token is not None:
            return token
        fetches_seen = self._cache.fetches
        with self._lock:
            token = self._cache.fresh()
            if token is not None:
                return token
            self._cache.raise_recent_failure(fetches_seen)
            assert isinstance(self._cache.credentials, ClientCredentials)
            try:
                grant = self._fetch(self._cache.credentials)
            except RunaiError as error:
                self._cache.failed(error)
                raise
            return self._cache.store(grant)

    def invalidate(self, stale: Secret) -> bool:
        with self._lock:
            return self._cache.invalidate(stale)


class AsyncTokenProvider:
    """Hands out bearer tokens to tasks, fetching at most one at a time."""

    def __init__(
        self,
        credentials: Credentials,
        fetch: Callable[[ClientCredentials], Awaitable[TokenGrant]],
    ) -> None:
        self._cache = _TokenCache(credentials)
        self._fetch = fetch
        import asyncio  # here, not at the top: sync programs need not load asyncio (~13 ms)

        self._lock = asyncio.Lock()

    @property
    def credentials(self) -> Credentials:
        return self._cache.credentials

    async def token(self) -> Secret:
        token = self._cache.fresh()
        if token is not None:
            return token
        fetches_seen = self._cache.fetches
        async with self._lock:
            token = self._cache.fresh()
            if token is not None:
                return token
            self._cache.raise_recent_failure(fetches_seen)
            assert isinstance(self._cache.credentials, ClientCredentials)
            try:
                grant = await self._fetch(self._cache.credentials)
            except RunaiError as error:
                self._cache.failed(error)
                raise
            return self._cache.store(grant)

    def invalidate(self, stale: Secret) -> bool:
        return self._cache.invalidate(stale)
