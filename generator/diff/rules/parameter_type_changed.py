"""parameter-type-changed: a parameter's wire type changed (`string` -> `array<string>`)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare.schema import shape
from generator.diff.rules.base import Context, Rule, parameter_finding

ID = "parameter-type-changed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    old_enums = {e.class_name: e for e in ctx.diff.old.enums}
    new_enums = {e.class_name: e for e in ctx.diff.new.enums}
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is None or pd.new is None:
                continue
            old, new = shape(pd.old.type, old_enums), shape(pd.new.type, new_enums)
            if old != new:
                p = pd.new
                yield parameter_finding(od.new, p, old=old, new=new)


RULE = Rule(ID, LEVEL, "A parameter's type changed", "{method} {path}: parameter {name} type {old} -> {new}", check)
