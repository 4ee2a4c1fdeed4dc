"""Bearer tokens: a static token, or client credentials exchanged for expiring tokens.

Only one token request is in flight at a time per client (and its `with_options`
copies): concurrent callers wait on a lock and reuse the fresh token.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ._constants import TOKEN_REFRESH_SKEW
from ._exceptions import ResponseValidationError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AsyncTokenProvider",
    "ClientCredentials",
    "Credentials",
    "StaticToken",
    "SyncTokenProvider",
    "TokenGrant",
    "grant_from_response",
    "token_request_body",
]


@dataclass(frozen=True, slots=True)
class StaticToken:
    """A bearer token used as given; it cannot be refreshed."""

    token: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """A service account or access key, exchanged for tokens at the token endpoint."""

    client_id: str
    client_secret: str = field(repr=False)


Credentials: TypeAlias = StaticToken | ClientCredentials


class TokenGrant(NamedTuple):
    """An access token and when it expires (Unix time), if known."""

    access_token: str
    expires_at: float | None


def token_request_body(credentials: ClientCredentials) -> dict[str, str]:
    """The JSON body of the client-credentials token request."""
    return {
        "grantType": "client_credentials",
        "clientID": credentials.client_id,
        "clientSecret": credentials.client_secret,
    }


def grant_from_response(response: httpx.Response) -> TokenGrant:
    """Read `accessToken` and `expiresIn` (or else the JWT `exp` claim) from a token response."""
    try:
        data = response.json()
    except ValueError:
        data = None
    token = data.get("accessToken") if isinstance(data, dict) else None
    if not isinstance(token, str) or not token:
        raise ResponseValidationError("the token response has no accessToken", response=response)
    expires_in = data.get("expiresIn") if isinstance(data, dict) else None
    if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
        return TokenGrant(token, time.time() + expires_in)
    return TokenGrant(token, _jwt_expiry(token))


def _jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, read without checking the signature."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims: Any = json.loads(base64.urlsafe_b64decode(payload))
    except ValueError:
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        return float(exp)
    return None


class _TokenCache:
    """The current token and when to renew it.

    Renewal is due `TOKEN_REFRESH_SKEW` seconds before expiry, or half-way through the
    lifetime of tokens that live shorter than twice the skew.
    """

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self._token = credentials.token if isinstance(credentials, StaticToken) else None
        self._renew_at: float | None = None

    def fresh(self) -> str | None:
        if self._renew_at is not None and time.time() >= self._renew_at:
            return None
        return self._token

    def store(self, grant: TokenGrant) -> str:
        self._token = grant.access_token
        if grant.expires_at is None:
            self._renew_at = None
        else:
            now = time.time()
            lifetime = max(grant.expires_at - now, 0.0)
            self._renew_at = now + lifetime - min(TOKEN_REFRESH_SKEW, lifetime / 2)
        return grant.access_token

    def invalidate(self, stale: str) -> bool:
        """Forget `stale` after a 401; True when a new token can be fetched."""
        if isinstance(self.credentials, StaticToken):
            return False
        if self._token == stale:
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

    def token(self) -> str:
        token = self._cache.fresh()
        if token is not None:
            return token
        with self._lock:
            token = self._cache.fresh()
            if token is not None:
                return token
            assert isinstance(self._cache.credentials, ClientCredentials)
            return self._cache.store(self._fetch(self._cache.credentials))

    def invalidate(self, stale: str) -> bool:
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

    async def token(self) -> str:
        token = self._cache.fresh()
        if token is not None:
            return token
        async with self._lock:
            token = self._cache.fresh()
            if token is not None:
                return token
            assert isinstance(self._cache.credentials, ClientCredentials)
            return self._cache.store(await self._fetch(self._cache.credentials))

    def invalidate(self, stale: str) -> bool:
        return self._cache.invalidate(stale)
