"""Security: schemes added or removed; operations requiring a new scheme or dropping one."""

from collections.abc import Iterator

from generator.diagnostics import pointer
from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding


def check_scheme_added(ctx: Context) -> Iterator[Finding]:
    for name in ctx.diff.security_schemes_added:
        yield Finding(
            "", "", f"security-scheme:{name}", pointer("components", "securitySchemes", name), args={"scheme": name}
        )


def check_scheme_removed(ctx: Context) -> Iterator[Finding]:
    for name in ctx.diff.security_schemes_removed:
        yield Finding(
            "", "", f"security-scheme:{name}", pointer("components", "securitySchemes", name), args={"scheme": name}
        )


def check_requirement_added(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for name in od.security_added:
            yield operation_finding(od.new, f"security:{name}", scheme=name)


def check_requirement_removed(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for name in od.security_removed:
            yield operation_finding(od.new, f"security:{name}", scheme=name)


RULES = (
    Rule(
        "security-scheme-added",
        ChangeLevel.INFO,
        "A security scheme was added",
        "security scheme {scheme} added",
        check_scheme_added,
    ),
    Rule(
        "security-scheme-removed",
        ChangeLevel.BREAKING,
        "A security scheme was removed",
        "security scheme {scheme} removed",
        check_scheme_removed,
    ),
    Rule(
        "security-requirement-added",
        ChangeLevel.BREAKING,
        "An operation requires a security scheme it did not require",
        "{method} {path}: now requires {scheme}",
        check_requirement_added,
    ),
    Rule(
        "security-requirement-removed",
        ChangeLevel.INFO,
        "An operation no longer requires a security scheme",
        "{method} {path}: no longer requires {scheme}",
        check_requirement_removed,
    ),
)
