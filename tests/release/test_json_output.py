"""`--json` on generate, validate and specs list: one JSON document on stdout, progress on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from .support import BROKEN, FIXTURE, empty_workspace, run


def test_generate_validate_and_list_as_json(tmp_path: Path) -> None:
    ws = empty_workspace(tmp_path / "ws")
    assert run(ws, "specs", "pin", "1.0", "--from", str(FIXTURE)).exit_code == 0
    assert run(ws, "specs", "pin", "latest", "--from", str(BROKEN)).exit_code == 0

    listed = json.loads(run(ws, "specs", "list", "--json").stdout)
    assert [(p["version"], p["synced"]) for p in listed] == [("1.0", True), ("latest", True)]

    result = run(ws, "validate", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    by_version = {d["version"]: d for d in report["documents"]}
    assert by_version["1.0"]["errors"] == 0
    first = by_version["latest"]["diagnostics"][0]
    assert first["level"] == "error" and first["pointer"].startswith("/") and first["code"].startswith("RSG")

    result = run(ws, "generate", "1.0", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    [entry] = out["versions"]
    assert (entry["version"], entry["status"], entry["errors"]) == ("1.0", "written", [])
    assert entry["operations"] > 0
    assert {"build", "render", "format", "write"} <= set(entry["stages"])
    assert out["total_seconds"] > 0
    assert "total " in result.stderr

    again = json.loads(run(ws, "generate", "1.0", "--json").stdout)
    assert again["versions"][0]["status"] == "unchanged"
    failed = run(ws, "generate", "latest", "--json")
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["versions"][0]["errors"]
