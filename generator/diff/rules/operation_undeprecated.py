"""operation-undeprecated: an operation is no longer marked deprecated."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "operation-undeprecated"
LEVEL = ChangeLevel.INFO


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        if od.old.operation.deprecation is not None and od.new.operation.deprecation is None:
            yield operation_finding(od.new)


RULE = Rule(ID, LEVEL, "An operation is no longer deprecated", "{method} {path} no longer deprecated", check)
