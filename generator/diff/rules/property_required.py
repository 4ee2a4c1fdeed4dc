"""request-property-made-required / response-property-made-optional.

Callers must now send a request property they could omit; or can no longer count on a response
property being present. Both break existing code.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.rules.base import Context, Rule, property_finding


def check_request(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.direction == "request" and pd.old is not None and pd.new is not None:
            if pd.new.required and not pd.old.required and not pd.new.read_only:  # the server fills readOnly
                yield property_finding(od.new, pd)


def check_response(ctx: Context) -> Iterator[Finding]:
    for od, pd in iter_properties(ctx.diff):
        if pd.direction == "response" and pd.old is not None and pd.new is not None:
            if pd.old.required and not pd.new.required:
                yield property_finding(od.new, pd)


RULES = (
    Rule(
        "request-property-made-required",
        ChangeLevel.BREAKING,
        "A request body property became required",
        "{method} {path}: request property {location} is now required",
        check_request,
    ),
    Rule(
        "response-property-made-optional",
        ChangeLevel.BREAKING,
        "A response body property became optional",
        "{method} {path}: response property {location} is now optional",
        check_response,
    ),
)
