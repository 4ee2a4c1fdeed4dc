"""The top-level README's Python example uses only what the real 2.24 package has."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .support import REPO

_CHECK = """
import sys
sys.path[:0] = [".", sys.argv[1]]
from readme_check import check
problems = check("runai_v2_24", open(sys.argv[2], encoding="utf-8").read())
print("\\n".join(problems))
sys.exit(1 if problems else 0)
"""


def test_readme_example_matches_the_generated_client(real_packages: dict[str, Path]) -> None:
    readme = REPO / "README.md"
    assert "from runai_v2_24 import" in readme.read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _CHECK, str(REPO / "tests" / "real"), str(readme)],
        cwd=real_packages["2.24"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
