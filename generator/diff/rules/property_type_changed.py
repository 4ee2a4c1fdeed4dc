"""property-type-changed: the wire type at a place in a body changed (names are not compared)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.compare.schema import shape
from generator.diff.rules.base import Context, Rule, property_finding
from generator.diff.rules.union_branches import branches_removed

ID = "property-type-changed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    old_enums = {e.class_name: e for e in ctx.diff.old.enums}
    new_enums = {e.class_name: e for e in ctx.diff.new.enums}
    old_aliases = {a.class_name: a.target for a in ctx.diff.old.aliases}
    new_aliases = {a.class_name: a.target for a in ctx.diff.new.aliases}
    for od, pd in iter_properties(ctx.diff):
        if pd.old_type is None or pd.new_type is None:
            continue
        old = shape(old_aliases.get(getattr(pd.old_type, "class_name", ""), pd.old_type), old_enums)
        new = shape(new_aliases.get(getattr(pd.new_type, "class_name", ""), pd.new_type), new_enums)
        if old != new and not branches_removed(ctx, pd):  # a lost branch is union-branch-removed
            yield property_finding(od.new, pd, old=old, new=new)


RULE = Rule(
    ID,
    LEVEL,
    "The type of a body property changed",
    "{method} {path}: {direction} {location} type {old} -> {new}",
    check,
)
