"""parameter-removed: a parameter of the old version is gone (calls passing it break)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, parameter_finding

ID = "parameter-removed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.new is None and pd.old is not None:
                p = pd.old
                yield parameter_finding(od.new, p, param_in=p.location, python_name=p.name)


RULE = Rule(ID, LEVEL, "A parameter was removed", "{method} {path}: {param_in} parameter {name} removed", check)
