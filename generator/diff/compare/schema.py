"""Request and response bodies: two types walked together, down to every place that differs.

Models are compared by the wire names of their *effective* fields (allOf already merged by the
builder, so an allOf refactoring is not a removal), lists through `[]`, maps through `{}`. Model
names do not matter (2.23 renamed many numbered duplicates), only their shape. Recursive models are
cut by a visited set, and the result for each pair of models is memoised, so every model pair is
walked once per comparison. `shape` is a type as it travels over the wire, the identity used here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.deprecations import Effective, join_path
from generator.ir import (
    AnyValue,
    Api,
    Enum,
    EnumRef,
    Field,
    ListOf,
    MapOf,
    ModelRef,
    Nullable,
    Primitive,
    TypeRef,
    UnionOf,
)

__all__ = ["PropertyDiff", "TypeWalker", "properties", "shape"]


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


class TypeWalker:
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


def _prefix(rel: _Rel | list[_Entry], head: str) -> list[_Entry]:
    return [(join_path(head, r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rel]


def properties(
    walker: TypeWalker, direction: str, root: str, old_t: TypeRef | None, new_t: TypeRef | None
) -> list[PropertyDiff]:
    """The differences between two bodies, each placed under `root` (`body`, `response.200`)."""
    rel, _ = walker.walk(old_t, new_t)
    out = []
    for path, of, nf, ot, nt, ea, er in rel:
        out.append(PropertyDiff(direction, join_path(root, path), of, nf, ot, nt, tuple(ea), tuple(er)))
    return out
