"""Credentials and the token exchange's wire format.

A static token or client credentials (`Credentials`), secrets held in `Secret` (whose repr is
redacted, so captured locals do not show them), the body of the client-credentials request and
the `TokenGrant` read from its answer. Handing tokens out and renewing them is `_auth.py`'s part.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ._exceptions import ResponseValidationError, RunaiError
from ._types import is_mapping

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ClientCredentials",
    "Credentials",
    "Secret",
    "StaticToken",
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
    token = data.get("accessToken") if is_mapping(data) else None
    if not isinstance(token, str) or not token:
        raise ResponseValidationError("the token response has no accessToken", response=response)
    try:
        secret = check_secret(token, "the accessToken of the token response", header=True)
    except RunaiError as error:
        raise ResponseValidationError(str(error), response=response) from None
    expires_in = data.get("expiresIn") if is_mapping(data) else None
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
    exp = claims.get("exp") if is_mapping(claims) else None
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        return float(exp)
    return None
