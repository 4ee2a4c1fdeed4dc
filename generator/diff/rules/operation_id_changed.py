"""operation-id-changed: the operationId of an operation changed (other generators' names change)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "operation-id-changed"
LEVEL = ChangeLevel.INFO


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        old, new = od.old.operation.operation_id, od.new.operation.operation_id
        if old != new:
            yield operation_finding(od.new, old=old, new=new)


RULE = Rule(ID, LEVEL, "The operationId changed", "{method} {path}: operationId {old} -> {new}", check)
