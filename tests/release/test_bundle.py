"""`runai-sdkgen bundle`: a wheelhouse that installs with no index, for this Python and the lowest
one the packages claim (3.10), each in a fresh venv."""

from __future__ import annotations

import glob
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .support import FIXTURE, empty_workspace, fresh_venv, pip, run

LOWEST = "3.10"  # the packages' requires-python floor: tested here, not just claimed
_SMOKE = """
import importlib, pkgutil, httpx, runai_v1_0
from runai_v1_0 import Client
modules = [m.name for m in pkgutil.walk_packages(runai_v1_0.__path__, "runai_v1_0.")]
for name in modules:
    importlib.import_module(name)
client = Client("http://127.0.0.1:9", token="t", transport=httpx.MockTransport(lambda r: httpx.Response(200)))
print(runai_v1_0.__version__, len(modules))
"""


def _python(version: str) -> str | None:
    """An interpreter for `version`: this one, or a pyenv install (the CI machine has them)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    found = sorted(glob.glob(f"/root/.pyenv/versions/{version}.*/bin/python{version}"))
    return found[-1] if found else None


def test_bundle_installs_offline_and_imports(tmp_path: Path) -> None:
    ws = empty_workspace(tmp_path / "ws")
    assert run(ws, "release", "1.0", "--from", str(FIXTURE)).exit_code == 0
    current = f"{sys.version_info.major}.{sys.version_info.minor}"
    lowest = _python(LOWEST)
    if lowest is None:
        pytest.fail(f"no Python {LOWEST} on this machine to test the lowest version the packages claim")
    out = tmp_path / "wheelhouse"
    result = run(ws, "bundle", "1.0", "--out", str(out), "--python", current, "--python", LOWEST, "--json")
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    assert made["install"] == f"pip install --no-index --find-links {out} runai-client-v1-0"
    names = {p.name for p in out.iterdir()}
    assert {"requirements.lock", "SHA256SUMS", "INSTALL.txt", "runai_client_v1_0-1.0.0-py3-none-any.whl"} <= names
    assert any(n.startswith("exceptiongroup-") for n in names)  # needed by anyio on 3.10 only
    for line in (out / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest

    for python in dict.fromkeys([sys.executable, lowest]):
        venv = fresh_venv(tmp_path / f"venv-{Path(python).name}", python)
        done = pip(venv, "install", "--no-index", "--find-links", str(out), "runai-client-v1-0")
        assert done.returncode == 0, done.stdout + done.stderr
        smoke = subprocess.run([str(venv), "-c", _SMOKE], capture_output=True, text=True, cwd=tmp_path)
        assert smoke.returncode == 0, smoke.stderr
        assert smoke.stdout.split()[0] == "1.0.0"

    locked = pip(
        fresh_venv(tmp_path / "venv-locked"),
        "install",
        "--no-index",
        "--find-links",
        str(out),
        "--require-hashes",
        "-r",
        str(out / "requirements.lock"),
    )
    assert locked.returncode == 0, locked.stdout + locked.stderr


def test_bundle_before_release_says_what_to_do(tmp_path: Path) -> None:
    ws = empty_workspace(tmp_path / "ws")
    result = run(ws, "bundle", "1.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "run: runai-sdkgen release 1.0" in result.stderr
