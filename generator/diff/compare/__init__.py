"""The structural difference between two `Api`s: what was added, removed or changed, and nothing else.

This layer knows no rule ids, levels or messages (those are `rules/`); it only pairs things up:

    Api, Api ──compare──▶ ApiDiff ──rules──▶ changes ──report──▶ renderers

One module per part of the document, as oasdiff's `diff` package has them: `operations` (paths and
operations, paired by method and path), `parameters` (paired by location and wire name, falling back
to the wire name alone), `schema` (request and response bodies, walked type against type; `shape`),
`responses` (success statuses, media types, response bodies), `components` (component schemas by
name). This module holds the whole: `compare` and `ApiDiff`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.diff.compare.components import SchemaDiff, schemas
from generator.diff.compare.operations import OperationDiff, OperationRef, operation, operation_refs
from generator.diff.compare.schema import PropertyDiff, TypeWalker
from generator.ir import Api, Operation, Resource

__all__ = ["ApiDiff", "compare", "iter_properties"]


@dataclass(frozen=True)
class ApiDiff:
    """Everything that differs between `old` and `new`."""

    old: Api
    new: Api
    added: tuple[OperationRef, ...]
    removed: tuple[OperationRef, ...]
    modified: tuple[OperationDiff, ...]
    schemas: tuple[SchemaDiff, ...]
    resources: tuple[tuple[Resource | None, Resource | None], ...]
    security_schemes_added: tuple[str, ...]
    security_schemes_removed: tuple[str, ...]
    # every operation of both sides, for rules that need them all (e.g. policy, deprecations)
    old_operations: tuple[OperationRef, ...] = field(default=(), repr=False)
    new_operations: tuple[OperationRef, ...] = field(default=(), repr=False)


def _key(op: Operation) -> tuple[str, str]:
    return (op.method, op.path)


def compare(old: Api, new: Api) -> ApiDiff:
    """The structural difference between two versions of the API."""
    old_refs, new_refs = operation_refs(old), operation_refs(new)
    olds = {_key(r.operation): r for r in old_refs}
    news = {_key(r.operation): r for r in new_refs}
    walker = TypeWalker(old, new)
    modified = []
    for key, o in olds.items():
        n = news.get(key)
        if n is not None:
            d = operation(walker, o, n)
            if d is not None:
                modified.append(d)
    old_res = {r.tag: r for r in old.resources}
    new_res = {r.tag: r for r in new.resources}
    resources = tuple((old_res.get(t), new_res.get(t)) for t in sorted(old_res.keys() | new_res.keys()))
    return ApiDiff(
        old=old,
        new=new,
        added=tuple(r for k, r in news.items() if k not in olds),
        removed=tuple(r for k, r in olds.items() if k not in news),
        modified=tuple(modified),
        schemas=tuple(schemas(old, new)),
        resources=resources,
        security_schemes_added=tuple(s for s in new.security_schemes if s not in old.security_schemes),
        security_schemes_removed=tuple(s for s in old.security_schemes if s not in new.security_schemes),
        old_operations=old_refs,
        new_operations=new_refs,
    )


def iter_properties(diff: ApiDiff) -> Iterable[tuple[OperationDiff, PropertyDiff]]:
    """Every property difference with the operation it was found in."""
    for od in diff.modified:
        for pd in od.properties:
            yield od, pd
