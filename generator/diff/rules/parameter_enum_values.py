"""parameter-enum-value-removed / -added: the values a path, query, header or cookie parameter accepts.

A caller passing a value the server no longer accepts breaks; a new value is informational.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, at_enum, enum_of, parameter_finding


def _changed(ctx: Context, removed: bool) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is None or pd.new is None:
                continue
            old_enum, new_enum = enum_of(ctx.diff.old, pd.old.type), enum_of(ctx.diff.new, pd.new.type)
            if old_enum is None or new_enum is None:
                continue
            old = [m.value for m in old_enum.members]
            new = [m.value for m in new_enum.members]
            gone, came = [v for v in old if v not in new], [v for v in new if v not in old]
            for value in gone if removed else came:
                finding = parameter_finding(od.new, pd.new, param_in=pd.new.location, value=str(value))
                yield at_enum(finding, new_enum)


def check_removed(ctx: Context) -> Iterator[Finding]:
    return _changed(ctx, True)


def check_added(ctx: Context) -> Iterator[Finding]:
    return _changed(ctx, False)


RULES = (
    Rule(
        "parameter-enum-value-added",
        ChangeLevel.INFO,
        "A parameter accepts a new enum value",
        "{method} {path}: {param_in} parameter {name} accepts new value {value!r}",
        check_added,
    ),
    Rule(
        "parameter-enum-value-removed",
        ChangeLevel.BREAKING,
        "A parameter no longer accepts an enum value",
        "{method} {path}: {param_in} parameter {name} no longer accepts {value!r}",
        check_removed,
    ),
)
