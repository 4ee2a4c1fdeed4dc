"""Bad input to `upgrade-check`: clear messages, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import run_cli


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("2.21", "2.24", "'2.21' is not a pinned version"),
        ("2.22", "9.9", "'9.9' is not a pinned version"),
        ("2.24", "2.22", "2.22 is not newer than --from 2.24"),
        ("2.24", "2.24", "2.24 is not newer than --from 2.24"),
    ],
)
def test_unknown_or_misordered_versions(old: str, new: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import runai_v2_22\n", encoding="utf-8")
    result = run_cli("upgrade-check", str(tmp_path), "--from", old, "--to", new)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output + result.stderr


def test_missing_path(tmp_path: Path) -> None:
    result = run_cli("upgrade-check", str(tmp_path / "nope"), "--from", "2.22", "--to", "2.24")
    assert result.exit_code == 2 and "does not exist" in result.stderr
