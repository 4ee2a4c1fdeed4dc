"""Lenient parsing on generated models: deferred builds, recursive parents, aliases, open enums."""

from __future__ import annotations

import copy
import importlib
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_fixture_behaviour import PROJECT


@pytest.fixture(autouse=True)
def fresh_reports(fixture_package: Path) -> Iterator[None]:
    lenient = importlib.import_module("runai_v1_0._runtime._lenient")
    lenient._reported.clear()
    yield
    lenient._reported.clear()


def _client(body: bytes, **kwargs: Any) -> Any:
    runai = importlib.import_module("runai_v1_0")
    transport = httpx.MockTransport(
        lambda _r: httpx.Response(200, content=body, headers={"content-type": "application/json"})
    )
    return runai.Client("https://fixture.test", token="t", transport=transport, max_retries=0, **kwargs)


def _listing(*projects: dict[str, Any]) -> bytes:
    return json.dumps({"projects": list(projects), "next": 3}).encode()


def test_one_broken_nested_field_keeps_the_rest_typed(fixture_package: Path) -> None:
    models = importlib.import_module("runai_v1_0.models")
    runai = importlib.import_module("runai_v1_0")
    cut_short = copy.deepcopy(PROJECT)
    cut_short["parent"]["parent"] = {"id": 5, "parent": {}}  # recursion cut short, a number for a string
    no_id = {k: v for k, v in PROJECT.items() if k != "id"}
    wrong = {**PROJECT, "resources": "n/a", "type": 42}
    body = _listing(PROJECT, cut_short, no_id, wrong)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        listing = _client(body).projects.get_projects()
    assert isinstance(listing, models.ProjectsList) and listing.next == 3
    good, short, missing, bad = listing.projects
    assert all(isinstance(p, models.Project) for p in listing.projects)
    assert good == models.Project.model_validate(PROJECT)
    assert isinstance(short.parent.parent, models.DepartmentProjectParent)
    assert short.parent.parent.id == 5 and short.parent.parent.parent.id is None
    assert short.chart_repo_url == "https://charts" and short.cpu_memory == 1.5  # aliases still applied
    assert missing.id is None and missing.name == "p"
    assert (bad.resources, bad.type) == ("n/a", 42)
    assert bad.model_extra == {"brandNewField": {"x": 1}}
    texts = sorted(str(w.message) for w in caught if issubclass(w.category, runai.ResponseValidationWarning))
    assert [t.split(": ")[1] for t in texts] == [
        "DepartmentProjectParent.id",
        "Project.id",
        "Project.resources",
        "Project.type",
    ]
    assert all(t.startswith("projects.get_projects: ") and t.endswith("; kept as received") for t in texts)


def test_strict_mode_rejects_what_lenient_mode_keeps(fixture_package: Path) -> None:
    runai = importlib.import_module("runai_v1_0")
    broken = _listing({**PROJECT, "parent": {"id": 5}})
    with pytest.raises(runai.ResponseValidationError, match=r"(?s)projects.get_projects: .*projects\.0\.parent\.id"):
        _client(broken, strict_responses=True).projects.get_projects()
    valid = _listing(PROJECT, PROJECT)
    assert _client(valid).projects.get_projects() == _client(valid, strict_responses=True).projects.get_projects()


def test_empty_body_follows_the_declared_type(fixture_package: Path) -> None:
    runai = importlib.import_module("runai_v1_0")
    assert _client(b"").projects.get_project(project_id=7) is None  # `Project | None`: a 2xx without a body
    with pytest.raises(runai.ResponseValidationError, match="projects.get_projects: the response body is empty"):
        _client(b"").projects.get_projects()
