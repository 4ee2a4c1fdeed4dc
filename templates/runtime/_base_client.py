"""The transport policy every generated client inherits: auth, retries, errors, logging.

Generated `Client`/`AsyncClient` classes subclass `SyncBaseClient`/`AsyncBaseClient` and
only add resources; they may set `_default_base_url` (only named in errors), `_token_path`
and `_user_agent`.

Redirects are followed only when a caller's `http_client` asks for it, one hop at a time here:
the `Authorization` header is dropped as soon as a hop leaves the origin (scheme, host, port),
and the token request never follows one.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, ParamSpec, TypeVar

from typing_extensions import Self, Unpack

from . import _retries
from ._auth import (
    AsyncTokenProvider,
    ClientCredentials,
    Credentials,
    Secret,
    SyncTokenProvider,
    TokenGrant,
    grant_from_response,
    token_request_body,
)
from ._config import ClientConfig, ClientOptions, check_deadline, check_seconds, resolve_base_url, resolve_credentials
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_RETRY_AFTER
from ._endpoint import Endpoint
from ._exceptions import APIConnectionError, APITimeoutError, RunaiError, make_status_error
from ._logging import LogEvent, LogHook, log_enabled, log_record, logger, redact_headers, redact_url
from ._raw import RawResponse, capturing
from ._requests import RequestMethods
from ._serialize import body_arguments, encode_headers, encode_path, encode_query
from ._tls import ConnectionSettings, VerifyTypes, connection_settings
from ._types import RequestOptions, TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncBaseClient", "SyncBaseClient"]

P = ParamSpec("P")
T = TypeVar("T")
ProviderT = TypeVar("ProviderT", SyncTokenProvider, AsyncTokenProvider)

HttpT = TypeVar("HttpT", "httpx.Client", "httpx.AsyncClient")


def _retryable(error: httpx.TransportError) -> bool:
    import httpx

    retryable = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
    return isinstance(error, retryable) and not _tls_verification_failed(error)


def _tls_verification_failed(error: BaseException) -> bool:
    """Whether a certificate check failed somewhere in the error's chain (retrying cannot help)."""
    import ssl

    cause: BaseException | None = error
    for _ in range(8):
        if cause is None:
            return False
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _redirect_request(request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
    """The request httpx prepared for a redirect, without `Authorization` if it leaves the origin."""
    following = response.next_request
    if following is not None and not _same_origin(following.url, request.url):
        following.headers.pop("Authorization", None)
    return following


class _LazyHttp(Generic[HttpT]):
    """The httpx client of a `Client` and its `with_options` copies, created on the first request.

    Importing httpx (~60 ms) and creating its client (a TLS context: ~30 ms of loading CA
    certificates) wait for the first request, so `import` and `Client(...)` stay cheap; the
    functions that send import httpx locally for that reason.
    """

    def __init__(self, factory: Callable[[], HttpT], given: HttpT | None) -> None:
        self._factory: Callable[[], HttpT] = factory
        self._client: HttpT | None = given
        self._lock = threading.Lock()
        self.closed = False

    def get(self) -> HttpT:
        client = self._client
        if client is None:
            with self._lock:
                if self.closed:
                    raise RuntimeError("the client has been closed")
                if self._client is None:
                    self._client = self._factory()
                client = self._client
        return client

    def close(self) -> HttpT | None:
        """Mark closed; the httpx client to close, if one was created."""
        with self._lock:
            self.closed = True
            return self._client


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class _Prepared:
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


class _ClientCore(Generic[ProviderT]):
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

    @staticmethod
    def _connection_settings(
        given: object, verify: VerifyTypes | None, system_trust: bool, proxy: str | None
    ) -> ConnectionSettings | None:
        """TLS and proxy settings for a pool this client makes; None with a caller's client or transport."""
        if given is None:
            return connection_settings(verify, system_trust, proxy)
        if verify is not None or system_trust or proxy is not None:
            raise ValueError("verify, system_trust and proxy apply to the client's own pool: set them on http_client")
        return None

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

    def _prepare(
        self,
        endpoint: Endpoint,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        options: RequestOptions,
    ) -> _Prepared:
        body_kwargs = body_arguments(endpoint, body, options.get("extra_body", {}))
        all_headers = {"User-Agent": self._user_agent, **self._config.default_headers}
        if endpoint.result == "json":
            all_headers["Accept"] = "application/json"
        all_headers.update(body_kwargs.pop("headers", {}))
        all_headers.update(encode_headers(endpoint, headers, options.get("extra_headers", {})))
        method = endpoint.method.upper()
        return _Prepared(
            method=method,
            url=self._config.base_url + encode_path(endpoint, path),
            params=tuple(encode_query(endpoint, query, options.get("extra_query", {}))),
            headers=all_headers,
            body=body_kwargs,
            timeout=options.get("timeout", self._config.timeout),
            max_retries=options.get("max_retries", self._config.max_retries),
            may_retry=method in _retries.IDEMPOTENT_METHODS or options.get("retry_non_idempotent", False),
            deadline=check_deadline(options["deadline"]) if "deadline" in options else self._config.deadline,
        )

    def _token_request(self, credentials: ClientCredentials) -> _Prepared:
        return _Prepared(
            method="POST",
            url=self._config.base_url + self._token_path,
            params=(),
            headers={"User-Agent": self._user_agent, "Accept": "application/json"},
            body={"json": token_request_body(credentials)},
            timeout=self._config.timeout,
            max_retries=self._config.max_retries,
            may_retry=True,  # asking for a token twice is harmless
            deadline=self._config.deadline,
        )

    def _retry_delay(
        self, prepared: _Prepared, retries_done: int, response: httpx.Response | None, ends_at: float | None
    ) -> float | None:
        """Seconds to wait before retrying, or None when the outcome is final (also when the wait
        would end past the deadline)."""
        if not prepared.may_retry or retries_done >= prepared.max_retries:
            return None
        if response is not None and response.status_code not in _retries.RETRYABLE_STATUS_CODES:
            return None
        delay = _retries.retry_delay(retries_done, response, self._config.max_retry_after)
        if ends_at is not None and time.monotonic() + delay >= ends_at:
            return None
        return delay

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


def _sync_http(
    transport: httpx.BaseTransport | None, timeout: TimeoutTypes, settings: ConnectionSettings | None
) -> httpx.Client:
    import httpx

    if settings is None:
        return httpx.Client(transport=transport, timeout=timeout)
    return httpx.Client(timeout=timeout, verify=settings.verify(), proxy=settings.proxy)


def _async_http(
    transport: httpx.AsyncBaseTransport | None, timeout: TimeoutTypes, settings: ConnectionSettings | None
) -> httpx.AsyncClient:
    import httpx

    if settings is None:
        return httpx.AsyncClient(transport=transport, timeout=timeout)
    return httpx.AsyncClient(timeout=timeout, verify=settings.verify(), proxy=settings.proxy)


def _connection_error(error: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    where = f"{request.method} {redact_url(request.url.copy_with(query=None))}"
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"{where} timed out", request=request)
    if _tls_verification_failed(error):
        hint = "trust its CA with verify=<CA bundle>, RUNAI_CA_BUNDLE or system_trust=True"
        return APIConnectionError(
            f"{where} failed: the server's TLS certificate is not trusted ({hint})", request=request
        )
    return APIConnectionError(f"{where} failed: {type(error).__name__}: {error}", request=request)


class SyncBaseClient(_ClientCore[SyncTokenProvider], RequestMethods):
    """Base of the generated synchronous `Client`.

    Credentials: `token`, or `client_id` + `client_secret` (exchanged for tokens that are
    renewed automatically); each falls back to its `RUNAI_*` environment variable.
    TLS: `verify=` (a CA bundle path, an `ssl.SSLContext` or False) or `system_trust=True`, else
    `RUNAI_CA_BUNDLE` / `SSL_CERT_FILE`; `proxy=` for a proxy. `deadline=` bounds whole calls and
    `max_retry_after=` the `Retry-After` honoured. Pass `http_client` or `transport` to control
    connections entirely (tests, HTTP/2, limits).
    `strict_responses=True` raises `ResponseValidationError` for a 2xx body that breaks the
    document, instead of keeping its values as received (lenient, the default).
    """

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
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
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
        settings = self._connection_settings(
            http_client if http_client is not None else transport, verify, system_trust, proxy
        )
        self._http = _LazyHttp(lambda: _sync_http(transport, timeout, settings), http_client)
        self._owns_http = http_client is None
        self._auth = SyncTokenProvider(credentials, self._fetch_token)
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
            clone._auth = SyncTokenProvider(credentials or self._auth.credentials, clone._fetch_token)
        return clone

    def with_raw_response(self, method: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        """Call an API method and return its HTTP response; `.parse()` gives the result."""
        with capturing(stream=False) as capture:
            method(*args, **kwargs)
        return RawResponse(*capture.result(method))

    @contextmanager
    def with_streaming_response(
        self, method: Callable[P, object], /, *args: P.args, **kwargs: P.kwargs
    ) -> Iterator[httpx.Response]:
        """Call an API method without reading the body; iterate the yielded response."""
        with capturing(stream=True) as capture:
            method(*args, **kwargs)
        response, _ = capture.result(method)
        try:
            yield response
        finally:
            response.close()

    def close(self) -> None:
        """Close the connection pool (unless it came from the caller's `http_client`)."""
        if self._owns_http and (http := self._http.close()) is not None:
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _send(
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
        prepared = self._prepare(endpoint, path, query, headers, body, options)
        return self._send_prepared(prepared, authenticate=True, stream=stream)

    def _fetch_token(self, credentials: ClientCredentials) -> TokenGrant:
        prepared = self._token_request(credentials)
        logger().info("requesting a token from %s", self._token_url())
        try:
            return grant_from_response(self._send_prepared(prepared, authenticate=False, stream=False))
        except RunaiError as error:
            logger().warning("the token request failed: %s", error)
            raise

    def _send_prepared(self, prepared: _Prepared, *, authenticate: bool, stream: bool) -> httpx.Response:
        import httpx

        retries_done = 0
        refreshed = False
        ends_at = prepared.ends_at()
        while True:
            http = self._http.get()
            request = prepared.build(http, ends_at)
            token = self._auth.token() if authenticate else None
            if token is not None:
                request.headers["Authorization"] = f"Bearer {token.reveal()}"
            attempt = retries_done + 1
            try:
                response = self._send_following(http, request, attempt, stream, authenticate and http.follow_redirects)
            except httpx.TransportError as error:
                delay = self._retry_delay(prepared, retries_done, None, ends_at)
                if delay is None or not _retryable(error):
                    raise _connection_error(error, request) from error
                self._log("retry", request, attempt, retry_in=delay, reason=type(error).__name__)
                _retries.sleep(delay)
                retries_done += 1
                continue
            if response.is_success:
                return response
            if self._stale_token(response, token, refreshed):
                response.close()
                refreshed = True
                self._log("retry", request, attempt, retry_in=0.0, reason="401: new token")
                continue
            delay = self._retry_delay(prepared, retries_done, response, ends_at)
            if delay is None:
                response.read()
                raise make_status_error(response)
            response.close()
            self._log("retry", request, attempt, retry_in=delay, reason=str(response.status_code))
            _retries.sleep(delay)
            retries_done += 1

    def _send_following(
        self, http: httpx.Client, request: httpx.Request, attempt: int, stream: bool, follow: bool
    ) -> httpx.Response:
        """Send `request`; with `follow`, also its redirects (at most `http.max_redirects`)."""
        for _ in range(http.max_redirects + 1):
            self._log("request", request, attempt)
            started = time.monotonic()
            response = http.send(request, stream=stream, follow_redirects=False)
            self._log("response", request, attempt, response=response, started=started)
            following = _redirect_request(request, response) if follow else None
            if following is None:
                return response
            response.close()
            request = following
        return response


class AsyncBaseClient(_ClientCore[AsyncTokenProvider], RequestMethods):
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
        settings = self._connection_settings(
            http_client if http_client is not None else transport, verify, system_trust, proxy
        )
        self._http = _LazyHttp(lambda: _async_http(transport, timeout, settings), http_client)
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
    ) -> AsyncIterator[httpx.Response]:
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
        prepared = self._prepare(endpoint, path, query, headers, body, options)
        return await self._send_prepared(prepared, authenticate=True, stream=stream)

    async def _fetch_token(self, credentials: ClientCredentials) -> TokenGrant:
        prepared = self._token_request(credentials)
        logger().info("requesting a token from %s", self._token_url())
        try:
            response = await self._send_prepared(prepared, authenticate=False, stream=False)
            return grant_from_response(response)
        except RunaiError as error:
            logger().warning("the token request failed: %s", error)
            raise

    async def _send_prepared(self, prepared: _Prepared, *, authenticate: bool, stream: bool) -> httpx.Response:
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
                delay = self._retry_delay(prepared, retries_done, None, ends_at)
                if delay is None or not _retryable(error):
                    raise _connection_error(error, request) from error
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
            delay = self._retry_delay(prepared, retries_done, response, ends_at)
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
        for _ in range(http.max_redirects + 1):
            self._log("request", request, attempt)
            started = time.monotonic()
            response = await http.send(request, stream=stream, follow_redirects=False)
            self._log("response", request, attempt, response=response, started=started)
            following = _redirect_request(request, response) if follow else None
            if following is None:
                return response
            await response.aclose()
            request = following
        return response
