"""union-branch-removed: a `oneOf`/`anyOf` in a body lost a branch (values of that kind are refused
in requests, and code matching on the branch in responses breaks)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.compare.schema import PropertyDiff, shape
from generator.diff.rules.base import Context, Rule, property_finding
from generator.diff.lookup import alias_targets
from generator.ir import EnumRef, ModelRef, Nullable, TypeRef, UnionOf

ID = "union-branch-removed"


def _union(t: TypeRef | None, aliases: dict[str, TypeRef]) -> UnionOf | None:
    for _ in range(8):
        if isinstance(t, Nullable):
            t = t.inner
        elif t is not None and getattr(t, "class_name", None) in aliases:
            t = aliases[getattr(t, "class_name")]
        else:
            break
    return t if isinstance(t, UnionOf) else None


def _lost(ctx: Context, pd: PropertyDiff) -> tuple[int, int]:
    """(branches before, branches lost) of a union at this place; (0, 0) unless a union on both sides."""
    if not isinstance(pd.old_type, (UnionOf, Nullable, ModelRef, EnumRef)):
        return 0, 0
    old, new = _union(pd.old_type, alias_targets(ctx.diff.old)), _union(pd.new_type, alias_targets(ctx.diff.new))
    if old is None or new is None:
        return 0, 0
    new_shapes = [shape(o) for o in new.options]
    missing = [s for s in (shape(o) for o in old.options) if s not in new_shapes]
    return len(old.options), max(len(missing), len(old.options) - len(new.options))


def branches_removed(ctx: Context, pd: PropertyDiff) -> int:
    """How many branches a union at this place lost (0 when it is not a union on both sides)."""
    return _lost(ctx, pd)[1]


def check(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        before, removed = _lost(ctx, pd)
        if removed:
            yield property_finding(od.new, pd, old=str(before), removed=str(removed))


RULE = Rule(
    ID,
    ChangeLevel.BREAKING,
    "A oneOf/anyOf lost a branch",
    "{method} {path}: {direction} {location} lost {removed} of its {old} oneOf/anyOf branches",
    check,
)
