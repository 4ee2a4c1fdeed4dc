"""Generate the fixture document's package once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gen_support import FIXTURE, generate_document


@pytest.fixture(scope="session")
def fixture_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture document's package, importable as `runai_v1_0` for the session."""
    target = generate_document(FIXTURE, tmp_path_factory.mktemp("fixture"))
    sys.path.insert(0, str(target))
    yield target
    sys.path.remove(str(target))
