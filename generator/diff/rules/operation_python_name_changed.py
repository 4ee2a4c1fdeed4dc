"""operation-python-name-changed: the generated call moved (`client.x.get_a` -> `client.y.get_b`)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "operation-python-name-changed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        if od.old.python != od.new.python:
            yield operation_finding(od.new, old=od.old.python, new=od.new.python)


RULE = Rule(
    ID,
    LEVEL,
    "The Python call of an operation was renamed or moved",
    "{method} {path}: {old} renamed to {new}",
    check,
)
