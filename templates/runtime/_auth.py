"""Bearer tokens: a static token, or client credentials exchanged for expiring tokens.

Only one token request is in flight at a time per client (and its `with_options`
copies): concurrent callers wait on a lock and reuse the fresh token, or share the error of
a request that failed. After a failure, new callers get that same error without asking again
for a backoff that grows from `INITIAL_RETRY_DELAY` to `MAX_RETRY_DELAY`.
Secrets are held in `Secret`, whose repr is redacted, so captured locals do not show them.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, TOKEN_REFRESH_SKEW
from ._exceptions import ResponseValidationError, RunaiError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AsyncTokenProvider",
    "ClientCredentials",
    "Credentials",
    "Secret",
    "StaticToken",
    "SyncTokenProvider",
    "TokenGrant",
    "check_secret",
    "grant_from_response",
    "token_request_body",
]


class Secret:
    """A credential whose `repr` and `str` are redacted; `reveal()` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('[REDACTED]')"

    __str__ = __repr__


def check_secret(value: str, name: str, *, header: bool) -> Secret:
    """`value` as a `Secret`; refused, without echoing it, when empty or holding control characters
    (or, for a value sent in a header, anything but printable ASCII: httpx could not encode it; a space is
    allowed, as in any header value)."""
    if not value:
        raise RunaiError(f"{name} is empty")
    if any(char < "\x20" or "\x7f" <= char <= "\x9f" for char in value):
        raise RunaiError(f"{name} contains a control character (CR, LF, ...); it is refused and not shown")
    if header and not all("\x20" <= char < "\x7f" for char in value):
        raise RunaiError(f"{name} must be printable ASCII (it goes in the Authorization header)")
    return Secret(value)


@dataclass(frozen=True, slots=True)
class StaticToken:
    """A bearer token used as given; it cannot be refreshed."""

    token: Secret = field(repr=False)


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """A service account or access key, exchanged for tokens at the token endpoint."""

    client_id: str
    client_secret: Secret = field(repr=False)


Credentials: TypeAlias = StaticToken | ClientCredentials


class TokenGrant(NamedTuple):
    """An access token and when it expires (Unix time), if known."""

    access_token: Secret
    expires_at: float | None


def token_request_body(credentials: ClientCredentials) -> dict[str, str]:
    """The JSON body of the client-credentials token request."""
    return {
        "grantType": "client_credentials",
        "clientID": credentials.client_id,
        "clientSecret": credentials.client_secret.reveal(),
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
    try:
        secret = check_secret(token, "the accessToken of the token response", header=True)
    except RunaiError as error:
        raise ResponseValidationError(str(error), response=response) from None
    expires_in = data.get("expiresIn") if isinstance(data, dict) else None
    if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool) and expires_in == expires_in:
        return TokenGrant(secret, time.time() + min(expires_in, 1e9))
    return TokenGrant(secret, _jwt_expiry(token))


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
