"""Docstrings from facts for the types the document leaves undescribed: the schema's name and where the
type is used (`Request body of client.projects.create_project`, `The compute field of TrainingSpecSpec`).

The notes are plain text built from names; the `docstring` filter escapes them like any document text.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import ir
from .ir import referenced_classes

MAX_USES = 4  # a widely shared schema lists its first uses, then a count


def _role(t: ir.TypeRef, class_name: str, what: str) -> str:
    """`Request body` when the type is the class itself, `Items of the request body` for a list of it."""
    t = ir.strip_nullable(t)
    if isinstance(t, (ir.ModelRef, ir.EnumRef)) and t.class_name == class_name:
        return what.capitalize()
    if isinstance(t, ir.ListOf) and isinstance(t.item, (ir.ModelRef, ir.EnumRef)) and t.item.class_name == class_name:
        return f"Items of the {what}"
    return f"Part of the {what}"


def _uses(api: ir.Api) -> Iterator[tuple[str, str]]:
    """(class name, one sentence on a place that uses it), operations first, then model fields."""
    for resource in api.resources:
        for op in resource.operations:
            call = f"`client.{resource.attribute}.{op.python_name}`"
            for p in op.parameters:
                for c in dict.fromkeys(referenced_classes(p.type)):
                    yield c, f"The `{p.name}` parameter of {call}."
            if op.body is not None:
                for c in dict.fromkeys(referenced_classes(op.body.type)):
                    yield c, f"{_role(op.body.type, c, 'request body')} of {call}."
            if op.result.kind == "json" and op.result.type is not None:
                for c in dict.fromkeys(referenced_classes(op.result.type)):
                    yield c, f"{_role(op.result.type, c, 'response')} of {call}."
    for m in api.models:
        for f in m.fields:
            for c in dict.fromkeys(referenced_classes(f.type)):
                yield c, f"The `{f.name}` field of `{m.class_name}`."


def type_notes(api: ir.Api) -> dict[str, str]:
    """Class name → its docstring text from facts, for every model, enum and alias."""
    uses: dict[str, list[str]] = {}
    for c, sentence in _uses(api):
        uses.setdefault(c, []).append(sentence)
    named: list[ir.Model | ir.Enum | ir.Alias] = [*api.models, *api.enums, *api.aliases]
    notes = {}
    for t in named:
        found = list(dict.fromkeys(uses.get(t.class_name, [])))
        shown = found[:MAX_USES] + ([f"And {len(found) - MAX_USES} more uses."] if len(found) > MAX_USES else [])
        head = [f"The `{t.schema_name}` schema of the document."] if t.schema_name else []
        lines = head + ([""] if head and shown else []) + shown
        notes[t.class_name] = "\n".join(lines or [f"`{t.class_name}`, used nowhere in the document."])
    return notes
