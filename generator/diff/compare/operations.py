"""Paths and operations: paired by (method, path); what changed in each operation present on both sides.

An operation's difference gathers its parameters (`parameters`), its request body (walked by
`schema`), its success responses (`responses`), its security requirements, and its own surface
(operationId, Python name, deprecation).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.diff.compare.parameters import ParameterDiff, parameters
from generator.diff.compare.responses import ResponseDiff, responses
from generator.diff.compare.schema import PropertyDiff, TypeWalker, properties
from generator.ir import Api, Operation, Resource

__all__ = ["OperationDiff", "OperationRef", "operation", "operation_refs", "python_call"]


@dataclass(frozen=True)
class OperationRef:
    """An operation with the resource it hangs off (`client.<resource.attribute>.<python_name>`)."""

    operation: Operation
    resource: Resource

    @property
    def python(self) -> str:
        return python_call(self.resource, self.operation)


@dataclass(frozen=True)
class OperationDiff:
    """An operation present on both sides, with whatever changed in it."""

    old: OperationRef
    new: OperationRef
    parameters: tuple[ParameterDiff, ...]
    properties: tuple[PropertyDiff, ...]
    responses: ResponseDiff
    body_added: bool
    security_added: tuple[str, ...]
    security_removed: tuple[str, ...]


def python_call(resource: Resource, operation: Operation) -> str:
    """The Python spelling of a call: `client.projects.get_projects`."""
    return f"client.{resource.attribute}.{operation.python_name}"


def operation_refs(api: Api) -> tuple[OperationRef, ...]:
    """Every operation of `api` with its resource, in the order of its resources."""
    return tuple(OperationRef(op, r) for r in api.resources for op in r.operations)


def operation(walker: TypeWalker, old: OperationRef, new: OperationRef) -> OperationDiff | None:
    """What changed in one operation, or None when nothing the rules read differs."""
    o, n = old.operation, new.operation
    params = parameters(walker, o, n)
    props: list[PropertyDiff] = []
    request_media_removed: list[tuple[str, str]] = []
    if o.body is not None and n.body is not None:
        props += properties(walker, "request", "body", o.body.type, n.body.type)
        if o.body.media_type != n.body.media_type:
            request_media_removed.append(("request", o.body.media_type))
    body_added = o.body is None and n.body is not None and n.body.required
    lost, response_props = responses(walker, o, n)
    props += response_props
    # the request body's media type is reported with the responses' (as status "request"), first
    lost = dataclasses.replace(lost, media_types_removed=(*request_media_removed, *lost.media_types_removed))
    sec_added = tuple(s for s in n.security if s not in o.security)
    sec_removed = tuple(s for s in o.security if s not in n.security)
    # the operation object itself differs if anything we compare differs
    same_surface = (
        o.operation_id == n.operation_id
        and new.python == old.python
        and (o.deprecation is None) == (n.deprecation is None)
    )
    if (
        same_surface
        and not params
        and not props
        and not lost.statuses_removed
        and not lost.media_types_removed
        and not lost.bodies_removed
        and not body_added
        and not sec_added
        and not sec_removed
    ):
        return None
    return OperationDiff(old, new, tuple(params), tuple(props), lost, body_added, sec_added, sec_removed)
