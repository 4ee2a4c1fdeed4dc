"""An operation's parameters: paired by (location, wire name), else by wire name alone.

A parameter that moved from query to header is thus a change, not a removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.compare.schema import TypeWalker
from generator.ir import Operation, Parameter

__all__ = ["ParameterDiff", "parameters"]


@dataclass(frozen=True)
class ParameterDiff:
    """A parameter added (`old` is None), removed (`new` is None) or changed."""

    old: Parameter | None
    new: Parameter | None


def parameters(walker: TypeWalker, old: Operation, new: Operation) -> list[ParameterDiff]:
    """The parameters removed, changed, then added between two versions of one operation."""
    olds = {(p.location, p.wire_name): p for p in old.parameters}
    news = {(p.location, p.wire_name): p for p in new.parameters}
    out: list[ParameterDiff] = []
    unmatched_new = {k: p for k, p in news.items() if k not in olds}
    by_wire = {p.wire_name: k for k, p in unmatched_new.items()}
    for key, op in olds.items():
        np = news.get(key)
        if np is None and op.wire_name in by_wire:  # moved to another location
            np = unmatched_new.pop(by_wire.pop(op.wire_name))
        if np is None:
            out.append(ParameterDiff(op, None))
        elif np != op or walker.walk(op.type, np.type)[0]:  # same class name, other enum values
            out.append(ParameterDiff(op, np))
    for key, np in news.items():
        if key not in olds and key in unmatched_new:
            out.append(ParameterDiff(None, np))
    return out
