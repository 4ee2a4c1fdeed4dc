"""parameter-made-required: an optional parameter became required."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, parameter_finding

ID = "parameter-made-required"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is not None and pd.new is not None and pd.new.required and not pd.old.required:
                p = pd.new
                yield parameter_finding(od.new, p, param_in=p.location)


RULE = Rule(
    ID,
    LEVEL,
    "An optional parameter became required",
    "{method} {path}: {param_in} parameter {name} is now required",
    check,
)
