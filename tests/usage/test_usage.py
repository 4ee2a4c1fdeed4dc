"""Scripts written as a user would, from the generated README and API.md of `runai_v2_24` only.

Each is type-checked by mypy --strict (no pydantic plugin) and pyright --strict with 0 errors, then run
against Prism serving the 2.24 document. A misspelt import must be an error to both checkers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pyright_support import files_analyzed, pyright_errors, run_pyright

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((Path(__file__).parent / "scripts").glob("*.py"))
NEGATIVE = Path(__file__).parent / "negative" / "misspelt_names.py"


def _mypy(files: list[Path], package_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--strict", "--python-version=3.11", "--no-error-summary"]
    command += [f"--cache-dir={ROOT / '.mypy_cache' / 'usage'}", *map(str, files)]
    return subprocess.run(command, cwd=package_dir, capture_output=True, text=True, check=False)


def test_there_are_at_least_ten_scripts() -> None:
    assert len(SCRIPTS) >= 10, [s.name for s in SCRIPTS]


def test_scripts_pass_mypy_strict(package_dir: Path) -> None:
    result = _mypy(SCRIPTS, package_dir)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_scripts_pass_pyright_strict(package_dir: Path, tmp_path: Path) -> None:
    report = run_pyright(SCRIPTS, package_dir, tmp_path)
    assert pyright_errors(report) == []
    assert files_analyzed(report) >= len(SCRIPTS)


def test_misspelt_names_are_errors_to_both_checkers(package_dir: Path, tmp_path: Path) -> None:
    """`from runai_v2_24.models import ComputeFeilds` must not pass as `Any` (the lazy `__getattr__`)."""
    wanted = ("ComputeFeilds", "Clinet")
    mypy = _mypy([NEGATIVE], package_dir)
    assert mypy.returncode == 1
    for name in wanted:
        assert f'Module "runai_v2_24.models" has no attribute "{name}"' in mypy.stdout or (
            f'Module "runai_v2_24" has no attribute "{name}"' in mypy.stdout
        ), mypy.stdout
    pyright = "\n".join(pyright_errors(run_pyright([NEGATIVE], package_dir, tmp_path)))
    for name in wanted:
        assert f'"{name}" is unknown import symbol' in pyright, pyright


def test_a_misspelt_name_at_run_time_suggests_the_close_one(package_dir: Path) -> None:
    script = """
import runai_v2_24, runai_v2_24.models as models
for module, name in ((models, "TrainingSpecSpc"), (runai_v2_24, "Clinet")):
    try:
        getattr(module, name)
    except AttributeError as error:
        print(error)
try:
    from runai_v2_24.models import ComputeFeilds
except ImportError as error:
    print(type(error).__name__)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=package_dir, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    models_error, package_error, import_error = result.stdout.splitlines()
    assert models_error.startswith(
        "module 'runai_v2_24.models' has no attribute 'TrainingSpecSpc'; did you mean 'TrainingSpecSpec' or "
    )
    assert package_error == "module 'runai_v2_24' has no attribute 'Clinet'; did you mean 'Client'?"
    assert import_error == "ImportError"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_runs_against_prism(script: Path, package_dir: Path, mock_server: str) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(package_dir),
        "RUNAI_BASE_URL": mock_server,
        "RUNAI_CLIENT_ID": "usage-tests",
        "RUNAI_CLIENT_SECRET": "usage-tests-secret",
    }
    env.pop("RUNAI_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", str(script)],
        cwd=script.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (
        result.returncode == 0
    ), f"{script.name} exited with {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
