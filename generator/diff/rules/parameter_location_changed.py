"""parameter-location-changed: a parameter moved (query -> header, ...)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding

ID = "parameter-location-changed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is not None and pd.new is not None and pd.old.location != pd.new.location:
                p = pd.new
                yield operation_finding(
                    od.new,
                    f"parameter:{p.wire_name}",
                    pointer=p.pointer,
                    name=p.wire_name,
                    old=pd.old.location,
                    new=p.location,
                )


RULE = Rule(
    ID,
    LEVEL,
    "A parameter moved to another location",
    "{method} {path}: parameter {name} moved from {old} to {new}",
    check,
)
