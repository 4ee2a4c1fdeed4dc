"""request-constraint-tightened: a request property or parameter accepts less than it did.

A pattern added, a higher minimum, a lower maximum (or one made exclusive), a shorter maxLength, a
longer minLength, fewer maxItems, more minItems, or a format added or changed: a value a caller sends
today may be refused. A pattern changed is reported ("pattern changed ... may reject values accepted
before") unless `patterns.accepts_all_of` shows the new one accepts everything the old one did.
`pattern: ".*"` (or `^.*$`) accepts everything: the same as none. Loosened constraints and constraints
on responses are not reported.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.patterns import accepts_all_of, accepts_anything
from generator.diff.rules.base import Context, Rule, parameter_finding, property_finding
from generator.ir import Constraints

ID = "request-constraint-tightened"
_EFFECT = "may refuse values accepted before"
_CHANGED = "may reject values accepted before"


def _pattern(c: Constraints) -> str | None:
    return None if accepts_anything(c.pattern) else c.pattern


def tightened(old: Constraints | None, new: Constraints | None) -> list[tuple[str, str, str]]:
    """(keyword, old, new) for each way `new` accepts less than `old`."""
    o, n = old or Constraints(), new or Constraints()
    out: list[tuple[str, str, str]] = []

    def show(value: object) -> str:
        return "none" if value is None else str(value)

    old_pattern, new_pattern = _pattern(o), _pattern(n)
    if new_pattern is not None and (old_pattern is None or not accepts_all_of(old_pattern, new_pattern)):
        out.append(("pattern", show(old_pattern), new_pattern))
    if n.format is not None and n.format != o.format:
        out.append(("format", show(o.format), n.format))
    bounds: list[tuple[str, float | None, float | None, int]] = [
        ("minimum", o.minimum, n.minimum, 1),
        ("minLength", o.min_length, n.min_length, 1),
        ("minItems", o.min_items, n.min_items, 1),
        ("maximum", o.maximum, n.maximum, -1),
        ("maxLength", o.max_length, n.max_length, -1),
        ("maxItems", o.max_items, n.max_items, -1),
    ]
    for keyword, before, after, tighter in bounds:  # tighter: +1 when a larger bound accepts less
        if after is not None and (before is None or (after - before) * tighter > 0):
            out.append((keyword, show(before), show(after)))
    for keyword, before_x, after_x in (
        ("exclusiveMinimum", o.exclusive_minimum, n.exclusive_minimum),
        ("exclusiveMaximum", o.exclusive_maximum, n.exclusive_maximum),
    ):
        if after_x and not before_x:
            out.append((keyword, "false", "true"))
    return out


def _wording(keyword: str, old: str) -> dict[str, str]:
    """How the message reads (not fingerprinted): a pattern replaced by another is only "changed"."""
    if keyword == "pattern" and old != "none":
        return {"what": "pattern changed", "effect": _CHANGED}
    return {"what": keyword, "effect": _EFFECT}


def check(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.direction == "request" and pd.old is not None and pd.new is not None and not pd.new.read_only:
            for keyword, old, new in tightened(pd.old.constraints, pd.new.constraints):
                yield property_finding(od.new, pd, extra=_wording(keyword, old), keyword=keyword, old=old, new=new)
    for od in ctx.diff.modified:
        for prm in od.parameters:
            if prm.old is not None and prm.new is not None:
                for keyword, old, new in tightened(prm.old.constraints, prm.new.constraints):
                    yield parameter_finding(
                        od.new,
                        prm.new,
                        extra=_wording(keyword, old),
                        param_in=prm.new.location,
                        keyword=keyword,
                        old=old,
                        new=new,
                    )


RULE = Rule(
    ID,
    ChangeLevel.BREAKING,
    "A request property or parameter accepts less (pattern, format, min/max, lengths, item counts)",
    "{method} {path}: request {location} {what} {old} -> {new} ({effect})",
    check,
)
