"""One call, prepared once and sent as a fresh request per attempt.

`prepare_call` turns an endpoint, the caller's arguments and the per-call options (`timeout`,
`max_retries`, `deadline`, `retry_non_idempotent`, `extra_*`) over the client's settings into a
`PreparedCall`; `token_call` does the same for the client-credentials token request. Each attempt
`build`s its own httpx request, with the timeouts cut to what is left of the deadline.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._config import ClientConfig, check_deadline
from ._credentials import ClientCredentials, token_request_body
from ._endpoint import Endpoint
from ._exceptions import APITimeoutError
from ._logging import redact_url
from ._retries import IDEMPOTENT_METHODS
from ._serialize import body_arguments, encode_headers, encode_path, encode_query
from ._types import RequestOptions, TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["PreparedCall", "prepare_call", "token_call"]


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PreparedCall:
    """Everything needed to send (and resend) one call."""

    method: str
    url: str = dataclasses.field(repr=False)
    params: tuple[tuple[str, str], ...] = dataclasses.field(repr=False)
    headers: dict[str, str] = dataclasses.field(repr=False)
    body: dict[str, Any] = dataclasses.field(repr=False)  # holds the client secret of a token request
    timeout: TimeoutTypes
    max_retries: int
    may_retry: bool
    deadline: float | None = None

    def build(self, http: httpx.Client | httpx.AsyncClient, ends_at: float | None) -> httpx.Request:
        """The request of one attempt; with a deadline, its timeouts are cut to the time left."""
        request = http.build_request(
            self.method,
            self.url,
            params=self.params,
            headers=self.headers,
            timeout=self.timeout if ends_at is None else _capped(self.timeout, ends_at - time.monotonic()),
            **self.body,
        )
        if ends_at is not None and time.monotonic() >= ends_at:
            where = f"{request.method} {redact_url(request.url.copy_with(query=None))}"
            raise APITimeoutError(f"{where}: the deadline of {self.deadline}s is over", request=request)
        return request

    def ends_at(self) -> float | None:
        return None if self.deadline is None else time.monotonic() + self.deadline


def _capped(timeout: TimeoutTypes, left: float) -> httpx.Timeout:
    import httpx

    given = httpx.Timeout(timeout)
    left = max(left, 0.001)
    return httpx.Timeout(
        connect=min(given.connect, left) if given.connect is not None else left,
        read=min(given.read, left) if given.read is not None else left,
        write=min(given.write, left) if given.write is not None else left,
        pool=min(given.pool, left) if given.pool is not None else left,
    )


def prepare_call(
    config: ClientConfig,
    user_agent: str,
    endpoint: Endpoint,
    path: Mapping[str, object],
    query: Mapping[str, object],
    headers: Mapping[str, object],
    body: object,
    options: RequestOptions,
) -> PreparedCall:
    """A call of `endpoint` with these arguments; `options` win over the client's `config`."""
    body_kwargs = body_arguments(endpoint, body, options.get("extra_body", {}))
    all_headers = {"User-Agent": user_agent, **config.default_headers}
    if endpoint.result == "json":
        all_headers["Accept"] = "application/json"
    all_headers.update(body_kwargs.pop("headers", {}))
    all_headers.update(encode_headers(endpoint, headers, options.get("extra_headers", {})))
    method = endpoint.method.upper()
    return PreparedCall(
        method=method,
        url=config.base_url + encode_path(endpoint, path),
        params=tuple(encode_query(endpoint, query, options.get("extra_query", {}))),
        headers=all_headers,
        body=body_kwargs,
        timeout=options.get("timeout", config.timeout),
        max_retries=options.get("max_retries", config.max_retries),
        may_retry=method in IDEMPOTENT_METHODS or options.get("retry_non_idempotent", False),
        deadline=check_deadline(options["deadline"]) if "deadline" in options else config.deadline,
    )


def token_call(config: ClientConfig, token_path: str, user_agent: str, credentials: ClientCredentials) -> PreparedCall:
    """The client-credentials token request to `token_path` of the base URL."""
    return PreparedCall(
        method="POST",
        url=config.base_url + token_path,
        params=(),
        headers={"User-Agent": user_agent, "Accept": "application/json"},
        body={"json": token_request_body(credentials)},
        timeout=config.timeout,
        max_retries=config.max_retries,
        may_retry=True,  # asking for a token twice is harmless
        deadline=config.deadline,
    )
