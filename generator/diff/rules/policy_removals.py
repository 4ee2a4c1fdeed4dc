"""removed-without-deprecation / removed-before-sunset: removals that broke the deprecation policy.

An operation or a body property may only go after it has been deprecated, and only once the policy
allows it (two further releases self-hosted, six months on SaaS; see `generator.diff.policy`).
Properties are reported once per defining schema property, not once per operation that uses it.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import iter_properties
from generator.diff.policy import field_location, removable_in
from generator.diff.rules.base import Context, Rule, operation_finding


def _removals(ctx: Context) -> Iterator[tuple[Finding, bool, str | None]]:
    """(finding, was deprecated in old, since) for every removed operation and property.

    `since` is None when the deprecation goes back to the oldest version we know: it may be older,
    so an early removal cannot be proven.
    """
    policy = ctx.policy
    for ref in ctx.diff.removed:
        op = ref.operation
        if op.deprecation is None:
            yield operation_finding(ref), False, None
        else:
            since, exact = policy.operation_since(op.method, op.path, policy.old.label)
            yield operation_finding(ref), True, since if exact else None
    seen: set[str] = set()
    for od, pd in iter_properties(ctx.diff):
        if pd.old is None or pd.new is not None or pd.old.pointer in seen:
            continue
        seen.add(pd.old.pointer)
        location = "property:" + field_location(pd.old.pointer)
        base = Finding(
            "",
            "",
            location,
            pd.old.pointer,
            python=None,
            args={"property": location.removeprefix("property:")},
            extra={"example": f"{od.old.operation.method} {od.old.operation.path} {pd.path}"},
        )
        if pd.old.deprecation is None:
            yield base, False, None
        else:
            since, exact = policy.field_since(pd.old.pointer, policy.old.label)
            yield base, True, since if exact else None


def check_without(ctx: Context) -> Iterator[Finding]:
    for finding, deprecated, _ in _removals(ctx):
        if not deprecated:
            yield finding


def check_early(ctx: Context) -> Iterator[Finding]:
    for finding, deprecated, since in _removals(ctx):
        if deprecated and since is not None and ctx.policy.removal_allowed(since) is False:
            earliest = removable_in(since) or str(ctx.policy.removable_after(since))
            yield Finding(
                finding.method,
                finding.path,
                finding.location,
                finding.pointer,
                finding.python,
                {**finding.args, "since": since, "earliest": earliest},
                finding.extra,
            )


RULES = (
    Rule(
        "removed-without-deprecation",
        ChangeLevel.BREAKING,
        "Policy: an operation or property was removed without being deprecated first",
        "policy violation: {method} {path} {location} removed without prior deprecation",
        check_without,
    ),
    Rule(
        "removed-before-sunset",
        ChangeLevel.BREAKING,
        "Policy: a deprecated operation or property was removed before the policy allows",
        "policy violation: {method} {path} {location} removed; deprecated since {since}, removable from {earliest}",
        check_early,
    ),
)
