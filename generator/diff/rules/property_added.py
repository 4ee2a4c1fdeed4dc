"""property-added / required-property-added: a body property appeared.

A new *required* property of a request body breaks callers that do not send it; anything else is
informational.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.rules.base import Context, Rule, property_finding


def _added(ctx: Context, required_in_request: bool) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.old is None and pd.new is not None:
            breaking = pd.direction == "request" and pd.new.required and not pd.new.read_only
            if breaking == required_in_request:
                yield property_finding(od.new, pd)


def check_added(ctx: Context) -> Iterator[Finding]:
    return _added(ctx, False)


def check_required(ctx: Context) -> Iterator[Finding]:
    return _added(ctx, True)


RULES = (
    Rule(
        "property-added",
        ChangeLevel.INFO,
        "A body property was added",
        "{method} {path}: {direction} property {location} added",
        check_added,
    ),
    Rule(
        "required-property-added",
        ChangeLevel.BREAKING,
        "A required property was added to a request body",
        "{method} {path}: required request property {location} added",
        check_required,
    ),
)
