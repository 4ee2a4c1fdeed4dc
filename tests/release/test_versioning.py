"""Package versions (API version + client revision) and the release records."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from packaging.version import Version

from generator import versioning
from generator.specs import Pin, SpecError

SHA = "a" * 64


def release_pin(version: str = "2.24", sha: str = SHA) -> Pin:
    return Pin(version, sha, None, None, None, "release")


def latest_pin(day: datetime.date, sha: str = SHA) -> Pin:
    return Pin("latest", sha, None, None, day, "saas")


def test_versions_are_pep440_and_sort_by_revision_and_date() -> None:
    assert versioning.package_version(release_pin(), 0) == "2.24.0"
    assert versioning.package_version(release_pin(), 3) == "2.24.3"
    day = datetime.date(2025, 12, 15)
    assert versioning.package_version(latest_pin(day), 0) == "2025.12.15"
    assert versioning.package_version(latest_pin(day), 2) == "2025.12.15.2"
    ordered = ["2025.12.15", "2025.12.15.1", "2025.12.15.2", "2026.1.2"]
    assert sorted(ordered, key=Version) == ordered
    assert Version("2.24.1") > Version("2.24.0")
    with pytest.raises(SpecError, match="pinned"):
        versioning.package_version(Pin("latest", SHA, None, None, None, "saas"))


def test_revision_is_kept_while_the_base_is_the_same() -> None:
    day = datetime.date(2025, 12, 15)
    record = versioning.Record("latest", "2025.12.15", 2, SHA, "0" * 64)
    records = {"latest": record}
    assert versioning.revision_for(latest_pin(day), records) == 2
    assert versioning.revision_for(latest_pin(datetime.date(2026, 1, 2)), records) == 0
    assert versioning.revision_for(release_pin(), records) == 0


def test_output_digest_ignores_the_version_the_fingerprint_and_the_changelog(tmp_path: Path) -> None:
    def package(name: str, version: str, code: str, changelog: str) -> Path:
        root = tmp_path / name
        (root / "pkg").mkdir(parents=True)
        (root / "pkg" / "__init__.py").write_text(f'__version__ = "{version}"\n{code}\n')
        (root / "CHANGELOG.md").write_text(changelog)
        (root / "FINGERPRINT").write_text(name)
        return root

    a = versioning.output_digest(package("a", "2.24.0", "x = 1", "one"), "2.24.0")
    b = versioning.output_digest(package("b", "2.24.1", "x = 1", "two"), "2.24.1")
    c = versioning.output_digest(package("c", "2.24.0", "x = 2", "one"), "2.24.0")
    assert a == b
    assert a != c


def test_records_round_trip_and_reject_malformed_files(tmp_path: Path) -> None:
    entry = versioning.Entry("2.24.1", SHA, "2026-01-02", "why")
    records = {"2.24": versioning.Record("2.24", "2.24", 1, SHA, "b" * 64, (entry,))}
    path = tmp_path / "releases.json"
    versioning.save_records(records, path)
    assert versioning.load_records(path) == records
    assert versioning.load_records(tmp_path / "absent.json") == {}
    path.write_text('{"releases": {"2.24": {"base": "2.24"}}}')
    with pytest.raises(SpecError, match="malformed"):
        versioning.load_records(path)
    path.write_text("{")
    with pytest.raises(SpecError, match="unreadable"):
        versioning.load_records(path)


def test_changelog_notes_show_the_version_and_the_history() -> None:
    entries = (
        versioning.Entry("2.24.1", SHA, "2026-01-02", "generated code changed"),
        versioning.Entry("2.24.0", SHA, "2025-12-01", "first"),
    )
    notes = versioning.changelog_notes(release_pin(), 1, "runai-client-v2-24", entries)
    assert notes.startswith("## runai-client-v2-24 2.24.1\n")
    assert "client revision 1" in notes
    assert notes.index("- 2.24.1 (2026-01-02)") < notes.index("- 2.24.0 (2025-12-01)")
