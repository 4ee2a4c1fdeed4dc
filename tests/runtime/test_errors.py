"""Status codes map to exception classes carrying the parsed Run:ai error document."""

from __future__ import annotations

from typing import Any

import pytest
from rt_support import Recorder, reply


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (418, "APIStatusError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (503, "InternalServerError"),
    ],
)
def test_status_maps_to_class(rt: Any, make_client: Any, status: int, name: str) -> None:
    client = make_client(Recorder(reply(status, {"code": status, "message": "nope"})), max_retries=0)
    with pytest.raises(getattr(rt._runtime, name)) as info:
        client.projects.get_project(project_id="p")
    assert type(info.value).__name__ == name
    assert isinstance(info.value, rt._runtime.APIStatusError)
    assert info.value.status_code == status


def test_error_carries_parsed_body_and_request_id(rt: Any, make_client: Any) -> None:
    body = {"code": 404, "message": "project not found", "details": "id p9"}
    client = make_client(Recorder(reply(404, body, x_request_id="req-123")))
    with pytest.raises(rt._runtime.NotFoundError) as info:
        client.projects.get_project(project_id="p9")
    error = info.value
    assert (error.code, error.message, error.details) == (404, "project not found", "id p9")
    assert error.request_id == "req-123"
    assert error.body == body
    assert error.response.status_code == 404
    assert str(error) == (
        "GET https://runai.test/api/v1/org-unit/projects/p9 -> 404: project not found (id p9) [request id req-123]"
    )


def test_non_json_error_body_is_kept_as_text(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(400, content=b"<html>bad</html>")))
    with pytest.raises(rt._runtime.BadRequestError) as info:
        client.projects.get_project(project_id="p")
    assert info.value.body == "<html>bad</html>"
    assert info.value.message is None


def test_invalid_success_body_raises_response_validation_error(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, {"name": "no id"})), strict_responses=True)
    with pytest.raises(rt._runtime.ResponseValidationError, match="projects.get_project") as info:
        client.projects.get_project(project_id="p")
    assert info.value.response.status_code == 200
    client = make_client(Recorder(reply(200, content=b"not json")))  # lenient: nothing to keep
    with pytest.raises(rt._runtime.ResponseValidationError, match="projects.get_project"):
        client.projects.get_project(project_id="p")


def test_hierarchy(rt: Any) -> None:
    r = rt._runtime
    assert issubclass(r.APITimeoutError, r.APIConnectionError)
    assert issubclass(r.APIConnectionError, r.RunaiError)
    assert issubclass(r.APIStatusError, r.RunaiError)
    assert issubclass(r.ResponseValidationError, r.RunaiError)


def test_results_json_generic_text_bytes_none(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, [{"id": "a"}, {"id": "b"}])))
    projects = client.projects.list_raw()
    assert [p.id for p in projects] == ["a", "b"]
    assert isinstance(projects[0], rt.models.Project)
    client = make_client(Recorder(reply(200, content=b"\x00\x01")))
    assert client.projects.export(name="x") == b"\x00\x01"
    client = make_client(Recorder(reply(200, {"ignored": True})))
    assert client.projects.delete_project(project_id="p") is None


def test_unknown_fields_and_enum_values_pass_through(rt: Any, make_client: Any) -> None:
    data = {"id": "p", "phase": "Hibernating", "newField": {"x": 1}}
    project = make_client(Recorder(reply(200, data))).projects.get_project(project_id="p")
    assert project.phase == "Hibernating"
    assert project.model_extra == {"newField": {"x": 1}}
    data = {"id": "p", "phase": "Running"}
    project = make_client(Recorder(reply(200, data))).projects.get_project(project_id="p")
    assert project.phase is rt.models.Phase.RUNNING
