"""request-body-added: an operation without a request body now requires one."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "request-body-added"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        if od.body_added:
            body = od.new.operation.body
            yield operation_finding(od.new, "body", pointer=body.pointer if body else None)


RULE = Rule(ID, LEVEL, "A required request body was added", "{method} {path}: a request body is now required", check)
