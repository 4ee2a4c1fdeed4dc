"""No document string may become code: hostile names, descriptions, enum values and defaults."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from gen_support import generate_document

from generator.cli import main

PAYLOAD = "__import__('pathlib').Path('PWNED').touch()"
DESCRIPTION = 'Ends a docstring """ + ' + PAYLOAD + ' + """ and \\ escapes \x00\x07\r\n\u2028 and a trailing quote"'


def _hostile_document() -> dict[str, object]:
    weird = {
        "type": "string",
        "description": DESCRIPTION,
        "default": f"'{PAYLOAD}'",
        "enum": [f"'{PAYLOAD}'", '"""', "\\"],
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": f'T""" {PAYLOAD}', "version": "1"},
        "tags": [{"name": f"x'); {PAYLOAD}; ('", "description": DESCRIPTION}],
        "paths": {
            "/p/{id}')+"
            + PAYLOAD: {
                "get": {
                    "operationId": f'op"); {PAYLOAD}; #',
                    "tags": [f"x'); {PAYLOAD}; ('"],
                    "summary": DESCRIPTION,
                    "description": DESCRIPTION,
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": f"q'); {PAYLOAD}#", "in": "query", "description": DESCRIPTION, "schema": weird},
                    ],
                    "responses": {
                        "200": {
                            "description": DESCRIPTION,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evil"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Evil": {
                    "type": "object",
                    "description": DESCRIPTION,
                    "properties": {
                        f"a'); {PAYLOAD}; #": weird,
                        "class": {"type": "integer", "default": 1},
                        "__init__": {"type": "string"},
                        "withDefault": {"type": "string", "default": f'"""{PAYLOAD}"""\\'},
                    },
                },
                f"Evil'); {PAYLOAD}; #": {"type": "object", "properties": {"x": {"type": "string"}}},
            }
        },
    }


def test_hostile_strings_stay_data(tmp_path: Path) -> None:
    document = tmp_path / "hostile.json"
    document.write_text(json.dumps(_hostile_document()))
    package = generate_document(document, tmp_path / "out", version="6.66")
    script = (
        "import pkgutil, importlib, runai_v6_66, runai_v6_66.models as m\n"
        "for i in pkgutil.walk_packages(runai_v6_66.__path__, 'runai_v6_66.'): importlib.import_module(i.name)\n"
        "evil = m.Evil.model_validate({\"a'); " + PAYLOAD.replace('"', '\\"') + "; #\": 'v', 'class': 2})\n"
        "print(evil.model_dump(by_alias=True, exclude_unset=True))\n"
        "print([e.value for e in m.EvilAImportPathlibPathPWNEDTouch])\n"
        "print(m.Evil.__doc__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=package, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (package / "PWNED").exists() and not Path("PWNED").exists()
    dumped, values, doc = result.stdout.split("\n", 2)
    assert PAYLOAD in dumped and "'class': 2" in dumped
    assert values == repr([f"'{PAYLOAD}'", '"""', "\\"])
    assert PAYLOAD in doc and '"""' in doc


def test_broken_document_is_reported_with_file_and_pointer_and_leaves_output_alone(tmp_path: Path) -> None:
    document = tmp_path / "broken.json"
    bad = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}},
                        }
                    }
                }
            }
        },
    }
    document.write_text(json.dumps(bad))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("untouched")
    result = CliRunner().invoke(main, ["validate", "--file", str(document)])
    assert result.exit_code == 1
    assert "broken.json#/paths/~1x/get/responses/200/content/application~1json/schema" in result.output
    assert "Traceback" not in result.output
    assert (out / "keep.txt").read_text() == "untouched" and [p.name for p in out.iterdir()] == ["keep.txt"]


def test_bad_flag_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["generate", "--no-such-flag"])
    assert result.exit_code == 2 and "No such option" in result.output
