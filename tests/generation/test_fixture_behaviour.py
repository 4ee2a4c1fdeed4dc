"""The fixture package does what SPEC-NOTES' must-handle list asks, through a mock transport."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import httpx
import pydantic
import pytest


def _client(fixture_package: Path, handler: Any) -> Any:
    runai = importlib.import_module("runai_v1_0")
    return runai.Client("https://fixture.test", token="t0ken", transport=httpx.MockTransport(handler), max_retries=0)


PROJECT = {
    "id": 7,
    "name": "p",
    "chartRepoURL": "https://charts",
    "appID": "a",
    "autoRedirectSSO": True,
    "cpu-memory": 1.5,
    "type": "Train",
    "next": None,
    "from": "2024-01-02",
    "json": "j",
    "status": "Control-plane",
    "parent": {"id": "d1", "parent": {"id": "d0", "parent": None}},
    "resources": {"gpu": 1, "nodePools": [{"poolName": "default"}]},
    "brandNewField": {"x": 1},
}


def test_models_use_python_names_and_keep_wire_names(fixture_package: Path) -> None:
    models = importlib.import_module("runai_v1_0.models")
    project = models.Project.model_validate(PROJECT)
    assert project.chart_repo_url == "https://charts" and project.app_id == "a"
    assert project.auto_redirect_sso is True and project.cpu_memory == 1.5
    assert project.from_ is not None and project.json_ == "j"
    assert project.parent.parent.id == "d0"  # recursive, nullable allOf
    assert project.resources.node_pools[0].pool_name == "default"  # inline objects get classes
    assert project.model_extra == {"brandNewField": {"x": 1}}  # unknown fields are kept
    dumped = project.model_dump(mode="json", exclude_unset=True)
    assert dumped["chartRepoURL"] == "https://charts" and dumped["from"] == "2024-01-02"


def test_enums_are_open_and_names_are_safe(fixture_package: Path) -> None:
    models = importlib.import_module("runai_v1_0.models")
    status = models.ProjectFieldsStatus
    assert {m.name for m in status} >= {
        "EMPTY",
        "CONTROL_PLANE",
        "DELETION_FAILED",
        "ACCESS_KEYS",
        "TRUE",
        "NONE",
        "IN",
    }
    known = models.Project.model_validate({**PROJECT, "status": "Deletion failed"})
    assert known.status is status.DELETION_FAILED
    unknown = models.Project.model_validate({**PROJECT, "status": "Brand new state", "type": "Other"})
    assert unknown.status == "Brand new state" and unknown.type == "Other"
    assert models.Project.model_validate({**PROJECT, "status": None}).status is None


def test_schema_names_that_collide_get_distinct_classes(fixture_package: Path) -> None:
    models = importlib.import_module("runai_v1_0.models")
    assert models.DataVolume is not models.Datavolume
    assert models.Department is not models.Department2
    assert models.Department2.model_validate({"title": "t"}).title == "t"
    assert models.DistributedInferenceServingPortRules2.model_validate({"port": 1}).port == 1
    assert models.Range.model_validate({"from": 1, "to": 2}).from_ == 1
    assert models.Project1.model_validate({"id": "x"}).id == "x"


def test_operation_id_collision_keeps_the_current_name(fixture_package: Path) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json=[PROJECT])

    client = _client(fixture_package, handler)
    with pytest.warns(DeprecationWarning, match="projects.get_projects_deprecated"):
        result = client.projects.get_projects_deprecated(cluster_id="c1")
    assert calls[0].url.path == "/v1/k8s/clusters/c1/projects"
    assert result[0].id == 7


def test_query_arrays_aliases_and_deprecated_parameters(fixture_package: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"projects": [PROJECT], "next": 1})

    client = _client(fixture_package, handler)
    page = client.projects.get_projects(filter_by=["a", "b"], sort_order="desc", limit=5)
    assert seen[0].url.params["filterBy"] == "a,b"
    assert seen[0].url.params["sortOrder"] == "desc"
    assert seen[0].headers["authorization"] == "Bearer t0ken"
    assert page.projects[0].name == "p"
    with pytest.warns(DeprecationWarning, match="cluster_id"):
        client.projects.get_projects(cluster_id="c")


def test_non_json_and_empty_responses(fixture_package: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/report"):
            return httpx.Response(200, text="a,b\n1,2\n", headers={"content-type": "text/csv"})
        if request.method == "PUT":
            assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
            assert request.content == b"labelKey=k&labelValue=v"
            return httpx.Response(204)
        if request.url.path.endswith("/archive"):
            return httpx.Response(200, content=b"\x00tar", headers={"content-type": "application/x-tar"})
        if request.method == "DELETE":
            return httpx.Response(204)
        return httpx.Response(202)

    client = _client(fixture_package, handler)
    assert client.projects.get_project_report(project_id=1) == "a,b\n1,2\n"
    assert client.node_pools.download_archive(id="n1") == b"\x00tar"
    assert client.projects.delete_project(project_id=1) is None
    assert client.node_pools.update_node_pool(id="n1", body={"labelKey": "k", "labelValue": "v"}) is None
    assert client.projects.create_project(body={"name": "x"}) is None  # 202 without a body


def test_deprecated_tag_marks_its_operations(fixture_package: Path) -> None:
    client = _client(fixture_package, lambda request: httpx.Response(200, json={"anything": [1]}))
    with pytest.warns(DeprecationWarning, match="legacy_deprecated.list_things"):
        assert client.legacy_deprecated.list_things() == {"anything": [1]}


def test_api_md_lists_every_operation(fixture_package: Path) -> None:
    document = json.loads((Path(__file__).parent.parent / "documents" / "fixture_runai.json").read_text())
    expected = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    }
    rows = [line for line in (fixture_package / "API.md").read_text().splitlines() if line.startswith("| `client.")]
    listed = {(row.split("|")[2].strip(), row.split("|")[3].strip().strip("`")) for row in rows}
    assert listed == expected and len(rows) == len(expected)


def test_allof_of_nullable_and_typeless_parts_accepts_null(fixture_package: Path) -> None:
    models = importlib.import_module("runai_v1_0.models")
    asset = models.Asset.model_validate({"spec": None, "strict": {"image": "i", "tool": "t"}})
    assert asset.spec is None and asset.strict.tool == "t"
    with pytest.raises(pydantic.ValidationError, match="strict"):
        models.Asset.model_validate({"spec": {"runAsUid": 1}, "strict": None})
