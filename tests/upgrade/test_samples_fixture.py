"""The fixture pair 1.0 -> 1.1: a renamed parameter, a renamed method, a removed operation, a retyped
parameter, a removed enum member, ... Exact findings, `--fix` output, its type check against 1.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.upgrade.changes import PairChanges
from generator.upgrade.check import check

from .support import SAMPLES, copy_samples, mypy_errors

EXPECTED = {
    ("cluster_ops/admin.py", 3, 1, "module"),
    ("cluster_ops/admin.py", 4, 1, "module"),
    ("cluster_ops/admin.py", 8, 16, "module"),  # runai_v1_0.AsyncClient
    ("cluster_ops/admin.py", 9, 31, "removed"),  # clusters.delete_cluster
    ("cluster_ops/admin.py", 10, 40, "renamed"),  # fetch_reports -> list_reports
    ("cluster_ops/admin.py", 11, 39, "type-changed"),  # Report.title: string -> integer
    ("cluster_ops/admin.py", 13, 55, "deprecated"),  # get_clusters_legacy
    ("cluster_ops/admin.py", 14, 19, "field-removed"),  # kubeVersion -> kubernetesVersion: not certain
    ("cluster_ops/build.py", 3, 1, "module"),
    ("cluster_ops/build.py", 4, 1, "module"),
    ("cluster_ops/build.py", 10, 41, "made-required"),  # ClusterCreationRequest(name=...) without region
    ("cluster_ops/build.py", 11, 21, "made-required"),  # the same, body as a dict
    ("cluster_ops/inventory.py", 3, 1, "module"),
    ("cluster_ops/inventory.py", 4, 1, "module"),
    ("cluster_ops/inventory.py", 8, 42, "type-changed"),  # limit: integer -> string
    ("cluster_ops/inventory.py", 9, 77, "removed"),  # ClusterState.UNKNOWN (DISCONNECTED stays)
    ("cluster_ops/metrics.py", 3, 1, "module"),
    ("cluster_ops/metrics.py", 10, 67, "renamed"),  # nodepool_name -> node_pool_name (through a resource variable)
    ("cluster_ops/metrics.py", 15, 30, "made-required"),  # start
    ("cluster_ops/metrics.py", 16, 20, "field-removed"),  # legacy_note
}
FIXED = {
    ("cluster_ops/admin.py", 10, "reports.list_reports(limit=5)"),
    ("cluster_ops/metrics.py", 10, "node_pool_name="),
    ("cluster_ops/metrics.py", 3, "from runai_v1_1 import Client as Runai"),
}


def _keys(findings: list) -> set[tuple[str, int, int, str]]:  # type: ignore[type-arg]
    return {(f.file, f.line, f.col, f.kind) for f in findings}


def test_every_expected_finding_and_no_other(fixture_pair: PairChanges, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES / "fixture")
    report = check([Path("cluster_ops")], fixture_pair)
    assert _keys(report.findings) == EXPECTED
    renamed = [f for f in report.findings if f.python == "clusters.get_cluster_metrics(nodepool_name=)"]
    assert [(f.replacement, f.rule, f.fixable) for f in renamed] == [("node_pool_name", "parameter-removed", True)]


def test_fix_rewrites_the_mechanical_and_type_checks_against_the_target(
    fixture_pair: PairChanges, fixture_packages: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_samples("fixture", tmp_path)
    before = mypy_errors(project, fixture_packages["before"], tmp_path / "cache-before")
    monkeypatch.chdir(project)
    diffs: list[str] = []
    report = check([Path("cluster_ops")], fixture_pair, fix=True, on_diff=diffs.append)
    assert _keys(report.fixed) | _keys(report.findings) == EXPECTED
    assert {(f.file, f.line, f.kind) for f in report.fixed} == {
        (file, line, kind) for file, line, _, kind in EXPECTED if kind in ("module", "renamed")
    }
    for file, line, text in FIXED:
        assert text in (project / file).read_text(encoding="utf-8").splitlines()[line - 1]
    assert "# start: required in 1.1" in (project / "cluster_ops/metrics.py").read_text()  # comments kept
    assert len(diffs) == 4 and all(d.startswith("--- a/cluster_ops/") for d in diffs)

    after = mypy_errors(project, fixture_packages["after"], tmp_path / "cache-after")
    new_errors = after - before
    left = {(f.file, f.line) for f in report.findings if f.level == "breaking"}
    assert new_errors <= left, "the fix broke something, or a breaking change went unreported"
    # what mypy cannot see: a dict body lacking a required key (the method takes a Mapping)
    assert left - new_errors == {("cluster_ops/build.py", 11)}
