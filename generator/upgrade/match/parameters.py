"""The keywords of a call: a parameter removed, renamed, retyped, deprecated, or newly required.

A keyword is renamed by the fixer only when the parameter is the same on the wire (same location and
wire name), or when exactly one parameter of the same place and type replaced it and the wire names
differ only in case or separators (`nodepoolName` -> `nodePoolName`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import naming
from generator.diff.compare.operations import OperationDiff
from generator.diff.compare.schema import shape
from generator.ir import Enum, Parameter
from generator.upgrade.findings import Edit, Finding
from generator.upgrade.match.context import MatchContext, wire_key
from generator.upgrade.names import MethodRef
from generator.upgrade.uses import MethodUse

__all__ = ["keywords"]


def keywords(cx: MatchContext, use: MethodUse, python: str, ref: MethodRef, od: OperationDiff) -> Iterator[Finding]:
    """The keywords of a call whose operation changed, then the newly required ones it does not pass."""
    op = ref.operation
    diffs = {pd.old.name: pd for pd in od.parameters if pd.old is not None}
    added = [pd.new for pd in od.parameters if pd.old is None and pd.new is not None]
    params = {p.name: p for p in op.parameters}
    passed: set[str] = set()
    for key in use.keywords:
        passed.add(key.name)
        p, pd = params.get(key.name), diffs.get(key.name)
        if key.name in naming.METHOD_RESERVED or p is None or pd is None:
            continue
        here = f"{python}({key.name}=)"
        if pd.new is None:
            change = cx.pc.at("parameter-removed", op.method, op.path, f"{p.location}:{p.wire_name}")
            twin = _twin(p, added, cx.old_enums, cx.new_enums)
            if twin is not None and wire_key(twin.wire_name) == wire_key(p.wire_name):
                passed.add(twin.name)
                edit = Edit(key.pos.line, key.pos.col, key.name, twin.name)
                message = f"keyword {key.name} of {python} is {twin.name} in {cx.label}"
                yield cx.finding(key.pos, "renamed", here, message, change, replacement=twin.name, edits=[edit])
            else:
                message = f"keyword {key.name} of {python} is removed in {cx.label}"
                message += f" (perhaps renamed to {twin.name})" if twin is not None else ""
                yield cx.finding(
                    key.pos, "parameter-removed", here, message, change, replacement=twin.name if twin else None
                )
            continue
        new = pd.new
        where = f"{new.location}:{new.wire_name}"
        if new.name != p.name:
            passed.add(new.name)
            change = cx.pc.at("parameter-python-name-changed", op.method, op.path, where)
            edit = Edit(key.pos.line, key.pos.col, key.name, new.name)
            message = f"keyword {key.name} of {python} is {new.name} in {cx.label}"
            yield cx.finding(key.pos, "renamed", here, message, change, replacement=new.name, edits=[edit])
        old_shape, new_shape = shape(p.type, cx.old_enums), shape(new.type, cx.new_enums)
        if old_shape != new_shape:
            change = cx.pc.at("parameter-type-changed", op.method, op.path, where)
            message = f"keyword {key.name} of {python}: type {old_shape} -> {new_shape} in {cx.label}"
            yield cx.finding(key.pos, "type-changed", here, message, change)
        if new.deprecation is not None and p.deprecation is None:
            change = cx.pc.at("parameter-deprecated", op.method, op.path, where)
            removal = cx.pc.field_removal(new.pointer)
            message = f"keyword {key.name} of {python} is deprecated in {cx.label}"
            message += f" (earliest removal: {removal})" if removal else ""
            yield cx.finding(
                key.pos,
                "deprecated",
                here,
                message,
                change,
                replacement=new.deprecation.replacement,
                removal=removal,
            )
    if use.open_keywords:
        return
    for pd in od.parameters:
        wanted = pd.new
        if wanted is None or not wanted.required or wanted.name in passed or (pd.old and pd.old.required):
            continue
        rule = "parameter-made-required" if pd.old is not None else "required-parameter-added"
        change = cx.pc.at(rule, op.method, op.path, f"{wanted.location}:{wanted.wire_name}")
        message = f"{python} requires keyword {wanted.name} in {cx.label}"
        yield cx.finding(use.pos, "made-required", f"{python}({wanted.name}=)", message, change)


def _twin(
    p: Parameter, added: list[Parameter], old_enums: dict[str, Enum], new_enums: dict[str, Enum]
) -> Parameter | None:
    """The one added parameter at the same location with the same wire type, if exactly one."""
    same = [n for n in added if n.location == p.location and shape(n.type, new_enums) == shape(p.type, old_enums)]
    return same[0] if len(same) == 1 else None
