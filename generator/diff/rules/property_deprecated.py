"""property-deprecated: a body property is newly deprecated."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.rules.base import Context, Rule, deprecation_extra, property_finding

ID = "property-deprecated"
LEVEL = ChangeLevel.DEPRECATION


def check(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.old is not None and pd.new is not None:
            if pd.old.deprecation is None and pd.new.deprecation is not None:
                yield property_finding(od.new, pd, extra=deprecation_extra(pd.new.deprecation))


RULE = Rule(
    ID, LEVEL, "A body property was deprecated", "{method} {path}: {direction} property {location} deprecated", check
)
