"""Fixtures of the contract tests: Prism, and the generated packages of the four versions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .prism import PRISM, prism_binary

ROOT = Path(__file__).resolve().parents[2]


def mirror() -> Path:
    return Path(os.environ.get("RUNAI_SPECS_MIRROR") or ROOT.parent / "shared" / "specs")


@pytest.fixture(scope="session")
def prism_available() -> Path:
    binary = prism_binary()
    if binary is None:
        message = f"Prism is not installed ({PRISM} is missing): run `npm ci` at the repository root"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return binary


@pytest.fixture(scope="session")
def generated_packages(tmp_path_factory: pytest.TempPathFactory, prism_available: Path) -> Path:
    """The packages of every pinned version, in a temp dir (never the repo's `generated/`).

    `generated/` is copied in first when it exists: `runai-sdkgen generate` keeps each copy that is
    up to date (its fingerprint covers the generator code and the pinned document) and regenerates
    the others (~25 s for all four).
    """
    source = mirror()
    if not source.is_dir():
        message = f"the specs mirror {source} is missing (set RUNAI_SPECS_MIRROR)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("contract") / "generated"
    if (ROOT / "generated").is_dir():
        shutil.copytree(ROOT / "generated", out, ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "generator.cli", "generate", "--mirror", str(source), "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(command)}` failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the reports go: env RUNAI_CONTRACT_REPORTS, else a pytest temp dir."""
    chosen = os.environ.get("RUNAI_CONTRACT_REPORTS")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("contract-reports")
    path.mkdir(parents=True, exist_ok=True)
    return path


SUMMARIES: list[str] = []


class _Servers:
    """One Prism per version, started once; the next version's starts while this one runs."""

    def __init__(self, logs: Path) -> None:
        from .runner import VERSIONS

        self.order = list(VERSIONS)
        self.logs = logs
        self.servers: dict[str, object] = {}

    def _start(self, version: str) -> None:
        from .prism import PrismServer

        if version not in self.servers:
            document = ROOT / "specs" / "synced" / f"{version}.json"
            self.servers[version] = PrismServer(document, self.logs / f"prism-{version}.log")

    def get(self, version: str):  # type: ignore[no-untyped-def]
        self._start(version)
        index = self.order.index(version)
        if index + 1 < len(self.order):
            self._start(self.order[index + 1])
        return self.servers[version]

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def prism_servers(generated_packages: Path, report_dir: Path):  # type: ignore[no-untyped-def]
    servers = _Servers(report_dir)
    try:
        yield servers
    finally:
        servers.stop()


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if SUMMARIES:
        terminalreporter.section("Prism contract tests")
        for line in SUMMARIES:
            terminalreporter.write_line(line)
