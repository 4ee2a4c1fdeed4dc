"""Session fixtures: the fixture pair's changes and packages; the real 2.22 -> 2.24 pair's changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.sources import load, resolve
from generator.upgrade.changes import PairChanges, pair_changes
from tests.diff.helpers import need_mirror

from .support import fixture_version, generate_fixture


@pytest.fixture(scope="session")
def fixture_pair() -> PairChanges:
    return pair_changes(fixture_version("before"), fixture_version("after"))


@pytest.fixture(scope="session")
def fixture_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("upgrade-fixture")
    return {name: generate_fixture(name, out) for name in ("before", "after")}


@pytest.fixture(scope="session")
def real_pair() -> PairChanges:
    """2.22 -> 2.24 with 2.23 in the history (as the CLI loads them)."""
    need_mirror()
    versions = [load(resolve(v)) for v in ("2.22", "2.23", "2.24")]
    return pair_changes(versions[0], versions[2], versions)
