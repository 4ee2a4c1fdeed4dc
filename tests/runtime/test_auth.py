"""Static tokens, client credentials, refresh on expiry and on 401, single flight, env vars."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from typing import Any

import httpx
import pytest
from rt_support import BASE_URL, Answer, Recorder, reply

PROJECT = {"id": "p1"}


def jwt(exp: float) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part({'exp': exp})}.sig"


class TokenServer:
    """Answers the token endpoint with numbered tokens; other paths with PROJECT."""

    def __init__(self, expires_in: float | None = 3600, api: Answer | None = None) -> None:
        self.issued = 0
        self.expires_in = expires_in
        self.api = api or reply(200, PROJECT)
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/api/v1/token":
            return self.api(request)
        with self.lock:
            self.issued += 1
            token = f"tok-{self.issued}"
        data: dict[str, Any] = {"accessToken": token}
        if self.expires_in is not None:
            data["expiresIn"] = self.expires_in
        return httpx.Response(200, json=data)


def test_static_token_is_sent(make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    make_client(recorder, token="abc").projects.get_project(project_id="p")
    assert recorder.requests[0].headers["Authorization"] == "Bearer abc"


def test_client_credentials_exchange(make_client: Any) -> None:
    recorder = Recorder(TokenServer())
    client = make_client(recorder, client_id="cid", client_secret="s3cret")
    client.projects.get_project(project_id="p")
    client.projects.get_project(project_id="p")
    (token_request,) = recorder.token_requests()
    assert token_request.method == "POST"
    assert str(token_request.url) == f"{BASE_URL}/api/v1/token"
    assert json.loads(token_request.content) == {
        "grantType": "client_credentials",
        "clientID": "cid",
        "clientSecret": "s3cret",
    }
    assert "Authorization" not in token_request.headers
    assert [r.headers["Authorization"] for r in recorder.api_requests()] == ["Bearer tok-1"] * 2


def test_refresh_before_expiry(make_client: Any) -> None:
    recorder = Recorder(TokenServer(expires_in=0))
    client = make_client(recorder, client_id="cid", client_secret="s")
    client.projects.get_project(project_id="p")
    client.projects.get_project(project_id="p")
    assert [r.headers["Authorization"] for r in recorder.api_requests()] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_expiry_from_jwt_exp_claim(make_client: Any) -> None:
    tokens = iter([jwt(time.time() - 1), jwt(time.time() + 3600)])

    def token_endpoint(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/token":
            return httpx.Response(200, json={"accessToken": next(tokens)})
        return httpx.Response(200, json=PROJECT)

    recorder = Recorder(token_endpoint)
    client = make_client(recorder, client_id="cid", client_secret="s")
    for _ in range(3):
        client.projects.get_project(project_id="p")
    # The first token has expired already; the second lives long enough for two calls.
    assert len(recorder.token_requests()) == 2


def test_refresh_once_on_401(make_client: Any) -> None:
    answers = iter([httpx.Response(401), httpx.Response(200, json=PROJECT)])
    recorder = Recorder(TokenServer(api=lambda request: next(answers)))
    client = make_client(recorder, client_id="cid", client_secret="s")
    assert client.projects.get_project(project_id="p").id == "p1"
    assert [r.headers["Authorization"] for r in recorder.api_requests()] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_second_401_is_raised(rt: Any, make_client: Any) -> None:
    recorder = Recorder(TokenServer(api=reply(401, {"code": 401, "message": "expired"})))
    client = make_client(recorder, client_id="cid", client_secret="s")
    with pytest.raises(rt._runtime.AuthenticationError, match="expired"):
        client.projects.get_project(project_id="p")
    assert len(recorder.api_requests()) == 2


def test_static_token_401_is_not_retried(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(401))
    with pytest.raises(rt._runtime.AuthenticationError):
        make_client(recorder).projects.get_project(project_id="p")
    assert len(recorder.requests) == 1


def test_failed_token_request_raises_without_the_secret(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(400, {"code": 400, "message": "invalid client"}))
    client = make_client(recorder, client_id="cid", client_secret="s3cret")
    with pytest.raises(rt._runtime.BadRequestError) as info:
        client.projects.get_project(project_id="p")
    assert "s3cret" not in str(info.value) and "s3cret" not in repr(info.value)
    assert "invalid client" in str(info.value)


def test_single_flight_threads(make_client: Any) -> None:
    server = TokenServer()
    client = make_client(Recorder(server), client_id="cid", client_secret="s")
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            client.projects.get_project(project_id="p")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert server.issued == 1


def test_single_flight_async(make_async_client: Any) -> None:
    server = TokenServer()
    recorder = Recorder(server)

    async def main() -> None:
        async with make_async_client(recorder, client_id="cid", client_secret="s") as client:
            results = await asyncio.gather(*(client.projects.get_project(project_id=str(i)) for i in range(50)))
        assert len(results) == 50

    asyncio.run(main())
    assert server.issued == 1
    assert len(recorder.api_requests()) == 50


def test_async_refresh_on_401(make_async_client: Any) -> None:
    answers = iter([httpx.Response(401), httpx.Response(200, json=PROJECT)])
    recorder = Recorder(TokenServer(api=lambda request: next(answers)))

    async def main() -> None:
        client = make_async_client(recorder, client_id="cid", client_secret="s")
        assert (await client.projects.get_project(project_id="p")).id == "p1"

    asyncio.run(main())
    assert len(recorder.token_requests()) == 2


def test_environment_variables(rt: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder(TokenServer())
    monkeypatch.setenv("RUNAI_BASE_URL", "https://env.runai.test/")
    monkeypatch.setenv("RUNAI_CLIENT_ID", "cid")
    monkeypatch.setenv("RUNAI_CLIENT_SECRET", "s")
    client = rt.Client(transport=recorder.transport)
    client.projects.get_project(project_id="p")
    assert [str(r.url) for r in recorder.requests] == [
        "https://env.runai.test/api/v1/token",
        "https://env.runai.test/api/v1/org-unit/projects/p",
    ]
    monkeypatch.setenv("RUNAI_TOKEN", "env-token")
    monkeypatch.delenv("RUNAI_CLIENT_ID")
    monkeypatch.delenv("RUNAI_CLIENT_SECRET")
    recorder = Recorder(reply(200, PROJECT))
    rt.Client(transport=recorder.transport).projects.get_project(project_id="p")
    assert recorder.requests[0].headers["Authorization"] == "Bearer env-token"


def test_arguments_win_over_environment(rt: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNAI_TOKEN", "env-token")
    recorder = Recorder(reply(200, PROJECT))
    rt.Client(BASE_URL, token="arg", transport=recorder.transport).projects.get_project(project_id="p")
    assert recorder.requests[0].headers["Authorization"] == "Bearer arg"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"token": "t"}, "no base URL"),
        ({"base_url": BASE_URL}, "no credentials"),
        ({"base_url": BASE_URL, "client_id": "c"}, "client_secret is missing"),
        ({"base_url": BASE_URL, "token": "t", "client_id": "c"}, "not both"),
    ],
)
def test_configuration_errors(rt: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(rt._runtime.RunaiError, match=message):
        rt.Client(**kwargs)
