"""The IR cache (hit, invalidation by code, corrupt entries) and `diff NEW OLD` warning about the order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build_api
from generator.diff import ircache
from generator.diff.cli import diff_command
from generator.diff.policy import digest
from generator.ir import Api

from .helpers import base, need_mirror


@pytest.fixture()
def document(tmp_path: Path) -> Path:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(base()), encoding="utf-8")
    return path


def _counting_builder(path: Path) -> tuple[list[int], Callable[[], Api]]:
    calls: list[int] = []

    def build() -> Api:
        calls.append(1)
        return build_api(json.loads(path.read_text()), version="2.22", file=str(path)).api

    return calls, build


def test_a_second_load_comes_from_the_cache(document: Path, tmp_path: Path) -> None:
    calls, build = _counting_builder(document)
    cache = tmp_path / "ir"
    first = ircache.cached_api(document, "2.22", build, cache)
    second = ircache.cached_api(document, "2.22", build, cache)
    assert first == second and len(calls) == 1
    assert ircache.cached_digest(document, "2.22", build, cache) == digest(first)
    assert len(calls) == 1  # the digest was made from the cached IR
    ircache.cached_api(document, "2.23", build, cache)
    assert len(calls) == 2  # the label names the package: another entry


def test_new_builder_code_or_a_corrupt_entry_rebuilds(
    document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, build = _counting_builder(document)
    cache = tmp_path / "ir"
    ircache.cached_api(document, "2.22", build, cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    ircache.cached_api(document, "2.22", build, cache)
    assert len(calls) == 2
    monkeypatch.setattr(ircache, "builder_fingerprint", lambda: "f" * 64)
    ircache.cached_api(document, "2.22", build, cache)
    assert len(calls) == 3
    assert [p.name.split("-")[1] for p in cache.glob("*.pickle")] == ["f" * 16 + ".pickle"]  # stale one pruned
    ircache.cached_api(document, "2.22", build, None)
    assert len(calls) == 4


def test_the_builder_fingerprint_covers_the_builder_not_the_commands() -> None:
    hashed = {p.name for p in ircache.builder_files()}
    builder = {p.name for p in ircache._BUILDER.glob("build*.py")}
    assert {"build.py", "build_schemas.py", "build_operations.py", "build_references.py"} <= builder <= hashed
    assert {"ir.py", "naming.py", "deprecation.py", "constraints.py"} <= hashed
    assert not {"cli.py", "render.py", "modules.py"} & hashed


def test_reversed_order_warns_and_still_reports() -> None:
    need_mirror()
    result = CliRunner().invoke(diff_command, ["2.24", "2.23", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "warning: 2.24 is newer than 2.23" in result.stderr
    assert "runai-sdkgen diff 2.23 2.24" in result.stderr
    upgrade = CliRunner().invoke(diff_command, ["2.23", "2.24", "--format", "json"])
    assert "warning" not in upgrade.stderr
