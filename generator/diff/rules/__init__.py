"""The rule registry: every rule id, its default level and description, and `run` to apply them all.

Each module in this package holds one rule (or one tiny family, such as added/removed pairs). The
order here is the order of the `rules` table and of changes in reports of equal level.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

from generator.diff.changes import Change, ChangeLevel, fingerprint
from generator.diff.rules import (
    constraints,
    enum_values,
    operation_added,
    operation_deprecated,
    operation_id_changed,
    operation_python_name_changed,
    operation_removed,
    operation_undeprecated,
    parameter_added,
    parameter_deprecated,
    parameter_enum_values,
    parameter_location_changed,
    parameter_made_required,
    parameter_removed,
    parameter_type_changed,
    policy_removals,
    property_added,
    property_deprecated,
    property_removed,
    property_required,
    property_type_changed,
    python_surface,
    request_body_added,
    resource_deprecated,
    responses,
    schemas,
    security,
    union_branches,
)
from generator.diff.rules.base import Context, Rule

__all__ = ["RULES", "Context", "Rule", "UnknownRuleError", "by_id", "levels_with", "run"]

RULES: tuple[Rule, ...] = (
    operation_added.RULE,
    operation_removed.RULE,
    operation_deprecated.RULE,
    operation_undeprecated.RULE,
    operation_id_changed.RULE,
    operation_python_name_changed.RULE,
    *parameter_added.RULES,
    parameter_removed.RULE,
    parameter_made_required.RULE,
    parameter_type_changed.RULE,
    parameter_location_changed.RULE,
    parameter_deprecated.RULE,
    *parameter_enum_values.RULES,
    request_body_added.RULE,
    *property_added.RULES,
    property_removed.RULE,
    property_deprecated.RULE,
    property_type_changed.RULE,
    union_branches.RULE,
    constraints.RULE,
    *property_required.RULES,
    *enum_values.RULES,
    *responses.RULES,
    *schemas.RULES,
    resource_deprecated.RULE,
    *python_surface.RULES,
    *security.RULES,
    *policy_removals.RULES,
)

_BY_ID = {r.id: r for r in RULES}
assert len(_BY_ID) == len(RULES), "duplicate rule id"


class UnknownRuleError(ValueError):
    """A level override or an ignore entry names a rule id that does not exist."""


def by_id(rule_id: str) -> Rule:
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise UnknownRuleError(f"unknown rule id {rule_id!r}; see `runai-sdkgen rules`") from None


def levels_with(overrides: Mapping[str, ChangeLevel]) -> dict[str, ChangeLevel]:
    """The level of every rule, defaults replaced by `overrides` (unknown ids are an error)."""
    for rule_id in overrides:
        by_id(rule_id)
    return {r.id: overrides.get(r.id, r.level) for r in RULES}


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER = string.Formatter()


def run(
    ctx: Context,
    *,
    levels: Mapping[str, ChangeLevel] | None = None,
    ignored: Iterable[str] = (),
    rules: Iterable[Rule] = RULES,
) -> list[Change]:
    """Apply the rules to a diff; changes sorted by level, then rule order, path, method, location."""
    levels = levels or {}
    ignore = set(ignored)
    order = {r.id: i for i, r in enumerate(RULES)}
    out: list[Change] = []
    for rule in rules:
        level = levels.get(rule.id, rule.level)
        for f in rule.check(ctx):
            values = _Blank(
                {
                    **f.extra,
                    **f.args,
                    "method": f.method,
                    "path": f.path,
                    "location": f.location,
                    "python": f.python or "",
                }
            )
            message = " ".join(_FORMATTER.vformat(rule.message, (), values).split())
            fp = fingerprint(rule.id, f.method, f.path, f.location, f.args)
            out.append(
                Change(
                    rule.id,
                    level,
                    f.method,
                    f.path,
                    f.location,
                    f.pointer,
                    message,
                    f.python,
                    dict(f.args),
                    dict(f.extra),
                    fp,
                    fp in ignore,
                )
            )
    out.sort(key=lambda c: (c.level.rank, order.get(c.rule, 999), c.path, c.method, c.location))
    return out
