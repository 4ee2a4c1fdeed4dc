"""parameter-added / required-parameter-added: a new parameter; breaking when callers must pass it."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, parameter_finding


def _added(ctx: Context, required: bool) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is None and pd.new is not None and pd.new.required == required:
                p = pd.new
                yield parameter_finding(od.new, p, param_in=p.location, python_name=p.name)


def check_optional(ctx: Context) -> Iterator[Finding]:
    return _added(ctx, False)


def check_required(ctx: Context) -> Iterator[Finding]:
    return _added(ctx, True)


RULES = (
    Rule(
        "parameter-added",
        ChangeLevel.INFO,
        "An optional parameter was added",
        "{method} {path}: optional {param_in} parameter {name} added",
        check_optional,
    ),
    Rule(
        "required-parameter-added",
        ChangeLevel.BREAKING,
        "A required parameter was added",
        "{method} {path}: required {param_in} parameter {name} added",
        check_required,
    ),
)
