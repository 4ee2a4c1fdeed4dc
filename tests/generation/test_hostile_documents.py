"""Every hostile or broken document ends in one of two ways, never a traceback: a diagnostic (file,
pointer, code) with a non-zero exit, or a package that imports, constructs and passes mypy --strict.

The cases are the files in tests/documents/hostile/ plus a few made here (too large or too deep to
commit). docs/hostile-documents.md lists them with their outcome; a test keeps the two in step.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from gen_support import DOCUMENTS, generate_document
from package_check import check_packages

from generator.cli import main
from generator.naming import package_name

HOSTILE = DOCUMENTS / "hostile"
TABLE = Path(__file__).resolve().parents[2] / "docs" / "hostile-documents.md"

# case -> expected outcome: "package", "package RSGnnn" (with that warning), or "error RSGnnn"
CASES: dict[str, str] = {
    "absolute_ref.json": "error RSG014",
    "all_parameter_locations.json": "package",
    "allof_cycle.json": "error RSG015",
    "array_self_alias.json": "package RSG104",
    "components_only.json": "package",
    "control_characters.json": "package",
    "cookie_parameter.json": "error RSG302",
    "dangling_ref.json": "error RSG010",
    "duplicate_keys.json": "package RSG009",
    "duplicate_keys.yaml": "valid RSG009",
    "empty.yaml": "error RSG003",
    "empty_paths.json": "package",
    "enum_odd_values.json": "package RSG202",
    "header_bad_token.json": "error RSG305",
    "header_crlf.json": "error RSG305",
    "huge_float.json": "error RSG006",
    "lone_surrogates.json": "package RSG008",
    "long_names.json": "package",
    "misspelt_deprecated.json": "error RSG030",
    "mutual_reference.json": "package",
    "nan_enum.json": "error RSG001",
    "nan_enum.yaml": "error RSG006",
    "no_components.json": "package",
    "no_operation_ids.json": "package",
    "not_utf8.json": "error RSG001",
    "null_paths.json": "error RSG030",
    "numeric_info_version.json": "error RSG030",
    "odd_defaults.json": "error RSG036",
    "odd_paths.json": "error RSG030",
    "openapi_31.json": "package",
    "openapi_4.json": "error RSG004",
    "openapi_not_string.json": "error RSG003",
    "outside_ref.json": "error RSG014",
    "ref_cycle.json": "error RSG015",
    "ref_self.json": "error RSG015",
    "ref_to_non_schema.json": "package",
    "remote_ref.json": "error RSG012",
    "reserved_names.json": "package",
    "schema_not_object.json": "error RSG030",
    "self_reference.json": "package",
    "swagger2.json": "error RSG004",
    "top_level_list.json": "error RSG003",
    "unicode_names.json": "package",
    "yaml_alias_bomb.yaml": "error RSG007",
    "yaml_recursive_alias.yaml": "error RSG005",
    # made by `_made` below
    "deep_allof.json": "error RSG005",
    "deep_arrays.json": "error RSG005",
    "deep_arrays.yaml": "error RSG001",
    "deep_properties.json": "error RSG005",
    "deep_ref_chain.json": "error RSG005",
    "too_large.json": "error RSG002",
}
_HEAD = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, '


def _made(name: str, folder: Path) -> Path:
    """The documents too big to commit, written on demand."""
    path = folder / name
    if name == "deep_properties.json":
        body = '{"type": "object", "properties": {"p": ' * 3000 + '{"type": "string"}' + "}}" * 3000
        path.write_text(_HEAD + '"components": {"schemas": {"Deep": ' + body + "}}}")
    elif name == "deep_allof.json":
        body = '{"allOf": [' * 3000 + '{"type": "string"}' + "]}" * 3000
        path.write_text(_HEAD + '"components": {"schemas": {"Deep": ' + body + "}}}")
    elif name == "deep_arrays.json":
        path.write_text(_HEAD + '"x-deep": ' + "[" * 100_000 + "]" * 100_000 + "}")
    elif name == "deep_arrays.yaml":
        path.write_text('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-deep: ' + "[" * 5000 + "]" * 5000)
    elif name == "deep_ref_chain.json":
        chain = {f"C{i}": {"$ref": f"#/components/schemas/C{i + 1}"} for i in range(3000)}
        schemas = {**chain, "C3000": {"type": "string"}}
        path.write_text(_HEAD + '"components": ' + json.dumps({"schemas": schemas}) + "}")
    elif name == "too_large.json":
        path.write_text(_HEAD + '"x-padding": "' + "x" * (2 * 2**20) + '"}')
    else:
        return HOSTILE / name
    return path


def _run(tmp: Path, *args: str) -> Result:
    env = {
        "RUNAI_SDKGEN_PINS": str(tmp / "pins.json"),
        "RUNAI_SDKGEN_SYNCED": str(tmp / "synced"),
        "RUNAI_SDKGEN_CACHE": str(tmp / "cache"),
    }
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _outcome(name: str, index: int, tmp: Path) -> tuple[str, Result, Path | None]:
    """Run a case the way a user would: pin + generate for JSON, validate --file for YAML."""
    document = _made(name, tmp)
    extra = ["--max-document-size", "1"] if name == "too_large.json" else []
    if document.suffix == ".yaml":
        result = _run(tmp, *extra, "validate", "--file", str(document))
        return ("valid" if result.exit_code == 0 else "error"), result, None
    version = f"1.{index}"
    result = _run(tmp, *extra, "specs", "pin", version, "--from", str(document))
    if result.exit_code != 0:
        return "error", result, None
    result = _run(tmp, *extra, "generate", version, "--out", str(tmp / "out"))
    if result.exit_code != 0:
        assert not (tmp / "out" / f"runai-client-v1-{index}").exists()  # nothing half-written
        return "error", result, None
    return "package", result, tmp / "out" / f"runai-client-v1-{index}"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Result, Path | None]]:
    return {name: _outcome(name, i, tmp_path_factory.mktemp(f"case{i}")) for i, name in enumerate(sorted(CASES))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_document_outcome(name: str, outcomes: dict[str, tuple[str, Result, Path | None]]) -> None:
    kind, result, _ = outcomes[name]
    expected, _, code = CASES[name].partition(" ")
    assert kind == expected, result.output
    if expected == "error":
        assert result.exit_code == 1
        assert re.search(rf"(error {code}:|{code}: )", result.output), result.output
    elif code:
        assert f"warning {code}:" in result.output, result.output
        assert re.search(r"\d+ warning\(s\)", result.output)


def test_every_package_imports_constructs_and_type_checks(
    outcomes: dict[str, tuple[str, Result, Path | None]], tmp_path: Path
) -> None:
    packages = {
        package_name(f"1.{i}"): target
        for i, name in enumerate(sorted(CASES))
        if (target := outcomes[name][2]) is not None
    }
    assert len(packages) == sum(v.startswith("package") for v in CASES.values())
    printed = check_packages(packages, tmp_path / "mypy")
    assert len(printed.splitlines()) == len(packages)


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path: Path) -> None:
    _run(tmp_path, "specs", "pin", "1.0", "--from", str(HOSTILE / "duplicate_keys.json"))
    result = _run(tmp_path, "generate", "1.0", "--strict", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "warning RSG009: duplicate key 'get'" in result.output
    assert not (tmp_path / "out" / "runai-client-v1-0").exists()
    assert _run(tmp_path, "generate", "1.0", "--out", str(tmp_path / "out")).exit_code == 0
    again = _run(tmp_path, "generate", "1.0", "--strict", "--out", str(tmp_path / "out"))  # up to date, still checked
    assert again.exit_code == 1 and "1.0: 2 warning(s)" in again.output


def test_size_limit_can_be_raised(tmp_path: Path) -> None:
    document = _made("too_large.json", tmp_path)
    assert _run(tmp_path, "--max-document-size", "3", "validate", "--file", str(document)).exit_code == 0


def test_deep_document_is_refused_by_specs_pin_with_the_pointer(tmp_path: Path) -> None:
    result = _run(tmp_path, "specs", "pin", "1.0", "--from", str(_made("deep_properties.json", tmp_path)))
    assert result.exit_code == 1
    assert "RSG005: too deep" in result.output and "/components/schemas/Deep/properties/p/properties" in result.output


def test_multi_file_document_builds_from_the_bundle_that_was_validated(tmp_path: Path) -> None:
    package = generate_document(DOCUMENTS / "specs_multi_main.yaml", tmp_path / "out", version="7.0")
    assert any(package.rglob("*.py"))


def test_numeric_info_version_pinned_with_a_patch_generates(tmp_path: Path) -> None:
    document = HOSTILE / "numeric_info_version.json"
    failed = _run(tmp_path, "validate", "--file", str(document))
    assert failed.exit_code == 1 and '"op": "replace", "path": "/info/version"' in failed.output
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps([{"op": "replace", "path": "/info/version", "value": "2.18"}]))
    assert _run(tmp_path, "specs", "pin", "2.18", "--from", str(document), "--patch", str(fix)).exit_code == 0
    listed = _run(tmp_path, "specs", "list").output
    assert "synced  patch patches/2.18.json" in listed
    (tmp_path / "synced" / "2.18.json").unlink()  # sync again: the patch is applied after the sha256 check
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "2.18.json").write_bytes(document.read_bytes())
    assert _run(tmp_path, "specs", "sync", "--mirror", str(mirror), "2.18").exit_code == 0
    result = _run(tmp_path, "generate", "2.18", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    readme = (tmp_path / "out" / "runai-client-v2-18" / "README.md").read_text()
    assert "declared fix-ups applied" in readme and '"patches/2.18.json"' in readme


def test_a_patch_that_does_not_apply_is_an_error(tmp_path: Path) -> None:
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps([{"op": "remove", "path": "/no/such"}]))
    result = _run(tmp_path, "specs", "pin", "2.18", "--from", str(HOSTILE / "empty_paths.json"), "--patch", str(fix))
    assert result.exit_code == 1 and "does not apply" in result.output


def test_the_docs_table_lists_every_case_with_its_outcome() -> None:
    rows = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", TABLE.read_text(encoding="utf-8"), flags=re.M))
    assert rows == CASES


@pytest.mark.parametrize(("name", "code"), [("swagger2.json", "RSG004"), ("dangling_ref.json", "RSG010")])
def test_diff_refuses_a_broken_document(name: str, code: str, tmp_path: Path) -> None:
    result = _run(tmp_path, "diff", str(HOSTILE / "empty_paths.json"), str(HOSTILE / name))
    assert result.exit_code != 0 and f"error {code}:" in result.output


def test_diff_loads_pinned_versions_through_the_pins_and_synced_dir(tmp_path: Path) -> None:
    """A pin with a fix-up, in a pins file of its own: diff reads the patched, sha256-checked document."""
    fix = tmp_path / "fix.json"
    fix.write_text(json.dumps([{"op": "replace", "path": "/info/version", "value": "2.18"}]))
    assert (
        _run(
            tmp_path, "specs", "pin", "2.18", "--from", str(HOSTILE / "numeric_info_version.json"), "--patch", str(fix)
        ).exit_code
        == 0
    )
    assert _run(tmp_path, "specs", "pin", "2.19", "--from", str(HOSTILE / "no_components.json")).exit_code == 0
    result = _run(tmp_path, "diff", "2.18", "2.19", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pairs"][0]["old"] == "2.18"
    (tmp_path / "synced" / "2.18.json").write_text("{}")  # tampered: no mirror to sync it back from
    result = _run(tmp_path, "diff", "2.18", "2.19")
    assert result.exit_code != 0 and "2.18 is pinned but its document is not available" in result.output
