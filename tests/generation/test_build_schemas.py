"""`generator/build_schemas.py`, `build_models.py` and `build_enums.py`: schema → IR type, on documents written here."""

from __future__ import annotations

from typing import Any

from gen_support import build_document, ref

from generator import codes, ir


def _fields(api: ir.Api, class_name: str) -> dict[str, ir.Field]:
    model = next(m for m in api.models if m.class_name == class_name)
    return {f.wire_name: f for f in model.fields}


def _model(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def test_a_ref_chain_types_the_field_as_its_last_target() -> None:
    result = build_document(
        schemas={"Holder": _model(x=ref("First")), "First": ref("Second"), "Second": _model(id={"type": "string"})}
    )
    assert result.ok, result.diagnostics
    assert _fields(result.api, "Holder")["x"].type == ir.ModelRef("Second")


def test_nullable_schemas_and_null_enum_members_make_a_nullable_type() -> None:
    result = build_document(
        schemas={
            "Thing": _model(
                name={"type": "string", "nullable": True},
                size={"type": "integer"},
                mode={"type": "string", "enum": ["a", None]},
                any={},
                nullable_any={"nullable": True},
            )
        }
    )
    fields = _fields(result.api, "Thing")
    assert fields["name"].type == ir.Nullable(ir.Primitive("str"))
    assert fields["size"].type == ir.Primitive("int")
    assert fields["mode"].type == ir.Nullable(ir.EnumRef("ThingMode"))
    assert fields["any"].type == fields["nullable_any"].type == ir.AnyValue()  # Any holds None already


def test_an_inline_model_is_named_after_where_it_stands_and_lives_with_its_owner() -> None:
    result = build_document(schemas={"Project": _model(resources=_model(gpu={"type": "number"}))})
    models = {m.class_name: m for m in result.api.models}
    assert _fields(result.api, "Project")["resources"].type == ir.ModelRef("ProjectResources")
    assert models["ProjectResources"].schema_name is None
    assert models["ProjectResources"].module == models["Project"].module == "project"


def test_an_inline_name_never_takes_a_component_name() -> None:
    result = build_document(
        schemas={"Project": _model(resources=_model(gpu={"type": "number"})), "ProjectResources": _model()}
    )
    assert _fields(result.api, "Project")["resources"].type == ir.ModelRef("ProjectResources2")


def test_allof_parts_merge_into_one_model_and_keep_their_names() -> None:
    result = build_document(
        schemas={
            "Base": {**_model(id={"type": "string"}), "required": ["id"]},
            "Full": {"allOf": [ref("Base"), {**_model(name={"type": "string"}), "required": ["name"]}]},
        }
    )
    full = next(m for m in result.api.models if m.class_name == "Full")
    assert [(f.wire_name, f.required) for f in full.fields] == [("id", True), ("name", True)]
    assert full.parts == ("Base",)


def test_required_properties_that_do_not_exist_are_reported() -> None:
    result = build_document(schemas={"Thing": {**_model(a={}), "required": ["a", "b"]}})
    assert [(d.code, d.pointer) for d in result.diagnostics] == [(codes.RSG203.code, "/components/schemas/Thing")]


def test_an_enum_gets_members_its_value_kind_and_no_duplicates() -> None:
    result = build_document(
        schemas={
            "Phase": {"type": "string", "enum": ["Running", "control-plane", "", "Running"]},
            "Level": {"type": "integer", "enum": [1, 2]},
            "Ratio": {"type": "number", "enum": [1, 2.5]},
        }
    )
    enums = {e.class_name: e for e in result.api.enums}
    assert [(m.name, m.value) for m in enums["Phase"].members] == [
        ("RUNNING", "Running"),
        ("CONTROL_PLANE", "control-plane"),
        ("EMPTY", ""),
    ]
    assert [enums[c].value_kind for c in ("Phase", "Level", "Ratio")] == ["str", "int", "float"]


def test_an_enum_of_booleans_is_typed_by_its_type() -> None:
    result = build_document(schemas={"Flag": {"type": "boolean", "enum": [True]}, "Thing": _model(flag=ref("Flag"))})
    assert result.api.enums == ()
    assert _fields(result.api, "Thing")["flag"].type == ir.Primitive("bool")
    assert [(d.code, d.pointer) for d in result.diagnostics] == [(codes.RSG202.code, "/components/schemas/Flag")]


def test_arrays_maps_unions_and_formats() -> None:
    result = build_document(
        schemas={
            "Thing": _model(
                tags={"type": "array", "items": {"type": "string"}},
                labels={"type": "object", "additionalProperties": {"type": "integer"}},
                free={"type": "object"},
                either={"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "string"}]},
                at={"type": "string", "format": "date-time"},
                id={"type": "string", "format": "uuid"},
                odd={"type": "string", "format": "shoe-size"},
            )
        }
    )
    fields = _fields(result.api, "Thing")
    assert fields["tags"].type == ir.ListOf(ir.Primitive("str"))
    assert fields["labels"].type == ir.MapOf(ir.Primitive("int"))
    assert fields["free"].type == ir.MapOf(ir.AnyValue())
    assert fields["either"].type == ir.UnionOf((ir.Primitive("str"), ir.Primitive("int")))
    assert fields["at"].type == ir.Primitive("datetime", "date-time")
    assert fields["id"].type == ir.Primitive("str", "uuid")  # the format is kept; the type is still text
    assert [(d.code, d.pointer) for d in result.diagnostics] == [
        (codes.RSG201.code, "/components/schemas/Thing/properties/odd")
    ]


def test_a_recursive_model_refers_to_itself_and_a_recursive_alias_is_any() -> None:
    result = build_document(
        schemas={"Node": _model(children={"type": "array", "items": ref("Node")}), "Loop": {"oneOf": [ref("Loop")]}}
    )
    assert _fields(result.api, "Node")["children"].type == ir.ListOf(ir.ModelRef("Node"))
    assert [d.code for d in result.diagnostics] == [codes.RSG104.code]


def test_constraints_follow_refs_and_single_part_allofs() -> None:
    result = build_document(
        schemas={
            "Name": {"type": "string", "maxLength": 8, "pattern": "^[a-z]+$"},
            "Thing": _model(name={"allOf": [ref("Name")]}, count={"type": "integer", "minimum": 1}),
        }
    )
    fields = _fields(result.api, "Thing")
    assert fields["name"].constraints == ir.Constraints(pattern="^[a-z]+$", max_length=8)
    assert fields["count"].constraints == ir.Constraints(minimum=1)
