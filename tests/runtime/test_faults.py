"""Fault injection against a real local server: each case counts the server's hits and checks the error.

Uses the fixture document's generated package; retry waits are recorded (`waits`), not slept.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from fault_server import (
    FaultServer,
    cut_short,
    hang,
    redirect,
    reset_before_reply,
    reset_mid_body,
    serve,
    status,
)

PROJECT = {"id": 7, "name": "p"}
ONE = "/api/v1/projects/7"
LIST = "/api/v1/projects"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with serve() as running:
        yield running


def client(runai: ModuleType, server: FaultServer, **options: Any) -> Any:
    options.setdefault("token", "t0ken")
    options.setdefault("timeout", 5.0)
    return runai.Client(server.url, **options)


def async_client(runai: ModuleType, server: FaultServer, **options: Any) -> Any:
    options.setdefault("token", "t0ken")
    options.setdefault("timeout", 5.0)
    return runai.AsyncClient(server.url, **options)


def get_async(runai: ModuleType, server: FaultServer, **options: Any) -> Any:
    async def main() -> Any:
        async with async_client(runai, server, **options) as api:
            return await api.projects.get_project(project_id=7)

    return asyncio.run(main())


@pytest.mark.parametrize("fault", [reset_before_reply, reset_mid_body, cut_short], ids=lambda f: f.__name__)
def test_broken_connections_are_retried_then_raise(
    runai: ModuleType, server: FaultServer, waits: list[float], fault: Any
) -> None:
    server.script("GET", ONE, fault)
    with client(runai, server) as api, pytest.raises(runai.APIConnectionError) as caught:
        api.projects.get_project(project_id=7)
    assert type(caught.value) is runai.APIConnectionError
    assert server.hits("GET", ONE) == 3 and len(waits) == 2
    with pytest.raises(runai.APIConnectionError):
        get_async(runai, server)
    assert server.hits("GET", ONE) == 6


def test_a_reset_then_an_answer_succeeds(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, reset_before_reply, reset_mid_body, status(200, PROJECT))
    with client(runai, server) as api:
        assert api.projects.get_project(project_id=7).id == 7
    assert server.hits("GET", ONE) == 3


def test_a_hanging_server_times_out(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, hang)
    with client(runai, server, timeout=0.2, max_retries=1) as api, pytest.raises(runai.APITimeoutError):
        api.projects.get_project(project_id=7)
    assert server.hits("GET", ONE) == 2
    with pytest.raises(runai.APITimeoutError):
        get_async(runai, server, timeout=0.2, max_retries=0)
    assert server.hits("GET", ONE) == 3


def _http_date(offset: float) -> str:
    return email.utils.formatdate(time.time() + offset, usegmt=True)


@pytest.mark.parametrize(
    ("retry_after", "honoured"),
    [
        ("2", 2.0),
        ("0", 0.0),
        ("60", 60.0),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
        ("-5", None),
        ("61", None),
        ("1e400", None),
        ("99999999999999999999", None),
        ("soon", None),
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # past: now
        ("Fri, 31 Dec 9999 23:59:59 GMT", None),  # far future: above the cap
        ("Mon, 99 Foo 2020 99:99:99 GMT", None),
    ],
)
def test_retry_after_forms_give_bounded_waits(
    runai: ModuleType, server: FaultServer, waits: list[float], retry_after: str, honoured: float | None
) -> None:
    server.script("GET", ONE, status(429, retry_after=retry_after), status(200, PROJECT))
    with client(runai, server) as api:
        assert api.projects.get_project(project_id=7).id == 7
    assert server.hits("GET", ONE) == 2
    [wait] = waits
    if honoured is None:  # the exponential backoff of the first retry: 0.5 s less up to 25% jitter
        assert 0.375 <= wait <= 0.5
    else:
        assert wait == honoured


def test_retry_after_as_a_near_date_and_the_cap_option(
    runai: ModuleType, server: FaultServer, waits: list[float]
) -> None:
    server.script("GET", ONE, status(503, retry_after=_http_date(30)), status(503, retry_after="90"))
    with client(runai, server, max_retry_after=120.0) as api, pytest.raises(runai.InternalServerError):
        api.projects.get_project(project_id=7)
    assert server.hits("GET", ONE) == 3
    assert 20.0 <= waits[0] <= 31.0 and waits[1] == 90.0


def test_async_retry_after_garbage_never_hangs(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, status(503, retry_after="nan"), status(429, retry_after="inf"), status(503))
    with pytest.raises(runai.InternalServerError):
        get_async(runai, server)
    assert server.hits("GET", ONE) == 3
    assert len(waits) == 2 and all(0 < wait <= 1.0 for wait in waits)


@pytest.mark.parametrize("code", [500, 503])
def test_post_is_sent_once(runai: ModuleType, server: FaultServer, waits: list[float], code: int) -> None:
    server.script("POST", LIST, status(code, {"message": "boom"}))
    with client(runai, server) as api, pytest.raises(runai.InternalServerError) as caught:
        api.projects.create_project(body={"name": "p"})
    assert server.hits("POST", LIST) == 1 and waits == []
    assert caught.value.message == "boom"


def test_non_json_error_pages(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    server.script("GET", ONE, status(502, body=page, content_type="text/html"))
    server.script("DELETE", ONE, status(404, body=b"Not Found\n", content_type="text/plain"))
    with client(runai, server) as api:
        with pytest.raises(runai.InternalServerError) as bad_gateway:
            api.projects.get_project(project_id=7)
        with pytest.raises(runai.NotFoundError) as not_found:
            api.projects.delete_project(project_id=7)
    assert server.hits("GET", ONE) == 3 and server.hits("DELETE", ONE) == 1
    assert bad_gateway.value.body == page.decode() and bad_gateway.value.message is None
    assert str(not_found.value) == f"DELETE {server.url}{ONE} -> 404"


def test_truncated_json_is_a_validation_error(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, status(200, body=b'{"id": 7, "name": "p', content_type="application/json"))
    with client(runai, server) as api, pytest.raises(runai.ResponseValidationError):
        api.projects.get_project(project_id=7)
    assert server.hits("GET", ONE) == 1


def test_huge_bodies(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    report = b"x," * (8 << 20)  # 16 MiB
    server.script("GET", ONE + "/report", status(200, body=report, content_type="text/csv"))
    server.script("POST", LIST, status(500, body=b"<p>" * (4 << 20), content_type="text/html"))
    with client(runai, server) as api:
        assert len(api.projects.get_project_report(project_id=7)) == len(report)
        with pytest.raises(runai.InternalServerError) as caught:
            api.projects.create_project(body={"name": "p"})
    assert server.hits("GET", ONE + "/report") == 1 and server.hits("POST", LIST) == 1
    assert len(str(caught.value)) < 200  # the page is kept in .body, not in the message


def test_a_deadline_ends_a_hanging_call(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, hang)
    with client(runai, server, timeout=30.0, max_retries=5) as api, pytest.raises(runai.APITimeoutError):
        api.projects.get_project(project_id=7, deadline=0.3)
    assert server.hits("GET", ONE) == 1  # the attempt's read timeout was cut to the time left
    with pytest.raises(runai.APITimeoutError):
        get_async(runai, server, timeout=30.0, max_retries=5, deadline=0.3)
    assert server.hits("GET", ONE) == 2


def test_a_deadline_skips_waits_that_would_end_past_it(
    runai: ModuleType, server: FaultServer, waits: list[float]
) -> None:
    server.script("GET", ONE, status(503, retry_after="30"))
    with client(runai, server, deadline=10.0) as api, pytest.raises(runai.InternalServerError):
        api.projects.get_project(project_id=7)
    assert server.hits("GET", ONE) == 1 and waits == []
    with client(runai, server) as api, pytest.raises(ValueError, match="deadline"):
        api.projects.get_project(project_id=7, deadline=float("nan"))
    assert server.hits("GET", ONE) == 1


def test_pager_stops_when_the_server_ignores_offset(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    page = {"projects": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}
    server.script("GET", LIST, status(200, page))
    with client(runai, server) as api, pytest.raises(runai.RunaiError, match="ignore 'offset'"):
        list(api.projects.iter_get_projects(limit=2))
    assert server.hits("GET", LIST) == 2

    async def main() -> list[Any]:
        async with async_client(runai, server) as api:
            return [p async for p in api.projects.iter_get_projects(limit=2)]

    with pytest.raises(runai.RunaiError, match="ignore 'offset'"):
        asyncio.run(main())
    assert server.hits("GET", LIST) == 4


def test_redirects_are_not_followed_by_default(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("GET", ONE, redirect("/elsewhere", 302))
    with client(runai, server) as api, pytest.raises(runai.APIStatusError) as caught:
        api.projects.get_project(project_id=7)
    assert caught.value.status_code == 302 and server.hits() == 1
