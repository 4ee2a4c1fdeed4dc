"""User code as type checkers see it; the conftest copies it into the generated package as `usage.py` for mypy."""

from __future__ import annotations

import ssl
from pathlib import Path

from typing_extensions import assert_type

from . import AsyncClient, Client
from ._runtime import APIStatusError, JsonValue, RawResponse
from .models import Project


def sync_usage(client: Client) -> None:
    raw = client.with_raw_response(client.projects.get_project, project_id="p")
    assert_type(raw, RawResponse[Project])
    assert_type(raw.parse(), Project)
    with client.with_streaming_response(client.projects.export, name="n") as response:
        for chunk in response.iter_bytes():
            assert_type(chunk, bytes)
    for project in client.projects.iter_list_projects(limit=10):
        assert_type(project, Project)
    fast = client.with_options(timeout=5.0, max_retries=0, deadline=30.0, max_retry_after=10.0)
    assert_type(fast, Client)
    client.projects.get_project(project_id="p", deadline=None)
    try:
        client.projects.delete_project(project_id="p", extra_headers={"X-A": "1"})
    except APIStatusError as error:
        assert_type(error.status_code, int)
    assert_type(client.get("/api/v1/new", cast_to=Project, params={"a": 1}), Project)
    assert_type(client.post("/api/v1/new", body={"name": "n"}, timeout=5.0), JsonValue)
    assert_type(client.delete("/api/v1/new/1", cast_to=list[Project]), list[Project])
    strict = client.with_options(strict_responses=True)
    assert_type(strict.projects.get_project(project_id="p", strict_responses=False), Project)


async def async_usage(client: AsyncClient) -> None:
    raw = await client.with_raw_response(client.projects.get_project, project_id="p")
    assert_type(raw, RawResponse[Project])
    async with client.with_streaming_response(client.projects.export, name="n") as response:
        async for chunk in response.aiter_bytes():
            assert_type(chunk, bytes)
    async for project in client.projects.iter_list_projects():
        assert_type(project, Project)
    assert_type(await client.patch("/api/v1/new", cast_to=Project, body={}), Project)
    assert_type(await client.put("/api/v1/new", extra_headers={"X-A": "1"}), JsonValue)


def private_network_clients(context: ssl.SSLContext) -> list[Client | AsyncClient]:
    return [
        Client("https://runai.corp", token="t", verify="/ca.pem", proxy="http://proxy:3128", deadline=60.0),
        Client("https://runai.corp", token="t", verify=Path("/ca.pem"), max_retry_after=5.0),
        Client("https://runai.corp", token="t", verify=context),
        AsyncClient("https://runai.corp", token="t", system_trust=True, verify=True),
    ]
