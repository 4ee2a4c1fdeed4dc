"""parameter-deprecated: a parameter is newly deprecated."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, deprecation_extra, parameter_finding

ID = "parameter-deprecated"
LEVEL = ChangeLevel.DEPRECATION


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is not None and pd.new is not None:
                if pd.old.deprecation is None and pd.new.deprecation is not None:
                    p = pd.new
                    yield parameter_finding(od.new, p, extra=deprecation_extra(p.deprecation), param_in=p.location)


RULE = Rule(ID, LEVEL, "A parameter was deprecated", "{method} {path}: {param_in} parameter {name} deprecated", check)
