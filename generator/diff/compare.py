"""The structural difference between two `Api`s: what was added, removed or changed, and nothing else.

This layer knows no rule ids, levels or messages (those are `rules/`); it only pairs things up:

    Api, Api ──compare──▶ ApiDiff ──rules──▶ changes ──report──▶ renderers

- Operations are paired by (method, path); parameters by (location, wire name), falling back to the
  wire name alone so that a parameter that moved from query to header is a change, not a removal.
- Request and response bodies are compared by walking both types together: models by the wire names
  of their *effective* fields (allOf already merged by `build_models.py`, so an allOf refactoring is not a
  removal), lists through `[]`, maps through `{}`. Model names do not matter (2.23 renamed many
  numbered duplicates), only their shape. Recursive models are cut by a visited set, and the result
  for each pair of models is memoised, so every model pair is walked once per comparison.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.diff.deprecations import Effective
from generator.ir import (
    Alias,
    AnyValue,
    Api,
    Enum,
    EnumRef,
    Field,
    ListOf,
    MapOf,
    Model,
    ModelRef,
    Nullable,
    Operation,
    Parameter,
    Primitive,
    Resource,
    TypeRef,
    UnionOf,
)

__all__ = [
    "ApiDiff",
    "OperationDiff",
    "OperationRef",
    "ParameterDiff",
    "PropertyDiff",
    "ResponseDiff",
    "SchemaDiff",
    "compare",
    "python_call",
    "shape",
]


# ----------------------------------------------------------------------------------------- results
@dataclass(frozen=True)
class OperationRef:
    """An operation with the resource it hangs off (`client.<resource.attribute>.<python_name>`)."""

    operation: Operation
    resource: Resource

    @property
    def python(self) -> str:
        return python_call(self.resource, self.operation)


@dataclass(frozen=True)
class ParameterDiff:
    """A parameter added (`old` is None), removed (`new` is None) or changed."""

    old: Parameter | None
    new: Parameter | None


@dataclass(frozen=True)
class PropertyDiff:
    """A difference at one place inside a request or response body.

    `path` spells the place: `body.resources[].gpu`, `response.200.items[].id`. `old`/`new` are the
    fields when the place is a property (None when it was added / removed); `old_type`/`new_type` are
    the types at the place on each side. `enum_added`/`enum_removed` are enum values when both sides
    are enums.
    """

    direction: str  # "request" | "response"
    path: str
    old: Field | None
    new: Field | None
    old_type: TypeRef | None
    new_type: TypeRef | None
    enum_added: tuple[str | int | float, ...] = ()
    enum_removed: tuple[str | int | float, ...] = ()


@dataclass(frozen=True)
class ResponseDiff:
    """Success statuses and media types that disappeared from an operation's responses."""

    statuses_removed: tuple[str, ...]
    media_types_removed: tuple[tuple[str, str], ...]  # (status or "request", media type)
    bodies_removed: tuple[tuple[str, str], ...] = ()  # (status, media type) that lost its schema


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


@dataclass(frozen=True)
class SchemaDiff:
    """A component schema (model, enum or alias) present on one or both sides, keyed by schema name."""

    name: str
    old: Model | Enum | Alias | None
    new: Model | Enum | Alias | None


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


# ----------------------------------------------------------------------------------------- helpers
def python_call(resource: Resource, operation: Operation) -> str:
    """The Python spelling of a call: `client.projects.get_projects`."""
    return f"client.{resource.attribute}.{operation.python_name}"


def shape(t: TypeRef | None, enums: dict[str, Enum] | None = None) -> str:
    """A type as it travels over the wire, ignoring names and nullability: `array<object>`."""
    if t is None:
        return "none"
    if isinstance(t, Nullable):
        return shape(t.inner, enums)
    if isinstance(t, Primitive):
        names = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
        base = names.get(t.kind, "string")
        fmt = t.format if t.kind in ("datetime", "date", "uuid", "bytes") else None
        return f"{base}({fmt})" if fmt else base
    if isinstance(t, ModelRef):
        return "object"
    if isinstance(t, EnumRef):
        enum = enums.get(t.class_name) if enums else None
        kind = enum.value_kind if enum else "str"
        return {"str": "string", "int": "integer", "float": "number"}[kind]
    if isinstance(t, ListOf):
        return f"array<{shape(t.item, enums)}>"
    if isinstance(t, MapOf):
        return f"map<{shape(t.value, enums)}>"
    if isinstance(t, UnionOf):
        return "oneOf<" + ",".join(sorted({shape(o, enums) for o in t.options})) + ">"
    assert isinstance(t, AnyValue)
    return "any"


def _refs(api: Api) -> tuple[OperationRef, ...]:
    return tuple(OperationRef(op, r) for r in api.resources for op in r.operations)


