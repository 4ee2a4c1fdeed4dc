"""The real pair 2.22 -> 2.24 on the sample projects: exact findings, root ids shared with `diff`, SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.diff import roots, rules
from generator.diff.report import diff_pair
from generator.upgrade.changes import PairChanges, root_id

from .support import SAMPLES, run_cli, sarif_schema

REAL = SAMPLES / "real"

# Every use the upgrade affects, and nothing else: (file, line, col, kind).
EXPECTED = {
    ("broken/fine.py", 1, 1, "module"),
    ("broken/fine.py", 4, 15, "removed"),  # logout.logout
    ("dashboards/audit.py", 6, 1, "module"),
    ("dashboards/audit.py", 13, 23, "made-optional"),  # AuditLog.entity_id
    ("dashboards/audit.py", 18, 44, "renamed"),  # workloads_priorities -> workload_properties
    ("dashboards/audit.py", 19, 22, "renamed"),  # the same resource, kept in a variable (the call is fine then)
    ("ml_platform/ml_platform/connect.py", 3, 1, "module"),
    ("ml_platform/ml_platform/housekeeping.py", 3, 1, "module"),
    ("ml_platform/ml_platform/housekeeping.py", 8, 30, "deprecated"),  # nodes.get_nodes
    ("ml_platform/ml_platform/housekeeping.py", 10, 39, "renamed"),  # workloads -> workload_properties
    ("ml_platform/ml_platform/housekeeping.py", 13, 29, "deprecated"),  # Workload.idle_gpus
    ("ml_platform/ml_platform/housekeeping.py", 14, 23, "removed"),  # logout.logout
    ("ml_platform/ml_platform/notify.py", 3, 1, "module"),
    ("ml_platform/ml_platform/notify.py", 4, 1, "module"),
    ("ml_platform/ml_platform/notify.py", 8, 85, "deprecated"),  # TokenRequest.appSecret (dict key)
    ("ml_platform/ml_platform/notify.py", 9, 18, "field-removed"),  # TokenResponse.external_token
    ("ml_platform/ml_platform/notify.py", 13, 62, "made-required"),  # NotificationState.enabled
    ("ml_platform/ml_platform/notify.py", 14, 31, "made-required"),  # the same, from a dict body
    ("ml_platform/ml_platform/projects.py", 3, 1, "module"),
    ("ml_platform/ml_platform/projects.py", 4, 1, "module"),
    ("ml_platform/ml_platform/projects.py", 5, 1, "module"),
}


@pytest.fixture(scope="module")
def report(real_pair: PairChanges) -> dict[str, object]:
    result = run_cli("upgrade-check", ".", "--from", "2.22", "--to", "2.24", "--format", "json", cwd=REAL)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _findings(report: dict[str, object]) -> list[dict[str, object]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return findings


def test_every_expected_finding_and_no_other(report: dict[str, object]) -> None:
    got = {(f["file"], f["line"], f["col"], f["kind"]) for f in _findings(report)}
    assert got - EXPECTED == set(), "false findings"
    assert EXPECTED - got == set(), "missed findings"
    assert report["files"] == 9


def test_unparsable_file_is_reported_and_the_rest_checked(report: dict[str, object]) -> None:
    assert report["errors"] == [
        {"file": "broken/not_python.py", "line": 3, "col": 10, "message": "syntax error: invalid syntax"}
    ]
    assert any(f["file"] == "broken/fine.py" for f in _findings(report))


def test_findings_carry_the_root_id_of_the_wire_change(report: dict[str, object], real_pair: PairChanges) -> None:
    by_fingerprint = {c.fingerprint: c for c in real_pair.changes}
    wire_ids = {r.id for r in rules.RULES}
    wire = diff_pair(real_pair.old, real_pair.new, history=[real_pair.old, real_pair.new]).changes
    wire_roots = {r.id for r in roots.group(wire)}
    for f in _findings(report):
        if f["kind"] == "module":
            assert f["root"] is None and f["change"] is None
            continue
        change = by_fingerprint[str(f["change"])]
        assert f["root"] == root_id(change) and f["rule"] == change.rule
        if change.rule in wire_ids:  # the same Change `runai-sdkgen diff` reports, hence the same root
            assert f["root"] in wire_roots
    rules_used = {f["rule"] for f in _findings(report)}
    assert {"operation-removed", "operation-python-name-changed", "operation-deprecated"} <= rules_used


def test_deprecations_name_the_replacement_and_the_earliest_removal(report: dict[str, object]) -> None:
    [nodes] = [f for f in _findings(report) if f["python"] == "nodes.get_nodes"]
    assert nodes["level"] == "deprecation" and nodes["removal"] == "2.26" and nodes["replacement"]


def test_sarif_is_valid_sarif_2_1_0(real_pair: PairChanges) -> None:
    result = run_cli("upgrade-check", ".", "--from", "2.22", "--to", "2.24", "--format", "sarif", cwd=REAL)
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    [run] = sarif["runs"]
    assert len(run["results"]) == len(EXPECTED)
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 10}


def test_text_groups_by_file(real_pair: PairChanges) -> None:
    result = run_cli("upgrade-check", "ml_platform", "--from", "2.22", "--to", "2.24", cwd=REAL)
    lines = result.stdout.splitlines()
    files = [line for line in lines if line and not line.startswith(" ") and line.endswith(".py")]
    assert files == sorted(files) and len(files) == 4  # __init__.py has no finding
    assert "  14:23: breaking: removed: logout.logout (POST /api/v1/logout) is removed in 2.24" in result.stdout


@pytest.mark.parametrize(
    ("paths", "fail_on", "code"),
    [
        (["dashboards"], "breaking", 3),
        (["dashboards"], "deprecation", 3),
        (["ml_platform/ml_platform/connect.py"], "deprecation", 0),  # only a module change
        (["ml_platform/ml_platform/connect.py", "broken"], "deprecation", 3),  # breaking + a file not checked
    ],
)
def test_fail_on(paths: list[str], fail_on: str, code: int, real_pair: PairChanges) -> None:
    result = run_cli("upgrade-check", *paths, "--from", "2.22", "--to", "2.24", "--fail-on", fail_on, cwd=REAL)
    assert result.exit_code == code, result.output


def test_paths_are_shown_as_given_when_outside_the_working_directory(tmp_path: Path, real_pair: PairChanges) -> None:
    sample = tmp_path / "one.py"
    sample.write_text("from runai_v2_22 import Client\n", encoding="utf-8")
    result = run_cli("upgrade-check", str(sample), "--from", "2.22", "--to", "2.24", "--format", "json", cwd=REAL)
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["file"] == sample.as_posix()


def test_the_readme_shows_a_real_run(real_pair: PairChanges) -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = "$ runai-sdkgen upgrade-check tests/upgrade/samples/real/ml_platform --from 2.22 --to 2.24\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0].splitlines()
    result = run_cli(
        "upgrade-check", "tests/upgrade/samples/real/ml_platform", "--from", "2.22", "--to", "2.24", cwd=root
    )
    actual = result.stdout.splitlines()
    assert len(shown) > 10 and all(line in actual for line in shown if line != "...")


def test_sarif_names_files_outside_the_working_directory_by_uri(tmp_path: Path, real_pair: PairChanges) -> None:
    sample = tmp_path / "one.py"
    sample.write_text("from runai_v2_22 import Client\nClient().logout.logout()\n", encoding="utf-8")
    result = run_cli("upgrade-check", str(sample), "--from", "2.22", "--to", "2.24", "--format", "sarif", cwd=REAL)
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif["runs"][0]["results"]]
    assert locations == [{"uri": sample.as_uri()}] * 2
