"""Fuzzing: random valid OpenAPI 3.0 documents (`fuzz_documents.py`) must generate packages that import,
construct every model and pass mypy --strict.

Generating is per example; the import and mypy checks run once over all the packages of the run
(mypy per package would take minutes). The CI run is bounded by RUNAI_FUZZ_EXAMPLES (default 20,
about two minutes on a busy machine); `scripts/fuzz` runs a long one. Every crash found is kept as a
fixed document in tests/documents/fuzz/, generated and checked here on every run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fuzz_documents import documents
from gen_support import DOCUMENTS, pin_for
from hypothesis import HealthCheck, Phase, given, settings
from package_check import check_packages

from generator.generate import Job, generate
from generator.naming import package_name

EXAMPLES = int(os.environ.get("RUNAI_FUZZ_EXAMPLES", "20"))
# shrinking a failure can take minutes: only the long run (scripts/fuzz) shrinks
PHASES = list(Phase) if os.environ.get("RUNAI_FUZZ_SHRINK") else [Phase.explicit, Phase.generate]
FIXED = sorted((DOCUMENTS / "fuzz").glob("*.json"))


class _Run:
    """The packages generated so far in this module, by import name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.packages: dict[str, Path] = {}

    def generate(self, document: dict[str, object] | Path) -> None:
        version = f"9.{len(self.packages)}"
        if isinstance(document, Path):
            path = document
        else:
            path = self.root / "documents" / f"{version}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(document, indent=1))
        [outcome] = generate([Job(pin_for(path, version), path)], self.root / "out", cache_dir=None)
        assert outcome.status == "written", (str(path), [str(d) for d in outcome.diagnostics])
        self.packages[package_name(version)] = outcome.target


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> _Run:
    return _Run(tmp_path_factory.mktemp("fuzz"))


def test_fixed_crash_documents_generate(run: _Run) -> None:
    assert FIXED, "tests/documents/fuzz/ holds the documents of the crashes found so far"
    for document in FIXED:
        run.generate(document)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=PHASES,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(document=documents())
def test_random_valid_documents_generate(document: dict[str, object], run: _Run) -> None:
    run.generate(document)


def test_every_generated_package_imports_constructs_and_type_checks(run: _Run, tmp_path: Path) -> None:
    assert len(run.packages) >= len(FIXED) + 1
    printed = check_packages(run.packages, tmp_path / "mypy")
    assert len(printed.splitlines()) == len(run.packages)
