"""`generator/build_placement.py`: which module of `models/` each named type lives in."""

from __future__ import annotations

from typing import Any

from gen_support import build_document, operation, ref

from generator import ir


def _modules(api: ir.Api) -> dict[str, str]:
    named: list[ir.Model | ir.Enum | ir.Alias] = [*api.models, *api.enums, *api.aliases]
    return {t.class_name: t.module for t in named}


def _model(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def test_each_component_has_its_module_and_inline_types_join_their_owner() -> None:
    result = build_document(
        schemas={
            "TrainingSpec": _model(mode={"type": "string", "enum": ["a"]}, ports=_model(http={"type": "integer"})),
            "Names": {"type": "array", "items": {"type": "string"}},
        }
    )
    assert _modules(result.api) == {
        "TrainingSpec": "training_spec",
        "TrainingSpecPorts": "training_spec",
        "TrainingSpecMode": "training_spec",
        "Names": "names",
    }


def test_an_operation_type_is_a_root_of_its_own() -> None:
    page = _model(items={"type": "array", "items": _model(id={"type": "string"})})
    result = build_document({"/x": {"get": operation("listThings", schema=page)}})
    assert _modules(result.api) == {
        "ListThingsResponse": "list_things_response",
        "ListThingsResponseItemsItem": "list_things_response",
    }


def test_modules_that_import_each_other_merge_into_the_first_by_name() -> None:
    result = build_document(
        schemas={
            "Project": _model(owner=ref("Owner")),
            "Owner": _model(projects={"type": "array", "items": ref("Project")}),
            "Alone": _model(owner=ref("Owner")),
        }
    )
    assert _modules(result.api) == {"Project": "owner", "Owner": "owner", "Alone": "alone"}


def test_classes_whose_module_names_meet_get_distinct_files() -> None:
    result = build_document(schemas={"ABC": _model(), "Abc": _model()})
    assert _modules(result.api) == {"ABC": "abc", "Abc": "abc_2"}
