"""with_options, raw and streamed responses, log hook, redaction, closing."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from rt_support import BASE_URL, Recorder, reply

PROJECT = {"id": "p1"}


def test_with_options_copies_settings_and_shares_pool(make_client: Any) -> None:
    recorder = Recorder(reply(503), reply(200, PROJECT))
    client = make_client(recorder, max_retries=0)
    copy = client.with_options(max_retries=1, default_headers={"X-Team": "a"})
    assert copy._http is client._http  # one lazily created pool, shared
    assert copy.projects is not client.projects
    assert copy.projects._client is copy
    assert copy.projects.get_project(project_id="p").id == "p1"
    assert recorder.requests[-1].headers["X-Team"] == "a"
    assert client._config.max_retries == 0
    copy.close()  # a copy does not close the shared pool
    assert not client._http.get().is_closed


def test_with_options_new_credentials_and_base_url(make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    client = make_client(recorder).with_options(token="other", base_url="https://b.test/")
    client.projects.get_project(project_id="p")
    assert recorder.requests[0].headers["Authorization"] == "Bearer other"
    assert str(recorder.requests[0].url) == "https://b.test/api/v1/org-unit/projects/p"


def test_raw_response(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT, x_request_id="r-1"))
    client = make_client(recorder)
    raw = client.with_raw_response(client.projects.get_project, project_id="p")
    assert isinstance(raw, rt._runtime.RawResponse)
    assert raw.http_response.headers["x-request-id"] == "r-1"
    assert raw.status_code == 200
    assert raw.parse().id == "p1"


def test_raw_response_of_invalid_body_is_available_before_parse(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, {"unexpected": True})), strict_responses=True)
    raw = client.with_raw_response(client.projects.get_project, project_id="p")
    assert raw.http_response.json() == {"unexpected": True}
    with pytest.raises(rt._runtime.ResponseValidationError):
        raw.parse()


def test_raw_response_needs_an_api_call(make_client: Any) -> None:
    client = make_client(Recorder(reply(200, {"projects": []})))
    with pytest.raises(TypeError, match="made no API call"):
        client.with_raw_response(client.projects.iter_list_projects)


def test_async_raw_response(make_async_client: Any) -> None:
    async def main() -> None:
        async with make_async_client(Recorder(reply(200, PROJECT))) as client:
            raw = await client.with_raw_response(client.projects.get_project, project_id="p")
            assert raw.parse().id == "p1"

    asyncio.run(main())


def test_streaming_response(make_client: Any) -> None:
    def chunked(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=(b"x" * 1000 for _ in range(10)))

    client = make_client(Recorder(chunked))
    with client.with_streaming_response(client.projects.export, name="dump") as response:
        assert not response.is_stream_consumed
        chunks = list(response.iter_bytes())
    assert len(chunks) == 10 and b"".join(chunks) == b"x" * 10000
    assert response.is_closed


def test_streaming_error_is_raised_with_body(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(404, {"code": 404, "message": "gone"})))
    with pytest.raises(rt._runtime.NotFoundError, match="gone"):
        with client.with_streaming_response(client.projects.export, name="dump"):
            pass  # pragma: no cover


def test_async_streaming_response(make_async_client: Any) -> None:
    async def main() -> bytes:
        async with make_async_client(Recorder(reply(200, content=b"abc"))) as client:
            async with client.with_streaming_response(client.projects.export, name="d") as response:
                return b"".join([chunk async for chunk in response.aiter_bytes()])

    assert asyncio.run(main()) == b"abc"


def test_log_hook_redacts_credentials(rt: Any, make_client: Any) -> None:
    events: list[Any] = []
    token_server_answers = iter([httpx.Response(200, json={"accessToken": "secret-access", "expiresIn": 3600})])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/token":
            return next(token_server_answers)
        return httpx.Response(503) if len(events) < 6 else httpx.Response(200, json=PROJECT)

    client = make_client(Recorder(handler), client_id="cid", client_secret="s3cret", log_hook=events.append)
    client.projects.get_project(project_id="p")
    kinds = [(e.kind, e.url.rsplit("/", 1)[-1]) for e in events]
    assert kinds[:2] == [("request", "token"), ("response", "token")]
    assert ("retry", "p") in kinds
    assert kinds[-1] == ("response", "p")
    request_event = next(e for e in events if e.kind == "request" and e.url.endswith("/p"))
    assert request_event.headers["authorization"] == rt._runtime._logging.REDACTED
    assert all("secret-access" not in repr(e) and "s3cret" not in repr(e) for e in events)


def test_repr_hides_secrets(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, PROJECT)), client_id="cid", client_secret="s3cret")
    assert repr(client) == f"<Client base_url='{BASE_URL}' auth=client_credentials>"
    assert "s3cret" not in repr(client._auth.credentials)
    assert "tok" not in repr(rt._runtime._credentials.StaticToken("tok"))


def test_close_and_context_manager(rt: Any) -> None:
    with rt.Client(BASE_URL, token="t", transport=Recorder(reply(200)).transport) as client:
        pass
    with pytest.raises(RuntimeError, match="closed"):  # closed before any request: no pool made
        client.projects.get_project(project_id="p")
    with rt.Client(BASE_URL, token="t", transport=Recorder(reply(200, PROJECT)).transport) as client:
        client.projects.get_project(project_id="p")
    assert client._http.get().is_closed
    own = httpx.Client(transport=Recorder(reply(200)).transport)
    rt.Client(BASE_URL, token="t", http_client=own).close()
    assert not own.is_closed
    own.close()


def test_http_client_and_transport_are_exclusive(rt: Any) -> None:
    with httpx.Client() as own, pytest.raises(ValueError, match="not both"):
        rt.Client(BASE_URL, token="t", http_client=own, transport=httpx.MockTransport(reply()))