def _key(op: Operation) -> tuple[str, str]:
    return (op.method, op.path)


# ----------------------------------------------------------------------------------------- walker
_Entry = tuple[
    str,
    Field | None,
    Field | None,
    TypeRef | None,
    TypeRef | None,
    tuple[str | int | float, ...],
    tuple[str | int | float, ...],
]
_Rel = tuple[_Entry, ...]


class _Walker:
    """Walks an old and a new type together; memoises per pair of models."""

    def __init__(self, old: Api, new: Api) -> None:
        # fields carry the deprecation of the schema their type names (`$ref` to a deprecated schema)
        self.old_models = Effective.of(old).models
        self.new_models = Effective.of(new).models
        self.old_enums = {e.class_name: e for e in old.enums}
        self.new_enums = {e.class_name: e for e in new.enums}
        self.old_aliases = {a.class_name: a.target for a in old.aliases}
        self.new_aliases = {a.class_name: a.target for a in new.aliases}
        self._memo: dict[tuple[str, str], _Rel] = {}
        self._stack: set[tuple[str, str]] = set()

    def _resolve(self, t: TypeRef | None, aliases: dict[str, TypeRef]) -> TypeRef | None:
        # an Alias is referenced by ModelRef/EnumRef with its class name; follow it (bounded)
        for _ in range(8):
            if isinstance(t, Nullable):
                t = t.inner
            elif isinstance(t, (ModelRef, EnumRef)) and t.class_name in aliases:
                t = aliases[t.class_name]
            else:
                return t
        return t

    def walk(self, old_t: TypeRef | None, new_t: TypeRef | None) -> tuple[_Rel, bool]:
        """Differences below (and at) this place, as relative paths; and whether a cycle was cut."""
        o = self._resolve(old_t, self.old_aliases)
        n = self._resolve(new_t, self.new_aliases)
        out: list[_Entry] = []
        cut = False
        if shape(o, self.old_enums) != shape(n, self.new_enums):
            out.append(("", None, None, old_t, new_t, (), ()))
            return tuple(out), False
        if isinstance(o, EnumRef) and isinstance(n, EnumRef):
            ov = [m.value for m in self.old_enums[o.class_name].members] if o.class_name in self.old_enums else []
            nv = [m.value for m in self.new_enums[n.class_name].members] if n.class_name in self.new_enums else []
            added = tuple(v for v in nv if v not in ov)
            removed = tuple(v for v in ov if v not in nv)
            if added or removed:
                out.append(("", None, None, old_t, new_t, added, removed))
        elif isinstance(o, ListOf) and isinstance(n, ListOf):
            rel, cut = self.walk(o.item, n.item)
            out.extend(_prefix(rel, "[]"))
        elif isinstance(o, MapOf) and isinstance(n, MapOf):
            rel, cut = self.walk(o.value, n.value)
            out.extend(_prefix(rel, "{}"))
        elif isinstance(o, ModelRef) and isinstance(n, ModelRef):
            rel, cut = self.models(o.class_name, n.class_name)
            out.extend(rel)
        elif isinstance(o, UnionOf) and isinstance(n, UnionOf) and len(n.options) < len(o.options):
            out.append(("", None, None, old_t, new_t, (), ()))
        return tuple(out), cut

    def models(self, old_name: str, new_name: str) -> tuple[_Rel, bool]:
        key = (old_name, new_name)
        if key in self._memo:
            return self._memo[key], False
        if key in self._stack:
            return (), True
        om, nm = self.old_models.get(old_name), self.new_models.get(new_name)
        if om is None or nm is None:
            return (), False
        self._stack.add(key)
        cut = False
        out: list[_Entry] = []
        ofields = {f.wire_name: f for f in om.fields}
        nfields = {f.wire_name: f for f in nm.fields}
        for name, of in ofields.items():
            nf = nfields.get(name)
            if nf is None:
                out.append((name, of, None, of.type, None, (), ()))
                continue
            below, c = self.walk(of.type, nf.type)
            cut = cut or c
            own_change = (
                of.required != nf.required
                or (of.deprecation is None) != (nf.deprecation is None)
                or of.constraints != nf.constraints
            )
            # the field's own entry: carries the fields, plus the type change/enum change at it
            at = [r for r in below if r[0] == ""]
            rest = [r for r in below if r[0] != ""]
            if at:
                _, _, _, ot, nt, ea, er = at[0]
                out.append((name, of, nf, ot, nt, ea, er))
            elif own_change:
                out.append((name, of, nf, of.type, nf.type, (), ()))
            out.extend(_prefix(rest, name))
        for name, nf in nfields.items():
            if name not in ofields:
                out.append((name, None, nf, None, nf.type, (), ()))
        self._stack.discard(key)
        result = tuple(out)
        if not cut:
            self._memo[key] = result
        return result, cut


