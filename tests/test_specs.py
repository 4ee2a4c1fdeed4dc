"""Pins, sync from a mirror, pinning a local file, history order: no network needed."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path

import pytest

from generator import pinning, specs
from generator.load import validate
from generator.specs import Pin, SpecError

REPO = Path(__file__).resolve().parent.parent


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pin(version: str, data: bytes, url: str | None = None) -> Pin:
    return Pin(version, _sha(data), url, None, None, specs.channel_for(version))


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    d = tmp_path / "mirror"
    d.mkdir()
    (d / "2.24.json").write_bytes(b'{"openapi": "3.0.3", "v": 24}')
    (d / "latest.json").write_bytes(b'{"openapi": "3.0.3", "v": "latest"}')
    return d


def test_repo_pins_are_well_formed() -> None:
    pins = specs.load_pins(REPO / "specs" / "pins.json")
    assert list(pins) == ["2.22", "2.23", "2.24", "latest"]
    assert pins["latest"].channel == "saas" and pins["latest"].pinned == datetime.date(2025, 12, 15)
    assert {p.channel for v, p in pins.items() if v != "latest"} == {"release"}
    assert pins["2.24"].sha256 == pins["latest"].sha256  # latest was byte-identical to 2.24 when pinned
    assert all(p.url and p.url.startswith("https://") and p.source for p in pins.values())
    # the file is in its canonical form (what save_pins writes)
    assert (REPO / "specs" / "pins.json").read_text() == specs.dump_pins(pins)


def test_save_and_load_round_trip_is_deterministic(tmp_path: Path) -> None:
    pins = [_pin("latest", b"c"), _pin("2.10", b"b"), _pin("2.9", b"a")]
    path = tmp_path / "pins.json"
    specs.save_pins(pins, path)
    first = path.read_bytes()
    loaded = specs.load_pins(path)
    specs.save_pins(loaded, path)
    assert path.read_bytes() == first
    assert [p["version"] for p in json.loads(first)["pins"]] == ["2.9", "2.10", "latest"]


def test_history_orders_releases_numerically_then_latest() -> None:
    pins = {v: _pin(v, v.encode()) for v in ["latest", "2.24", "2.9", "2.10", "3.0"]}
    assert [p.version for p in specs.history(pins)] == ["2.9", "2.10", "2.24", "3.0", "latest"]


def test_invalid_pins_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="invalid version"):
        _pin("v2", b"x")
    with pytest.raises(SpecError, match="invalid sha256"):
        Pin("2.24", "abc", None, None, None, "release")
    bad = tmp_path / "pins.json"
    bad.write_text('{"pins": [')
    with pytest.raises(SpecError, match=r"pins.json:1:\d+: invalid JSON"):
        specs.load_pins(bad)
    with pytest.raises(SpecError, match="pins file not found"):
        specs.load_pins(tmp_path / "missing.json")


def test_sync_from_mirror_copies_verifies_and_skips(tmp_path: Path, mirror: Path) -> None:
    pins = {v: _pin(v, (mirror / f"{v}.json").read_bytes()) for v in ["2.24", "latest"]}
    dest = tmp_path / "synced"
    results = specs.sync(pins, [], mirror, dest)
    assert [(r.version, r.action) for r in results] == [("2.24", "copied"), ("latest", "copied")]
    assert (dest / "2.24.json").read_bytes() == (mirror / "2.24.json").read_bytes()
    assert specs.synced_path("2.24", dest) == dest / "2.24.json"
    again = specs.sync(pins, ["2.24"], mirror, dest)
    assert [r.action for r in again] == ["unchanged"]
    assert not [p for p in dest.iterdir() if p.name.endswith(".tmp")]


def test_sync_bad_hash_leaves_previous_file_intact(tmp_path: Path, mirror: Path) -> None:
    dest = tmp_path / "synced"
    good = {"2.24": _pin("2.24", (mirror / "2.24.json").read_bytes())}
    specs.sync(good, [], mirror, dest)
    before = (dest / "2.24.json").read_bytes()
    wrong = {"2.24": _pin("2.24", b"something else")}
    with pytest.raises(SpecError) as info:
        specs.sync(wrong, ["2.24"], mirror, dest)
    message = str(info.value)
    assert "2.24" in message and "sha256 mismatch" in message
    assert wrong["2.24"].sha256 in message and _sha(before) in message
    assert str(mirror / "2.24.json") in message
    assert (dest / "2.24.json").read_bytes() == before
    assert sorted(p.name for p in dest.iterdir()) == ["2.24.json"]  # no temp file left behind


def test_sync_reports_missing_mirror_file_and_unknown_version(tmp_path: Path, mirror: Path) -> None:
    pins = {"2.23": _pin("2.23", b"x"), "2.24": _pin("2.24", (mirror / "2.24.json").read_bytes())}
    with pytest.raises(SpecError, match=r"2\.23: cannot read .*2\.23\.json"):
        specs.sync(pins, [], mirror, tmp_path / "synced")
    assert (tmp_path / "synced" / "2.24.json").is_file()  # the other version still synced
    with pytest.raises(SpecError, match=r"unknown version '9\.9'; pinned versions: 2\.23, 2\.24"):
        specs.sync(pins, ["9.9"], mirror, tmp_path / "synced")


def test_sync_without_mirror_needs_a_url(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no URL"):
        specs.sync({"2.24": _pin("2.24", b"x")}, [], None, tmp_path)
    with pytest.raises(SpecError, match="only http"):
        specs.sync({"2.24": _pin("2.24", b"x", url="file:///etc/passwd")}, [], None, tmp_path)


def test_pin_a_local_file_adds_then_moves(tmp_path: Path, mirror: Path) -> None:
    pins_path, synced = tmp_path / "pins.json", tmp_path / "synced"
    day = datetime.date(2026, 1, 2)
    first = pinning.pin("latest", mirror / "latest.json", pins_path=pins_path, synced_dir=synced, today=day)
    assert first == Pin("latest", _sha((mirror / "latest.json").read_bytes()), None, None, day, "saas")
    assert specs.load_pins(pins_path) == {"latest": first}
    assert (synced / "latest.json").read_bytes() == (mirror / "latest.json").read_bytes()

    pinning.pin("2.24", mirror / "2.24.json", pins_path=pins_path, synced_dir=None, tag="v1.224.0")
    moved = pinning.pin("latest", str(mirror / "2.24.json"), pins_path=pins_path, synced_dir=synced)
    pins = specs.load_pins(pins_path)
    assert list(pins) == ["2.24", "latest"]
    assert pins["2.24"].source == "v1.224.0" and pins["2.24"].channel == "release"
    assert pins["latest"] == moved and moved.sha256 == pins["2.24"].sha256
    assert moved.pinned == datetime.date.today()

    with pytest.raises(SpecError, match=r"latest: cannot read .*nope\.json"):
        pinning.pin("latest", tmp_path / "nope.json", pins_path=pins_path)


def test_tag_is_read_from_github_raw_urls() -> None:
    url = "https://raw.githubusercontent.com/owner/repo/v1.224.0/.generator/swagger.json"
    assert pinning._tag_from_url(url) == "v1.224.0"
    assert pinning._tag_from_url("https://example.com/swagger.json") is None


def _real_mirror() -> Path | None:
    mirror = Path(os.environ.get("RUNAI_SPECS_MIRROR") or REPO.parent / "shared" / "specs")
    return mirror if (mirror / "2.24.json").is_file() else None


def test_real_documents_sync_and_2_24_validates(tmp_path: Path) -> None:
    mirror = _real_mirror()
    if mirror is None:
        reason = "real documents not found: set RUNAI_SPECS_MIRROR or provide ../shared/specs"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    pins = specs.load_pins(REPO / "specs" / "pins.json")
    results = specs.sync(pins, [], mirror, tmp_path / "synced")
    assert [r.version for r in results] == ["2.22", "2.23", "2.24", "latest"]
    diagnostics = validate(specs.synced_path("2.24", tmp_path / "synced"), cache_dir=tmp_path / "cache")
    assert [str(d) for d in diagnostics] == []
