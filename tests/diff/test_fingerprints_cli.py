"""Fingerprints, the ignore file, --fail-on, --level, the rules table and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.diff import rules
from generator.diff.changes import fingerprint
from generator.diff.cli import diff_command, report_command, rules_command
from generator.diff.config import ConfigError, parse_ignore

from .helpers import DOCUMENTS, case, pair

import pytest


def _files(tmp_path: Path, name: str) -> tuple[str, str]:
    c = case(name)
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(c["before"]))
    after.write_text(json.dumps(c["after"]))
    return str(before), str(after)


def test_fingerprint_ignores_message_and_version() -> None:
    a = [c for c in pair("operation-removed").changes if c.rule == "operation-removed"][0]
    assert a.fingerprint == fingerprint("operation-removed", a.method, a.path, a.location, a.args)
    assert len(a.fingerprint) == 16
    # same change between other version labels: same fingerprint
    from generator.diff.report import diff_pair
    from .helpers import version

    c = case("operation-removed")
    b = diff_pair(version(c["before"], "2.30"), version(c["after"], "latest", "saas"))
    assert a.fingerprint in {x.fingerprint for x in b.changes}


def test_ignore_file_parsing() -> None:
    cfg = parse_ignore(["# why", "0123456789abcdef  # known", "", "level schema-removed=info"])
    assert cfg.fingerprints == {"0123456789abcdef"}
    assert cfg.levels["schema-removed"].value == "info"
    with pytest.raises(ConfigError):
        parse_ignore(["level no-such-rule=info"])
    with pytest.raises(ConfigError):
        parse_ignore(["not a fingerprint"])


def test_fail_on_and_ignore_file(tmp_path: Path) -> None:
    before, after = _files(tmp_path, "operation-removed")
    runner = CliRunner()
    plain = runner.invoke(diff_command, [before, after, "--format", "json"])
    assert plain.exit_code == 0, plain.output
    data = json.loads(plain.output)
    change = data["pairs"][0]["changes"][0]
    assert {"rule", "level", "method", "path", "pointer", "message", "python", "fingerprint"} <= change.keys()
    assert data["pairs"][0]["summary"]["operation-removed"] == 1
    failing = runner.invoke(diff_command, [before, after, "--fail-on", "breaking"])
    assert failing.exit_code == 3
    breaking = [c["fingerprint"] for c in data["pairs"][0]["changes"] if c["level"] == "breaking"]
    ignore = tmp_path / "ignore"
    ignore.write_text("".join(f"{fp}  # acknowledged\n" for fp in breaking))
    ok = runner.invoke(diff_command, [before, after, "--fail-on", "breaking", "--ignore-file", str(ignore)])
    assert ok.exit_code == 0, ok.output
    assert "(ignored)" in ok.output
    # --fail-on deprecation also fails on breaking; --level can lower a rule
    assert runner.invoke(diff_command, [before, after, "--fail-on", "deprecation"]).exit_code == 3
    lowered = runner.invoke(
        diff_command,
        [
            before,
            after,
            "--fail-on",
            "breaking",
            "--level",
            "operation-removed=info",
            "--level",
            "removed-without-deprecation=info",
        ],
    )
    assert lowered.exit_code == 0, lowered.output


def test_fail_on_deprecation(tmp_path: Path) -> None:
    before, after = _files(tmp_path, "operation-deprecated")
    runner = CliRunner()
    assert runner.invoke(diff_command, [before, after, "--fail-on", "breaking"]).exit_code == 0
    assert runner.invoke(diff_command, [before, after, "--fail-on", "deprecation"]).exit_code == 3


def test_bad_input_is_a_clear_message(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (
        ["9.99", "2.24"],
        [str(tmp_path / "missing.json"), "2.24"],
        [str(DOCUMENTS / "operation-added.json"), "2.24", "--level", "nope=info"],
    ):
        result = runner.invoke(diff_command, args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(diff_command, [str(bad), str(bad)])
    assert result.exit_code == 1 and "not a readable OpenAPI document" in result.output
    result = runner.invoke(report_command, ["--format", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_rules_table() -> None:
    result = CliRunner().invoke(rules_command, [])
    assert result.exit_code == 0
    for r in rules.RULES:
        assert r.id in result.output
    listed = json.loads(CliRunner().invoke(rules_command, ["--format", "json"]).output)
    assert [r["id"] for r in listed] == [r.id for r in rules.RULES]
    required = {
        "operation-added",
        "operation-removed",
        "operation-deprecated",
        "operation-undeprecated",
        "parameter-added",
        "parameter-removed",
        "parameter-deprecated",
        "property-added",
        "property-removed",
        "property-deprecated",
        "enum-value-added",
        "enum-value-removed",
    }
    assert required <= {r["id"] for r in listed}
    assert all(r["level"] in ("breaking", "deprecation", "info") for r in listed)
