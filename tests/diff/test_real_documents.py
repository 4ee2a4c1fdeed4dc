"""Done means: on the real documents, the report's figures equal an independent count from raw JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diff.report import diff_history

from .helpers import need_mirror, version

VERSIONS = ("2.22", "2.23", "2.24", "latest")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _raw_operations(doc: dict[str, Any]) -> dict[tuple[str, str], bool]:
    """(METHOD, path) -> deprecated flag, straight from the JSON."""
    return {
        (m.upper(), p): bool(o.get("deprecated"))
        for p, item in doc["paths"].items()
        for m, o in item.items()
        if m in METHODS
    }


@pytest.fixture(scope="module")
def real() -> tuple[dict[str, dict[str, Any]], Any]:
    mirror = need_mirror()
    docs = {v: json.loads((mirror / f"{v}.json").read_text(encoding="utf-8")) for v in VERSIONS}
    versions = [version(docs[v], v, "saas" if v == "latest" else "release") for v in VERSIONS]
    return docs, diff_history(versions)


def test_counts_match_an_independent_count(real: tuple[dict[str, dict[str, Any]], Any]) -> None:
    docs, report = real
    assert [(p.old, p.new) for p in report.pairs] == list(zip(VERSIONS, VERSIONS[1:]))
    for p in report.pairs:
        old, new = _raw_operations(docs[p.old]), _raw_operations(docs[p.new])
        expected = {
            "operations_old": len(old),
            "operations_new": len(new),
            "added": len(new.keys() - old.keys()),
            "removed": len(old.keys() - new.keys()),
            "newly_deprecated_flag": sum(1 for k in new.keys() & old.keys() if new[k] and not old[k]),
        }
        got = p.counts.to_json()
        assert {k: got[k] for k in expected} == expected, (p.old, p.new)
        assert p.summary.get("operation-added", 0) == expected["added"]
        assert p.summary.get("operation-removed", 0) == expected["removed"]


def test_allof_refactorings_are_not_removals(real: tuple[dict[str, dict[str, Any]], Any]) -> None:
    _, report = real
    first = report.pairs[0]  # oasdiff reports 39 false property removals here
    assert first.summary.get("property-removed", 0) <= 5


def test_latest_equals_2_24(real: tuple[dict[str, dict[str, Any]], Any]) -> None:
    _, report = real
    assert report.pairs[-1].changes == ()


def test_diff_report_and_changelog_give_the_same_counts(real: tuple[dict[str, dict[str, Any]], Any]) -> None:
    """One count per pair: `diff 2.23 2.24`, `report` and the 2.24 CHANGELOG agree (roots and findings)."""
    from click.testing import CliRunner

    from generator.diff.cli import diff_command
    from generator.diff.render.changelog import render_changelog

    _, report = real
    pair = report.pairs[1]
    result = CliRunner().invoke(diff_command, ["2.23", "2.24", "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)["pairs"][0]
    assert cli["levels"] == pair.levels and cli["root_levels"] == pair.root_levels
    assert [r["id"] for r in cli["roots"]] == [r.id for r in pair.roots]
    log = render_changelog(pair)
    breaking = (
        f"| breaking changes (root changes / findings) | {pair.root_levels['breaking']} / {pair.levels['breaking']} |"
    )
    assert breaking in log
    assert 0 < pair.root_levels["breaking"] < pair.levels["breaking"]  # roots group the per-operation rows
