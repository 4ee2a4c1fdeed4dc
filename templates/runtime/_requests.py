"""Calls to paths the document lacks: `client.get(path, cast_to=..., params=...)` and its siblings.

They go through the same machinery as the generated methods (auth, retries, errors, options,
lenient or strict parsing, raw and streamed responses). Without `cast_to` the result is the
decoded JSON (`JsonValue`); with it, the body parsed as that type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union, overload

from typing_extensions import Unpack

from ._endpoint import Endpoint
from ._resource import AsyncResource, SyncResource
from ._types import NOT_GIVEN, RequestOptions

if TYPE_CHECKING:
    from ._async_client import AsyncBaseClient
    from ._sync_client import SyncBaseClient

__all__ = ["AsyncRequest", "CallArguments", "JsonValue", "RequestMethods", "SyncRequest"]

T = TypeVar("T")

JsonValue: TypeAlias = Union["dict[str, JsonValue]", "list[JsonValue]", str, int, float, bool, None]
"""Decoded JSON, as the generic request methods return it without `cast_to`."""


class CallArguments(RequestOptions, total=False):
    """What a generic call takes besides the path and `cast_to`, with the per-call options."""

    params: Mapping[str, object]
    headers: Mapping[str, object]
    body: object


def _arguments(method: str, path: str, cast_to: object, given: CallArguments) -> dict[str, Any]:
    """The keyword arguments of `_call` for `METHOD path` (the path is sent as given, not as a template)."""
    if not path.startswith("/"):
        raise ValueError(f"{method} {path!r}: give a path that starts with '/' (the base URL is added)")
    options = dict(given)
    literal = path.replace("{", "{{").replace("}", "}}")
    return {
        "endpoint": Endpoint(method=method, path=literal, operation=f"{method} {path}"),
        "path": {},
        "query": options.pop("params", {}),
        "headers": options.pop("headers", {}),
        "body": options.pop("body", NOT_GIVEN),
        "cast_to": cast_to,
        "options": options,
    }


class SyncRequest(SyncResource):
    """`client.get(path, cast_to=..., params=..., headers=..., body=..., **options)` and siblings."""

    def __init__(self, client: SyncBaseClient, method: str) -> None:
        super().__init__(client)
        self._method = method

    @overload
    def __call__(self, path: str, *, cast_to: type[T], **arguments: Unpack[CallArguments]) -> T: ...
    @overload
    def __call__(self, path: str, **arguments: Unpack[CallArguments]) -> JsonValue: ...
    def __call__(self, path: str, *, cast_to: object = Any, **arguments: Unpack[CallArguments]) -> Any:
        """Send `METHOD path` with `params` (query), `headers` and a JSON `body`; parse as `cast_to`."""
        return self._call(**_arguments(self._method, path, cast_to, arguments))


class AsyncRequest(AsyncResource):
    """`await client.get(path, cast_to=..., params=..., headers=..., body=..., **options)` and siblings."""

    def __init__(self, client: AsyncBaseClient, method: str) -> None:
        super().__init__(client)
        self._method = method

    @overload
    async def __call__(self, path: str, *, cast_to: type[T], **arguments: Unpack[CallArguments]) -> T: ...
    @overload
    async def __call__(self, path: str, **arguments: Unpack[CallArguments]) -> JsonValue: ...
    async def __call__(self, path: str, *, cast_to: object = Any, **arguments: Unpack[CallArguments]) -> Any:
        """Send `METHOD path` with `params` (query), `headers` and a JSON `body`; parse as `cast_to`."""
        return await self._call(**_arguments(self._method, path, cast_to, arguments))


class _Verb:
    """A class attribute that hands out the request callable of one HTTP method, sync or async."""

    def __init__(self, method: str) -> None:
        self.method = method

    @overload
    def __get__(self, instance: AsyncBaseClient, owner: type | None = None) -> AsyncRequest: ...
    @overload
    def __get__(self, instance: SyncBaseClient, owner: type | None = None) -> SyncRequest: ...
    def __get__(self, instance: object, owner: type | None = None) -> SyncRequest | AsyncRequest:
        from ._async_client import AsyncBaseClient
        from ._sync_client import SyncBaseClient

        if isinstance(instance, AsyncBaseClient):
            return AsyncRequest(instance, self.method)
        if isinstance(instance, SyncBaseClient):
            return SyncRequest(instance, self.method)
        raise AttributeError(f"{self.method.lower()} is only available on a client instance")


class RequestMethods:
    """`get`, `post`, `put`, `patch` and `delete` for any path of the API (awaited on `AsyncClient`)."""

    get = _Verb("GET")
    post = _Verb("POST")
    put = _Verb("PUT")
    patch = _Verb("PATCH")
    delete = _Verb("DELETE")
