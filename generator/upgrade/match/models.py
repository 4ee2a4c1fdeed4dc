"""Model fields, written (a construction's keywords or dict keys) or read (`project.cluster_id`).

A field is renamed by the fixer when its wire name is unchanged and only the Python name differs, or
when exactly one new field's wire name differs from the old one only in case or separators; a
construction that leaves out a newly required field is reported (when all its keys are known).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.compare.schema import shape
from generator.ir import Field, Model
from generator.upgrade.findings import Edit, Finding
from generator.upgrade.match.context import MatchContext, wire_key
from generator.upgrade.uses import ConstructUse, FieldUse, KeyUse, Pos

__all__ = ["construct", "field", "read"]


def construct(cx: MatchContext, use: ConstructUse) -> Iterator[Finding]:
    """A model built from keys: each field given, then the newly required ones left out (all keys known)."""
    target = cx.pc.classes.get(use.class_name)
    if target is None or target not in cx.new.models:
        return
    old, new = cx.old.models[use.class_name], cx.new.models[target]
    given: set[str] = set()
    for key in use.keys:
        of = _field(old, key)
        if of is None:
            continue
        given.add(of.wire_name)
        for finding in field(cx, key.pos, old, new, of, key.keyword, reading=False):
            if finding.kind == "renamed" and finding.replacement:
                nf = next((f for f in new.fields if f.name == finding.replacement), None)
                given.add(nf.wire_name if nf else "")
            yield finding
    if not use.complete:
        return
    olds = {f.wire_name: f for f in old.fields}
    for nf in new.fields:
        of = olds.get(nf.wire_name)
        if not nf.required or nf.wire_name in given or (of is not None and of.required):
            continue
        rule = "request-property-made-required" if of is not None else "required-property-added"
        surface = "required" if of is not None else "added-required"
        change = cx.pc.by_pointer([rule], [nf.pointer]) or cx.pc.where(
            "model-field-changed", nf.pointer, change=surface
        )
        python = f"{new.class_name}.{nf.name}"
        message = f"{use.class_name} requires field {nf.name} in {cx.label}"
        yield cx.finding(use.pos, "made-required", python, message, change)


def _field(model: Model, key: KeyUse) -> Field | None:
    by_name = next((f for f in model.fields if f.name == key.name), None)
    if key.keyword:
        return by_name
    return next((f for f in model.fields if f.wire_name == key.name), by_name)


def field(
    cx: MatchContext, pos: Pos, old: Model, new: Model, of: Field, editable: bool, *, reading: bool
) -> Iterator[Finding]:
    """One field of `old` against its match in `new`; `editable` when written by its Python name."""
    python = f"{old.class_name}.{of.name}"
    written = of.name if editable else of.wire_name
    nf = next((f for f in new.fields if f.wire_name == of.wire_name), None)
    if nf is None:
        change = cx.pc.by_pointer(["property-removed"], [of.pointer]) or cx.pc.where(
            "model-field-changed", of.pointer, change="removed"
        )
        olds = {f.wire_name for f in old.fields}
        twins = [f for f in new.fields if f.wire_name not in olds and wire_key(f.wire_name) == wire_key(of.wire_name)]
        if len(twins) == 1:
            twin = twins[0]
            edits = [Edit(pos.line, pos.col, of.name, twin.name)] if editable and twin.name != of.name else []
            message = (
                f"field {written} of {old.class_name} is {twin.name if editable else twin.wire_name} in {cx.label}"
            )
            yield cx.finding(pos, "renamed", python, message, change, replacement=twin.name, edits=edits)
        else:
            message = f"field {written} of {old.class_name} is removed in {cx.label}"
            yield cx.finding(pos, "field-removed", python, message, change)
        return
    if nf.name != of.name and editable:
        change = cx.pc.where("model-field-changed", nf.pointer, change="renamed")
        edit = Edit(pos.line, pos.col, of.name, nf.name)
        message = f"field {of.name} of {old.class_name} is {nf.name} in {cx.label}"
        yield cx.finding(pos, "renamed", python, message, change, replacement=nf.name, edits=[edit])
    old_shape, new_shape = shape(of.type, cx.old_enums), shape(nf.type, cx.new_enums)
    if old_shape != new_shape:
        change = cx.pc.by_pointer(["property-type-changed"], [nf.pointer, of.pointer]) or cx.pc.where(
            "model-field-changed", nf.pointer, change="type"
        )
        message = f"field {written} of {old.class_name}: type {old_shape} -> {new_shape} in {cx.label}"
        yield cx.finding(pos, "type-changed", python, message, change)
    if reading and of.required and not nf.required:
        change = cx.pc.by_pointer(["response-property-made-optional"], [nf.pointer]) or cx.pc.where(
            "model-field-changed", nf.pointer, change="optional"
        )
        message = f"field {written} of {old.class_name} may be None in {cx.label}"
        yield cx.finding(pos, "made-optional", python, message, change)
    if nf.deprecation is not None:
        change = (
            cx.pc.by_pointer(["property-deprecated"], [nf.pointer]) if of.deprecation is None else None
        ) or cx.pc.where("model-field-changed", nf.pointer, change="deprecated")
        removal = cx.pc.field_removal(nf.pointer)
        message = f"field {written} of {old.class_name} is deprecated in {cx.label}"
        message += f" (earliest removal: {removal})" if removal else ""
        instead = _field_named(new, nf.deprecation.replacement)
        message += f"; use {instead}" if instead else ""
        yield cx.finding(pos, "deprecated", python, message, change, replacement=instead, removal=removal)


def _field_named(model: Model, text: str | None) -> str | None:
    """A replacement the document names: the Python name when it is a wire name of the model's fields."""
    wire = (text or "").strip("`'\" ")
    return next((f.name for f in model.fields if f.wire_name == wire), text)


def read(cx: MatchContext, use: FieldUse) -> Iterator[Finding]:
    """A field read from a model instance."""
    target = cx.pc.classes.get(use.class_name)
    of = cx.old.field(use.class_name, use.field)
    if target is None or target not in cx.new.models or of is None:
        return
    yield from field(cx, use.pos, cx.old.models[use.class_name], cx.new.models[target], of, True, reading=True)
