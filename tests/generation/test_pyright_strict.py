"""The whole generated fixture package, its `_runtime/` included, is `pyright --strict` clean: users run it
on their code, and an error inside our package reaches them (CONTRIBUTING.md promises the runtime is clean)."""

from __future__ import annotations

from pathlib import Path

from tests.pyright_support import files_analyzed, pyright_errors, run_pyright


def test_the_generated_package_passes_pyright_strict(fixture_package: Path, tmp_path: Path) -> None:
    package = fixture_package / "runai_v1_0"
    report = run_pyright([package], fixture_package, tmp_path)
    assert pyright_errors(report, relative_to=package) == []
    runtime = sorted((package / "_runtime").glob("*.py"))
    assert len(runtime) > 20 and files_analyzed(report) > len(runtime) + 10
