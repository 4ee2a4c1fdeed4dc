"""The runtime tests' package (`rt`), generated once per session from runtime_api.json, and its helpers.

`rt.usage` (typing_usage.py, copied into the package) is only type-checked, never imported. The
fault-injection tests use the fixture document's generated package instead (`runai`).
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from rt_support import BASE_URL, RT_PACKAGE, RT_VERSION, Recorder

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated distribution directory; its package `runai_v0_0` also holds `usage.py` for mypy."""
    from tests.generation.gen_support import generate_document

    target = generate_document(HERE / "runtime_api.json", tmp_path_factory.mktemp("rt"), RT_VERSION)
    shutil.copy(HERE / "typing_usage.py", target / RT_PACKAGE / "usage.py")
    return target


@pytest.fixture(scope="session")
def rt(package_dir: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(package_dir))
    try:
        importlib.import_module(f"{RT_PACKAGE}.models")  # so that `rt.models` is an attribute
        yield importlib.import_module(RT_PACKAGE)
    finally:
        sys.path.remove(str(package_dir))


@pytest.fixture(autouse=True)
def sleeps(rt: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry delays, recorded instead of slept."""
    delays: list[float] = []

    async def async_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(rt._runtime._retries, "sleep", delays.append)
    monkeypatch.setattr(rt._runtime._retries, "async_sleep", async_sleep)
    return delays


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("RUNAI_BASE_URL", "RUNAI_TOKEN", "RUNAI_CLIENT_ID", "RUNAI_CLIENT_SECRET", "RUNAI_CA_BUNDLE")
    for name in (*names, "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="session")
def runai(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The fixture document's generated package (`runai_v1_0`), importable for the session."""
    from tests.generation.gen_support import FIXTURE, generate_document

    target = generate_document(FIXTURE, tmp_path_factory.mktemp("faults"))
    sys.path.insert(0, str(target))
    try:
        yield importlib.import_module("runai_v1_0")
    finally:
        sys.path.remove(str(target))


@pytest.fixture
def waits(runai: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry delays of the generated package, recorded instead of slept."""
    delays: list[float] = []

    async def async_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(runai._runtime._retries, "sleep", delays.append)
    monkeypatch.setattr(runai._runtime._retries, "async_sleep", async_sleep)
    return delays


@pytest.fixture
def make_client(rt: ModuleType) -> Callable[..., Any]:
    """A sync client on a Recorder's transport, with a static token unless told otherwise."""

    def make(recorder: Recorder, **kwargs: Any) -> Any:
        if "client_id" not in kwargs:
            kwargs.setdefault("token", "static-token")
        return rt.Client(BASE_URL, transport=recorder.transport, **kwargs)

    return make


@pytest.fixture
def make_async_client(rt: ModuleType) -> Callable[..., Any]:
    """The async twin of `make_client`."""

    def make(recorder: Recorder, **kwargs: Any) -> Any:
        if "client_id" not in kwargs:
            kwargs.setdefault("token", "static-token")
        return rt.AsyncClient(BASE_URL, transport=recorder.transport, **kwargs)

    return make
