"""One test per rule, each on a tiny before/after pair in `documents/`."""

from __future__ import annotations

import pytest

from generator.diff import rules
from generator.diff.changes import ChangeLevel

from .helpers import DOCUMENTS, case, pair, version
from generator.diff.report import diff_history

PAIR_RULES = sorted(r.id for r in rules.RULES if r.id != "removed-before-sunset")


def test_every_rule_has_a_document_pair() -> None:
    missing = [rid for rid in PAIR_RULES if not (DOCUMENTS / f"{rid}.json").is_file()]
    assert missing == []


@pytest.mark.parametrize("rule_id", PAIR_RULES)
def test_rule_fires_on_its_pair(rule_id: str) -> None:
    report = pair(rule_id)
    fired = [c for c in report.changes if c.rule == rule_id]
    assert fired, f"{rule_id} did not fire; got {sorted({c.rule for c in report.changes})}"
    rule = rules.by_id(rule_id)
    assert all(c.level is rule.level for c in fired)
    # the pair does not trip unrelated breaking rules (each pair changes one thing)
    unrelated_breaking = {c.rule for c in report.changes if c.level is ChangeLevel.BREAKING and c.rule != rule_id}
    allowed = {
        "operation-removed",
        "removed-without-deprecation",
        "property-removed",
        "operation-python-name-changed",
        "property-type-changed",
        "success-status-removed",
        "media-type-removed",
    }
    assert unrelated_breaking <= allowed


def test_same_document_has_no_changes() -> None:
    c = case("operation-added")
    v = version(c["before"], "2.22")
    report = diff_history([v, version(c["before"], "2.23")])
    assert report.pairs[0].changes == ()


def test_allof_refactoring_is_not_a_removal() -> None:
    report = pair("allof-refactoring")
    assert [
        c for c in report.changes if c.rule in ("property-removed", "property-added", "property-type-changed")
    ] == []


def test_property_path_walks_through_lists_and_models() -> None:
    report = pair("property-removed")
    locations = {c.location for c in report.changes if c.rule == "property-removed"}
    assert "body.resources[].gpu" in locations
    assert "response.200.projects[].resources[].gpu" in locations


def test_python_call_is_reported() -> None:
    removed = [c for c in pair("operation-removed").changes if c.rule == "operation-removed"]
    assert removed[0].python is not None and removed[0].python.startswith("client.projects.")
    renamed = [c for c in pair("operation-id-changed").changes if c.rule == "operation-python-name-changed"]
    assert renamed and renamed[0].args["new"].endswith("get_project_by_id")


def test_deprecation_by_description_and_beside_ref() -> None:
    dep = [c for c in pair("description-deprecation").changes if c.rule == "operation-deprecated"]
    assert dep and dep[0].extra["source"] == "description"
    assert "/api/v2/projects" in dep[0].extra.get("replacement", "")
    prop = [c for c in pair("ref-sibling-deprecation").changes if c.rule == "property-deprecated"]
    assert prop and prop[0].location.endswith("phase")


def test_level_override() -> None:
    report = pair("operation-removed", levels={"operation-removed": ChangeLevel.INFO})
    assert {c.level for c in report.changes if c.rule == "operation-removed"} == {ChangeLevel.INFO}
