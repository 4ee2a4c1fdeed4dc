"""The repository's own code meets the bar of the code it generates: mypy --strict, black; and all of it ships."""

from __future__ import annotations

import subprocess
import sys
import tomllib
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


def test_every_generator_package_ships() -> None:
    """setuptools lists the packages by hand (templates and pins are mapped in): a new subpackage left off
    the list is missing from an installed tool."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "generator").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set()
