"""The deprecation policy: since, removable in / after, early removals, replacements."""

from __future__ import annotations

import copy
import datetime

from generator.diff.policy import add_months, field_location, removable_in
from generator.diff.report import diff_history

from .helpers import case, version


def test_removable_in_is_three_releases_later() -> None:
    assert removable_in("2.22") == "2.25"
    assert removable_in("2.9") == "2.12"
    assert removable_in("latest") is None


def test_saas_six_months_clamps_to_month_end() -> None:
    assert add_months(datetime.date(2025, 12, 15), 6) == datetime.date(2026, 6, 15)
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)


def test_field_location() -> None:
    assert field_location("/components/schemas/A/allOf/1/properties/b/items/properties/c") == "A.b[].c"


def _history(removed_in: int) -> list:
    base = case("operation-deprecated")
    plain, deprecated = base["before"], base["after"]
    gone = copy.deepcopy(deprecated)
    del gone["paths"]["/api/v1/projects"]["get"]
    docs = [plain, deprecated] + [deprecated] * (removed_in - 2) + [gone]
    return [version(d, f"2.{20 + i}") for i, d in enumerate(docs)]


def test_deprecated_since_and_removable() -> None:
    report = diff_history(_history(4))
    items = [d for d in report.pairs[1].deprecations if d.kind == "operation"]
    assert [(d.since, d.since_exact, d.removable_in) for d in items] == [("2.21", True, "2.24")]


def test_removal_too_early_is_a_violation() -> None:
    report = diff_history(_history(3))  # deprecated in 2.21, removed in 2.23 (< 2.24)
    last = report.pairs[-1]
    assert [c.rule for c in last.violations] == ["removed-before-sunset"]
    assert last.violations[0].args["earliest"] == "2.24"


def test_removal_on_time_is_not_a_violation() -> None:
    report = diff_history(_history(4))  # deprecated in 2.21, removed in 2.24
    assert report.pairs[-1].violations == ()
    assert [c.rule for c in report.pairs[-1].changes if c.rule == "operation-removed"]


def test_removal_without_deprecation() -> None:
    c = case("removed-without-deprecation")
    report = diff_history([version(c["before"], "2.22"), version(c["after"], "2.23")])
    assert [ch.rule for ch in report.pairs[0].violations] == ["removed-without-deprecation"]


def test_saas_removal_date() -> None:
    base = case("operation-deprecated")
    v1 = version(base["after"], "2.24", pinned=datetime.date(2025, 1, 10))
    items = diff_history([version(base["before"], "2.23"), v1]).pairs[0].deprecations
    assert items[0].removable_after == datetime.date(2025, 7, 10)


def test_replacement_from_matching_path() -> None:
    doc = case("operation-added")["before"]
    old = copy.deepcopy(doc["paths"]["/api/v1/projects"]["get"])
    old.update(operationId="getProjects", deprecated=True)
    doc["paths"]["/v1/k8s/clusters/{clusterId}/projects"] = {"get": old}
    v = version(doc, "2.23")
    items = diff_history([version(doc, "2.22"), v]).pairs[0].deprecations
    item = [i for i in items if i.path.startswith("/v1/k8s")][0]
    assert item.replacement == "GET /api/v1/projects"
    assert item.replacement_python == "client.projects.get_projects"
