"""A path parameter never escapes its segment, whatever its kind, sync and async."""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from fault_server import FaultServer, serve, status


class Hostile(str, enum.Enum):
    UP = ".."
    SLASHED = "../../admin"


class Count(enum.IntEnum):
    SEVEN = 7


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with serve() as running:
        yield running


def call(runai: ModuleType, server: FaultServer, value: object, *, use_async: bool) -> None:
    """`download_archive(id=value)` (a string parameter) and `delete_project(project_id=value)` (an int one)."""

    async def both_async() -> None:
        async with runai.AsyncClient(server.url, token="t0ken", max_retries=0) as api:
            await api.node_pools.download_archive(id=value)
            await api.projects.delete_project(project_id=value)

    if use_async:
        asyncio.run(both_async())
        return
    with runai.Client(server.url, token="t0ken", max_retries=0) as api:
        api.node_pools.download_archive(id=value)
        api.projects.delete_project(project_id=value)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("value", ["", ".", "..", Hostile.UP], ids=repr)
def test_values_that_would_leave_the_segment_are_refused(
    runai: ModuleType, server: FaultServer, value: object, use_async: bool
) -> None:
    before = server.hits()
    with pytest.raises(ValueError, match="path parameter 'id' cannot be"):
        call(runai, server, value, use_async=use_async)
    assert server.hits() == before  # nothing was sent


ENCODED: list[tuple[Any, str]] = [
    ("a/b", "a%2Fb"),
    ("../../admin", "..%2F..%2Fadmin"),
    (Hostile.SLASHED, "..%2F..%2Fadmin"),
    ("..%2F", "..%252F"),
    ("%2e%2e", "%252e%252e"),
    ("a?b#c", "a%3Fb%23c"),
    ("a b\\c", "a%20b%5Cc"),
    ("...", "..."),
    (7, "7"),
    (Count.SEVEN, "7"),
    (uuid.UUID("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678"),
    (dt.date(2024, 1, 2), "2024-01-02"),
]


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("value", "segment"), ENCODED, ids=[repr(v) for v, _ in ENCODED])
def test_every_kind_of_value_stays_one_segment(
    runai: ModuleType, server: FaultServer, value: object, segment: str, use_async: bool
) -> None:
    archive, project = f"/api/v1/node-pools/{segment}/archive", f"/api/v1/projects/{segment}"
    server.script("GET", archive, status(200, body=b"tar", content_type="application/x-tar"))
    server.script("DELETE", project, status(204))
    before = server.hits("GET", archive), server.hits("DELETE", project)
    call(runai, server, value, use_async=use_async)
    assert (server.hits("GET", archive), server.hits("DELETE", project)) == (before[0] + 1, before[1] + 1)
