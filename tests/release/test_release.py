"""`runai-sdkgen release`: the whole chain on the fixture document, idempotence, revisions, bad input."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import codes, generate, load, render, validator

from .support import BROKEN, FIXTURE, empty_workspace, run, snapshot, variant

TODAY = datetime.date.today()
CALVER = f"{TODAY.year}.{TODAY.month}.{TODAY.day}"


@pytest.fixture(scope="module")
def released_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = empty_workspace(tmp_path_factory.mktemp("release") / "ws")
    result = run(ws, "release", "1.0", "--from", str(FIXTURE))
    assert result.exit_code == 0, result.output
    return ws


@pytest.fixture
def released(released_once: Path, tmp_path: Path) -> Path:
    """A workspace where 1.0 was released from the fixture (a copy per test, dates kept)."""
    return Path(shutil.copytree(released_once, tmp_path / "ws"))


def test_first_release_pins_generates_builds_and_records(released: Path) -> None:
    ws = released
    dist = sorted(p.name for p in (ws / "dist").iterdir())
    assert dist == ["SHA256SUMS", "runai_client_v1_0-1.0.0-py3-none-any.whl", "runai_client_v1_0-1.0.0.tar.gz"]
    for line in (ws / "dist" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((ws / "dist" / name).read_bytes()).hexdigest() == digest
    package = ws / "generated" / "runai-client-v1-0"
    assert '__version__ = "1.0.0"' in (package / "runai_v1_0" / "__init__.py").read_text()
    assert "runai-client-v1-0 1.0.0" in (package / "README.md").read_text()
    changelog = (package / "CHANGELOG.md").read_text()
    assert "# Changelog\n\n## runai-client-v1-0 1.0.0\n" in changelog
    assert "client revision 0" in changelog
    records = json.loads((ws / "releases.json").read_text())["releases"]
    assert records["1.0"]["revision"] == 0
    pins = json.loads((ws / "pins.json").read_text())["pins"]
    assert [p["version"] for p in pins] == ["1.0"]
    assert (ws / "synced" / "1.0.json").read_bytes() == FIXTURE.read_bytes()


def test_second_run_does_nothing_and_says_so(released: Path) -> None:
    before = snapshot(released)
    result = run(released, "release", "1.0", "--from", str(FIXTURE))
    assert result.exit_code == 0, result.output
    assert "nothing to release, 1.0.0 is up to date" in result.stdout
    assert snapshot(released) == before
    result = run(released, "release", "1.0", "--json")
    out = json.loads(result.stdout)
    assert out["status"] == "unchanged"
    assert "generate" not in out["stages"]  # decided from the recorded inputs, without regenerating


def test_missing_artifacts_are_rebuilt_byte_for_byte(released: Path) -> None:
    sums = (released / "dist" / "SHA256SUMS").read_text()
    wheel = released / "dist" / "runai_client_v1_0-1.0.0-py3-none-any.whl"
    wheel.unlink()
    result = run(released, "release", "1.0", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["status"], out["package_version"], out["reports"]) == ("released", "1.0.0", [])
    assert "rebuilding its artifacts" in " ".join(out["notes"])
    assert (released / "dist" / "SHA256SUMS").read_text() == sums
    assert json.loads((released / "releases.json").read_text())["releases"]["1.0"]["revision"] == 0


def test_moved_latest_release_report_and_revision(released: Path, tmp_path: Path) -> None:
    ws = released
    added = variant(tmp_path, "added.json", add=True)
    result = run(ws, "release", "latest", "--from", str(added), "--json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)
    assert (first["status"], first["package_version"], first["compared_with"]) == ("released", CALVER, "1.0")
    assert first["changes"]["info"] >= 1

    # Move latest to another document the same day: same CalVer base, so the revision goes up.
    other = variant(tmp_path, "other.json")
    result = run(ws, "release", "latest", "--from", str(other), "--json")
    assert result.exit_code == 0, result.output
    moved = json.loads(result.stdout)
    assert moved["package_version"] == f"{CALVER}.1"
    assert moved["pin_moved"] is True
    assert moved["compared_with"] == f"latest ({CALVER})"
    assert moved["changes"]["breaking"] >= 1  # the copied operation went away again
    reports = [Path(p) for p in moved["reports"]]
    assert sorted(p.suffix for p in reports) == [".html", ".json", ".md"]
    report = json.loads(next(p for p in reports if p.suffix == ".json").read_text())
    assert report["pairs"][0]["old"] == f"latest ({CALVER})"
    assert {Path(p).name for p in moved["artifacts"]} == {
        f"runai_client_latest-{CALVER}.1-py3-none-any.whl",
        f"runai_client_latest-{CALVER}.1.tar.gz",
    }
    sums = (ws / "dist" / "SHA256SUMS").read_text()
    assert sums.count("\n") == 6  # 1.0, latest and latest.1: a wheel and an sdist each
    changelog = (ws / "generated" / "runai-client-latest" / "CHANGELOG.md").read_text()
    assert f"- {CALVER}.1 (" in changelog and f"- {CALVER} (" in changelog
    assert set(moved["stages"]) >= {"pin", "validate", "diff", "policy", "generate", "build", "report", "commit"}


def test_generated_code_change_bumps_the_revision(released: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = render.Renderer.render

    def patched(self: render.Renderer, *args: object, **kwargs: object) -> dict[str, str]:
        files = original(self, *args, **kwargs)  # type: ignore[arg-type]
        files["runai_v1_0/_patched.py"] = "PATCHED = True\n"
        return files

    monkeypatch.setattr(render.Renderer, "render", patched)
    changed_code = generate.code_fingerprint() + "-changed"  # what editing a template does
    monkeypatch.setattr(generate, "code_fingerprint", lambda: changed_code)
    result = run(released, "release", "1.0", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["package_version"], out["revision"]) == ("1.0.1", 1)
    assert "generated code changed" in " ".join(out["notes"])
    assert (released / "dist" / "runai_client_v1_0-1.0.1-py3-none-any.whl").is_file()
    init = (released / "generated" / "runai-client-v1-0" / "runai_v1_0" / "__init__.py").read_text()
    assert '__version__ = "1.0.1"' in init


def test_dry_run_prints_and_writes_nothing(released: Path, tmp_path: Path) -> None:
    before = snapshot(released)
    result = run(released, "release", "latest", "--from", str(variant(tmp_path, "a.json", add=True)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would release {CALVER}" in result.stdout
    assert "dist/runai_client_latest" in result.stdout
    assert snapshot(released) == before


@pytest.mark.parametrize(
    ("args", "reason", "code"),
    [
        (["latest", "--from", str(BROKEN)], r"fails validation", 1),
        (["latest", "--from", "no-such-file.json"], r"cannot read", 1),
        (["2.0"], r"not pinned", 1),
        (["1.0", "--from", "{removed}", "--fail-on", "breaking"], r"--fail-on breaking: \d+ change", 3),
        (["1.0", "--from", "{removed}", "--fail-on", "policy"], r"--fail-on policy: \d+ change", 3),
    ],
)
def test_bad_input_changes_nothing(released: Path, tmp_path: Path, args: list[str], reason: str, code: int) -> None:
    removed = variant(tmp_path, "removed.json", remove=True)
    args = [a.replace("{removed}", str(removed)) for a in args]
    before = snapshot(released)
    result = run(released, "release", *args)
    assert result.exit_code == code, result.output
    assert re.search(reason, result.stderr), result.stderr
    assert "nothing was changed" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(released) == before


def test_sha256_mismatch_changes_nothing(released: Path, tmp_path: Path) -> None:
    pins = json.loads((released / "pins.json").read_text())
    pins["pins"].append(dict(pins["pins"][0], version="2.0"))  # pinned to the fixture's hash
    (released / "pins.json").write_text(json.dumps(pins))
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "2.0.json").write_bytes(variant(tmp_path, "x.json", add=True).read_bytes())
    before = snapshot(released)
    result = run(released, "release", "2.0", "--mirror", str(mirror))
    assert result.exit_code == 1
    assert "sha256 mismatch" in result.stderr
    assert snapshot(released) == before


def test_generator_change_without_output_change_keeps_the_version(
    released: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed_code = generate.code_fingerprint() + "-refactored"
    monkeypatch.setattr(generate, "code_fingerprint", lambda: changed_code)
    before = snapshot(released / "dist")
    result = run(released, "release", "1.0", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["status"], out["package_version"]) == ("unchanged", "1.0.0")
    assert "generate" in out["stages"]  # the inputs changed: the output had to be compared
    assert snapshot(released / "dist") == before
    again = json.loads(run(released, "release", "1.0", "--json").stdout)
    assert again["status"] == "unchanged" and "generate" not in again["stages"]


def test_the_pin_records_its_validation_and_a_release_keeps_it(released: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [pin] = json.loads((released / "pins.json").read_text())["pins"]
    assert (pin["validated"], pin["validated_sha256"]) == (load.validation_record(), pin["sha256"])
    shutil.rmtree(released / ".cache")  # no cached result: only the record spares the validator
    failed = [codes.RSG038("1.0.json", "/info", "validated again")]
    monkeypatch.setattr(validator, "schema_diagnostics", lambda *args: failed)
    changed_code = generate.code_fingerprint() + "-refactored"  # so that the release validates and regenerates
    monkeypatch.setattr(generate, "code_fingerprint", lambda: changed_code)
    result = run(released, "release", "1.0", "--from", str(FIXTURE), "--json")
    assert result.exit_code == 0, result.output
    assert {"validate", "generate"} <= set(json.loads(result.stdout)["stages"])
    assert json.loads((released / "pins.json").read_text())["pins"] == [pin]
