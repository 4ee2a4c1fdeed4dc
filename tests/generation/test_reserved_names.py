"""Reserved names, decided once in `naming.py`: a table of what each kind of document name becomes, and
checks that the reserved tables cover every name the runtime and the templates define."""

from __future__ import annotations

import ast
import importlib
import keyword
import re
import sys
import typing
from pathlib import Path

import pydantic
import pytest

from generator import naming

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"
_CLASS_LIKE = re.compile(r"^[A-Z][A-Za-z0-9]*\Z")  # what `class_name` can produce


def _module_names(tree: ast.Module) -> set[str]:
    """Names bound at module level (including under `if TYPE_CHECKING:`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node in tree.body:
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign) and node in tree.body:
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and node in tree.body and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_every_class_like_runtime_name_is_reserved() -> None:
    bound = set().union(*(_module_names(ast.parse(p.read_text())) for p in RUNTIME.glob("*.py")))
    missing = {n for n in bound if _CLASS_LIKE.match(n)} - naming.RESERVED_CLASS_NAMES
    assert not missing, f"add to naming.RESERVED_CLASS_NAMES: {sorted(missing)}"


def test_every_class_like_template_name_is_reserved(fixture_package: Path) -> None:
    """The modules the templates write around generated classes: clients, model bases, resources."""
    package = fixture_package / "runai_v1_0"
    generated: set[str] = set()
    bound: set[str] = set()
    for path in [package / "_client.py", package / "__init__.py", package / "models" / "_base.py"]:
        bound |= _module_names(ast.parse(path.read_text()))
    models_init = ast.parse((package / "models" / "__init__.py").read_text())
    generated |= {
        a.asname or a.name
        for node in ast.walk(models_init)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module != "_base"
        for a in node.names
    }
    bound |= _module_names(models_init)
    for path in package.glob("resources/*.py"):
        tree = ast.parse(path.read_text())
        generated |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("models", ".models", "..models.")):
                generated |= {a.asname or a.name for a in node.names if a.name != "OpenEnum"}
        bound |= _module_names(tree)
    for path in package.glob("_client.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and ".resources." in f".{node.module}.":
                generated |= {a.name for a in node.names}
    missing = {n for n in bound - generated if _CLASS_LIKE.match(n)} - naming.RESERVED_CLASS_NAMES
    assert not missing, f"add to naming.RESERVED_CLASS_NAMES: {sorted(missing)}"


def test_runtime_attributes_are_reserved(fixture_package: Path) -> None:
    sys.path.insert(0, str(fixture_package))
    try:
        runtime = importlib.import_module("runai_v1_0._runtime")
    finally:
        sys.path.remove(str(fixture_package))
    client_attributes = {a for c in (runtime.SyncBaseClient, runtime.AsyncBaseClient) for a in dir(c)}
    assert {a for a in client_attributes if not a.startswith("_")} <= naming.CLIENT_RESERVED
    resource_attributes = {a for c in (runtime.SyncResource, runtime.AsyncResource) for a in dir(c)}
    assert {a for a in resource_attributes if not a.startswith("_")} <= naming.METHOD_RESERVED
    assert set(runtime.RequestOptions.__annotations__) <= naming.METHOD_RESERVED
    for attribute in (a for a in dir(pydantic.BaseModel) if not a.startswith("_")):
        assert naming.field_name(attribute) != attribute, attribute


# (function, document name, Python name)
TABLE = [
    (naming.class_name, "class", "Class"),
    (naming.class_name, "Endpoint", "Endpoint_"),
    (naming.class_name, "Client", "Client_"),
    (naming.class_name, "AsyncClient", "AsyncClient_"),
    (naming.class_name, "RunaiModel", "RunaiModel_"),
    (naming.class_name, "OpenEnum", "OpenEnum_"),
    (naming.class_name, "SyncResource", "SyncResource_"),
    (naming.class_name, "Any", "Any_"),
    (naming.class_name, "401Unauthorized", "Model401Unauthorized"),
    (naming.class_name, "", "Model"),
    (naming.field_name, "class", "class_"),
    (naming.field_name, "match", "match_"),
    (naming.field_name, "case", "case_"),
    (naming.field_name, "type", "type"),  # shadows nothing the generated class body uses
    (naming.field_name, "_", "field"),
    (naming.field_name, "str", "str_"),
    (naming.field_name, "model_config", "model_config_"),
    (naming.field_name, "model_dump_json", "model_dump_json_"),
    (naming.field_name, "json", "json_"),
    (naming.field_name, "None", "none"),
    (naming.parameter_name, "self", "self_"),
    (naming.parameter_name, "options", "options_"),
    (naming.parameter_name, "body", "body_"),
    (naming.parameter_name, "timeout", "timeout_"),
    (naming.parameter_name, "extra_headers", "extra_headers_"),
    (naming.parameter_name, "import", "import_"),
    (naming.parameter_name, "list", "list_"),
    (naming.attribute_name, "class", "class_"),
    (naming.attribute_name, "with_options", "with_options_"),
    (naming.attribute_name, "close", "close_"),
    (naming.attribute_name, "base_url", "base_url_"),
    (naming.module_name, "class", "class_"),
    (naming.module_name, "Import", "import_"),
    (naming.module_name, "", "model"),
]


@pytest.mark.parametrize(("function", "text", "expected"), TABLE, ids=lambda v: getattr(v, "__name__", repr(v)))
def test_reserved_name_table(function: typing.Callable[[str], str], text: str, expected: str) -> None:
    assert function(text) == expected


def test_method_names_avoid_keywords_and_method_locals() -> None:
    assert naming.method_name("class", "get", "/x") == "class_"
    assert naming.method_name("self", "get", "/x") == "self_"
    assert naming.method_name(None, "get", "/a/{id}") == "get_a_by_id"


@pytest.mark.parametrize("attribute", ["async_", "sync", "client", "projects"])
def test_resource_classes_never_meet_runtime_or_model_names(attribute: str) -> None:
    taken = naming.Namespace()
    taken.claim("ProjectsResource")  # a model of that name exists
    name = naming.resource_class_name(attribute, taken)
    assert {name, "Async" + name}.isdisjoint(naming.RESERVED_CLASS_NAMES)
    assert name != "ProjectsResource"


def test_no_produced_name_is_a_keyword_and_long_names_are_bounded() -> None:
    for word in keyword.kwlist + keyword.softkwlist:
        for function in (naming.field_name, naming.parameter_name, naming.attribute_name, naming.module_name):
            assert naming.is_identifier(function(word)), (function, word)
    long = naming.class_name("VeryLong" * 40)
    assert len(long) <= naming.MAX_IDENTIFIER and long != naming.class_name("VeryLong" * 41)