def _join(head: str, sub: str) -> str:
    if not sub:
        return head
    if sub[0] in "[{" or not head:
        return head + sub
    return f"{head}.{sub}"


def _prefix(rel: _Rel | list[_Entry], head: str) -> list[_Entry]:
    return [(_join(head, r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rel]


def _properties(
    walker: _Walker, direction: str, root: str, old_t: TypeRef | None, new_t: TypeRef | None
) -> list[PropertyDiff]:
    rel, _ = walker.walk(old_t, new_t)
    out = []
    for path, of, nf, ot, nt, ea, er in rel:
        out.append(PropertyDiff(direction, _join(root, path), of, nf, ot, nt, tuple(ea), tuple(er)))
    return out


# ----------------------------------------------------------------------------------------- operations
def _parameters(walker: _Walker, old: Operation, new: Operation) -> list[ParameterDiff]:
    olds = {(p.location, p.wire_name): p for p in old.parameters}
    news = {(p.location, p.wire_name): p for p in new.parameters}
    out: list[ParameterDiff] = []
    unmatched_new = {k: p for k, p in news.items() if k not in olds}
    by_wire = {p.wire_name: k for k, p in unmatched_new.items()}
    for key, op in olds.items():
        np = news.get(key)
        if np is None and op.wire_name in by_wire:  # moved to another location
            np = unmatched_new.pop(by_wire.pop(op.wire_name))
        if np is None:
            out.append(ParameterDiff(op, None))
        elif np != op or walker.walk(op.type, np.type)[0]:  # same class name, other enum values
            out.append(ParameterDiff(op, np))
    for key, np in news.items():
        if key not in olds and key in unmatched_new:
            out.append(ParameterDiff(None, np))
    return out


def _is_success(status: str) -> bool:
    return status.startswith("2")


def _operation(walker: _Walker, old: OperationRef, new: OperationRef) -> OperationDiff | None:
    o, n = old.operation, new.operation
    params = _parameters(walker, o, n)
    props: list[PropertyDiff] = []
    media_removed: list[tuple[str, str]] = []
    bodies_removed: list[tuple[str, str]] = []
    if o.body is not None and n.body is not None:
        props += _properties(walker, "request", "body", o.body.type, n.body.type)
        if o.body.media_type != n.body.media_type:
            media_removed.append(("request", o.body.media_type))
    body_added = o.body is None and n.body is not None and n.body.required
    old_statuses = {r.status for r in o.responses if _is_success(r.status)}
    new_statuses = {r.status for r in n.responses if _is_success(r.status)}
    removed_statuses = tuple(sorted(old_statuses - new_statuses))
    for status in sorted(old_statuses & new_statuses):
        old_media = {r.media_type: r for r in o.responses if r.status == status and r.media_type}
        new_media = {r.media_type: r for r in n.responses if r.status == status and r.media_type}
        for mt in sorted(set(old_media) - set(new_media)):
            media_removed.append((status, mt))
        for mt in sorted(set(old_media) & set(new_media)):
            if old_media[mt].type is not None and new_media[mt].type is None:
                bodies_removed.append((status, mt))
            elif "json" in mt:
                props += _properties(walker, "response", f"response.{status}", old_media[mt].type, new_media[mt].type)
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
        and not removed_statuses
        and not media_removed
        and not bodies_removed
        and not body_added
        and not sec_added
        and not sec_removed
    ):
        return None
    return OperationDiff(
        old,
        new,
        tuple(params),
        tuple(props),
        ResponseDiff(removed_statuses, tuple(media_removed), tuple(bodies_removed)),
        body_added,
        sec_added,
        sec_removed,
    )


def _schemas(old: Api, new: Api) -> list[SchemaDiff]:
    def named(api: Api) -> dict[str, Model | Enum | Alias]:
        out: dict[str, Model | Enum | Alias] = {}
        items: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
        for item in items:
            if item.schema_name is not None:
                out[item.schema_name] = item
        return out

    olds, news = named(old), named(new)
    out = []
    for name in sorted(olds.keys() | news.keys()):
        o, n = olds.get(name), news.get(name)
        if o is None or n is None or (o.deprecation is None) != (n.deprecation is None):
            out.append(SchemaDiff(name, o, n))
    return out


def compare(old: Api, new: Api) -> ApiDiff:
    """The structural difference between two versions of the API."""
    old_refs, new_refs = _refs(old), _refs(new)
    olds = {_key(r.operation): r for r in old_refs}
    news = {_key(r.operation): r for r in new_refs}
    walker = _Walker(old, new)
    modified = []
    for key, o in olds.items():
        n = news.get(key)
        if n is not None:
            d = _operation(walker, o, n)
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
        schemas=tuple(_schemas(old, new)),
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
