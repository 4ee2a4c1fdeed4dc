"""Enums: the members of a schema's `enum` values, their Python names and their value kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import codes, ir, naming
from .build_references import text
from .deprecation import deprecation_of

if TYPE_CHECKING:
    from .build_schemas import Schemas


def enum_of(
    schemas: Schemas, node: dict[str, Any], ptr: str, cls: str, *, owner: str | None, schema_name: str | None
) -> ir.TypeRef:
    """The enum class `cls` of a schema with `enum` values, registered with its owner; an enum of other
    values (booleans, objects) is typed by its `type` instead."""
    values = [v for v in node["enum"] if v is not None]
    if not values or any(isinstance(v, (bool, dict, list)) for v in values):
        schemas.document.report(ptr, codes.RSG202, "enum without string or number values: typed by its type")
        return schemas.anonymous_type({k: v for k, v in node.items() if k != "enum"}, ptr, cls, owner)
    if all(isinstance(v, str) for v in values):
        kind: Any = "str"
    elif all(isinstance(v, int) for v in values):
        kind = "int"
    elif all(isinstance(v, (int, float)) for v in values):
        kind = "float"
    else:
        kind, values = "str", [str(v) for v in values]
    names = naming.Namespace()
    members, seen = [], set()
    for value in values:
        if value in seen:
            continue
        seen.add(value)
        members.append(ir.EnumMember(names.claim(naming.enum_member_name(value), separator="_"), value))
    description = text(node.get("description"))
    enum = ir.Enum(cls, "", schema_name, description, tuple(members), kind, deprecation_of(node, description), ptr)
    schemas.named.enums[cls] = (enum, owner)
    return ir.EnumRef(cls)
