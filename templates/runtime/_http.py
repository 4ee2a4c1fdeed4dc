"""The httpx client behind a `Client`: made on the first request, and which redirect hops it takes.

Importing httpx (~60 ms) and creating its client (a TLS context: ~30 ms of loading CA
certificates) wait for the first request, so `import` and `Client(...)` stay cheap; the
functions that send import httpx locally for that reason.

Redirects are followed only when a caller's `http_client` asks for it, one hop at a time
(`redirect_request`): the `Authorization` header is dropped as soon as a hop leaves the origin
(scheme, host, port), and the token request never follows one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ._tls import ConnectionSettings, VerifyTypes, connection_settings
from ._types import TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["HttpT", "LazyHttp", "async_http", "own_pool_settings", "redirect_request", "sync_http"]

HttpT = TypeVar("HttpT", "httpx.Client", "httpx.AsyncClient")


class LazyHttp(Generic[HttpT]):
    """The httpx client of a `Client` and its `with_options` copies, created on the first request."""

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


def own_pool_settings(
    given: object, verify: VerifyTypes | None, system_trust: bool, proxy: str | None
) -> ConnectionSettings | None:
    """TLS and proxy settings for a pool this client makes; None with a caller's client or transport."""
    if given is None:
        return connection_settings(verify, system_trust, proxy)
    if verify is not None or system_trust or proxy is not None:
        raise ValueError("verify, system_trust and proxy apply to the client's own pool: set them on http_client")
    return None


def sync_http(
    transport: httpx.BaseTransport | None, timeout: TimeoutTypes, settings: ConnectionSettings | None
) -> httpx.Client:
    import httpx

    if settings is None:
        return httpx.Client(transport=transport, timeout=timeout)
    return httpx.Client(timeout=timeout, verify=settings.verify(), proxy=settings.proxy)


def async_http(
    transport: httpx.AsyncBaseTransport | None, timeout: TimeoutTypes, settings: ConnectionSettings | None
) -> httpx.AsyncClient:
    import httpx

    if settings is None:
        return httpx.AsyncClient(transport=transport, timeout=timeout)
    return httpx.AsyncClient(timeout=timeout, verify=settings.verify(), proxy=settings.proxy)


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def redirect_request(request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
    """The request httpx prepared for a redirect, without `Authorization` if it leaves the origin."""
    following = response.next_request
    if following is not None and not _same_origin(following.url, request.url):
        following.headers.pop("Authorization", None)
    return following
