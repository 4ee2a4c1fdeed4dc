"""Session fixtures shared by test directories: the real documents and their generated packages.

The real documents come from the mirror (env RUNAI_SPECS_MIRROR, default ../shared/specs); without
it these fixtures skip locally and fail under CI. The four packages are generated once per test run
even under xdist: the first worker to ask generates them under a file lock, in a directory every
worker of the run shares; the others wait for the lock and read what it wrote.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import specs
from generator.generate import Job, generate

REPO = Path(__file__).resolve().parents[1]
REAL_VERSIONS = ("2.22", "2.23", "2.24", "latest")


def specs_mirror() -> Path:
    """The mirror directory; a missing mirror skips the caller locally and fails it in CI."""
    path = Path(os.environ.get("RUNAI_SPECS_MIRROR") or REPO.parent / "shared" / "specs")
    if not all((path / f"{v}.json").is_file() for v in REAL_VERSIONS):
        message = f"no mirror of the real documents at {path} (set RUNAI_SPECS_MIRROR)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of this run that every xdist worker sees (the run's own temp dir without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def real_generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """{"documents": version → synced document, "packages": version → package directory}."""
    mirror = specs_mirror()
    shared = _shared_dir(tmp_path_factory) / "real"
    shared.mkdir(exist_ok=True)
    index = shared / "index.json"
    with _locked(shared / ".lock"):
        if not index.is_file():
            pins = specs.load_pins()
            specs.sync(pins, REAL_VERSIONS, mirror, shared / "synced")
            documents = {v: specs.synced_path(v, shared / "synced") for v in REAL_VERSIONS}
            ordered = [pins[v] for v in REAL_VERSIONS]
            jobs = [
                Job(pin, documents[pin.version], (before, documents[before.version]) if before else None)
                for before, pin in zip([None, *ordered[:-1]], ordered)
            ]
            outcomes = generate(jobs, shared / "generated")
            failed = [(o.version, [str(d) for d in o.diagnostics[:3]]) for o in outcomes if o.status != "written"]
            assert not failed, failed
            packages = {o.version: o.target for o in outcomes}
            index.write_text(
                json.dumps(
                    {
                        "documents": {v: str(p) for v, p in documents.items()},
                        "packages": {v: str(p) for v, p in packages.items()},
                    }
                )
            )
    recorded = json.loads(index.read_text())
    return {kind: {v: Path(p) for v, p in paths.items()} for kind, paths in recorded.items()}


@pytest.fixture(scope="session")
def real_documents(real_generated: dict[str, dict[str, Path]]) -> dict[str, Path]:
    """version → the real document, synced (hash-verified) from the mirror."""
    return real_generated["documents"]


@pytest.fixture(scope="session")
def real_packages(real_generated: dict[str, dict[str, Path]]) -> dict[str, Path]:
    """version → its generated package directory (holding `pyproject.toml`)."""
    return real_generated["packages"]


# Summary lines that tests record with `record_property("summary", line)` (the contract tests: one
# per version), printed at the end of the run. Hooks live here, not beside those tests, because
# under xdist only this conftest is loaded by the controller, which prints the terminal summary.
_SUMMARIES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _SUMMARIES.extend(str(value) for name, value in report.user_properties if name == "summary")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SUMMARIES:
        terminalreporter.section("summaries")
        for line in sorted(_SUMMARIES):
            terminalreporter.write_line(line)
