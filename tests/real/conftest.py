"""The real Run:ai documents, from the mirror (env RUNAI_SPECS_MIRROR, default ../shared/specs), and
their packages generated once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import specs
from generator.generate import Job, generate

REPO = Path(__file__).resolve().parents[2]
VERSIONS = ("2.22", "2.23", "2.24", "latest")


def mirror() -> Path:
    """The mirror directory; a missing mirror skips these tests locally and fails them in CI."""
    path = Path(os.environ.get("RUNAI_SPECS_MIRROR", REPO.parent / "shared" / "specs"))
    if not (path / "2.24.json").is_file():
        message = f"no mirror of the real documents at {path} (set RUNAI_SPECS_MIRROR)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def synced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four documents, synced from the mirror (hash-verified) into a temp dir."""
    dest = tmp_path_factory.mktemp("synced")
    pins = specs.load_pins()
    specs.sync(pins, VERSIONS, mirror(), dest)
    return {v: specs.synced_path(v, dest) for v in VERSIONS}


@pytest.fixture(scope="session")
def packages(synced: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """version → generated package directory, for the four real versions."""
    pins = specs.load_pins()
    ordered = [pins[v] for v in VERSIONS]
    jobs = [
        Job(pin, synced[pin.version], (before, synced[before.version]) if before else None)
        for before, pin in zip([None, *ordered[:-1]], ordered)
    ]
    outcomes = generate(jobs, tmp_path_factory.mktemp("generated"))
    assert all(o.status == "written" for o in outcomes), [(o.version, o.diagnostics[:3]) for o in outcomes]
    return {o.version: o.target for o in outcomes}
