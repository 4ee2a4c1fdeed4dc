"""operation-deprecated: an operation present in both versions is newly deprecated (any marker)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, deprecation_extra, operation_finding

ID = "operation-deprecated"
LEVEL = ChangeLevel.DEPRECATION


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        old, new = od.old.operation.deprecation, od.new.operation.deprecation
        if old is None and new is not None:
            yield operation_finding(od.new, extra=deprecation_extra(new))


RULE = Rule(ID, LEVEL, "An operation was deprecated", "{method} {path} deprecated ({python})", check)
