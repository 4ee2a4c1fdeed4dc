"""Models: the fields of an object schema, its `allOf` parts merged (the effective properties)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import codes, ir, naming
from .build_references import Document, text, tokens
from .deprecation import deprecation_of
from .diagnostics import pointer

if TYPE_CHECKING:
    from .build_schemas import Schemas


@dataclass
class ModelDraft:
    """A model while its fields are being built (recursion needs the name before the fields)."""

    class_name: str
    owner: str | None
    schema_name: str | None
    description: str | None
    deprecation: ir.Deprecation | None
    pointer: str
    fields: tuple[ir.Field, ...] = ()
    additional: ir.TypeRef | None = None
    parts: tuple[str, ...] = ()


def fill_model(schemas: Schemas, draft: ModelDraft, node: dict[str, Any], ptr: str) -> None:
    """The fields of a model: its own properties and those of its `allOf` parts, in the order they come."""
    properties: dict[str, tuple[Any, str]] = {}
    required: set[str] = set()
    extra: list[tuple[Any, str]] = []
    _collect(schemas.document, node, ptr, properties, required, extra, set())
    names = naming.Namespace()
    owner = draft.owner or draft.class_name
    fields = []
    for wire, (prop, prop_ptr) in properties.items():
        if not isinstance(prop, dict):
            prop = {}
        description = text(prop.get("description"))
        if description is None and isinstance(prop.get("$ref"), str):
            description = text(schemas.document.resolve(prop, prop_ptr)[0].get("description"))
        hint = draft.class_name + naming.pascal_case(wire)
        has_default = "default" in prop
        fields.append(
            ir.Field(
                name=names.claim(naming.field_name(wire), separator="_"),
                wire_name=wire,
                type=schemas.type_of(prop, prop_ptr, hint, owner),
                required=wire in required,
                description=description,
                deprecation=deprecation_of(prop, description),
                default=prop.get("default") if has_default else None,
                has_default=has_default,
                read_only=prop.get("readOnly") is True,
                write_only=prop.get("writeOnly") is True,
                pointer=prop_ptr,
                constraints=schemas.constraints(prop),
            )
        )
    for name in sorted(required - properties.keys()):
        schemas.document.report(ptr, codes.RSG203, f"required property {name!r} is not among the properties")
    draft.fields = tuple(fields)
    for extra_node, extra_ptr in extra:
        draft.additional = schemas.type_of(extra_node, extra_ptr, draft.class_name + "Value", owner)


def _collect(
    document: Document,
    node: dict[str, Any],
    ptr: str,
    properties: dict[str, tuple[Any, str]],
    required: set[str],
    extra: list[tuple[Any, str]],
    visiting: set[str],
) -> None:
    """Merge the effective properties of a schema and of all its `allOf` parts."""
    if ptr in visiting:
        return
    visiting.add(ptr)
    for i, part in enumerate(node.get("allOf") or []):
        target, target_ptr = document.resolve(part, f"{ptr}/allOf/{i}")
        _collect(document, target, target_ptr, properties, required, extra, visiting)
    props = node.get("properties")
    if isinstance(props, dict):
        for wire, prop in props.items():
            properties[str(wire)] = (prop, pointer(*tokens(ptr), "properties", str(wire)))
    if isinstance(node.get("required"), list):
        required.update(str(r) for r in node["required"])
    if isinstance(node.get("additionalProperties"), dict) and node["additionalProperties"]:
        extra.append((node["additionalProperties"], f"{ptr}/additionalProperties"))
