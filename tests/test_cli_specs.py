"""The `specs` and `validate` commands through click's CliRunner: exit codes and messages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import specs
from generator.cli import main

DOCS = Path(__file__).resolve().parent / "documents"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for version, name in [("2.24", "specs_small.json"), ("latest", "broken_semantics.json")]:
        (mirror / f"{version}.json").write_bytes((DOCS / name).read_bytes())
    pins = [
        specs.Pin(
            v,
            hashlib.sha256((mirror / f"{v}.json").read_bytes()).hexdigest(),
            None,
            None,
            None,
            specs.channel_for(v),
        )
        for v in ["2.24", "latest"]
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


def test_sync_list_and_validate(env: dict[str, str]) -> None:
    result = run(env, "specs", "list")
    assert result.exit_code == 0
    assert "not synced" in result.output

    result = run(env, "specs", "sync")  # mirror from RUNAI_SPECS_MIRROR
    assert result.exit_code == 0, result.output
    assert "2.24: copied" in result.stderr and "latest: copied" in result.stderr

    assert run(env, "-q", "specs", "sync", "2.24").stderr == ""
    assert run(env, "specs", "list").output.count(" synced") == 2

    result = run(env, "validate", "2.24")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "2.24: 0 error(s), 0 warning(s)" in result.stderr

    result = run(env, "validate")  # every pinned version; latest is the broken one
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all("latest.json#/" in line and ": error RSG03" in line for line in lines)


def test_validate_a_file(env: dict[str, str]) -> None:
    result = run(env, "--quiet", "validate", "--file", str(DOCS / "broken_ref.json"))
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].endswith(
        "broken_ref.json#/paths/~1things/get/responses/200/content/application~1json/schema/$ref: "
        "error RSG010: unresolvable reference '#/components/schemas/Nowhere': "
        "/components/schemas/Nowhere does not exist"
    )
    assert run(env, "validate", "--file", str(DOCS / "specs_small.yaml")).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "9.9"], "Error: unknown version '9.9'; pinned versions: 2.24, latest"),
        (["validate", "2.24"], "Error: 2.24 is not synced"),
        (["validate", "--file", "missing.json"], "does not exist"),
        (
            ["validate", "--file", str(DOCS / "broken_syntax.json")],
            "RSG001: invalid JSON at line 4, column 1",
        ),
        (["specs", "sync", "9.9"], "Error: unknown version '9.9'"),
        (
            ["specs", "pin", "2.25", "--from", "missing.json"],
            "Error: 2.25: cannot read missing.json",
        ),
        (["specs", "pin", "v2", "--from", "x"], "Error: invalid version 'v2'"),
        (
            ["specs", "pin", "2.25", "--from", str(DOCS / "specs_small.yaml")],
            "is not a JSON document",
        ),
    ],
)
def test_bad_input_is_one_clear_message(env: dict[str, str], args: list[str], message: str) -> None:
    result = run(env, *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_sync_hash_mismatch(env: dict[str, str]) -> None:
    assert run(env, "specs", "sync", "2.24").exit_code == 0
    synced = Path(env["RUNAI_SDKGEN_SYNCED"]) / "2.24.json"
    before = synced.read_bytes()
    mirror = Path(env["RUNAI_SPECS_MIRROR"])
    (mirror / "2.24.json").write_bytes(b"{}")
    synced.write_bytes(b"tampered")  # so that sync does not skip it
    result = run(env, "specs", "sync", "2.24")
    assert result.exit_code == 1
    assert "2.24: sha256 mismatch" in result.stderr
    assert hashlib.sha256(b"{}").hexdigest() in result.stderr
    assert synced.read_bytes() == b"tampered"  # left as it was
    assert before != b"tampered"

    result = run(env, "validate", "2.24")  # a synced file that does not match its pin
    assert result.exit_code == 1 and "does not match its pin" in result.stderr


def test_pin_from_a_local_file(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "specs", "pin", "2.25", "--from", str(DOCS / "specs_small.json"), "--tag", "v1.225.0")
    assert result.exit_code == 0, result.output
    pins = specs.load_pins(Path(env["RUNAI_SDKGEN_PINS"]))
    assert list(pins) == ["2.24", "2.25", "latest"]
    assert pins["2.25"].source == "v1.225.0" and pins["2.25"].url is None
    assert run(env, "validate", "2.25").exit_code == 0  # pinning also stores the synced copy


def test_mirror_option_must_exist(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "specs", "sync", "--mirror", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_generate_shows_progress_per_stage_unless_quiet(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "generate", "2.24", "--out", str(tmp_path / "loud"))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("2.24: ")]
    stages = [line.rsplit(" ", 2)[0] for line in lines if line.endswith(" s")]  # "2.24: build 0.12 s"
    assert stages[:5] == ["2.24: validate", "2.24: build", "2.24: render", "2.24: format", "2.24: write"]
    assert result.stderr.splitlines()[-1].startswith("total ")
    assert (tmp_path / "loud" / "runai-client-v2-24" / "API.md").is_file()

    quiet = run(env, "generate", "--quiet", "2.24", "--out", str(tmp_path / "quiet"))
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert (tmp_path / "quiet" / "runai-client-v2-24" / "API.md").is_file()
