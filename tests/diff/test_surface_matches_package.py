"""The Python names the diff reports (computed from the IR) are the generated package's public names.

`roots.PythonIndex` and the `python-*` rules read class, attribute, method and keyword names from the
IR; this reads them from the committed golden package with `ast` (as griffe would) and compares, so
a report never names something the package does not have, and a surface change cannot hide.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from generator.build import build_api
from generator.ir import Api

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "documents" / "fixture_runai.json"
PACKAGE = ROOT / "tests" / "golden" / "runai-client-v1-0" / "runai_v1_0"


def _api() -> Api:
    return build_api(json.loads(FIXTURE.read_text(encoding="utf-8")), version="1.0", file="fixture_runai.json").api


def _classes(directory: Path) -> dict[str, ast.ClassDef]:
    out: dict[str, ast.ClassDef] = {}
    for path in sorted(directory.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                out[node.name] = node
    return out


def test_model_classes_and_attributes_are_the_packages() -> None:
    api = _api()
    classes = _classes(PACKAGE / "models")
    names = {m.class_name for m in api.models} | {e.class_name for e in api.enums}
    assert names <= set(classes)
    aliases = {
        target.id
        for path in (PACKAGE / "models").glob("*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in ([node.target] if not isinstance(node, ast.Assign) else node.targets)
        if isinstance(target, ast.Name)
    }
    assert {a.class_name for a in api.aliases} <= aliases | set(classes)
    for model in api.models:
        body = classes[model.class_name].body
        attributes = {n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        assert {f.name for f in model.fields} == attributes, model.class_name


def test_methods_and_keywords_are_the_packages() -> None:
    api = _api()
    classes = _classes(PACKAGE / "resources")
    assert api.resources
    for resource in api.resources:
        for cls in (resource.class_name, f"Async{resource.class_name}"):
            assert cls in classes, cls
        body = classes[resource.class_name].body
        methods = {f.name: f for f in body if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")}
        for op in resource.operations:
            assert op.python_name in methods, f"client.{resource.attribute}.{op.python_name}"
            fn = methods[op.python_name].args
            keywords = {a.arg for a in [*fn.args, *fn.kwonlyargs]}
            assert {p.name for p in op.parameters} <= keywords, op.python_name
