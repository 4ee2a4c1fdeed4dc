"""Running the pinned pyright (package.json, `npm ci`) in strict mode over some files, as a user of a
generated package would, and reading its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


def run_pyright(files: list[Path], package_dir: Path, tmp_path: Path) -> dict[str, object]:
    """The JSON report of `pyright --strict` over `files` (files or directories), with the packages under
    `package_dir` importable; its config lives in `tmp_path`, which must hold nothing else."""
    if not PYRIGHT.exists():
        pytest.fail(f"{PYRIGHT} is missing: run `npm ci` at the repository root", pytrace=False)
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11", "extraPaths": [str(package_dir)]}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    command = [str(PYRIGHT), "--outputjson", "-p", str(tmp_path / "pyrightconfig.json"), "--pythonpath", sys.executable]
    command += [str(f) for f in files]  # only these files (the config's directory holds nothing else)
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    try:
        report: dict[str, object] = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pyright gave no report: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    return report


def pyright_errors(report: dict[str, object], relative_to: Path | None = None) -> list[str]:
    """The report's errors as `file:line: message [rule]` (file names relative to `relative_to`, or bare)."""
    diagnostics = report.get("generalDiagnostics")
    assert isinstance(diagnostics, list)
    errors = []
    for d in diagnostics:
        if d.get("severity") != "error":
            continue
        path = Path(d["file"])
        name = path.relative_to(relative_to) if relative_to else path.name
        rule = f" [{d['rule']}]" if d.get("rule") else ""
        errors.append(f"{name}:{d['range']['start']['line'] + 1}: {d['message']}{rule}")
    return errors


def files_analyzed(report: dict[str, object]) -> int:
    """How many files pyright read (a check that it looked at what it was given)."""
    summary = report.get("summary")
    assert isinstance(summary, dict)
    count = summary["filesAnalyzed"]
    assert isinstance(count, int)
    return count
