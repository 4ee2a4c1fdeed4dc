"""Every command exits with the codes of `generator.exitcodes`: 1 bad input or failure, 2 usage, 3 a --fail-on hit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import exitcodes
from generator.cli import main

from test_cli_specs import env  # noqa: F401  (the fixture: pins of 2.24 and latest, and a mirror)

DOCS = Path(__file__).resolve().parent / "documents"
COMMANDS = [
    ["generate"],
    ["validate"],
    ["specs", "list"],
    ["specs", "sync"],
    ["specs", "pin", "2.25"],
    ["init", "ws"],
    ["release", "2.24"],
    ["bundle", "2.24"],
    ["diff", "2.24", "latest"],
    ["report"],
    ["rules"],
    ["upgrade-check", "."],
]


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def test_the_scheme() -> None:
    assert (exitcodes.OK, exitcodes.FAILED, exitcodes.USAGE, exitcodes.FAIL_ON) == (0, 1, 2, 3)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_usage_error_exits_2(env: dict[str, str], command: list[str]) -> None:  # noqa: F811
    result = run(env, *command, "--no-such-option")
    assert result.exit_code == exitcodes.USAGE, result.output
    assert "No such option '--no-such-option'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "9.9"], "unknown version '9.9'"),
        (["generate", "9.9"], "unknown version '9.9'"),
        (["specs", "sync", "9.9"], "unknown version '9.9'"),
        (["diff", "9.9", "2.24"], "9.9"),
        (["report", "--level", "nope=info"], "nope"),
        (["release", "9.9"], "Error:"),
        (["bundle", "9.9", "--out", "wheels"], "Error:"),
        (["upgrade-check", ".", "--from", "9.9", "--to", "2.24"], "'9.9' is not a pinned version"),
        (["validate", "--file", str(DOCS / "broken_syntax.json")], "RSG001"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_bad_input_exits_1(env: dict[str, str], args: list[str], message: str) -> None:  # noqa: F811
    result = run(env, *args)
    assert result.exit_code == exitcodes.FAILED, result.output
    assert message in result.stderr and "Traceback" not in result.output


def test_a_document_with_errors_exits_1(env: dict[str, str]) -> None:  # noqa: F811
    assert run(env, "specs", "sync").exit_code == exitcodes.OK
    assert run(env, "validate", "2.24").exit_code == exitcodes.OK
    result = run(env, "validate", "latest")
    assert result.exit_code == exitcodes.FAILED and "error RSG03" in result.output


def test_a_fail_on_hit_exits_3(tmp_path: Path) -> None:
    old = json.loads((DOCS / "fixture_runai.json").read_text(encoding="utf-8"))
    new = json.loads(json.dumps(old))
    del new["paths"]["/api/v1/projects/{projectId}/report"]
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    args = ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "json"]
    assert CliRunner().invoke(main, args).exit_code == exitcodes.OK
    assert CliRunner().invoke(main, [*args, "--fail-on", "breaking"]).exit_code == exitcodes.FAIL_ON
    assert CliRunner().invoke(main, [*args[:3], "--fail-on", "breaking"]).exit_code == exitcodes.FAIL_ON
