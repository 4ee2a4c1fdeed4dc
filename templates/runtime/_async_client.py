"""`AsyncBaseClient`: the asynchronous client's life cycle and its send loop (retries, 401 refresh, redirects).

The twin of `SyncBaseClient` in `_sync_client.py`: the two differ only in `async`/`await` and in
httpx's sync and async types, so a change to one is made to both. openai-python keeps both twins in
its `_base_client.py`; each has its own module here so that every runtime module stays short
(`_base_client.py` holds what they share).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from types import TracebackType
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from typing_extensions import Self, Unpack

from . import _retries
from ._auth import AsyncTokenProvider
from ._base_client import BaseClient
from ._call import PreparedCall, prepare_call, token_call
from ._config import ClientOptions
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_RETRY_AFTER
from ._credentials import ClientCredentials, TokenGrant, grant_from_response
from ._endpoint import Endpoint
from ._exceptions import RunaiError, connection_error, make_status_error
from ._http import LazyHttp, async_http, own_pool_settings, redirect_request
from ._logging import LogHook, logger
from ._raw import RawResponse, capturing
from ._requests import RequestMethods
from ._tls import VerifyTypes
from ._types import RequestOptions, TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncBaseClient"]

P = ParamSpec("P")
T = TypeVar("T")


class AsyncBaseClient(BaseClient[AsyncTokenProvider], RequestMethods):
    """Base of the generated asynchronous `AsyncClient`; see `SyncBaseClient`."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        log_hook: LogHook | None = None,
        max_retry_after: float = MAX_RETRY_AFTER,
        deadline: float | None = None,
        verify: VerifyTypes | None = None,
        system_trust: bool = False,
        proxy: str | None = None,
        strict_responses: bool = False,
    ) -> None:
        if http_client is not None and transport is not None:
            raise ValueError("pass http_client or transport, not both")
        credentials = self._configure(
            base_url,
            token,
            client_id,
            client_secret,
            timeout,
            max_retries,
            default_headers,
            log_hook,
            max_retry_after,
            deadline,
        )
        settings = own_pool_settings(http_client if http_client is not None else transport, verify, system_trust, proxy)
        self._http = LazyHttp(lambda: async_http(transport, timeout, settings), http_client)
        self._owns_http = http_client is None
        self._auth = AsyncTokenProvider(credentials, self._fetch_token)
        self._config = dataclasses.replace(self._config, strict_responses=strict_responses)

    def with_options(self, **changes: Unpack[ClientOptions]) -> Self:
        """A copy with some settings changed, sharing this client's connection pool."""
        clone = object.__new__(type(self))
        clone._config, credentials = self._changed(changes)
        clone._http = self._http
        clone._owns_http = False
        if credentials is None and clone._config.base_url == self._config.base_url:
            clone._auth = self._auth
        else:
            clone._auth = AsyncTokenProvider(credentials or self._auth.credentials, clone._fetch_token)
        return clone

    async def with_raw_response(
        self, method: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[T]:
        """Call an API method and return its HTTP response; `.parse()` gives the result."""
        with capturing(stream=False) as capture:
            await method(*args, **kwargs)
        return RawResponse(*capture.result(method))

    @asynccontextmanager
    async def with_streaming_response(
        self, method: Callable[P, Awaitable[object]], /, *args: P.args, **kwargs: P.kwargs
    ) -> AsyncGenerator[httpx.Response, None]:
        """Call an API method without reading the body; iterate the yielded response."""
        with capturing(stream=True) as capture:
            await method(*args, **kwargs)
        response, _ = capture.result(method)
        try:
            yield response
        finally:
            await response.aclose()

    async def close(self) -> None:
        """Close the connection pool (unless it came from the caller's `http_client`)."""
        if self._owns_http and (http := self._http.close()) is not None:
            await http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _send(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        options: RequestOptions,
        stream: bool = False,
    ) -> httpx.Response:
        prepared = prepare_call(self._config, self._user_agent, endpoint, path, query, headers, body, options)
        return await self._send_prepared(prepared, authenticate=True, stream=stream)

    async def _fetch_token(self, credentials: ClientCredentials) -> TokenGrant:
        prepared = token_call(self._config, self._token_path, self._user_agent, credentials)
        logger().info("requesting a token from %s", self._token_url())
        try:
            response = await self._send_prepared(prepared, authenticate=False, stream=False)
            return grant_from_response(response)
        except RunaiError as error:
            logger().warning("the token request failed: %s", error)
            raise

    async def _send_prepared(self, prepared: PreparedCall, *, authenticate: bool, stream: bool) -> httpx.Response:
        import httpx

        retries_done = 0
        refreshed = False
        ends_at = prepared.ends_at()
        while True:
            http = self._http.get()
            request = prepared.build(http, ends_at)
            token = await self._auth.token() if authenticate else None
            if token is not None:
                request.headers["Authorization"] = f"Bearer {token.reveal()}"
            attempt = retries_done + 1
            try:
                response = await self._send_following(
                    http, request, attempt, stream, authenticate and http.follow_redirects
                )
            except httpx.TransportError as error:
                delay = _retries.delay_before_retry(prepared, retries_done, None, ends_at, self._config.max_retry_after)
                if delay is None or not _retries.retryable_error(error):
                    raise connection_error(error, request) from error
                self._log("retry", request, attempt, retry_in=delay, reason=type(error).__name__)
                await _retries.async_sleep(delay)
                retries_done += 1
                continue
            if response.is_success:
                return response
            if self._stale_token(response, token, refreshed):
                await response.aclose()
                refreshed = True
                self._log("retry", request, attempt, retry_in=0.0, reason="401: new token")
                continue
            delay = _retries.delay_before_retry(prepared, retries_done, response, ends_at, self._config.max_retry_after)
            if delay is None:
                await response.aread()
                raise make_status_error(response)
            await response.aclose()
            self._log("retry", request, attempt, retry_in=delay, reason=str(response.status_code))
            await _retries.async_sleep(delay)
            retries_done += 1

    async def _send_following(
        self, http: httpx.AsyncClient, request: httpx.Request, attempt: int, stream: bool, follow: bool
    ) -> httpx.Response:
        """Send `request`; with `follow`, also its redirects (at most `http.max_redirects`)."""
        redirects = 0
        while True:
            self._log("request", request, attempt)
            started = time.monotonic()
            response = await http.send(request, stream=stream, follow_redirects=False)
            self._log("response", request, attempt, response=response, started=started)
            following = redirect_request(request, response) if follow else None
            if following is None:
                return response
            await response.aclose()
            if redirects >= http.max_redirects:
                return response  # one redirect too many: the last (closed) redirect answer
            redirects += 1
            request = following
