"""operation-added: the new version has an operation (method + path) the old one had not."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "operation-added"
LEVEL = ChangeLevel.INFO


def check(ctx: Context) -> Iterator[Finding]:
    for ref in ctx.diff.added:
        yield operation_finding(ref)


RULE = Rule(ID, LEVEL, "An operation was added", "{method} {path} added ({python})", check)
