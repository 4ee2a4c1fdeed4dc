"""Deprecation as a caller meets it: a property is deprecated when it says so, or when its type is a
deprecated schema (through `$ref`, array items, map values, nullable wrappers, single-part `allOf`,
which `build_schemas.py` reads as the part's type, and the `$ref` parts of a property's own multi-part `allOf`,
`Model.parts` of the inline model it builds), and where each deprecated property is used.

    effective = Effective(api)
    effective.field(f)          f, with the deprecation of its type when it has none of its own
    places(api, effective)      JSON pointer of each deprecated property -> {"GET /x body.a.b", ...}

`places` lets the policy follow a property that moved to another schema between releases: the
operation and the place in its body stay the same when the schema behind them is renamed or inlined.
"""

from __future__ import annotations

import dataclasses

from generator.ir import (
    Alias,
    Api,
    Deprecation,
    Enum,
    EnumRef,
    Field,
    ListOf,
    MapOf,
    Model,
    ModelRef,
    Nullable,
    TypeRef,
    UnionOf,
)

__all__ = ["Effective", "places"]


class Effective:
    """Deprecations of one API, following property types to the schemas they name.

    `Effective.of(api)` shares one instance per `Api` object between the compare and the policy.
    """

    _recent: list[tuple[Api, Effective]] = []

    @classmethod
    def of(cls, api: Api) -> Effective:
        for known, effective in cls._recent:
            if known is api:
                return effective
        effective = cls(api)
        cls._recent = [*cls._recent[-7:], (api, effective)]
        return effective

    def __init__(self, api: Api) -> None:
        self._schemas: dict[str, Deprecation] = {}
        self._aliases = {a.class_name: a.target for a in api.aliases}
        items: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
        classes = {i.schema_name: i.class_name for i in items if i.schema_name is not None}
        for item in items:
            if item.deprecation is not None:
                self._schemas[item.class_name] = item.deprecation
        # an inline model composed by `allOf` is what its parts are; a named one is a schema of its own
        self._parts = {
            m.class_name: tuple(classes[p] for p in m.parts if p in classes)
            for m in api.models
            if m.schema_name is None and m.parts
        }
        self.models = {m.class_name: self.model(m) for m in api.models}

    def of_type(self, t: TypeRef | None) -> Deprecation | None:
        """The deprecation of the schema a type names (through lists, maps, nullable and aliases)."""
        for _ in range(16):
            if isinstance(t, Nullable):
                t = t.inner
            elif isinstance(t, ListOf):
                t = t.item
            elif isinstance(t, MapOf):
                t = t.value
            elif isinstance(t, (ModelRef, EnumRef)):
                if t.class_name in self._schemas:
                    return self._schemas[t.class_name]
                if t.class_name in self._parts:
                    return next(filter(None, (self.of_type(ModelRef(p)) for p in self._parts[t.class_name])), None)
                if t.class_name not in self._aliases:
                    return None
                t = self._aliases[t.class_name]
            else:
                return None
        return None

    def field(self, f: Field) -> Field:
        if f.deprecation is not None:
            return f
        d = self.of_type(f.type)
        return f if d is None else dataclasses.replace(f, deprecation=d)

    def model(self, m: Model) -> Model:
        fields = tuple(self.field(f) for f in m.fields)
        return m if fields == m.fields else dataclasses.replace(m, fields=fields)


def join_path(head: str, sub: str) -> str:
    """A property path under `head`: `spec` + `.image`, `[]` + `.name`, `spec` + `[]` (items)."""
    if not sub:
        return head
    if sub[0] in "[{" or not head:
        return head + sub
    return f"{head}.{sub}"


class _Places:
    def __init__(self, api: Api, effective: Effective) -> None:
        self.models = effective.models
        self.aliases = {a.class_name: a.target for a in api.aliases}
        self.memo: dict[str, list[tuple[str, str]]] = {}
        self.stack: set[str] = set()

    def below(self, t: TypeRef | None) -> list[tuple[str, str]]:
        """(relative place, pointer) of every deprecated property reachable from a type."""
        if isinstance(t, Nullable):
            return self.below(t.inner)
        if isinstance(t, ListOf):
            return [(join_path("[]", rel), p) for rel, p in self.below(t.item)]
        if isinstance(t, MapOf):
            return [(join_path("{}", rel), p) for rel, p in self.below(t.value)]
        if isinstance(t, UnionOf):
            return [x for o in t.options for x in self.below(o)]
        if isinstance(t, (ModelRef, EnumRef)) and t.class_name in self.aliases:
            return self.below(self.aliases[t.class_name])
        if isinstance(t, ModelRef) and t.class_name in self.models:
            return self.model(t.class_name)
        return []

    def model(self, name: str) -> list[tuple[str, str]]:
        if name in self.memo:
            return self.memo[name]
        if name in self.stack:
            return []
        self.stack.add(name)
        out: list[tuple[str, str]] = []
        for f in self.models[name].fields:
            if f.deprecation is not None:
                out.append((f.wire_name, f.pointer))
            out.extend((join_path(f.wire_name, rel), p) for rel, p in self.below(f.type))
        self.stack.discard(name)
        self.memo[name] = out
        return out


def places(api: Api, effective: Effective | None = None) -> dict[str, set[str]]:
    """JSON pointer of each deprecated property -> the places that use it, `"METHOD /path body.a.b"`."""
    walker = _Places(api, effective or Effective.of(api))
    out: dict[str, set[str]] = {}
    for op in api.operations:
        roots: list[tuple[str, TypeRef | None]] = []
        if op.body is not None:
            roots.append(("body", op.body.type))
        roots.extend((f"response.{r.status}", r.type) for r in op.responses if r.media_type and "json" in r.media_type)
        for head, t in roots:
            for rel, pointer in walker.below(t):
                out.setdefault(pointer, set()).add(f"{op.method} {op.path} {join_path(head, rel)}")
    return out
