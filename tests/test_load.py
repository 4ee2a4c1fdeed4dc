"""Parsing, bundling and validating small hand-written documents in tests/documents/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import load
from generator.diagnostics import GenerationError, Level

DOCS = Path(__file__).resolve().parent / "documents"


def _codes(path: Path, tmp_path: Path) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in load.validate(path, cache_dir=tmp_path / "cache")]


def test_load_json_and_yaml() -> None:
    doc = load.load_document(DOCS / "specs_small.json")
    assert doc["info"]["version"] == "latest"
    yml = load.load_document(DOCS / "specs_small.yaml")
    responses = yml["paths"]["/api/v1/things/{thingId}"]["get"]["responses"]
    assert list(responses) == ["200"]  # YAML int keys become strings
    example = yml["components"]["schemas"]["Thing"]["properties"]["created"]["example"]
    assert example == "2024-01-01T00:00:00Z"  # YAML timestamps stay strings, as in JSON


@pytest.mark.parametrize(
    ("name", "where"),
    [("broken_syntax.json", "line 4, column 1"), ("broken_syntax.yaml", "line 4, column 10")],
)
def test_parse_errors_become_diagnostics(name: str, where: str) -> None:
    with pytest.raises(GenerationError) as info:
        load.load_document(DOCS / name)
    [d] = info.value.diagnostics
    assert (d.code, d.level, d.pointer, d.file) == ("RSG001", Level.ERROR, "", str(DOCS / name))
    assert where in d.message


def test_load_rejects_missing_and_non_mapping_documents(tmp_path: Path) -> None:
    with pytest.raises(GenerationError) as info:
        load.load_document(tmp_path / "nope.json")
    assert info.value.diagnostics[0].code == "RSG002"
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(GenerationError) as info:
        load.load_document(tmp_path / "list.json")
    assert info.value.diagnostics[0].code == "RSG003"


@pytest.mark.parametrize("name", ["specs_small.json", "specs_small.yaml", "specs_multi_main.yaml"])
def test_valid_documents_have_no_diagnostics(name: str, tmp_path: Path) -> None:
    assert load.validate(DOCS / name, cache_dir=tmp_path) == []


def test_structural_errors_each_have_a_pointer(tmp_path: Path) -> None:
    diagnostics = load.validate(DOCS / "broken_structure.json", cache_dir=None)
    assert [(d.code, d.pointer) for d in diagnostics] == [
        ("RSG030", "/info"),
        ("RSG030", "/paths/~1things/get/responses/200"),
    ]
    assert "'title' is a required property" in diagnostics[0].message
    assert "'description' is a required property" in diagnostics[1].message
    assert str(diagnostics[0]).startswith(f"{DOCS / 'broken_structure.json'}#/info: error RSG030: ")


def test_semantic_errors_are_all_collected_with_real_pointers(tmp_path: Path) -> None:
    found = sorted(_codes(DOCS / "broken_semantics.json", tmp_path))
    assert found == [
        ("RSG032", "/paths/~1other/get"),  # duplicate operationId
        ("RSG033", "/paths/~1things~1{thingId}/get"),  # undeclared path parameter
        ("RSG034", "/paths/~1other/get/parameters"),  # duplicate parameter
        ("RSG035", "/components/schemas/Thing"),  # reached through a $ref: reported at the target
        ("RSG036", "/components/schemas/Thing/properties/size/default"),
    ]


def test_unresolvable_internal_refs_point_at_the_ref(tmp_path: Path) -> None:
    diagnostics = load.validate(DOCS / "broken_ref.json", cache_dir=None)
    assert [(d.code, d.pointer) for d in diagnostics] == [
        ("RSG010", "/paths/~1things/get/responses/200/content/application~1json/schema/$ref"),
        ("RSG010", "/components/schemas/Thing/properties/parent/$ref"),
    ]
    assert "'#/components/schemas/Nowhere'" in diagnostics[0].message


def test_external_refs_are_bundled_and_internal_refs_kept() -> None:
    doc, diagnostics = load.bundle(DOCS / "specs_multi_main.yaml")
    assert diagnostics == []
    assert doc["components"]["schemas"]["Pet"]["required"] == ["name"]  # inlined from the other file
    items = doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert items["items"] == {"$ref": "#/components/schemas/Pet"}  # internal refs stay refs
    owner = doc["components"]["schemas"]["Owner"]  # so recursive schemas are fine
    assert owner["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/Owner"}


def test_unresolvable_external_refs(tmp_path: Path) -> None:
    diagnostics = load.validate(DOCS / "broken_multi_main.yaml", cache_dir=None)
    assert [(d.code, d.pointer) for d in diagnostics] == [
        ("RSG011", "/components/schemas/Gone/$ref"),
        ("RSG011", "/components/schemas/Absent/$ref"),
    ]
    assert "specs_missing_file.yaml" in diagnostics[0].message
    assert "/Absent does not exist in specs_multi_schemas.yaml" in diagnostics[1].message


def test_unsupported_or_missing_openapi_version(tmp_path: Path) -> None:
    (tmp_path / "swagger.json").write_text('{"swagger": "2.0", "info": {}, "paths": {}}')
    (tmp_path / "none.json").write_text('{"info": {}}')
    (tmp_path / "v4.json").write_text('{"openapi": "4.0.0"}')
    assert _codes(tmp_path / "swagger.json", tmp_path) == [("RSG004", "/swagger")]
    assert _codes(tmp_path / "none.json", tmp_path) == [("RSG003", "")]
    assert _codes(tmp_path / "v4.json", tmp_path) == [("RSG004", "/openapi")]


def test_validate_never_raises_for_unreadable_files(tmp_path: Path) -> None:
    assert [d.code for d in load.validate(tmp_path / "nope.json", cache_dir=tmp_path)] == ["RSG002"]
    assert [d.code for d in load.validate(DOCS / "broken_syntax.json", cache_dir=tmp_path)] == ["RSG001"]


def test_cache_is_keyed_by_content_and_names_the_current_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load.validate(DOCS / "broken_ref.json", cache_dir=cache)
    [entry] = list(cache.iterdir())
    assert entry.suffix == ".json" and len(entry.stem) == 64
    assert json.loads(entry.read_text())["validator"] == load.validator_fingerprint()
    copy = tmp_path / "copy.json"
    shutil.copy(DOCS / "broken_ref.json", copy)
    second = load.validate(copy, cache_dir=cache)  # a hit: same bytes, another name
    assert [d.file for d in second] == [str(copy)] * 2
    assert [(d.code, d.pointer, d.message) for d in second] == [(d.code, d.pointer, d.message) for d in first]
    # a stale fingerprint is a miss, and the entry is rewritten
    entry.write_text(json.dumps({**json.loads(entry.read_text()), "validator": "old", "diagnostics": []}))
    assert len(load.validate(copy, cache_dir=cache)) == 2


def test_cache_is_keyed_by_the_checks_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A release that rewords a message or changes a check does not get old diagnostics from the cache."""
    before = load.validator_fingerprint()
    checks = tmp_path / "generator"
    shutil.copytree(Path(load.__file__).parent, checks, ignore=shutil.ignore_patterns("__pycache__", "diff", "upgrade"))
    (checks / "codes.py").write_text((checks / "codes.py").read_text() + "\n# reworded\n")
    monkeypatch.setattr(load, "__file__", str(checks / "load.py"))
    assert load.validator_fingerprint() != before


def test_cache_notices_a_changed_external_file(tmp_path: Path) -> None:
    for name in ["specs_multi_main.yaml", "specs_multi_schemas.yaml"]:
        shutil.copy(DOCS / name, tmp_path / name)
    cache = tmp_path / "cache"
    assert load.validate(tmp_path / "specs_multi_main.yaml", cache_dir=cache) == []
    (tmp_path / "specs_multi_schemas.yaml").write_text("Other: {type: object}\n")
    codes = [d.code for d in load.validate(tmp_path / "specs_multi_main.yaml", cache_dir=cache)]
    assert codes == ["RSG011"]
