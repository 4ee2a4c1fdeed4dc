"""Bases of the generated resource classes: one call, or a lazy walk over pages."""

# Resources are parts of their client: they call its `_send` and read its `_config`.
# pyright: reportPrivateUsage=false

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

from ._endpoint import Endpoint
from ._raw import active_capture
from ._types import NOT_GIVEN, RequestOptions

if TYPE_CHECKING:
    from ._async_client import AsyncBaseClient
    from ._sync_client import SyncBaseClient

__all__ = ["AsyncResource", "SyncResource"]

T = TypeVar("T")


class SyncResource:
    """A group of operations (an API tag) bound to a synchronous client."""

    def __init__(self, client: SyncBaseClient) -> None:
        self._client = client

    @overload
    def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: type[T],
        options: RequestOptions,
    ) -> T: ...
    @overload
    def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: None,
        options: RequestOptions,
    ) -> None: ...
    @overload
    def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: object,
        options: RequestOptions,
    ) -> Any: ...
    def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: object,
        options: RequestOptions,
    ) -> Any:
        """Send one request and parse the response as `cast_to` (or hand it to a capture)."""
        from ._parse import parse_response  # pydantic loads with the first call, not the resource

        capture = active_capture()
        response = self._client._send(
            endpoint,
            path=path,
            query=query,
            headers=headers,
            body=body,
            options=options,
            stream=capture is not None and capture.stream,
        )
        strict = options.get("strict_responses", self._client._config.strict_responses)
        if capture is not None:
            capture.response = response
            capture.parse = lambda: parse_response(response, endpoint, cast_to, strict=strict)
            return None
        return parse_response(response, endpoint, cast_to, strict=strict)

    def _paginate(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        cast_to: object,
        item_type: type[T],
        options: RequestOptions,
    ) -> Iterator[T]:
        """Items of all pages of a list operation, fetched lazily."""
        if endpoint.pagination is None:
            raise TypeError(f"{endpoint.operation} is not paginated")

        def fetch_page(page_query: dict[str, object]) -> object:
            return self._call(
                endpoint,
                path=path,
                query=page_query,
                headers=headers,
                body=NOT_GIVEN,
                cast_to=cast_to,
                options=options,
            )

        from ._pagination import iterate_pages

        return iterate_pages(endpoint.pagination, query, item_type, fetch_page)


class AsyncResource:
    """A group of operations (an API tag) bound to an asynchronous client."""

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client

    @overload
    async def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: type[T],
        options: RequestOptions,
    ) -> T: ...
    @overload
    async def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: None,
        options: RequestOptions,
    ) -> None: ...
    @overload
    async def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: object,
        options: RequestOptions,
    ) -> Any: ...
    async def _call(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        body: object,
        cast_to: object,
        options: RequestOptions,
    ) -> Any:
        """Send one request and parse the response as `cast_to` (or hand it to a capture)."""
        from ._parse import parse_response  # pydantic loads with the first call, not the resource

        capture = active_capture()
        response = await self._client._send(
            endpoint,
            path=path,
            query=query,
            headers=headers,
            body=body,
            options=options,
            stream=capture is not None and capture.stream,
        )
        strict = options.get("strict_responses", self._client._config.strict_responses)
        if capture is not None:
            capture.response = response
            capture.parse = lambda: parse_response(response, endpoint, cast_to, strict=strict)
            return None
        return parse_response(response, endpoint, cast_to, strict=strict)

    def _paginate(
        self,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object],
        query: Mapping[str, object],
        headers: Mapping[str, object],
        cast_to: object,
        item_type: type[T],
        options: RequestOptions,
    ) -> AsyncIterator[T]:
        """Items of all pages of a list operation, fetched lazily."""
        if endpoint.pagination is None:
            raise TypeError(f"{endpoint.operation} is not paginated")

        async def fetch_page(page_query: dict[str, object]) -> object:
            return await self._call(
                endpoint,
                path=path,
                query=page_query,
                headers=headers,
                body=NOT_GIVEN,
                cast_to=cast_to,
                options=options,
            )

        from ._pagination import aiterate_pages

        return aiterate_pages(endpoint.pagination, query, item_type, fetch_page)
