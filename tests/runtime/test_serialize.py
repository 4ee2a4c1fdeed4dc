"""Query, path, header and body serialization, and deprecation warnings."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from typing import Any

import pytest
from rt_support import Recorder, reply

PROJECT = {"id": "p1", "name": "one"}


def test_path_values_are_quoted(make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    make_client(recorder).projects.get_project(project_id="a/b c")
    assert recorder.requests[0].url.raw_path == b"/api/v1/org-unit/projects/a%2Fb%20c"


def test_query_lists_explode_or_comma_join_and_skip_not_given(make_client: Any) -> None:
    recorder = Recorder(reply(200, {"projects": []}))
    make_client(recorder).projects.list_projects(
        filter_by=["name==a", "phase==b"], limit=5, extra_query={"tag": ["x", "y"], "flag": True}
    )
    params = recorder.requests[0].url.params
    assert params.get_list("filterBy") == ["name==a,phase==b"]
    assert params.get_list("tag") == ["x", "y"]
    assert params["flag"] == "true"
    assert params["limit"] == "5"
    assert "offset" not in params and "clusterId" not in params


def test_scalar_encoding(rt: Any) -> None:
    class Color(enum.Enum):
        RED = "red"

    endpoint = rt._runtime.Endpoint(method="GET", path="/x", operation="t.x")
    when = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc)
    ident = uuid.UUID(int=1)
    pairs = rt._runtime._serialize.encode_query(
        endpoint,
        {"c": Color.RED, "t": when, "d": when.date(), "u": ident, "n": None, "b": False},
        {},
    )
    assert pairs == [
        ("c", "red"),
        ("t", "2024-05-01T12:00:00+00:00"),
        ("d", "2024-05-01"),
        ("u", str(ident)),
        ("b", "false"),
    ]


def test_headers_and_extra_headers(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    make_client(recorder).projects.create_project(body={"name": "x"}, x_trace="t-1", extra_headers={"X-Extra": "1"})
    headers = recorder.requests[0].headers
    assert headers["X-Trace"] == "t-1"
    assert headers["X-Extra"] == "1"
    assert headers["User-Agent"] == f"runai-client-v0-0/{rt.__version__}"


def test_model_body_sends_only_set_fields_by_alias(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    body = rt.models.ProjectCreate(name="p", limits=rt.models.Limits(gpu=2), extraField=None)
    make_client(recorder).projects.create_project(body=body, extra_body={"more": 1})
    assert json.loads(recorder.requests[0].content) == {
        "name": "p",
        "limits": {"gpu": 2},
        "extraField": None,
        "more": 1,
    }


def test_dict_body_drops_not_given_and_keeps_none(rt: Any, make_client: Any) -> None:
    recorder = Recorder(reply(200, PROJECT))
    body = {"name": "p", "skip": rt._runtime.NOT_GIVEN, "clear": None, "when": dt.date(2024, 1, 2)}
    make_client(recorder).projects.create_project(body=body)
    assert json.loads(recorder.requests[0].content) == {
        "name": "p",
        "clear": None,
        "when": "2024-01-02",
    }


def test_form_body(make_client: Any) -> None:
    recorder = Recorder(reply(204))
    result = make_client(recorder).projects.login(body={"user": "u", "scopes": ["a", "b"]})
    request = recorder.requests[0]
    assert result is None
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.content == b"user=u&scopes=a&scopes=b"


def test_missing_path_parameter_is_a_type_error(make_client: Any) -> None:
    with pytest.raises(TypeError, match="projects.get_project: missing path parameter 'projectId'"):
        make_client(Recorder(reply(200, PROJECT))).projects.get_project(project_id=None)


def test_deprecated_parameter_warns_at_the_caller(make_client: Any) -> None:
    client = make_client(Recorder(reply(200, {"projects": []})))
    with pytest.warns(DeprecationWarning, match="cluster_id of projects.list_projects") as record:
        client.projects.list_projects(cluster_id="c1")
    assert record[0].filename == __file__


def test_deprecated_field_warns_only_when_set(rt: Any, make_client: Any) -> None:
    client = make_client(Recorder(reply(200, PROJECT)))
    client.projects.create_project(body=rt.models.ProjectCreate(name="p"))  # no warning
    body = rt.models.ProjectCreate(name="p", clusterId="c", limits=rt.models.Limits(oldGpu=1))
    with pytest.warns(DeprecationWarning) as record:
        client.projects.create_project(body=body)
    messages = sorted(str(w.message) for w in record)
    assert messages == [
        "projects.create_project: Limits.old_gpu is deprecated; the document says to use gpu instead.",
        "projects.create_project: ProjectCreate.cluster_id is deprecated.",
    ]
    assert {w.filename for w in record} == {__file__}


def test_deprecated_operation_warns_once_from_the_decorator(make_client: Any) -> None:
    client = make_client(Recorder(reply(200, content=b"hello")))
    with pytest.warns(DeprecationWarning) as record:
        assert client.projects.readme() == "hello"
    assert len(record) == 1
