"""The repository's own code meets the bar of the code it generates: mypy --strict, black."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generator_passes_mypy_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "generator"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_black_formatted() -> None:
    """Generator, runtime templates, scripts and tests (the golden record is generated output)."""
    paths = ["generator", "templates/runtime", "scripts", "tests"]
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--exclude", "tests/golden", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
