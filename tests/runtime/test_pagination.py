"""Lazy offset/limit pagination, sync and async."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from rt_support import Recorder


def pages(total: int, server_page_size: int = 50, field: str | None = "projects") -> Any:
    """A list endpoint over `total` projects, honouring offset and limit; pages are `{field: [...]}`, or bare lists."""

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", server_page_size))
        ids = range(offset, min(offset + limit, total))
        items = [{"id": str(i)} for i in ids]
        return httpx.Response(200, json={field: items} if field else items)

    return handler


def test_walks_pages_with_user_limit_and_offset(rt: Any, make_client: Any) -> None:
    recorder = Recorder(pages(7))
    items = make_client(recorder).projects.iter_list_projects(limit=3, offset=1, filter_by=["a"])
    assert recorder.requests == []  # lazy
    projects = list(items)
    assert [p.id for p in projects] == ["1", "2", "3", "4", "5", "6"]
    assert isinstance(projects[0], rt.models.Project)
    assert [dict(r.url.params) for r in recorder.requests] == [
        {"filterBy": "a", "limit": "3", "offset": "1"},
        {"filterBy": "a", "limit": "3", "offset": "4"},
        {"filterBy": "a", "limit": "3", "offset": "7"},
    ]


def test_stops_on_short_page_without_a_second_request(make_client: Any) -> None:
    recorder = Recorder(pages(5))
    assert len(list(make_client(recorder).projects.iter_list_projects(limit=10))) == 5
    assert len(recorder.requests) == 1


def test_without_limit_uses_the_server_page_size(make_client: Any) -> None:
    recorder = Recorder(pages(120))
    assert len(list(make_client(recorder).projects.iter_list_projects())) == 120
    assert [r.url.params["offset"] for r in recorder.requests] == ["0", "50", "100"]


def test_stops_on_empty_page(make_client: Any) -> None:
    recorder = Recorder(pages(0))
    assert list(make_client(recorder).projects.iter_list_projects()) == []
    assert len(recorder.requests) == 1


def test_items_from_list_pages(rt: Any, make_client: Any) -> None:
    recorder = Recorder(pages(3, field=None))
    projects = list(make_client(recorder).projects.iter_list_raw())
    assert [type(p) for p in projects] == [rt.models.Project] * 3


def test_async_pagination(make_async_client: Any) -> None:
    recorder = Recorder(pages(5))

    async def main() -> list[str]:
        async with make_async_client(recorder) as client:
            return [p.id async for p in client.projects.iter_list_projects(limit=2)]

    assert asyncio.run(main()) == ["0", "1", "2", "3", "4"]
    assert [r.url.params["offset"] for r in recorder.requests] == ["0", "2", "4"]


def test_a_body_that_is_the_list_pages_and_null_entries_are_skipped(rt: Any) -> None:
    """`items_field=None`: the page is the array itself (`users.get_users`); nulls count for the offset."""
    bodies = {0: [{"id": "0"}, None, {"id": "2"}], 3: [{"id": "3"}]}
    offsets: list[object] = []

    def fetch_page(query: dict[str, object]) -> object:
        offsets.append(query["offset"])
        return bodies[int(str(query["offset"]))]

    pagination = rt._runtime.Pagination(items_field=None)
    items = rt._runtime._pagination.iterate_pages(pagination, {"limit": 3}, rt.models.Project, fetch_page)
    assert [p.id for p in items] == ["0", "2", "3"]
    assert offsets == [0, 3]
