"""No false alarms, no silent misses: each case is the base document plus a small JSON Patch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.diff.policy import Version
from generator.diff.report import diff_history
from generator.parse import parse

from .helpers import pair_of, patched, version

RESOURCES = "/components/schemas/Resources"
CREATE = "/components/schemas/ProjectCreate"


def rules_fired(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> set[str]:
    return {c.rule for c in pair_of(before, after).changes}


def test_read_only_request_property_made_required_is_not_breaking() -> None:
    prop = {"op": "add", "path": f"{CREATE}/properties/createdAt", "value": {"type": "string", "readOnly": True}}
    required = {"op": "add", "path": f"{CREATE}/required/-", "value": "createdAt"}
    assert "request-property-made-required" not in rules_fired([prop], [prop, required])
    writable = {**prop, "value": {"type": "string"}}
    assert "request-property-made-required" in rules_fired([writable], [writable, required])


def test_read_only_required_property_added_is_not_breaking() -> None:
    prop = {"op": "add", "path": f"{CREATE}/properties/createdAt", "value": {"type": "string", "readOnly": True}}
    required = {"op": "add", "path": f"{CREATE}/required/-", "value": "createdAt"}
    assert "required-property-added" not in rules_fired([], [prop, required])


def test_schema_that_became_an_alias_is_not_removed() -> None:
    after = [
        {
            "op": "add",
            "path": "/components/schemas/ResourcesV2",
            "value": patched([])["components"]["schemas"]["Resources"],
        },
        {"op": "replace", "path": RESOURCES, "value": {"$ref": "#/components/schemas/ResourcesV2"}},
    ]
    fired = rules_fired([], after)
    assert not fired & {"schema-removed", "property-removed", "property-type-changed"}, fired


def test_schema_removed_is_breaking_because_imports_break() -> None:
    report = pair_of(
        [],
        [
            {"op": "remove", "path": "/components/schemas/Phase"},
            {"op": "remove", "path": "/components/schemas/Project/properties/phase"},
        ],
    )
    (change,) = [c for c in report.changes if c.rule == "schema-removed"]
    assert change.level.value == "breaking" and "models.Phase" in change.message


def test_misspelt_deprecated_counts_with_a_warning() -> None:
    misspelt = {"op": "add", "path": f"{RESOURCES}/properties/gpu/depracted", "value": True}
    flagged = {"op": "add", "path": f"{RESOURCES}/properties/gpu/deprecated", "value": True}
    assert "property-deprecated" in rules_fired([], [misspelt])
    assert "property-deprecated" not in rules_fired([misspelt], [flagged])
    # the warning comes from reading the document (parse.py), once, at the misspelt key
    parsed = parse(json.dumps(patched([misspelt])).encode(), Path("x.json"), "x.json")
    assert [(d.code, d.pointer) for d in parsed.diagnostics if d.code == "RSG040"] == [
        ("RSG040", f"{RESOURCES}/properties/gpu/depracted")
    ]


def test_a_property_typed_by_a_deprecated_schema_is_deprecated() -> None:
    report = pair_of([], [{"op": "add", "path": "/components/schemas/Phase/deprecated", "value": True}])
    deprecated = [c for c in report.changes if c.rule == "property-deprecated"]
    assert deprecated and all(c.location.endswith("phase") for c in deprecated)
    assert {c.rule for c in report.changes} >= {"schema-deprecated"}


def test_deprecation_reached_through_array_items() -> None:
    report = pair_of([], [{"op": "add", "path": f"{RESOURCES}/deprecated", "value": True}])
    assert any(c.location.endswith("resources") for c in report.changes if c.rule == "property-deprecated")


def test_a_moved_property_keeps_its_first_deprecated_version() -> None:
    """2.21 deprecates Resources.gpu; 2.22 moves it to ResourcesV2; 2.24 removes it: on time (2.21 + 3)."""
    deprecate = {"op": "add", "path": f"{RESOURCES}/properties/gpu/deprecated", "value": True}
    moved = [
        deprecate,
        {"op": "move", "from": RESOURCES, "path": "/components/schemas/ResourcesV2"},
        {
            "op": "replace",
            "path": "/components/schemas/Project/properties/resources/items/$ref",
            "value": "#/components/schemas/ResourcesV2",
        },
        {
            "op": "replace",
            "path": f"{CREATE}/properties/resources/items/$ref",
            "value": "#/components/schemas/ResourcesV2",
        },
    ]
    removed = [*moved, {"op": "remove", "path": "/components/schemas/ResourcesV2/properties/gpu"}]
    history: list[Version] = [
        version(patched([]), "2.20"),
        version(patched([deprecate]), "2.21"),
        version(patched(moved), "2.22"),
        version(patched(moved), "2.23"),
        version(patched(removed), "2.24"),
    ]
    report = diff_history(history)
    moved_pair, removal = report.pairs[1], report.pairs[3]
    assert "property-deprecated" not in {c.rule for c in moved_pair.changes}
    gpu = [d for d in moved_pair.deprecations if d.location.endswith("gpu")]
    assert gpu and {d.since for d in gpu} == {"2.21"}
    rules = {c.rule for c in removal.changes}
    assert "property-removed" in rules
    assert not rules & {"removed-before-sunset", "removed-without-deprecation"}, rules


NAME = f"{CREATE}/properties/name"
LIMIT = "/paths/~1api~1v1~1projects/get/parameters/0/schema"


def _tightened(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (c.args["keyword"], c.args["old"], c.args["new"])
        for c in pair_of(before, after).changes
        if c.rule == "request-constraint-tightened"
    ]


def test_request_constraints_tightened_are_breaking() -> None:
    add = lambda path, key, value: {"op": "add", "path": f"{path}/{key}", "value": value}  # noqa: E731
    assert _tightened([], [add(NAME, "pattern", "^[a-z]+$")]) == [("pattern", "none", "^[a-z]+$")]
    assert _tightened([], [add(NAME, "format", "email")]) == [("format", "none", "email")]
    assert _tightened([add(NAME, "maxLength", 64)], [add(NAME, "maxLength", 63)]) == [("maxLength", "64", "63")]
    assert _tightened([add(NAME, "minLength", 1)], [add(NAME, "minLength", 2)]) == [("minLength", "1", "2")]
    assert _tightened([add(LIMIT, "maximum", 100)], [add(LIMIT, "maximum", 50)]) == [("maximum", "100.0", "50.0")]
    assert _tightened([], [add(LIMIT, "minimum", 1)]) == [("minimum", "none", "1.0")]


def test_loosened_or_trivial_constraints_are_not_reported() -> None:
    add = lambda path, key, value: {"op": "add", "path": f"{path}/{key}", "value": value}  # noqa: E731
    assert _tightened([], [add(NAME, "pattern", ".*")]) == []
    assert _tightened([add(NAME, "pattern", "^[a-z]+$")], [add(NAME, "pattern", ".*")]) == []
    assert _tightened([add(NAME, "maxLength", 32)], [add(NAME, "maxLength", 64)]) == []
    assert _tightened([add(LIMIT, "maximum", 50)], []) == []
    response_only = "/components/schemas/Project/properties/name"
    assert _tightened([], [add(response_only, "maxLength", 8)]) == []


def test_deprecation_reached_through_a_single_part_all_of() -> None:
    wrapped = {
        "op": "replace",
        "path": "/components/schemas/Project/properties/phase",
        "value": {"allOf": [{"$ref": "#/components/schemas/Phase"}]},
    }
    report = pair_of([wrapped], [wrapped, {"op": "add", "path": "/components/schemas/Phase/deprecated", "value": True}])
    assert any(c.location.endswith("phase") for c in report.changes if c.rule == "property-deprecated")


def test_deprecation_reached_through_a_multi_part_all_of() -> None:
    """`limits: allOf[Resources, {note}]` builds an inline model; Resources deprecated makes `limits` deprecated."""
    composed = {
        "op": "add",
        "path": "/components/schemas/Project/properties/limits",
        "value": {
            "allOf": [
                {"$ref": "#/components/schemas/Resources"},
                {"type": "object", "properties": {"note": {"type": "string"}}},
            ]
        },
    }
    deprecate = {"op": "add", "path": f"{RESOURCES}/deprecated", "value": True}
    report = pair_of([composed], [composed, deprecate])
    assert any(c.location.endswith("limits") for c in report.changes if c.rule == "property-deprecated")
    # a named schema that extends a deprecated one is a schema of its own, not deprecated with it
    named = [
        {"op": "add", "path": "/components/schemas/Limits", "value": composed["value"]},
        {**composed, "value": {"$ref": "#/components/schemas/Limits"}},
    ]
    report = pair_of(named, [*named, deprecate])
    assert not any(c.location.endswith("limits") for c in report.changes if c.rule == "property-deprecated")
