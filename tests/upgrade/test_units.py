"""Pieces of upgrade-check on the fixture pair: Python-only renames, scoping, the fixer, bad files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.ir import Api, Enum, Model, Operation, Resource
from generator.upgrade.changes import PairChanges, pair_changes, root_id
from generator.upgrade.check import check
from generator.upgrade.fix import apply
from generator.upgrade.match import match
from generator.upgrade.scan import scan

from .support import fixture_version


def _findings(pc: PairChanges, source: str) -> list[tuple[int, int, str, str | None]]:
    return [(f.line, f.col, f.kind, f.replacement) for f in match(scan(source, pc.old_index), pc, "x.py")]


def _rename_python_names(api: Api) -> Api:
    """`after` as a naming rule change would give it: same wire names, other Python names."""

    def operation(op: Operation) -> Operation:
        if op.python_name != "get_cluster_metrics":
            return op
        params = tuple(dataclasses.replace(p, name="cluster") if p.name == "cluster_id" else p for p in op.parameters)
        return dataclasses.replace(op, parameters=params)

    def resource(r: Resource) -> Resource:
        return dataclasses.replace(r, operations=tuple(operation(op) for op in r.operations))

    def model(m: Model) -> Model:
        if m.class_name == "Report":
            return dataclasses.replace(m, class_name="ReportItem")
        fields = tuple(dataclasses.replace(f, name="gpus") if f.name == "gpu_count" else f for f in m.fields)
        return dataclasses.replace(m, fields=fields)

    def enum(e: Enum) -> Enum:
        members = tuple(dataclasses.replace(m, name="IS_READY") if m.name == "READY" else m for m in e.members)
        return dataclasses.replace(e, members=members)

    return dataclasses.replace(
        api,
        resources=tuple(resource(r) for r in api.resources),
        models=tuple(model(m) for m in api.models),
        enums=tuple(enum(e) for e in api.enums),
    )


SOURCE = """\
from runai_v1_0 import Client
from runai_v1_0.models import ClusterState, Report

client = Client("https://runai.example.com")
metrics = client.clusters.get_cluster_metrics(
    cluster_id="c1",  # the cluster
    start="2025-01-01",
)
print(metrics.gpu_count, ClusterState.READY)
"""


def test_python_only_renames_are_certain_and_have_their_own_changes() -> None:
    after = fixture_version("after")
    pc = pair_changes(fixture_version("before"), dataclasses.replace(after, api=_rename_python_names(after.api)))
    found = match(scan(SOURCE, pc.old_index), pc, "x.py")
    renamed = {(f.line, f.python, f.replacement, f.rule, f.fixable) for f in found if f.kind == "renamed"}
    assert renamed == {
        (2, "Report", "ReportItem", "model-class-renamed", False),  # other uses in the file: not certain
        (6, "clusters.get_cluster_metrics(cluster_id=)", "cluster", "parameter-python-name-changed", True),
        (9, "ClusterMetrics.gpu_count", "gpus", "model-field-changed", True),
        (9, "ClusterState.READY", "IS_READY", "enum-member-changed", True),
    }
    by_fingerprint = {c.fingerprint: c for c in pc.changes}
    assert all(f.root == root_id(by_fingerprint[str(f.change)]) for f in found if f.change)
    fixed, _ = apply(SOURCE, [e for f in found for e in f.edits])
    assert fixed == SOURCE.replace("runai_v1_0", "runai_v1_1").replace("cluster_id=", "cluster=").replace(
        ".gpu_count", ".gpus"
    ).replace(".READY", ".IS_READY")


def test_fix_keeps_layout_and_comments(fixture_pair: PairChanges) -> None:
    source = (
        "import runai_v1_0 as r  # the client\n\n"
        "c = r.Client(  # built here\n    'https://x',\n)\n"
        "c.clusters.get_cluster_metrics(cluster_id='c',\n    nodepool_name = 'p',   # odd spacing kept\n    start='s')\n"
    )
    found = match(scan(source, fixture_pair.old_index), fixture_pair, "x.py")
    fixed, applied = apply(source, [e for f in found for e in f.edits])
    assert fixed == source.replace("runai_v1_0", "runai_v1_1").replace("nodepool_name =", "node_pool_name =")
    assert len(applied) == 2


def test_names_are_followed_only_while_they_hold_the_client(fixture_pair: PairChanges) -> None:
    source = (
        "from runai_v1_0 import Client\n"
        "client = Client()\n"
        "client.clusters.delete_cluster(cluster_id='a')\n"
        "def g(client) -> None:  # a parameter hides the module's client\n"
        "    client.clusters.delete_cluster(cluster_id='a')\n"
        "client = object()\n"
        "client.clusters.delete_cluster(cluster_id='a')\n"
        "def f(client: Client) -> None:\n"
        "    client.clusters.delete_cluster(cluster_id='a')\n"
    )
    assert [(line, kind) for line, _, kind, _ in _findings(fixture_pair, source)] == [
        (1, "module"),
        (3, "removed"),
        (9, "removed"),
    ]


def test_other_packages_and_unknown_names_are_ignored(fixture_pair: PairChanges) -> None:
    source = (
        "import runai_v1_0\n"
        "from other import Client\n"
        "Client().clusters.delete_cluster()\n"
        "runai_v1_0.Client().nothing.here()\n"
        "runai_v1_0.models.Report(id='1')\n"
    )
    assert [(line, kind) for line, _, kind, _ in _findings(fixture_pair, source)] == [
        (1, "module"),
        (4, "module"),
        (5, "module"),
    ]


def test_files_that_cannot_be_read_are_reported_and_the_rest_checked(fixture_pair: PairChanges, tmp_path: Path) -> None:
    (tmp_path / "latin1.py").write_bytes(b"# caf\xe9\nimport runai_v1_0\n")
    (tmp_path / "bad.py").write_text("import runai_v1_0\nx = (\n", encoding="utf-8")
    (tmp_path / "good.py").write_text("import runai_v1_0\n", encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "skipped.py").write_text("import runai_v1_0\n", encoding="utf-8")
    report = check([tmp_path], fixture_pair)
    assert [(Path(e.file).name, e.line, e.message[:12]) for e in report.errors] == [
        ("bad.py", 2, "syntax error"),
        ("latin1.py", 1, "not UTF-8 te"),
    ]
    assert [Path(f.file).name for f in report.findings] == ["good.py"]


def test_a_resource_the_target_lacks_is_reported_where_it_is_taken() -> None:
    after = fixture_version("after")
    without_reports = dataclasses.replace(
        after.api, resources=tuple(r for r in after.api.resources if r.attribute != "reports")
    )
    pc = pair_changes(fixture_version("before"), dataclasses.replace(after, api=without_reports))
    source = (
        "from runai_v1_0 import Client\n"
        "reports = Client().reports\n"
        "reports.fetch_reports()\n"
        "Client().reports.fetch_reports()\n"
    )
    found = match(scan(source, pc.old_index), pc, "x.py")
    assert [(f.line, f.kind, f.rule, f.fixable) for f in found] == [
        (1, "module", None, True),
        (2, "removed", "operation-removed", False),
        (3, "removed", "operation-removed", False),
        (4, "removed", "operation-removed", False),
    ]
