"""The diagnostics registry (`generator/codes.py`): every code defined once, used through the registry, in the README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import codes
from generator.diagnostics import Level

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "generator"
CODE = re.compile(r"RSG\d{3}")


def _sources() -> dict[Path, ast.Module]:
    return {
        p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(GENERATOR.rglob("*.py")) if p.name != "codes.py"
    }


def test_no_code_is_written_as_a_string_outside_the_registry() -> None:
    found = []
    for path, tree in _sources().items():
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if CODE.search(node.value):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_no_diagnostic_is_made_by_hand() -> None:
    """Only `Code.__call__` builds a Diagnostic, so a code always carries its registered level."""
    found = []
    for path, tree in _sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "Diagnostic":
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert found == []


def test_every_code_is_registered_used_and_means_one_thing() -> None:
    used: set[str] = set()
    mentioned: set[str] = set()
    for path, tree in _sources().items():
        used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and CODE.fullmatch(n.attr)}
        mentioned |= set(CODE.findall(path.read_text(encoding="utf-8")))
    for doc in (REPO / "README.md", REPO / "docs" / "hostile-documents.md"):
        mentioned |= set(CODE.findall(doc.read_text(encoding="utf-8")))
    assert mentioned <= codes.REGISTRY.keys(), "mentioned but not registered"
    assert used == set(codes.REGISTRY), "registered but never used (or used but not registered)"
    assert all(getattr(codes, c) is codes.REGISTRY[c] and codes.REGISTRY[c].code == c for c in codes.REGISTRY)
    meanings = [c.meaning.lower() for c in codes.REGISTRY.values()]
    assert len(set(meanings)) == len(meanings)
    assert all(c.meaning and c.fix and "\n" not in c.meaning + c.fix for c in codes.REGISTRY.values())


def test_a_code_cannot_be_defined_twice_or_looked_up_unregistered() -> None:
    with pytest.raises(ValueError, match="RSG001 is defined twice"):
        codes._define("RSG001", Level.ERROR, "another meaning", "none")
    assert codes.lookup("RSG040") is codes.RSG040
    with pytest.raises(KeyError, match="RSG999"):
        codes.lookup("RSG999")


def test_a_code_makes_diagnostics_at_its_level() -> None:
    made = codes.RSG009("doc.json", "/paths", "duplicate key 'get'")
    assert (made.code, made.level, str(made)) == (
        "RSG009",
        Level.WARNING,
        "doc.json#/paths: warning RSG009: duplicate key 'get'",
    )


def test_the_readme_table_is_the_registrys() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert codes.with_table(readme) == readme, "run scripts/diagnostics_table.py"
    assert readme.count("| RSG") == len(codes.REGISTRY)
