"""Match the uses found in one file against the changes of a pair: one `Finding` per affected use.

    [Use] + PairChanges ──match──▶ [Finding]  (each standing on a Change, with its root id)

One module per kind of change: `classes` (the package, model classes, enum members), `operations`
(resources and methods), `parameters` (a call's keywords), `models` (fields written or read);
`context` holds what they share. Renames are applied by the fixer only where the mapping is certain:
a method or keyword whose operation or parameter is the same on the wire (same method + path, same
location + wire name), or a parameter/field replaced by exactly one new one of the same place and
type whose wire name differs only in case or separators (`nodepoolName` → `nodePoolName`). Anything
else is reported, not edited.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.upgrade.changes import PairChanges
from generator.upgrade.findings import Finding
from generator.upgrade.match import models
from generator.upgrade.match.classes import class_ref, imports, member, module
from generator.upgrade.match.context import MatchContext
from generator.upgrade.match.operations import method, resource
from generator.upgrade.uses import (
    ClassUse,
    ConstructUse,
    ImportUse,
    MemberUse,
    MethodUse,
    ModuleUse,
    ResourceUse,
    Use,
)

__all__ = ["match"]


def _findings(cx: MatchContext, use: Use) -> Iterator[Finding]:
    if isinstance(use, ImportUse):
        yield from imports(cx, use)
    elif isinstance(use, ModuleUse):
        yield module(cx, use.pos, use.pos, (cx.old.package,))
    elif isinstance(use, ClassUse):
        yield from class_ref(cx, use.pos, use.class_name)
    elif isinstance(use, ResourceUse):
        yield from resource(cx, use)
    elif isinstance(use, MethodUse):
        yield from method(cx, use)
    elif isinstance(use, ConstructUse):
        yield from models.construct(cx, use)
    elif isinstance(use, MemberUse):
        yield from member(cx, use)
    else:
        yield from models.read(cx, use)


def match(uses: Sequence[Use], pc: PairChanges, file: str) -> list[Finding]:
    """The findings for the uses of one file, in source order, each once."""
    cx = MatchContext(pc, file)
    seen: set[tuple[int, int, str, str | None]] = set()
    out: list[Finding] = []
    for use in uses:
        for f in _findings(cx, use):
            key = (f.line, f.col, f.kind, f.change)
            if key not in seen:
                seen.add(key)
                out.append(f)
    out.sort(key=lambda f: (f.line, f.col, f.kind))
    return out
