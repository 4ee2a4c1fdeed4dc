"""Lazy iteration over offset/limit pages.

A user-given `limit` is the page size and a user-given `offset` the start. Iteration
stops at an empty page or one shorter than the page size; without a `limit` the page
size is taken to be the largest page seen so far. Null entries of a page count for the
offset but are not yielded. A server that ignores `offset` (the same non-empty page twice in a
row) raises `RunaiError` instead of looping forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, TypeVar

import pydantic

from ._endpoint import Pagination
from ._exceptions import RunaiError
from ._parse import validate
from ._types import is_array, is_mapping

__all__ = ["aiterate_pages", "iterate_pages"]

T = TypeVar("T")


def iterate_pages(
    pagination: Pagination,
    query: Mapping[str, object],
    item_type: type[T],
    fetch_page: Callable[[dict[str, object]], object],
) -> Iterator[T]:
    """Items of every page, fetching each page when the previous one is used up."""
    cursor = _Cursor(pagination, query)
    while not cursor.done:
        items = _page_items(fetch_page(cursor.query()), pagination.items_field)
        cursor.advance(items)
        for item in items:
            if item is not None:
                yield validate(item_type, item)


async def aiterate_pages(
    pagination: Pagination,
    query: Mapping[str, object],
    item_type: type[T],
    fetch_page: Callable[[dict[str, object]], Awaitable[object]],
) -> AsyncIterator[T]:
    """The async twin of `iterate_pages`."""
    cursor = _Cursor(pagination, query)
    while not cursor.done:
        items = _page_items(await fetch_page(cursor.query()), pagination.items_field)
        cursor.advance(items)
        for item in items:
            if item is not None:
                yield validate(item_type, item)


class _Cursor:
    def __init__(self, pagination: Pagination, query: Mapping[str, object]) -> None:
        self._pagination = pagination
        self._query = dict(query)
        offset = query.get(pagination.offset_param)
        limit = query.get(pagination.limit_param)
        self._offset = offset if isinstance(offset, int) else 0
        self._limit = limit if isinstance(limit, int) and limit > 0 else None
        self._largest = 0
        self._previous: list[Any] = []
        self.done = False

    def query(self) -> dict[str, object]:
        return {**self._query, self._pagination.offset_param: self._offset}

    def advance(self, items: list[Any]) -> None:
        if items and items == self._previous:
            raise RunaiError(
                f"the server sent the same page for {self._pagination.offset_param}={self._offset} as for the page "
                f"before: it seems to ignore {self._pagination.offset_param!r}, so paging stopped"
            )
        self._previous = items
        count = len(items)
        self._offset += count
        self._largest = max(self._largest, count)
        self.done = count == 0 or count < (self._limit or self._largest)


def _page_items(page: object, items_field: str | None) -> list[Any]:
    """The list under the wire name `items_field` of a parsed page (model or dict), or the page itself."""
    value: object
    if items_field is None:
        value = page
    elif isinstance(page, pydantic.BaseModel):
        for name, info in type(page).model_fields.items():
            if items_field in (info.alias, name):
                value = page.__dict__.get(name)
                break
        else:
            value = (page.model_extra or {}).get(items_field)
    elif is_mapping(page):
        value = page.get(items_field)
    else:
        value = None
    return list(value) if is_array(value) else []
