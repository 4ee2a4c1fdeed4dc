"""property-removed: a property of a request or response body is gone (compared structurally)."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.rules.base import Context, Rule, property_finding

ID = "property-removed"
LEVEL = ChangeLevel.BREAKING


def check(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.old is not None and pd.new is None:
            yield property_finding(od.new, pd)


RULE = Rule(ID, LEVEL, "A body property was removed", "{method} {path}: {direction} property {location} removed", check)
