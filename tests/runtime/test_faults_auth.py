"""Fault injection on credentials: refresh single flight, a failing token endpoint, redirects that
try to take the token or the secret elsewhere, and secrets kept out of reprs, messages and logs."""

from __future__ import annotations

import asyncio
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
from fault_server import FaultServer, by_token, gated, redirect, serve, status, token_issuer

PROJECT = {"id": 7, "name": "p"}
ONE = "/api/v1/projects/7"
TOKEN = "/api/v1/token"
CALLERS = 20


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with serve() as running:
        yield running


@pytest.fixture
def other() -> Iterator[FaultServer]:
    """A second server: another origin (another port)."""
    with serve() as running:
        yield running


def in_threads(call: Callable[[], object]) -> list[object]:
    """Run `call` in CALLERS threads started together; their results or errors."""
    results: list[object] = [None] * CALLERS
    start = threading.Barrier(CALLERS)

    def run(index: int) -> None:
        start.wait(timeout=30)
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_401_refreshes_once_for_20_threads(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("POST", TOKEN, token_issuer())
    server.script("GET", ONE, by_token({"tok-2": status(200, PROJECT)}, status(401, {"message": "expired"})))
    with runai.Client(server.url, client_id="cid", client_secret="s3cret") as api:
        with pytest.raises(runai.AuthenticationError):  # tok-1 is refused, tok-2 too: no second refresh
            server.script("GET", ONE, status(401))
            api.projects.get_project(project_id=7)
        assert server.hits("POST", TOKEN) == 2 and server.hits("GET", ONE) == 2
        server.script("GET", ONE, by_token({"tok-3": status(200, PROJECT)}, status(401, {"message": "expired"})))
        results = in_threads(lambda: api.projects.get_project(project_id=7))
    assert all(isinstance(r, runai.models.Project) for r in results), results
    assert server.hits("POST", TOKEN) == 3  # one refresh for the 20 callers
    assert CALLERS + 2 < server.hits("GET", ONE) <= 2 * CALLERS + 2


def test_401_refreshes_once_for_20_tasks(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    server.script("POST", TOKEN, token_issuer())
    server.script("GET", ONE, by_token({"tok-1": status(200, PROJECT), "tok-2": status(200, PROJECT)}, status(500)))

    async def main() -> list[Any]:
        async with runai.AsyncClient(server.url, client_id="cid", client_secret="s3cret") as api:
            await api.projects.get_project(project_id=7)
            server.script("GET", ONE, by_token({"tok-2": status(200, PROJECT)}, status(401)))
            return await asyncio.gather(*(api.projects.get_project(project_id=7) for _ in range(CALLERS)))

    results = asyncio.run(main())
    assert all(r.id == 7 for r in results)
    assert server.hits("POST", TOKEN) == 2 and server.hits("GET", ONE) == 1 + 2 * CALLERS


@pytest.fixture
def long_token_backoff(runai: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Callers that reach the lock after the failed request still share its error, however slow."""
    monkeypatch.setattr(runai._runtime._auth, "INITIAL_RETRY_DELAY", 60.0)


def test_failing_token_endpoint_is_asked_once_for_20_threads(
    runai: ModuleType, server: FaultServer, waits: list[float], long_token_backoff: None
) -> None:
    arrived, release = threading.Event(), threading.Event()
    server.script("POST", TOKEN, gated(arrived, release, status(401, {"message": "invalid client"})))
    with runai.Client(server.url, client_id="cid", client_secret="wrong") as api:
        releaser = threading.Thread(target=lambda: arrived.wait(30) and release.set())
        releaser.start()
        errors = in_threads(lambda: api.projects.get_project(project_id=7))
        releaser.join(30)
        with pytest.raises(runai.AuthenticationError) as later:  # during the backoff: no new request
            api.projects.get_project(project_id=7)
    assert server.hits("POST", TOKEN) == 1 and server.hits("GET", ONE) == 0
    assert all(isinstance(e, runai.AuthenticationError) for e in errors)
    assert len({id(e) for e in errors} | {id(later.value)}) == 1  # the same error, not 20 copies
    assert errors[0].message == "invalid client"  # type: ignore[attr-defined]


def test_failing_token_endpoint_is_asked_once_for_20_tasks(
    runai: ModuleType, server: FaultServer, waits: list[float]
) -> None:
    server.script("POST", TOKEN, status(403, {"message": "disabled"}))

    async def main() -> list[BaseException | None]:
        async with runai.AsyncClient(server.url, client_id="cid", client_secret="wrong") as api:
            calls = (api.projects.get_project(project_id=7) for _ in range(CALLERS))
            return await asyncio.gather(*calls, return_exceptions=True)

    errors = asyncio.run(main())
    assert server.hits("POST", TOKEN) == 1 and server.hits("GET", ONE) == 0
    assert all(isinstance(e, runai.PermissionDeniedError) for e in errors)
    assert len({id(e) for e in errors}) == 1


def test_a_token_request_retries_a_503_inside_its_one_flight(
    runai: ModuleType, server: FaultServer, waits: list[float]
) -> None:
    server.script("POST", TOKEN, status(503), status(200, {"accessToken": "tok-1", "expiresIn": 3600}))
    server.script("GET", ONE, status(200, PROJECT))
    with runai.Client(server.url, client_id="cid", client_secret="s3cret") as api:
        assert {r.id for r in in_threads(lambda: api.projects.get_project(project_id=7))} == {7}  # type: ignore[attr-defined]
    assert server.hits("POST", TOKEN) == 2 and server.hits("GET", ONE) == CALLERS and len(waits) == 1


def test_the_token_request_never_follows_a_redirect(
    runai: ModuleType, server: FaultServer, other: FaultServer, waits: list[float]
) -> None:
    server.script("POST", TOKEN, redirect(other.url + TOKEN, 307))
    other.script("POST", TOKEN, status(200, {"accessToken": "stolen", "expiresIn": 3600}))
    following = httpx.Client(follow_redirects=True)
    with runai.Client(server.url, client_id="cid", client_secret="s3cret", http_client=following) as api:
        with pytest.raises(runai.APIStatusError) as caught:
            api.projects.get_project(project_id=7)
    following.close()
    assert caught.value.status_code == 307
    assert server.hits("POST", TOKEN) == 1 and other.hits() == 0  # the secret went nowhere else


def test_authorization_never_follows_a_redirect_to_another_origin(
    runai: ModuleType, server: FaultServer, other: FaultServer, waits: list[float]
) -> None:
    server.script("GET", ONE, redirect(other.url + ONE, 302))
    server.script("GET", "/api/v1/projects/8", redirect("/api/v1/projects/7/same", 307))
    server.script("GET", "/api/v1/projects/7/same", status(200, PROJECT))
    other.script("GET", ONE, status(401, {"message": "who are you"}))
    following = httpx.Client(follow_redirects=True)
    with runai.Client(server.url, token="t0ken", http_client=following) as api:
        with pytest.raises(runai.AuthenticationError):
            api.projects.get_project(project_id=7)
        assert api.projects.get_project(project_id=8).id == 7  # a same-origin hop keeps it

    async def main() -> None:
        async with httpx.AsyncClient(follow_redirects=True) as async_following:
            async with runai.AsyncClient(server.url, token="t0ken", http_client=async_following) as api:
                with pytest.raises(runai.AuthenticationError):
                    await api.projects.get_project(project_id=7)

    asyncio.run(main())
    following.close()
    assert other.hits("GET", ONE) == 2 and server.hits("GET", ONE) == 2
    assert all("authorization" not in seen.headers for seen in other.requests())
    assert server.requests("GET", "/api/v1/projects/7/same")[0].headers["authorization"] == "Bearer t0ken"


def test_a_redirect_loop_stops_after_max_redirects(runai: ModuleType, server: FaultServer, waits: list[float]) -> None:
    """The caller's `max_redirects` bounds the hops; the last redirect answer is the error."""
    server.script("GET", ONE, redirect(ONE, 307))
    following = httpx.Client(follow_redirects=True, max_redirects=2)
    with runai.Client(server.url, token="t0ken", http_client=following) as api:
        with pytest.raises(runai.APIStatusError) as caught:
            api.projects.get_project(project_id=7)
    following.close()
    assert caught.value.status_code == 307 and server.hits("GET", ONE) == 3

    async def main() -> None:
        async with httpx.AsyncClient(follow_redirects=True, max_redirects=0) as async_following:
            async with runai.AsyncClient(server.url, token="t0ken", http_client=async_following) as api:
                with pytest.raises(runai.APIStatusError, match="307"):
                    await api.projects.get_project(project_id=7)

    asyncio.run(main())
    assert server.hits("GET", ONE) == 4 and waits == []


def test_credentials_need_an_explicit_base_url(runai: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    for credentials in ({"client_id": "cid", "client_secret": "s3cret"}, {"token": "t0ken"}):
        with pytest.raises(runai.RunaiError, match="no base URL") as caught:
            runai.Client(**credentials)
        assert "https://fixture.example" in str(caught.value)  # offered, not used
        with pytest.raises(runai.RunaiError, match="no base URL"):
            runai.AsyncClient(**credentials)
    monkeypatch.setenv("RUNAI_BASE_URL", "https://env.example")
    assert runai.Client(token="t0ken").base_url == "https://env.example"


@pytest.mark.parametrize("bad", ["ftp://host", "https://", "host.example", "https://h/?q=1", "https://h:port"])
def test_base_urls_that_are_not_http_urls_are_refused(runai: ModuleType, bad: str) -> None:
    with pytest.raises(runai.RunaiError, match="base URL"):
        runai.Client(bad, token="t0ken")


@pytest.mark.parametrize("value", ["zq9\r\nX-Evil: 1", "zq9\n", "zq9\x00en", "zq9\x7f", "zq9\u0085"])
def test_secrets_with_control_characters_are_refused_unechoed(runai: ModuleType, value: str) -> None:
    for credentials in ({"token": value}, {"client_id": "cid", "client_secret": value}):
        with pytest.raises(runai.RunaiError, match="control character") as caught:
            runai.Client("https://h.example", **credentials)
        assert "zq9" not in str(caught.value)
    with pytest.raises(runai.RunaiError, match="printable ASCII"):
        runai.Client("https://h.example", token="tök en")


def test_userinfo_and_secrets_are_redacted_everywhere(
    runai: ModuleType,
    server: FaultServer,
    waits: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.script("POST", TOKEN, status(200, {"accessToken": "tok-secret", "expiresIn": 3600}))
    server.script("GET", ONE, status(503), status(404, {"message": "gone"}))
    base = server.url.replace("http://", "http://alice:pa55word@")
    events: list[Any] = []
    caplog.set_level(logging.DEBUG, logger="runai_v1_0")
    api = runai.Client(base, client_id="cid", client_secret="s3cret", log_hook=events.append)
    with api, pytest.raises(runai.NotFoundError) as caught:
        api.projects.get_project(project_id=7)
    inside = traceback.walk_tb(caught.value.__traceback__.tb_next)  # the client's frames, not this test's
    frames = "".join(traceback.StackSummary.extract(inside, capture_locals=True).format())
    assert "_send_prepared" in frames
    texts = {
        "repr": repr(api),
        "message": str(caught.value),
        "events": repr(events),
        "logging": caplog.text,
        "locals": frames,  # what a Sentry-style handler records
        "credentials": repr(api._auth.credentials) + repr(api._auth._cache.__dict__),
    }
    for where, text in texts.items():
        for secret in ("pa55word", "alice", "s3cret", "tok-secret"):
            assert secret not in text, (where, secret)
    assert f"{server.url}{ONE} -> 404" in texts["message"] and "[REDACTED]@127.0.0.1" in texts["logging"]
    assert server.hits("GET", ONE) == 2 and server.hits("POST", TOKEN) == 1
    assert server.requests("GET", ONE)[-1].headers["authorization"] == "Bearer tok-secret"  # not Basic


def test_logging_and_user_agent(
    runai: ModuleType, server: FaultServer, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    server.script("POST", TOKEN, status(200, {"accessToken": "tok-1", "expiresIn": 3600}))
    server.script("GET", ONE, status(429, retry_after="1"), status(200, PROJECT))
    caplog.set_level(logging.DEBUG, logger="runai_v1_0")
    with runai.Client(server.url, client_id="cid", client_secret="s3cret") as api:
        api.projects.get_project(project_id=7)
    records = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    url = server.url + ONE
    assert ("runai_v1_0", "INFO", f"requesting a token from {server.url}{TOKEN}") in records
    assert ("runai_v1_0", "DEBUG", f"GET {url} (attempt 1)") in records
    assert ("runai_v1_0", "INFO", f"GET {url}: retry in 1.00s after 429 (attempt 1)") in records
    assert any(message.startswith(f"GET {url} -> 200 in ") for _, _, message in records)
    assert {seen.headers["user-agent"] for seen in server.requests()} == {"runai-client-v1-0/1.0.0"}
    assert server.hits("GET", ONE) == 2 and server.hits("POST", TOKEN) == 1
