"""The tool installed from a wheel (not editable) works from an empty directory: templates, runtime
and pins come from the installed package, the workspace from `init`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .support import FIXTURE, REPO, fresh_venv, pip

_NOT_SHIPPED = (".git", ".venv", "node_modules", "generated", "synced", ".cache", "tests", "__pycache__", "dist")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with runai-sdkgen installed from its wheel; the dependencies are borrowed from
    this environment's site-packages (a .pth line) so the test does not download them."""
    tmp = tmp_path_factory.mktemp("install")
    source = Path(shutil.copytree(REPO, tmp / "src", ignore=shutil.ignore_patterns(*_NOT_SHIPPED)))
    built = pip(
        Path(sys.executable), "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "wheels"), str(source)
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (tmp / "wheels").glob("runai_sdkgen-*.whl")
    python = fresh_venv(tmp / "venv", with_site=Path(sysconfig.get_paths()["purelib"]))
    pip(python, "uninstall", "--yes", "setuptools")  # a venv's own copy would shadow the pinned one
    done = pip(python, "install", "--no-deps", "--no-index", str(wheel))
    assert done.returncode == 0, done.stdout + done.stderr
    return python


def tool(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNAI_", "PYTHONPATH"))}
    command = [str(python.parent / "runai-sdkgen"), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_installed_tool_runs_from_an_empty_directory(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [
            str(installed),
            "-c",
            "import generator, generator.paths as p; print(generator.__file__, p.TEMPLATES, p.CHECKOUT)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    venv = installed.parent.parent
    assert all(Path(p).is_relative_to(venv) for p in where[:2]), where
    assert where[2] == "None"

    empty = tmp_path / "empty"
    empty.mkdir()
    result = tool(installed, empty, "specs", "list")
    assert result.returncode == 1 and "runai-sdkgen init DIR" in result.stderr
    assert "Traceback" not in result.stderr

    assert tool(installed, empty, "init", "ws").returncode == 0
    ws = empty / "ws"
    listed = json.loads(tool(installed, ws, "specs", "list", "--json").stdout)
    assert [p["version"] for p in listed] == ["2.22", "2.23", "2.24", "latest"]

    result = tool(installed, ws, "release", "1.0", "--from", str(FIXTURE), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["status"] == "released" and out["package_version"] == "1.0.0"
    assert sorted(p.name for p in (ws / "dist").iterdir()) == [
        "SHA256SUMS",
        "runai_client_v1_0-1.0.0-py3-none-any.whl",
        "runai_client_v1_0-1.0.0.tar.gz",
    ]
    runtime = ws / "generated" / "runai-client-v1-0" / "runai_v1_0" / "_runtime" / "_base_client.py"
    assert runtime.read_bytes().endswith((REPO / "templates" / "runtime" / "_base_client.py").read_bytes())

    result = tool(installed, ws, "validate", "1.0", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["ok"] is True
