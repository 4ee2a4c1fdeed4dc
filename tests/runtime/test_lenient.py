"""Lenient responses (the default), strict mode, bad input, and the generic request methods."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
from collections.abc import Iterator
from typing import Any, Literal

import httpx
import pydantic
import pytest
from rt_support import RT_PACKAGE, Recorder, reply


@pytest.fixture(autouse=True)
def fresh_reports(rt: Any) -> Iterator[None]:
    """Each test sees its own first report of a (model, field)."""
    lenient = importlib.import_module(f"{RT_PACKAGE}._runtime._lenient")
    lenient._reported.clear()
    yield
    lenient._reported.clear()


def _warned(record: pytest.WarningsRecorder) -> list[str]:
    return [str(w.message) for w in record]


def test_broken_values_are_kept_and_reported_once(rt: Any, make_client: Any) -> None:
    body = {"projects": [{"id": "a"}, {"name": "no id"}, {"id": "c", "name": 7, "phase": 3}, {"id": "d", "name": []}]}
    client = make_client(Recorder(reply(200, body)))
    with pytest.warns(rt._runtime.ResponseValidationWarning) as record:
        listing = client.projects.list_projects()
    assert isinstance(listing, rt.models.ProjectsList)
    assert all(isinstance(p, rt.models.Project) for p in listing.projects)
    a, no_id, c, d = listing.projects
    assert (a.id, no_id.id, no_id.name) == ("a", None, "no id")  # missing required: None
    assert (c.id, c.name, c.phase, d.name) == ("c", 7, 3, [])  # wrong type, bad enum: as received
    assert sorted(_warned(record)) == [
        "projects.list_projects: Project.id: required property missing; kept as received",
        "projects.list_projects: Project.name: Input should be a valid string; kept as received",
        "projects.list_projects: Project.phase: Input should be 'Running' or 'Pending' (at str-enum[Phase]); kept as received",
    ]
    again = client.projects.list_projects()  # the same breaks again: no new warning (they would be errors here)
    assert again == listing
    with pytest.warns(rt._runtime.ResponseValidationWarning, match="Project.phase"):  # reported per (model, field)
        make_client(Recorder(reply(200, {"id": "x", "phase": 1}))).projects.get_project(project_id="x")
        rt._runtime._lenient._reported.clear()
        make_client(Recorder(reply(200, {"id": "x", "phase": 1}))).projects.get_project(project_id="x")


def test_reports_go_to_the_package_logger(rt: Any, make_client: Any, caplog: pytest.LogCaptureFixture) -> None:
    client = make_client(Recorder(reply(200, {"name": 1})))
    with caplog.at_level(logging.WARNING, logger=RT_PACKAGE), pytest.warns(rt._runtime.ResponseValidationWarning):
        project = client.projects.get_project(project_id="p")
    assert (project.id, project.name) == (None, 1)
    assert {r.name for r in caplog.records} == {RT_PACKAGE}
    assert "projects.get_project: Project.id: required property missing" in caplog.text


def test_valid_bodies_do_not_warn_and_equal_strict_results(rt: Any, make_client: Any) -> None:
    body = {"projects": [{"id": "a", "phase": "Running", "extra": {"x": 1}}, {"id": "b", "phase": "New"}]}
    lenient = make_client(Recorder(reply(200, body))).projects.list_projects()  # filterwarnings=error
    strict = make_client(Recorder(reply(200, body)), strict_responses=True).projects.list_projects()
    assert lenient == strict
    assert lenient.projects[0].phase is rt.models.Phase.RUNNING and lenient.projects[1].phase == "New"


def test_strict_per_client_per_copy_and_per_call(rt: Any, make_client: Any) -> None:
    broken = reply(200, {"name": "no id"})
    error = rt._runtime.ResponseValidationError
    with pytest.raises(error, match=r"projects.get_project: .*Project\n"):
        make_client(Recorder(broken), strict_responses=True).projects.get_project(project_id="p")
    client = make_client(Recorder(broken))
    with pytest.raises(error):
        client.with_options(strict_responses=True).projects.get_project(project_id="p")
    with pytest.raises(error):
        client.projects.get_project(project_id="p", strict_responses=True)
    strict = make_client(Recorder(broken), strict_responses=True)
    with pytest.warns(rt._runtime.ResponseValidationWarning):
        assert strict.projects.get_project(project_id="p", strict_responses=False).name == "no id"


def test_raw_json_stays_reachable(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, {"id": 5})))
    raw = client.with_raw_response(client.projects.get_project, project_id="p")
    assert raw.http_response.json() == {"id": 5}
    with pytest.warns(rt._runtime.ResponseValidationWarning):
        assert raw.parse().id == 5


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("content", "method", "problem"),
    [
        (b"<html>oops</html>", "get_project", "Invalid JSON"),
        (b'["a list"]', "get_project", "Input should be an object"),
        (b'"text"', "get_project", "Input should be an object"),
        (b'{"id": "a"}', "list_raw", "valid list"),
        (b"", "get_project", "the response body is empty; the document promises a Project"),
        (b"", "list_raw", "the response body is empty"),
    ],
)
def test_bad_input_raises_naming_the_operation(
    rt: Any, make_client: Any, content: bytes, method: str, problem: str, strict: bool
) -> None:
    client = make_client(Recorder(reply(200, content=content)), strict_responses=strict)
    with pytest.raises(rt._runtime.ResponseValidationError) as info:
        getattr(client.projects, method)(**({"project_id": "p"} if method == "get_project" else {}))
    assert str(info.value).startswith(f"projects.{method}: ")
    assert problem in str(info.value)
    assert info.value.response.content == content


def test_wrong_top_level_type_in_lenient_mode_names_what_came(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, content=b"[1, 2]")))
    with pytest.raises(rt._runtime.ResponseValidationError, match="projects.get_project: .*Project"):
        client.projects.get_project(project_id="p")


def test_empty_body_is_none_only_where_the_type_admits_it(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(204)))
    assert client.get("/api/v1/x", cast_to=rt.models.Project | None) is None
    assert client.get("/api/v1/x") is None
    with pytest.raises(rt._runtime.ResponseValidationError, match="GET /api/v1/x: the response body is empty"):
        client.get("/api/v1/x", cast_to=rt.models.Project)


def test_generic_get_sends_like_a_generated_method(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(503), reply(200, {"id": "p", "name": "n"}))
    client = make_client(recorder, max_retries=1)
    project = client.get(
        "/api/v1/new/{literal}",
        cast_to=rt.models.Project,
        params={"a": 1, "b": [1, 2], "c": None},
        headers={"X-A": "x"},
    )
    assert isinstance(project, rt.models.Project) and project.name == "n"
    assert len(recorder.requests) == 2  # retried like any GET
    request = recorder.requests[-1]
    assert request.url.raw_path == b"/api/v1/new/%7Bliteral%7D?a=1&b=1&b=2"
    assert request.headers["Authorization"] == "Bearer static-token"
    assert request.headers["X-A"] == "x" and request.headers["Accept"] == "application/json"


def test_generic_post_sends_json_and_does_not_retry(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(503), reply(200, {"ok": True}))
    client = make_client(recorder, max_retries=2)
    with pytest.raises(rt._runtime.InternalServerError):
        client.post("/api/v1/things", body=rt.models.ProjectCreate(name="n"))
    assert len(recorder.requests) == 1
    recorder = Recorder(reply(200, {"ok": [1, {"a": None}]}))
    result = make_client(recorder).post("/api/v1/things", body={"name": "n"}, extra_body={"more": 1})
    assert result == {"ok": [1, {"a": None}]}
    assert json.loads(recorder.requests[0].content) == {"name": "n", "more": 1}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_generic_methods_raise_typed_errors(rt: Any, make_client: Any, method: str) -> None:
    recorder = Recorder(reply(404, {"code": 404, "message": "gone"}))
    with pytest.raises(rt._runtime.NotFoundError, match="gone"):
        getattr(make_client(recorder, max_retries=0), method)("/api/v1/things/1")
    assert recorder.requests[0].method == method.upper()


def test_generic_methods_work_with_raw_responses_and_check_the_path(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, [1, 2], x_request_id="r1")))
    raw = client.with_raw_response(client.get, "/api/v1/numbers", cast_to=list[int])
    assert raw.headers["x-request-id"] == "r1" and raw.parse() == [1, 2]
    with pytest.raises(ValueError, match="starts with '/'"):
        client.get("api/v1/numbers")
    with pytest.raises(AttributeError, match="client instance"):
        type(client).get  # noqa: B018


def test_async_generic_methods_and_lenient_parsing(rt: Any, make_async_client: Any) -> None:
    async def main() -> None:
        recorder = Recorder(reply(200, {"name": "no id"}))
        async with make_async_client(recorder) as client:
            with pytest.warns(rt._runtime.ResponseValidationWarning):
                project = await client.patch("/api/v1/p", cast_to=rt.models.Project, body={"name": "x"})
            assert project.name == "no id" and project.id is None
            with pytest.raises(rt._runtime.ResponseValidationError):
                await client.get("/api/v1/p", cast_to=rt.models.Project, strict_responses=True)
            assert await client.get("/api/v1/p") == {"name": "no id"}
        assert [r.method for r in recorder.requests] == ["PATCH", "GET", "GET"]

    asyncio.run(main())


def test_generic_request_through_a_real_transport_error(rt: Any, make_client: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client = make_client(Recorder(refuse), max_retries=0)
    with pytest.raises(rt._runtime.APIConnectionError, match="GET https://runai.test/api/v1/x failed"):
        client.get("/api/v1/x")


class _A(pydantic.BaseModel):
    kind: Literal["a"]
    x: int


class _B(pydantic.BaseModel):
    kind: Literal["b"]
    y: str


class _Node(pydantic.BaseModel):
    name: str
    parent: _Node | None = None
    either: _A | _B | None = None
    by_key: dict[str, _A] = {}


def test_union_members_are_tried_in_turn_and_recursion_is_repaired_at_each_level(rt: Any) -> None:
    validate = importlib.import_module(f"{RT_PACKAGE}._runtime._lenient").lenient_validator(_Node).validate_python
    with pytest.warns(rt._runtime.ResponseValidationWarning, match="^_Node.name: required property missing"):
        node = validate({"name": "n", "either": {"kind": "b", "y": "s"}, "parent": {"name": "p", "parent": {}}})
    assert isinstance(node.either, _B)  # not _A repaired: a member that always succeeded would hide _B
    assert isinstance(node.parent, _Node) and isinstance(node.parent.parent, _Node)
    assert node.parent.parent.name is None and node.parent.parent.model_fields_set == set()
    with pytest.warns(rt._runtime.ResponseValidationWarning) as record:
        node = validate({"name": "n", "either": {"kind": "c"}, "by_key": {"k": {"kind": "a", "x": "NaN"}}})
    assert node.either == {"kind": "c"}  # no member fits: kept as received
    assert isinstance(node.by_key["k"], _A) and node.by_key["k"].x == "NaN"  # map values repaired one by one
    assert sorted(str(w.message).split(":")[0] for w in record) == ["_A.x", "_Node.either"]
    with pytest.warns(
        rt._runtime.ResponseValidationWarning,
        match=r"^_Node.by_key: Input should be a valid dictionary or instance of _A \(at j\); kept",
    ):
        assert validate({"name": "n", "by_key": {"j": 1}}).by_key == {"j": 1}  # not an object: kept one level up
    assert validate({"name": "n"}) == _Node(name="n")  # valid data: the plain result
