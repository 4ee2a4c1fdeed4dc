"""Client settings: explicit arguments first, then environment variables, then defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from typing_extensions import TypedDict

from ._auth import ClientCredentials, Credentials, StaticToken
from ._constants import ENV_BASE_URL, ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TOKEN
from ._exceptions import RunaiError
from ._logging import LogHook
from ._types import TimeoutTypes

__all__ = ["ClientConfig", "ClientOptions", "resolve_base_url", "resolve_credentials"]


@dataclass(frozen=True, kw_only=True, slots=True)
class ClientConfig:
    """The per-client request settings that `with_options` can change."""

    base_url: str
    timeout: TimeoutTypes
    max_retries: int
    default_headers: Mapping[str, str]
    log_hook: LogHook | None
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
    strict_responses: bool


def resolve_base_url(base_url: str | None, default: str | None) -> str:
    """The argument, else `RUNAI_BASE_URL`, else the package default, without a trailing /."""
    url = base_url or os.environ.get(ENV_BASE_URL) or default
    if not url:
        raise RunaiError(f"no base URL: pass base_url=... or set {ENV_BASE_URL}, e.g. https://<company>.run.ai")
    return url.rstrip("/")


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
        return StaticToken(token)
    if client_id is not None and client_secret is not None:
        return ClientCredentials(client_id, client_secret)
    if client_id is not None or client_secret is not None:
        missing = names[2] if client_id is not None else names[1]
        raise RunaiError(f"{source}: {missing} is missing; client credentials need both")
    raise RunaiError(
        f"no credentials: pass token=... or client_id=... and client_secret=..., "
        f"or set {ENV_TOKEN}, or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}"
    )
