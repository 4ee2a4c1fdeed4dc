"""What every rule module provides: an id, a default level, a description, a message and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.diagnostics import pointer as json_pointer
from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import ApiDiff
from generator.diff.compare.operations import OperationRef
from generator.diff.compare.schema import PropertyDiff
from generator.diff.lookup import enums
from generator.ir import Api, Deprecation, Enum, EnumRef, ListOf, Nullable, Parameter, TypeRef

if TYPE_CHECKING:
    from generator.diff.policy import Policy

__all__ = ["Context", "Rule", "deprecation_extra", "enum_of", "operation_finding", "property_finding"]


@dataclass(frozen=True)
class Context:
    """What a check reads: the structural diff, and the deprecation history (for policy rules)."""

    diff: ApiDiff
    policy: Policy


@dataclass(frozen=True)
class Rule:
    """One rule: `message` is a `str.format` template over the finding's args plus method/path/python."""

    id: str
    level: ChangeLevel
    description: str
    message: str
    check: Callable[[Context], Iterable[Finding]]


def operation_finding(
    ref: OperationRef,
    location: str = "operation",
    *,
    pointer: str | None = None,
    extra: dict[str, str] | None = None,
    **args: str,
) -> Finding:
    op = ref.operation
    return Finding(
        method=op.method,
        path=op.path,
        location=location,
        pointer=pointer if pointer is not None else op.pointer or json_pointer("paths", op.path, op.method.lower()),
        python=ref.python,
        args=args,
        extra=extra or {},
    )


def parameter_finding(
    ref: OperationRef, parameter: Parameter, *, extra: dict[str, str] | None = None, **args: str
) -> Finding:
    """A finding about one parameter of an operation, located `<in>:<wire name>`, with `name` set."""
    location = f"{parameter.location}:{parameter.wire_name}"
    return operation_finding(ref, location, pointer=parameter.pointer, extra=extra, name=parameter.wire_name, **args)


def property_finding(
    ref: OperationRef, pd: PropertyDiff, *, extra: dict[str, str] | None = None, **args: str
) -> Finding:
    field = pd.new or pd.old
    ptr = field.pointer if field is not None else ref.operation.pointer
    return operation_finding(ref, pd.path, pointer=ptr, extra=extra, direction=pd.direction, **args)


def deprecation_extra(d: Deprecation | None) -> dict[str, str]:
    """`source` (flag, tag, description) and `replacement` (text from the document, when given).

    Not fingerprinted: a reworded description or a second deprecation marker must not un-ignore it.
    """
    if d is None:
        return {}
    out: dict[str, str] = {"source": d.source}
    if d.replacement:
        out["replacement"] = d.replacement
    return out


def enum_of(api: Api, t: TypeRef | None) -> Enum | None:
    """The enum a type names, through nullable wrappers and array items (None when it is no enum)."""
    while isinstance(t, (Nullable, ListOf)):
        t = t.inner if isinstance(t, Nullable) else t.item
    return enums(api).get(t.class_name) if isinstance(t, EnumRef) else None


def at_enum(finding: Finding, enum: Enum | None) -> Finding:
    """A value change of a shared (component) enum is one root: point the finding at the enum.

    The property or parameter it was found at stays in `location` and in `extra["used_at"]`.
    """
    if enum is None or enum.schema_name is None:
        return finding
    return dataclasses.replace(finding, pointer=enum.pointer, extra={**finding.extra, "used_at": finding.pointer})
