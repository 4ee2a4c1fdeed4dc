"""A pin's record of a validation: written when validation found nothing beyond reading's own warnings,
trusted by `generate`
only for the pinned bytes and the installed validator, ignored with `--revalidate`."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator import codes, load, specs, validator
from generator.cli import main
from generator.diagnostics import Diagnostic

DOCS = Path(__file__).resolve().parent / "documents"
FAILED = "the validator ran"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """2.24 (a clean document) and latest (the same bytes), pinned but not synced; caches under tmp_path."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for version in ["2.24", "latest"]:
        (mirror / f"{version}.json").write_bytes((DOCS / "specs_small.json").read_bytes())
    pins = [
        specs.Pin(v, hashlib.sha256((mirror / f"{v}.json").read_bytes()).hexdigest(), None, None, day, c)
        for v, c, day in [("2.24", "release", None), ("latest", "saas", datetime.date(2025, 12, 15))]
    ]
    specs.save_pins(pins, tmp_path / "pins.json")
    return {
        "RUNAI_SDKGEN_PINS": str(tmp_path / "pins.json"),
        "RUNAI_SDKGEN_SYNCED": str(tmp_path / "synced"),
        "RUNAI_SDKGEN_CACHE": str(tmp_path / "cache"),
        "RUNAI_SPECS_MIRROR": str(mirror),
    }


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def pins(env: dict[str, str]) -> dict[str, specs.Pin]:
    return specs.load_pins(Path(env["RUNAI_SDKGEN_PINS"]))


def failing_validator(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every run of openapi-spec-validator from now on fails the document; returns the runs' files."""
    seen: list[str] = []

    def failing(doc: dict[str, Any], path: Path, display: str) -> list[Diagnostic]:
        seen.append(display)
        return [codes.RSG038(display, "/info", FAILED)]

    monkeypatch.setattr(validator, "schema_diagnostics", failing)
    return seen


def test_sync_and_pin_record_a_clean_document_only(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(env, "specs", "sync")
    assert result.exit_code == 0, result.output
    assert "2.24: validated, recorded in" in result.stderr
    recorded = pins(env)
    assert recorded["2.24"].validated == load.validation_record()
    assert recorded["2.24"].validated_sha256 == recorded["2.24"].sha256
    assert recorded["latest"].validated_by(load.validation_record())
    saved = json.loads(Path(env["RUNAI_SDKGEN_PINS"]).read_text())["pins"]
    assert saved[0]["validated"].startswith("openapi-spec-validator ")

    # reading's own warning (a misspelt keyword, reported by every load) does not stand in the way ...
    warned = json.loads((DOCS / "specs_small.json").read_text())
    thing = warned["components"]["schemas"]["Thing"]
    thing["properties"]["child"] = {"$ref": "#/components/schemas/Thing", "depracted": True}  # as in 2.22
    (tmp_path / "warned.json").write_text(json.dumps(warned))
    result = run(env, "specs", "pin", "2.22", "--from", str(tmp_path / "warned.json"))
    assert result.exit_code == 0, result.output
    assert pins(env)["2.22"].validated_by(load.validation_record())
    # ... and a trusted document's reading warnings are still reported by generate
    seen = failing_validator(monkeypatch)
    result = run(env, "generate", "--force", "--out", str(tmp_path / "out"), "2.22")
    assert result.exit_code == 0 and seen == [], result.output
    assert "2.22.json#/components/schemas/Thing/properties/child/depracted: warning RSG040" in result.stdout

    # what validation itself finds does (a misspelt keyword in a schema object breaks its structure)
    thing["depracted"] = True
    (tmp_path / "broken.json").write_text(json.dumps(warned))
    result = run(env, "specs", "pin", "2.23", "--from", str(tmp_path / "broken.json"))
    assert result.exit_code == 0, result.output
    assert "diagnostic(s), validation not recorded (runai-sdkgen validate 2.23)" in result.stderr
    assert pins(env)["2.23"].validated is None and pins(env)["2.23"].validated_sha256 is None


def test_a_recorded_pin_is_not_validated_again(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run(env, "specs", "sync").exit_code == 0
    calls = failing_validator(monkeypatch)
    result = run(env, "--no-cache", "generate", "2.24", "latest", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert calls == []


def test_revalidate_and_a_record_of_another_validator_validate(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = failing_validator(monkeypatch)
    recorded = {v: p.recording(load.validation_record()) for v, p in pins(env).items()}
    specs.save_pins(recorded.values(), Path(env["RUNAI_SDKGEN_PINS"]))
    out = str(tmp_path / "out")
    result = run(env, "--no-cache", "generate", "2.24", "--revalidate", "--out", out)
    assert result.exit_code == 1 and FAILED in result.output
    assert calls == ["2.24.json"]

    other = {v: p.recording("openapi-spec-validator 0.0.1 (runai-sdkgen checks 2)") for v, p in recorded.items()}
    specs.save_pins(other.values(), Path(env["RUNAI_SDKGEN_PINS"]))
    calls.clear()
    result = run(env, "--no-cache", "generate", "2.24", "latest", "--out", out)
    assert result.exit_code == 1 and FAILED in result.output
    assert calls == ["2.24.json"]  # once per sha256: latest is the same document, validated with it
    assert "latest.json#/info: error RSG038" in result.output  # reported under its own file


def test_bytes_other_than_the_pinned_ones_are_refused(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = failing_validator(monkeypatch)
    recorded = pins(env)["2.24"].recording(load.validation_record())
    specs.save_pins([recorded], Path(env["RUNAI_SDKGEN_PINS"]))
    document = tmp_path / "2.24.json"
    document.write_bytes((DOCS / "specs_small.json").read_bytes() + b"\n")
    assert not load.trusted(recorded, document)
    assert [d.message for d in load.validate(document, cache_dir=None, pin=recorded)] == [FAILED]

    mirror = Path(env["RUNAI_SPECS_MIRROR"])
    (mirror / "2.24.json").write_bytes(document.read_bytes())
    result = run(env, "generate", "2.24", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "2.24: sha256 mismatch" in result.stderr
    assert calls == [str(document)]  # only the direct call above


def test_a_record_goes_with_its_sha256() -> None:
    pin = specs.Pin("2.24", "a" * 64, None, None, None, "release")
    recorded = pin.recording("v")
    assert recorded.validated_by("v") and not recorded.validated_by("w")
    assert specs.Pin.from_json(recorded.to_json()) == recorded
    moved = specs.Pin.from_json({**recorded.to_json(), "sha256": "b" * 64})
    assert not moved.validated_by("v")  # the record is of other bytes
    with pytest.raises(specs.SpecError, match="go together"):
        specs.Pin.from_json({**pin.to_json(), "validated": "v"})
    patched = specs.Pin("2.24", "a" * 64, None, None, None, "release", "patches/2.24.json", "c" * 64)
    assert patched.recording("v").validated_sha256 == "c" * 64  # what is synced, and validated
    assert recorded.recording(None).to_json() == pin.to_json()
