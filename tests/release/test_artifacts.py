"""Wheels and sdists: byte-identical for the same inputs, metadata an index accepts (`twine check`)."""

from __future__ import annotations

import datetime
import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from generator import artifacts
from generator.specs import Pin

from .support import generate_fixture

DAY = datetime.date(2025, 12, 15)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_fixture(tmp_path_factory.mktemp("generated"))


def test_same_inputs_give_byte_identical_artifacts(package: Path, tmp_path: Path) -> None:
    epoch = artifacts.source_date_epoch(Pin("latest", "a" * 64, None, None, DAY, "saas"))
    assert epoch == int(datetime.datetime(2025, 12, 15, tzinfo=datetime.timezone.utc).timestamp())
    first = artifacts.build_package(package, tmp_path / "one", epoch)
    # The same package elsewhere, written later with other modes: nothing of that may leak in.
    moved = Path(shutil.copytree(package, tmp_path / "elsewhere" / package.name))
    for path in moved.rglob("*"):
        if path.is_file():
            path.chmod(0o600)
            os.utime(path, (1_900_000_000, 1_900_000_000))
    second = artifacts.build_package(moved, tmp_path / "two", epoch)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert (
        artifacts.write_checksums(tmp_path / "one").read_text()
        == artifacts.write_checksums(tmp_path / "two").read_text()
    )

    sdist = next(p for p in first if p.name.endswith(".tar.gz"))
    with tarfile.open(sdist) as archive:
        members = archive.getmembers()
    assert [m.name for m in members] == sorted(m.name for m in members)
    assert {(m.mtime, m.uid, m.gid, m.uname) for m in members} == {(epoch, 0, 0, "")}
    wheel = next(p for p in first if p.name.endswith(".whl"))
    with zipfile.ZipFile(wheel) as archive:
        dates = {info.date_time for info in archive.infolist()}
    assert dates == {(2025, 12, 15, 0, 0, 0)}
    assert "FINGERPRINT" not in " ".join(zipfile.ZipFile(wheel).namelist())


def test_metadata_is_complete_and_twine_accepts_it(package: Path, tmp_path: Path) -> None:
    built = artifacts.build_package(
        package, tmp_path / "dist", artifacts.source_date_epoch(Pin("1.0", "a" * 64, None, None, None, "release"))
    )
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, built)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("PASSED") == 2
    wheel = next(p for p in built if p.name.endswith(".whl"))
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(name).decode())
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata["Requires-Python"] == ">=3.10"
    assert metadata["Version"] == "1.0.0"
    assert [u.split(", ")[0] for u in metadata.get_all("Project-URL") or []] == ["Source document"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers and "Programming Language :: Python :: 3.10" in classifiers
    requires = metadata.get_all("Requires-Dist") or []
    versions = [r.split(";")[0] for r in requires]  # the marker of an extra says `extra == "..."`
    assert all(">=" in v and "==" not in v for v in versions), requires  # ranges, not pins
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "# runai-client-v1-0 1.0.0" in metadata.get_payload()  # the README is the long description


def test_a_failing_backend_is_reported_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "not a version"\n')
    with pytest.raises(artifacts.BuildError, match="building broken failed"):
        artifacts.build_package(broken, tmp_path / "dist", 315532800)
