"""Resources and methods: an operation removed, moved to another resource, renamed or deprecated.

A called method's keywords go to `parameters`, a `body={...}` literal to `models` (as a construction
of the body's model).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import Change
from generator.diff.policy import find_replacement
from generator.ir import ModelRef, strip_nullable
from generator.upgrade.findings import Edit, Finding
from generator.upgrade.match import models, parameters
from generator.upgrade.match.context import MatchContext
from generator.upgrade.names import MethodRef, iter_name
from generator.upgrade.uses import ConstructUse, MethodUse, ResourceUse

__all__ = ["method", "resource"]


def resource(cx: MatchContext, use: ResourceUse) -> Iterator[Finding]:
    """A resource kept in a variable that the target version no longer has."""
    if use.resource in cx.new.resources:
        return
    moved: list[tuple[str, bool]] = []  # (new resource, same method name) per operation still there
    changes: list[Change | None] = []
    for op in cx.old.resources[use.resource].operations:
        ref = cx.new.operations.get((op.method, op.path))
        rule = "operation-python-name-changed" if ref is not None else "operation-removed"
        changes.append(cx.pc.at(rule, op.method, op.path, "operation"))
        if ref is not None:
            moved.append((ref.resource.attribute, ref.operation.python_name == op.python_name))
    change = next((c for c in changes if c is not None), None)
    targets = sorted({attribute for attribute, _ in moved})
    if len(targets) == 1 and len(moved) == len(changes):
        certain = all(same for _, same in moved)
        edits = [Edit(use.pos.line, use.pos.col, use.resource, targets[0])] if certain else []
        message = f"{use.resource} is {targets[0]} in {cx.label}"
        yield cx.finding(use.pos, "renamed", use.resource, message, change, replacement=targets[0], edits=edits)
    else:
        message = f"{use.resource} is gone in {cx.label}"
        message += f"; its operations are now in {', '.join(targets)}" if targets else ""
        yield cx.finding(use.pos, "removed", use.resource, message, change)


def method(cx: MatchContext, use: MethodUse) -> Iterator[Finding]:
    """A method named or called: removed, renamed or moved, deprecated; then its call's keywords and body."""
    ref = cx.old.methods[(use.resource, use.method)]
    op = ref.operation
    python = f"{use.resource}.{use.method}"
    new_ref = cx.new.operations.get((op.method, op.path))
    if new_ref is None:
        change = cx.pc.at("operation-removed", op.method, op.path, "operation")
        successor = _successor(cx, ref)
        message = f"{python} ({op.method} {op.path}) is removed in {cx.label}"
        message += f"; use {successor}" if successor else ""
        yield cx.finding(use.pos, "removed", python, message, change, replacement=successor)
        return
    new_name = iter_name(new_ref.operation) if ref.iterator else new_ref.operation.python_name
    new_resource = new_ref.resource.attribute
    # a resource the target lacks, taken into a variable: reported (and fixed) where it was taken
    via_variable = use.resource_pos is None and new_name == use.method and use.resource not in cx.new.resources
    if (new_resource, new_name) != (use.resource, use.method) and not via_variable:
        change = cx.pc.at("operation-python-name-changed", op.method, op.path, "operation")
        edits = [Edit(use.pos.line, use.pos.col, use.method, new_name)] if new_name != use.method else []
        if new_resource != use.resource:
            rp = use.resource_pos
            edits = [*edits, Edit(rp.line, rp.col, use.resource, new_resource)] if rp is not None else []
        replacement = f"{new_resource}.{new_name}"
        message = f"{python} is {replacement} in {cx.label}"
        yield cx.finding(use.pos, "renamed", python, message, change, replacement=replacement, edits=edits)
    deprecation = new_ref.operation.deprecation
    if deprecation is not None:
        rule = "operation-still-deprecated" if op.deprecated else "operation-deprecated"
        change = cx.pc.at(rule, op.method, op.path, "operation")
        instead = _successor(cx, new_ref) or deprecation.replacement
        removal = cx.pc.removal(op.method, op.path)
        message = f"{python} is deprecated in {cx.label}"
        message += f" (earliest removal: {removal})" if removal else ""
        message += f"; use {instead}" if instead else ""
        yield cx.finding(use.pos, "deprecated", python, message, change, replacement=instead, removal=removal)
    if use.called:
        od = cx.modified.get((op.method, op.path))
        if od is not None:
            yield from parameters.keywords(cx, use, python, ref, od)
        if use.body_keys is not None and op.body is not None:
            body = strip_nullable(op.body.type)
            if isinstance(body, ModelRef) and body.class_name in cx.old.models:
                yield from models.construct(cx, ConstructUse(use.pos, body.class_name, use.body_keys, True))


def _successor(cx: MatchContext, ref: MethodRef) -> str | None:
    """The obvious replacement of a removed or deprecated operation in the target version."""
    resource = next((r for r in cx.new.api.resources if r.tag == ref.resource.tag), None)
    if resource is None:
        return None
    successor = find_replacement(cx.new.api, resource, ref.operation)
    return f"{resource.attribute}.{successor.python_name}" if successor is not None else None
