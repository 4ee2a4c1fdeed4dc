"""Workspaces: `init`, which workspace a command uses, and the message when there is none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import paths, workspace
from generator.cli import main


def test_init_writes_the_four_supported_pins_and_refuses_to_overwrite(tmp_path: Path) -> None:
    ws = workspace.init(tmp_path / "ws")
    assert ws.pins.read_bytes() == paths.DEFAULT_PINS.read_bytes()
    versions = [p["version"] for p in json.loads(ws.pins.read_text())["pins"]]
    assert versions == ["2.22", "2.23", "2.24", "latest"]
    assert "synced/" in (ws.root / ".gitignore").read_text()
    with pytest.raises(workspace.WorkspaceError, match="already a workspace"):
        workspace.init(ws.root)


def test_which_workspace_a_command_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flat = workspace.init(tmp_path / "flat")
    assert workspace.find(None, flat.root) == flat
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs" / "pins.json").write_text('{"pins": []}')
    assert workspace.find(None, repo) == workspace.Workspace.repository(repo)
    assert workspace.find(repo, flat.root) == workspace.Workspace.repository(repo)
    with pytest.raises(workspace.WorkspaceError, match="init"):
        workspace.find(tmp_path / "nothing", flat.root)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path / "repo")
    assert workspace.find(None, empty) == workspace.Workspace.repository(repo)
    monkeypatch.setattr(paths, "CHECKOUT", None)
    assert workspace.find(None, empty) is None


def test_cli_init_then_list_from_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["init", "ws"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "ws")
    result = runner.invoke(main, ["specs", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [p["version"] for p in listed] == ["2.22", "2.23", "2.24", "latest"]
    assert all(p["synced"] is False for p in listed)
    assert runner.invoke(main, ["init", "."]).exit_code == 1


def test_no_workspace_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "CHECKOUT", None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RUNAI_SDKGEN_WORKSPACE", raising=False)
    monkeypatch.delenv("RUNAI_SDKGEN_PINS", raising=False)
    for args in (["specs", "list"], ["release", "2.24", "--dry-run"], ["bundle", "2.24", "--out", "x"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, args
        assert "runai-sdkgen init DIR" in result.stderr
        assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
