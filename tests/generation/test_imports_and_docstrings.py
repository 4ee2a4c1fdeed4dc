"""Generated modules import only what they use (ruff), and every class has a docstring that informs: the
document's description, or facts (its schema name, where it is used), never a placeholder."""

from __future__ import annotations

from pathlib import Path

from package_check import ruff_check

PACKAGE = "runai_v1_0"


def _module(fixture_package: Path, relative: str) -> str:
    return (fixture_package / PACKAGE / relative).read_text(encoding="utf-8")


def test_fixture_package_imports_only_what_it_uses(fixture_package: Path) -> None:
    ruff_check([fixture_package / PACKAGE])


def test_resource_imports_follow_what_its_operations_use(fixture_package: Path) -> None:
    default = _module(fixture_package, "resources/default.py")  # no pager, no date, no deprecation, no model
    for unused in ("_dt", "Iterator", "deprecated", "Pagination", "OpenEnum", "TYPE_CHECKING"):
        assert unused not in default
    projects = _module(fixture_package, "resources/projects.py")  # pages, and deprecates an operation
    for used in ("from collections.abc import AsyncIterator, Iterator", "Pagination", "deprecated"):
        assert used in projects


def test_undescribed_types_say_what_they_are_and_where_they_are_used(fixture_package: Path) -> None:
    texts = "\n".join(p.read_text(encoding="utf-8") for p in (fixture_package / PACKAGE).rglob("*.py"))
    assert "No description in the document" not in texts
    request = _module(fixture_package, "models/update_node_pool_request.py")
    assert '"""Request body of `client.node_pools.update_node_pool`."""' in request
    inline = _module(fixture_package, "models/token_request.py")
    assert '"""The `grant_type` field of `TokenRequest`."""' in inline
    status = _module(fixture_package, "models/cluster_dependency_status.py")
    assert "The `ClusterDependencyStatus` schema of the document.\n\n    The `dependencies` field of" in status
