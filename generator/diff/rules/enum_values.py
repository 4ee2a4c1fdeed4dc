"""enum-value-added / enum-value-removed: the values of an enum used in a body changed."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.rules.base import Context, Rule, at_enum, enum_of, property_finding


def check_added(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        enum = enum_of(ctx.diff.new, pd.new_type)
        for value in pd.enum_added:
            yield at_enum(property_finding(od.new, pd, value=str(value)), enum)


def check_removed(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        enum = enum_of(ctx.diff.new, pd.new_type)
        for value in pd.enum_removed:
            yield at_enum(property_finding(od.new, pd, value=str(value)), enum)


RULES = (
    Rule(
        "enum-value-added",
        ChangeLevel.INFO,
        "An enum value was added",
        "{method} {path}: {direction} {location} accepts new value {value!r}",
        check_added,
    ),
    Rule(
        "enum-value-removed",
        ChangeLevel.BREAKING,
        "An enum value was removed",
        "{method} {path}: {direction} {location} lost value {value!r}",
        check_removed,
    ),
)
