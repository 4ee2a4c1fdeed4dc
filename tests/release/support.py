"""Shared helpers for the release tests: small workspaces made from the fixture document."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from generator import specs
from generator.cli import main
from generator.generate import Job, generate

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"
FIXTURE = DOCUMENTS / "fixture_runai.json"
BROKEN = DOCUMENTS / "broken_semantics.json"
REPO = Path(__file__).resolve().parents[2]


def generate_fixture(out: Path) -> Path:
    """The fixture's package (version 1.0) generated into `out`."""
    pin = specs.Pin("1.0", hashlib.sha256(FIXTURE.read_bytes()).hexdigest(), None, None, None, "release")
    [outcome] = generate([Job(pin, FIXTURE)], out, cache_dir=None)
    assert outcome.status == "written", [str(d) for d in outcome.diagnostics]
    return outcome.target


def empty_workspace(root: Path) -> Path:
    """A workspace with no pins yet (the tests pin the fixture with `release --from`)."""
    root.mkdir(parents=True, exist_ok=True)
    specs.save_pins([], root / "pins.json")
    return root


def variant(tmp: Path, name: str, *, add: bool = False, remove: bool = False) -> Path:
    """The fixture with one operation added (an info change) or removed (a breaking change)."""
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(document)
    if add:
        changed["paths"]["/api/v1/untagged-copy"] = copy.deepcopy(document["paths"]["/api/v1/untagged"])
    if remove:
        del changed["paths"]["/api/v1/untagged"]
    path = tmp / name
    path.write_text(json.dumps(changed, indent=1), encoding="utf-8")
    return path


def run(workspace: Path, *args: str) -> Result:
    """Run the CLI in-process against `workspace`."""
    return CliRunner().invoke(main, ["--workspace", str(workspace), *args])


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under `root` (caches aside) with its hash and modification time."""
    return {
        str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def fresh_venv(path: Path, python: str = sys.executable, *, with_site: Path | None = None) -> Path:
    """A new virtual environment; `with_site` appends another site-packages directory (for speed)."""
    subprocess.run([python, "-m", "venv", str(path)], check=True)
    if with_site is not None:
        code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        own = subprocess.run([str(path / "bin" / "python"), "-c", code], check=True, capture_output=True, text=True)
        (Path(own.stdout.strip()) / "dev-site.pth").write_text(f"{with_site}\n", encoding="utf-8")
    return path / "bin" / "python"


def pip(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [str(python), "-m", "pip", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
