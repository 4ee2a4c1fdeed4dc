"""operation-removed: an operation (method + path) of the old version is gone; its Python call too."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "operation-removed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for ref in ctx.diff.removed:
        yield operation_finding(ref)


RULE = Rule(ID, LEVEL, "An operation was removed", "{method} {path} removed ({python})", check)
