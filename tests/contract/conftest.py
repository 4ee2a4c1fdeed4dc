"""Fixtures of the contract tests: one Prism per version, and where the reports go.

The documents and packages are the session's `real_documents` and `real_packages` (tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .prism import PRISM, prism_binary


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
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the reports go: env RUNAI_CONTRACT_REPORTS, else a pytest temp dir."""
    chosen = os.environ.get("RUNAI_CONTRACT_REPORTS")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("contract-reports")
    path.mkdir(parents=True, exist_ok=True)
    return path


class _Servers:
    """One Prism per version, started once; the next version's starts while this one runs."""

    def __init__(self, documents: dict[str, Path], logs: Path) -> None:
        from .runner import VERSIONS

        self.order = list(VERSIONS)
        self.documents = documents
        self.logs = logs
        self.servers: dict[str, object] = {}

    def _start(self, version: str) -> None:
        from .prism import PrismServer

        if version not in self.servers:
            self.servers[version] = PrismServer(self.documents[version], self.logs / f"prism-{version}.log")

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
def prism_servers(
    prism_available: Path, real_documents: dict[str, Path], report_dir: Path  # type: ignore[no-untyped-def]
):
    servers = _Servers(real_documents, report_dir)
    try:
        yield servers
    finally:
        servers.stop()
