"""Client settings: explicit arguments first, then environment variables, then defaults."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from typing_extensions import TypedDict

from ._constants import ENV_BASE_URL, ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TOKEN
from ._credentials import ClientCredentials, Credentials, StaticToken, check_secret
from ._exceptions import RunaiError
from ._logging import LogHook, logger, redact_url
from ._types import TimeoutTypes

__all__ = [
    "ClientConfig",
    "ClientOptions",
    "check_deadline",
    "check_seconds",
    "resolve_base_url",
    "resolve_credentials",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class ClientConfig:
    """The per-client request settings that `with_options` can change."""

    base_url: str
    timeout: TimeoutTypes
    max_retries: int
    default_headers: Mapping[str, str]
    log_hook: LogHook | None
    max_retry_after: float
    deadline: float | None
    strict_responses: bool = False


class ClientOptions(TypedDict, total=False):
    """Settings accepted by `with_options`; credentials given here replace the old ones."""

    base_url: str
    token: str
    client_id: str
    client_secret: str
    timeout: TimeoutTypes
    max_retries: int
    default_headers: Mapping[str, str]
    log_hook: LogHook | None
    max_retry_after: float
    deadline: float | None
    strict_responses: bool


def resolve_base_url(base_url: str | None, document_url: str | None) -> str:
    """The argument, else `RUNAI_BASE_URL`, without a trailing /; an http(s) URL with a host.

    The document's server URL is only named in the error: credentials go where the user says.
    A `user:password@` part is dropped (with a redacted warning): httpx would send it as Basic
    auth in place of the bearer token, and it would show in every request's URL.
    """
    url = base_url or os.environ.get(ENV_BASE_URL)
    if not url:
        hint = f" (the API document names {document_url})" if document_url else ""
        raise RunaiError(
            f"no base URL: pass base_url=... or set {ENV_BASE_URL}, e.g. https://<company>.run.ai{hint}; "
            "credentials are never sent to a default server"
        )
    url = url.rstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError when the port is not a number
    except ValueError:
        raise _not_a_base_url(url) from None
    valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not (parts.query or parts.fragment)
    if not valid or any(char <= " " or char == "\x7f" for char in url):
        raise _not_a_base_url(url)
    if "@" in parts.netloc:
        logger().warning(
            "the user:password@ of the base URL %s is not sent; the client authenticates with tokens", redact_url(url)
        )
        url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return url


def _not_a_base_url(url: str) -> RunaiError:
    return RunaiError(f"base URL {redact_url(url)!r} is not an http:// or https:// URL with a host (no query)")


def check_seconds(value: object, name: str) -> float:
    """A duration option: a finite number of seconds >= 0 (whatever a caller without a type checker passed)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value!r}")
    return float(value)


def check_deadline(value: float | None) -> float | None:
    """The `deadline` option: None (no deadline) or a duration."""
    return None if value is None else check_seconds(value, "deadline")


def resolve_credentials(token: str | None, client_id: str | None, client_secret: str | None) -> Credentials:
    """Credentials from the arguments, else from `RUNAI_TOKEN` / `RUNAI_CLIENT_ID` + `..._SECRET`."""
    if token is not None or client_id is not None or client_secret is not None:
        return _pick(token, client_id, client_secret, "arguments", ("token", "client_id", "client_secret"))
    env = os.environ
    return _pick(
        env.get(ENV_TOKEN) or None,
        env.get(ENV_CLIENT_ID) or None,
        env.get(ENV_CLIENT_SECRET) or None,
        "environment",
        (ENV_TOKEN, ENV_CLIENT_ID, ENV_CLIENT_SECRET),
    )


def _pick(
    token: str | None,
    client_id: str | None,
    client_secret: str | None,
    source: str,
    names: tuple[str, str, str],
) -> Credentials:
    if token is not None:
        if client_id is not None or client_secret is not None:
            raise RunaiError(f"{source}: give either {names[0]} or {names[1]} and {names[2]}, not both")
        return StaticToken(check_secret(token, names[0], header=True))
    if client_id is not None and client_secret is not None:
        check_secret(client_id, names[1], header=False)
        return ClientCredentials(client_id, check_secret(client_secret, names[2], header=False))
    if client_id is not None or client_secret is not None:
        missing = names[2] if client_id is not None else names[1]
        raise RunaiError(f"{source}: {missing} is missing; client credentials need both")
    raise RunaiError(
        f"no credentials: pass token=... or client_id=... and client_secret=..., "
        f"or set {ENV_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}"
    )
