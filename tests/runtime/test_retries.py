"""Retry schedule, Retry-After, idempotency and per-call overrides."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx
import pytest
from rt_support import Recorder, reply

PROJECT = {"id": "p1"}


def test_backoff_schedule_then_success(make_client: Any, sleeps: list[float]) -> None:
    recorder = Recorder(reply(503), reply(502), reply(504), reply(200, PROJECT))
    client = make_client(recorder, max_retries=3)
    assert client.projects.get_project(project_id="p").id == "p1"
    assert len(recorder.requests) == 4
    for delay, base in zip(sleeps, [0.5, 1.0, 2.0], strict=True):
        assert 0.75 * base <= delay <= base


def test_gives_up_after_max_retries(rt: Any, make_client: Any, sleeps: list[float]) -> None:
    recorder = Recorder(reply(429, {"code": 429, "message": "slow down"}))
    with pytest.raises(rt._runtime.RateLimitError):
        make_client(recorder).projects.get_project(project_id="p")
    assert len(recorder.requests) == 1 + rt._runtime.DEFAULT_MAX_RETRIES
    assert len(sleeps) == rt._runtime.DEFAULT_MAX_RETRIES


def test_backoff_is_capped(rt: Any) -> None:
    retries = rt._runtime._retries
    assert retries.retry_delay(20) <= rt._runtime._constants.MAX_RETRY_DELAY


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [("7", 7.0), ("0.25", 0.25), ("60", 60.0)],
)
def test_retry_after_seconds(make_client: Any, sleeps: list[float], retry_after: str, expected: float) -> None:
    recorder = Recorder(reply(429, retry_after=retry_after), reply(200, PROJECT))
    make_client(recorder).projects.get_project(project_id="p")
    assert sleeps == [expected]


def test_retry_after_http_date(make_client: Any, sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    recorder = Recorder(reply(503, retry_after=when), reply(200, PROJECT))
    make_client(recorder).projects.get_project(project_id="p")
    assert 18 <= sleeps[0] <= 20


def test_post_is_not_retried_by_default(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(503), reply(200, PROJECT))
    with pytest.raises(rt._runtime.InternalServerError):
        make_client(recorder).projects.create_project(body={"name": "x"})
    assert len(recorder.requests) == 1


def test_post_is_retried_when_opted_in(make_client: Any) -> None:
    recorder = Recorder(reply(503), reply(200, PROJECT))
    client = make_client(recorder)
    client.projects.create_project(body={"name": "x"}, retry_non_idempotent=True)
    assert len(recorder.requests) == 2
    assert recorder.requests[0].content == recorder.requests[1].content == b'{"name":"x"}'


def test_other_errors_are_not_retried(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(500), reply(200, PROJECT))
    with pytest.raises(rt._runtime.InternalServerError):
        make_client(recorder).projects.get_project(project_id="p")
    assert len(recorder.requests) == 1


def test_per_call_max_retries(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(503))
    with pytest.raises(rt._runtime.InternalServerError):
        make_client(recorder, max_retries=5).projects.get_project(project_id="p", max_retries=0)
    assert len(recorder.requests) == 1


def test_connection_errors_retry_then_raise(rt: Any, make_client: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    recorder = Recorder(refuse)
    with pytest.raises(rt._runtime.APIConnectionError, match="ConnectError") as info:
        make_client(recorder).projects.get_project(project_id="p")
    assert not isinstance(info.value, rt._runtime.APITimeoutError)
    assert len(recorder.requests) == 3


def test_timeouts_retry_then_raise(rt: Any, make_client: Any) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    recorder = Recorder(slow, slow, reply(200, PROJECT))
    assert make_client(recorder).projects.get_project(project_id="p").id == "p1"
    recorder = Recorder(slow)
    with pytest.raises(rt._runtime.APITimeoutError):
        make_client(recorder, max_retries=1).projects.get_project(project_id="p")
    assert len(recorder.requests) == 2


def test_timeouts_default_and_per_call(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    client = make_client(recorder)
    client.projects.get_project(project_id="p")
    client.projects.get_project(project_id="p", timeout=3.0)
    default, per_call = (r.extensions["timeout"] for r in recorder.requests)
    assert default == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert per_call == {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0}
