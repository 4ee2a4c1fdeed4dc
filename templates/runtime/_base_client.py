"""The transport policy every generated client inherits: auth, retries, errors, logging.

Generated `Client`/`AsyncClient` classes subclass `SyncBaseClient` (`_sync_client.py`) /
`AsyncBaseClient` (`_async_client.py`) and only add resources; they may set `_default_base_url`
(only named in errors), `_token_path` and `_user_agent`. Both twins derive from `BaseClient`, here:
the settings, the 401 rule and the log events, which do not depend on sync or async. The rest of a
call lives beside them, one concept a module:

- `_config.py`: the settings (arguments, then `RUNAI_*` variables, then defaults) and what
  `with_options` may change;
- `_call.py`: one call prepared (URL, query, headers, body, per-call options), and each attempt's
  request with its timeouts cut to the deadline;
- `_retries.py`: which outcomes are retried, and how long to wait (`Retry-After`, backoff);
- `_http.py`: the httpx client made on the first request, and the redirect hops it takes;
  `_tls.py`: the certificates its pool trusts, and its proxy;
- `_auth.py` / `_credentials.py`: bearer tokens, one token request at a time, and the exchange;
- `_exceptions.py`: the error for a response or a failed request.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ._auth import AsyncTokenProvider, SyncTokenProvider
from ._config import ClientConfig, ClientOptions, check_deadline, check_seconds, resolve_base_url, resolve_credentials
from ._constants import MAX_RETRY_AFTER
from ._credentials import ClientCredentials, Credentials, Secret
from ._logging import LogEvent, LogHook, log_enabled, log_record, redact_headers, redact_url
from ._types import TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["BaseClient", "ProviderT"]

ProviderT = TypeVar("ProviderT", SyncTokenProvider, AsyncTokenProvider)


class BaseClient(Generic[ProviderT]):
    """Configuration and the parts of sending that do not depend on sync or async."""

    _default_base_url: str | None = None
    _token_path: str = "/api/v1/token"
    _user_agent: str = "runai-python"

    _config: ClientConfig
    _auth: ProviderT

    def _configure(
        self,
        base_url: str | None,
        token: str | None,
        client_id: str | None,
        client_secret: str | None,
        timeout: TimeoutTypes,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        log_hook: LogHook | None,
        max_retry_after: float = MAX_RETRY_AFTER,
        deadline: float | None = None,
    ) -> Credentials:
        self._config = ClientConfig(
            base_url=resolve_base_url(base_url, self._default_base_url),
            timeout=timeout,
            max_retries=max_retries,
            default_headers=dict(default_headers or {}),
            log_hook=log_hook,
            max_retry_after=check_seconds(max_retry_after, "max_retry_after"),
            deadline=check_deadline(deadline),
        )
        return resolve_credentials(token, client_id, client_secret)

    def _changed(self, changes: ClientOptions) -> tuple[ClientConfig, Credentials | None]:
        """The config after `with_options(**changes)`, and new credentials if any were given."""
        settings: dict[str, Any] = {
            key: value
            for key, value in changes.items()
            if key in ("timeout", "max_retries", "default_headers", "log_hook", "strict_responses")
        }
        if "max_retry_after" in changes:
            settings["max_retry_after"] = check_seconds(changes["max_retry_after"], "max_retry_after")
        if "deadline" in changes:
            settings["deadline"] = check_deadline(changes["deadline"])
        if "base_url" in changes:
            settings["base_url"] = resolve_base_url(changes["base_url"], None)
        credentials = None
        if {"token", "client_id", "client_secret"} & changes.keys():
            credentials = resolve_credentials(
                changes.get("token"), changes.get("client_id"), changes.get("client_secret")
            )
        return dataclasses.replace(self._config, **settings), credentials

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def _stale_token(self, response: httpx.Response, token: Secret | None, refreshed: bool) -> bool:
        """Whether a 401 is worth one retry with a new token (it was sent to our origin)."""
        return (
            response.status_code == 401
            and token is not None
            and not refreshed
            and "Authorization" in response.request.headers
            and self._auth.invalidate(token)
        )

    def _token_url(self) -> str:
        return redact_url(self._config.base_url + self._token_path)

    def _log(
        self,
        kind: Literal["request", "response", "retry"],
        request: httpx.Request,
        attempt: int,
        *,
        response: httpx.Response | None = None,
        started: float | None = None,
        retry_in: float | None = None,
        reason: str | None = None,
    ) -> None:
        hook = self._config.log_hook
        if hook is None and not log_enabled(kind):
            return
        source = response.headers if response is not None else request.headers
        event = LogEvent(
            kind=kind,
            method=request.method,
            url=redact_url(request.url),
            attempt=attempt,
            headers=redact_headers(source),
            status_code=response.status_code if response is not None else None,
            elapsed=time.monotonic() - started if started is not None else None,
            retry_in=retry_in,
            reason=reason,
        )
        log_record(event)
        if hook is not None:
            hook(event)

    def __repr__(self) -> str:
        credentials = self._auth.credentials
        auth = "client_credentials" if isinstance(credentials, ClientCredentials) else "token"
        return f"<{type(self).__name__} base_url={redact_url(self._config.base_url)!r} auth={auth}>"
