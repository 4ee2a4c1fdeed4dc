"""Root changes: one entry per change in the document, with every affected operation and Python name."""

from __future__ import annotations

import dataclasses

from generator.diff.changes import ChangeLevel
from generator.diff.roots import counts, group, root_id

from .helpers import pair, pair_of

GPU_REMOVED = [{"op": "remove", "path": "/components/schemas/Resources/properties/gpu"}]


def test_a_shared_property_removed_is_one_root_listing_every_use() -> None:
    report = pair_of([], GPU_REMOVED)
    findings = [c for c in report.changes if c.rule == "property-removed"]
    assert len(findings) >= 3  # request and responses of several operations
    roots = [r for r in report.roots if r.rule == "property-removed"]
    assert len(roots) == 1
    root = roots[0]
    assert root.schema == "Resources"
    assert root.pointer == "/components/schemas/Resources/properties/gpu"
    assert {f"{c.method} {c.path}" for c in findings} == set(root.operations)
    assert len(root.operations) == 3
    assert "models.Resources.gpu" in root.python
    assert any(p.startswith("client.projects.") for p in root.python)
    assert "Resources.gpu" in root.message and root.message.startswith("request/response")
    assert {root_id(c) for c in findings} == {root.id}
    assert report.root_levels["breaking"] == len([r for r in report.roots if r.level is ChangeLevel.BREAKING])


def test_root_id_does_not_depend_on_the_operations_that_use_it() -> None:
    one = pair_of([], GPU_REMOVED)
    fewer = pair_of(
        [{"op": "remove", "path": "/paths/~1api~1v1~1projects~1{projectId}"}],
        [{"op": "remove", "path": "/paths/~1api~1v1~1projects~1{projectId}"}, *GPU_REMOVED],
    )
    (a,) = [r for r in one.roots if r.rule == "property-removed"]
    (b,) = [r for r in fewer.roots if r.rule == "property-removed"]
    assert a.id == b.id
    assert len(a.operations) == 3 and len(b.operations) == 2


def test_every_change_belongs_to_exactly_one_root_and_ignoring_all_ignores_the_root() -> None:
    report = pair("enum-value-removed")
    roots = group(report.changes)
    assert sorted(c.fingerprint for r in roots for c in r.changes) == sorted(c.fingerprint for c in report.changes)
    ignored = [dataclasses.replace(c, ignored=True) for c in report.changes]
    assert all(r.ignored for r in group(ignored))
    assert counts(group(ignored)) == {"breaking": 0, "deprecation": 0, "info": 0}


def test_json_keeps_the_findings_and_adds_roots() -> None:
    data = pair_of([], GPU_REMOVED).to_json()
    assert data["changes"] and data["roots"]
    root = data["roots"][0]  # type: ignore[index]
    assert set(root) >= {"id", "rule", "level", "schema", "pointer", "message", "operations", "python", "fingerprints"}
