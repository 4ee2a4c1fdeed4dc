"""The runtime, the generated code using it and user code using both pass mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rt_support import RT_PACKAGE

REPO = Path(__file__).resolve().parents[2]


def test_mypy_strict(package_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version=3.11",
            f"--cache-dir={REPO / '.mypy_cache' / 'runtime-tests'}",
            "-p",
            RT_PACKAGE,
        ],
        cwd=package_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
