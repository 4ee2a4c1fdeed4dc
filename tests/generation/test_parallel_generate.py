"""Versions written by forked children, and pins of the same bytes built once, give what one version
at a time gives."""

from __future__ import annotations

import dataclasses
import filecmp
import json
import shutil
from pathlib import Path

import pytest

from generator import forks
from generator import generate as generate_module
from generator import load
from generator.build import build_api, relabel
from generator.generate import Job, generate
from generator.render import Renderer

from gen_support import FIXTURE, pin_for


def _copies(tmp_path: Path, names: dict[str, Path]) -> dict[str, Path]:
    """Test documents copied into one directory as `VERSION.json` (how synced documents are named)."""
    synced = tmp_path / "synced"
    synced.mkdir()
    out = {}
    for version, source in names.items():
        out[version] = synced / f"{version}.json"
        shutil.copyfile(source, out[version])
    return out


def _other_document(tmp_path: Path) -> Path:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["info"]["title"] = "Another title"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _jobs(documents: dict[str, Path]) -> list[Job]:
    return [Job(pin_for(path, version), path) for version, path in documents.items()]


def _same_tree(left: Path, right: Path) -> None:
    compared = filecmp.dircmp(left, right)
    assert not compared.left_only and not compared.right_only, (compared.left_only, compared.right_only)
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    assert not mismatch and not errors, (left, mismatch, errors)
    for sub in compared.common_dirs:
        _same_tree(left / sub, right / sub)


def test_relabelled_ir_equals_building_the_same_bytes_under_the_other_name() -> None:
    document, _ = load.bundle(FIXTURE, display="1.0.json")
    first = build_api(document, version="1.0", file="1.0.json", package_version="1.0.3")
    second = build_api(document, version="2.1", file="2.1.json", package_version="2.1.0")
    assert first.diagnostics, "the fixture has warnings: their file names are part of what is compared"
    assert relabel(first, "2.1", "2.1.0", ("1.0.json", "2.1.json")) == second


def test_versions_written_in_parallel_equal_each_written_alone(tmp_path: Path) -> None:
    documents = _copies(tmp_path, {"1.0": FIXTURE, "1.1": _other_document(tmp_path), "1.2": FIXTURE})
    events: list[tuple[str, str, float]] = []
    together = generate(_jobs(documents), tmp_path / "together", cache_dir=None, progress=lambda *e: events.append(e))
    assert [o.status for o in together] == ["written"] * 3
    for job in _jobs(documents):
        [alone] = generate([job], tmp_path / "alone", cache_dir=None)
        assert alone.status == "written"
    _same_tree(tmp_path / "together", tmp_path / "alone")
    # the children's stages reach the caller, each version's in order and on one clock
    for version in documents:
        stages = [(stage, when) for v, stage, when in events if v == version]
        assert [s for s, _ in stages][-4:] == ["render", "format", "write", "done"]
        assert [w for _, w in stages] == sorted(w for _, w in stages)


def test_a_broken_document_fails_alone_while_the_others_are_written(tmp_path: Path) -> None:
    broken = FIXTURE.parent / "broken_semantics.json"
    documents = _copies(tmp_path, {"1.0": FIXTURE, "1.1": broken, "1.2": _other_document(tmp_path)})
    outcomes = generate(_jobs(documents), tmp_path / "out", cache_dir=None)
    assert [o.status for o in outcomes] == ["written", "failed", "written"]
    assert outcomes[1].diagnostics and not (tmp_path / "out" / outcomes[1].target.name).exists()


def test_an_error_in_a_child_is_raised_in_the_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Renderer, *args: object, **kwargs: object) -> dict[str, str]:
        raise ValueError("renderer bug")

    monkeypatch.setattr(Renderer, "render", fail)
    documents = _copies(tmp_path, {"1.0": FIXTURE, "1.1": _other_document(tmp_path)})
    with pytest.raises(ValueError, match="renderer bug"):
        generate(_jobs(documents), tmp_path / "out", cache_dir=None)


def test_one_version_is_written_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(*args: object, **kwargs: object) -> None:
        raise AssertionError("forked for a single version")

    monkeypatch.setattr(forks.multiprocessing, "get_context", no_fork)
    [outcome] = generate(_jobs({"1.0": FIXTURE}), tmp_path / "out", cache_dir=None)
    assert outcome.status == "written"


def test_a_forced_run_reads_a_trusted_pins_ir_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _copies(tmp_path, {"1.0": FIXTURE})
    [job] = _jobs(documents)
    record = load.validation_record()
    job = dataclasses.replace(job, pin=job.pin.recording(record))
    [first] = generate([job], tmp_path / "out", cache_dir=tmp_path / "cache")
    assert first.status == "written" and list((tmp_path / "cache" / "ir").glob("*.build"))

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(generate_module, "build_api", no_build)
    [again] = generate([job], tmp_path / "again", cache_dir=tmp_path / "cache")
    assert again == dataclasses.replace(first, target=again.target)
    _same_tree(tmp_path / "out", tmp_path / "again")
    # an untrusted pin (no record) is built: the cache holds IRs of vouched-for bytes only
    with pytest.raises(AssertionError, match="built again"):
        generate(_jobs(documents), tmp_path / "third", cache_dir=tmp_path / "cache")
