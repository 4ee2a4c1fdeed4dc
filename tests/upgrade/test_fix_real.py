"""`--fix` on the real sample projects (2.22 -> 2.24): the unified diff, and mypy against the real 2.24 package."""

from __future__ import annotations

import json
from pathlib import Path

from .support import copy_samples, mypy_errors, run_cli


def test_fix_output_type_checks_against_2_24(real_packages: dict[str, Path], tmp_path: Path) -> None:
    project = copy_samples("real", tmp_path)
    before = mypy_errors(project, real_packages["2.22"], tmp_path / "cache-22")
    result = run_cli(
        "upgrade-check",
        ".",
        "--from",
        "2.22",
        "--to",
        "2.24",
        "--fix",
        "--format",
        "json",
        "--out",
        "left.json",
        cwd=project,
    )
    assert result.exit_code == 0, result.output
    diff = result.stdout
    assert "-from runai_v2_22 import Client as RunaiClient\n+from runai_v2_24 import Client as RunaiClient\n" in diff
    assert "-        categories = client.workloads.list_categories()  # moved to workload_properties\n" in diff
    assert (
        "+        categories = client.workload_properties.list_categories()  # moved to workload_properties\n" in diff
    )
    assert "+import runai_v2_24.models as m\n" in diff
    left = json.loads((project / "left.json").read_text())
    assert left["fixed"] == 11 and left["counts"] == {"breaking": 5, "deprecation": 3, "info": 0}
    assert "runai_v2_22" not in "".join(p.read_text() for p in project.rglob("*.py"))

    after = mypy_errors(project, real_packages["2.24"], tmp_path / "cache-24")
    new_errors = after - before  # the samples' own errors against 2.22 (see the report) are not the upgrade's
    breaking = {(f["file"], f["line"]) for f in left["findings"] if f["level"] == "breaking"}
    assert new_errors <= breaking, "the fix broke something, or a breaking change went unreported"
    # what mypy cannot see: a dict body lacking a required key (the method takes a Mapping)
    assert breaking - new_errors == {("ml_platform/ml_platform/notify.py", 14)}
