"""IR types as generated Python spells them: annotations, their top-level alternatives, and the runtime types
results are parsed into.

The spellings are made of names chosen by `naming.py` and fixed Python text only, never of document text;
`render` marks them as code for the templates.
"""

from __future__ import annotations

from . import ir

Alternative = tuple[object, ...]
ANY: Alternative = ("any",)
NONE: Alternative = ("none",)


def alternatives(t: ir.TypeRef | None) -> tuple[Alternative, ...]:
    """The top-level alternatives of a type's Python annotation, in the order it spells them: `A | B | None`
    has three, `list[A | B]` one. Equal alternatives spell the same annotation (`uuid` is spelt `str`)."""
    if t is None:
        return (NONE,)
    if isinstance(t, ir.Primitive):
        return (("primitive", "str" if t.kind == "uuid" else t.kind),)
    if isinstance(t, (ir.ModelRef, ir.EnumRef)):
        return ((type(t).__name__, t.class_name),)
    if isinstance(t, ir.ListOf):
        return (("list", alternatives(t.item)),)
    if isinstance(t, ir.MapOf):
        return (("dict", alternatives(t.value)),)
    if isinstance(t, ir.UnionOf):
        return tuple(alt for option in dict.fromkeys(alternatives(o) for o in t.options) for alt in option)
    if isinstance(t, ir.Nullable):
        inner = alternatives(t.inner)
        return inner if inner == (ANY,) else (*inner, NONE)
    return (ANY,)


def annotation(t: ir.TypeRef | None) -> str:
    """The Python annotation of a type; enums are open (`OpenEnum[X]` accepts unknown strings)."""
    if t is None:
        return "None"
    if isinstance(t, ir.Primitive):
        return {"datetime": "_dt.datetime", "date": "_dt.date"}.get(t.kind, t.kind if t.kind != "uuid" else "str")
    if isinstance(t, ir.ModelRef):
        return t.class_name
    if isinstance(t, ir.EnumRef):
        return f"OpenEnum[{t.class_name}]"
    if isinstance(t, ir.ListOf):
        return f"list[{annotation(t.item)}]"
    if isinstance(t, ir.MapOf):
        return f"dict[str, {annotation(t.value)}]"
    if isinstance(t, ir.UnionOf):
        return " | ".join(dict.fromkeys(annotation(o) for o in t.options))
    if isinstance(t, ir.Nullable):
        inner = annotation(t.inner)
        return inner if inner == "_t.Any" else f"{inner} | None"
    return "_t.Any"


def optional(t: ir.TypeRef) -> str:
    """The annotation of a value that may be absent (`X | None`)."""
    spelt = alternatives(t)
    admits_none = spelt == (ANY,) or (len(spelt) > 1 and spelt[-1] == NONE)
    return annotation(t) if admits_none else f"{annotation(t)} | None"


def result_annotation(result: ir.Result) -> str:
    """What a generated method returns."""
    if result.kind == "json":
        return annotation(result.type)
    return {"text": "str", "bytes": "bytes", "none": "None"}[result.kind]


def body_annotation(body: ir.Body) -> str:
    """A request body: its model, or a plain mapping with the same keys."""
    t = annotation(body.type)
    if isinstance(ir.strip_nullable(body.type), ir.ModelRef):
        return f"{t} | _t.Mapping[str, _t.Any]"
    return t


def cast_to(op: ir.Operation) -> str:
    """The runtime type of the result: what JSON is parsed into, `str`, `bytes` or `None`. `OpenEnum` is
    a generic alias that type checkers refuse to subscript in an expression: it is cast to Any first."""
    if op.result.kind != "json":
        return result_annotation(op.result)
    return _runtime_type(op.result.type)


def _runtime_type(t: ir.TypeRef | None) -> str:
    """A type as an expression that type checkers accept: generics that hold an open enum go through
    `Any` (a checker refuses `OpenEnum[X]`, and any non-type inside `list[...]`, in an expression)."""
    if t is None or not any(isinstance(node, ir.EnumRef) for node in ir.walk(t)):
        return annotation(t)
    if isinstance(t, ir.EnumRef):
        return f"_t.cast(_t.Any, OpenEnum)[{t.class_name}]"
    if isinstance(t, ir.ListOf):
        return f"_t.cast(_t.Any, list)[{_runtime_type(t.item)}]"
    if isinstance(t, ir.MapOf):
        return f"_t.cast(_t.Any, dict)[str, {_runtime_type(t.value)}]"
    if isinstance(t, ir.UnionOf):
        return f"_t.cast(_t.Any, _t.Union)[{', '.join(dict.fromkeys(_runtime_type(o) for o in t.options))}]"
    if isinstance(t, ir.Nullable):
        return f"_t.cast(_t.Any, _t.Optional)[{_runtime_type(t.inner)}]"
    return annotation(t)


def item_cast(op: ir.Operation) -> str:
    """The runtime type of one item of a paginated result."""
    assert op.pagination is not None
    return annotation(op.pagination.item_type)
