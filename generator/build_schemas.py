"""Schemas → IR types: a class name for every component schema, then the type of any schema node.

Internal `$ref`s are followed lazily and each referenced component schema becomes one named type, so
recursive schemas are fine. Objects become models (`build_models.py`), enums get a class (`build_enums.py`), a
component that is neither is an alias; arrays, maps, unions and scalars need no class. Inline objects
and enums get class names from where they stand (`Project` + `resources` → `ProjectResources`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import codes, ir, naming
from .build_enums import enum_of
from .build_models import ModelDraft, fill_model
from .build_references import Document, text
from .constraints import constraints_of
from .deprecation import deprecation_of
from .diagnostics import pointer

_FORMATS: dict[tuple[str, str], ir.PrimitiveKind] = {
    ("string", "date-time"): "datetime",
    ("string", "date"): "date",
    ("string", "binary"): "bytes",
}
_KINDS: dict[str, ir.PrimitiveKind] = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_KNOWN_FORMATS = frozenset(
    {"date-time", "date", "binary", "uuid", "int32", "int64", "float", "double", "byte", "email", "uri", "password"}
)


@dataclass
class Named:
    """Named types in document order, and which class owns each inline one (None for a root type)."""

    models: dict[str, ModelDraft] = field(default_factory=dict)
    enums: dict[str, tuple[ir.Enum, str | None]] = field(default_factory=dict)
    aliases: dict[str, ir.Alias] = field(default_factory=dict)


class Schemas:
    """The class names of one API, its named types and the type of every schema node built so far.

    `deepest` is the pointer of the schema being typed, for the diagnostic of a document too deep to build.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.classes = naming.Namespace(reserved=frozenset({"None", "True", "False"}))
        self.named = Named()
        self.by_pointer: dict[str, ir.TypeRef] = {}
        self.in_progress: set[str] = set()
        self.deepest = ""
        self.component_classes = self._claim_component_names(document.components("schemas"))

    def build_components(self) -> None:
        """Type every component schema, in document order."""
        for name in self.document.components("schemas"):
            self.component_type(name)

    def _claim_component_names(self, schemas: dict[str, Any]) -> dict[str, str]:
        """Class names for every component schema before any inline name: names already in
        PascalCase win over their case-only twins (`Department` before `department`)."""
        wanted = {name: naming.class_name(name) for name in schemas}
        order = sorted(schemas, key=lambda n: (wanted[n] != n, n))
        return {name: self.classes.claim(wanted[name]) for name in order}

    def component_type(self, name: str) -> ir.TypeRef:
        """The type of the component schema `name`: its class, or what its alias stands for."""
        ptr = pointer("components", "schemas", name)
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        node = self.document.components("schemas")[name]
        if not isinstance(node, dict):
            self.document.report(ptr, codes.RSG103, "a schema must be an object")
            node = {}
        cls = self.component_classes[name]
        return self._named_type(node, ptr, cls, owner=None, schema_name=name)

    def _named_type(
        self, node: dict[str, Any], ptr: str, cls: str, *, owner: str | None, schema_name: str | None
    ) -> ir.TypeRef:
        """The type of a schema that gets a name: a model, an enum, or (components only) an alias."""
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        description = text(node.get("description"))
        deprecation = deprecation_of(node, description)
        if _is_object_like(node):
            self.by_pointer[ptr] = ir.ModelRef(cls)
            draft = ModelDraft(cls, owner, schema_name, description, deprecation, ptr, parts=_ref_parts(node))
            self.named.models[cls] = draft
            fill_model(self, draft, node, ptr)
            return ir.ModelRef(cls)
        if "enum" in node:
            enum_type = enum_of(self, node, ptr, cls, owner=owner, schema_name=schema_name)
            self.by_pointer[ptr] = enum_type
            return enum_type
        sole = _sole_inline_part(node) if schema_name is not None else None
        if sole is not None:
            # `X: {allOf: [{nullable: true, properties: ...}]}`: the part is the class `X` itself (not an
            # `X2` behind an `X2 | None` alias named `X`); the fields that use `X` say `X | None`.
            index, part = sole
            annotations: dict[str, Any] = {k: node[k] for k in ("description", "deprecated") if k in node}
            named = self._named_type(
                {**annotations, **part}, f"{ptr}/allOf/{index}", cls, owner=owner, schema_name=schema_name
            )
            self.by_pointer[ptr] = self._nullable(part, named)
            return self.by_pointer[ptr]
        if ptr in self.in_progress:
            self.document.report(ptr, codes.RSG104, "a non-object schema refers to itself: typed as any value")
            return ir.AnyValue()
        self.in_progress.add(ptr)
        target = self.anonymous_type(node, ptr, cls, owner=owner if schema_name is None else cls)
        self.in_progress.discard(ptr)
        if schema_name is not None:
            self.by_pointer[ptr] = target
            # An alias of a model is the model itself (callable, `PVCAssetSpec(...)`); nullability stays
            # with the fields that use it, which inline the alias.
            aliased = (
                target.inner if isinstance(target, ir.Nullable) and isinstance(target.inner, ir.ModelRef) else target
            )
            self.named.aliases[cls] = ir.Alias(cls, "", schema_name, description, aliased, deprecation, ptr)
        return target

    def type_of(self, node: Any, ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        """The type of any schema node; `hint` names inline objects and enums, `owner` places them."""
        self.deepest = ptr
        if not isinstance(node, dict):
            return ir.AnyValue()
        if isinstance(node.get("$ref"), str):
            target, target_ptr = self.document.resolve(node, ptr)
            parts = target_ptr.split("/")
            if len(parts) == 4 and parts[1:3] == ["components", "schemas"]:
                name = parts[3].replace("~1", "/").replace("~0", "~")
                resolved = self.component_type(name)
            else:
                resolved = self._anonymous_or_named(target, target_ptr, hint, owner)
            return self._nullable(node, self._nullable(target, resolved))
        return self._nullable(node, self._anonymous_or_named(node, ptr, hint, owner))

    def constraints(self, node: Any) -> ir.Constraints | None:
        """The validation keywords of a schema, its `$ref` target's and single-part allOf's included."""
        merged: dict[str, Any] = {}
        mark = len(self.document.diagnostics)  # a broken `$ref` is reported once, where the type is built
        for _ in range(8):
            if not isinstance(node, dict):
                break
            merged = {**node, **merged}
            parts = node.get("allOf")
            if isinstance(node.get("$ref"), str):
                node = self.document.resolve(node, "")[0]
            elif isinstance(parts, list) and len(parts) == 1:
                node = parts[0]
            else:
                break
        del self.document.diagnostics[mark:]
        return constraints_of(merged)

    def _nullable(self, node: dict[str, Any], t: ir.TypeRef) -> ir.TypeRef:
        """`t`, or `t | None` when the schema says null is valid."""
        if self._null_verdict(node, 0) and not isinstance(t, (ir.Nullable, ir.AnyValue)):
            return ir.Nullable(t)
        return t

    def _null_verdict(self, node: Any, depth: int) -> bool | None:
        """Whether a schema says null is valid: True, False, or None when it does not constrain it.

        `nullable: true` or a null enum member say yes; a `type` without them says no. An allOf
        says yes when one part says yes and none says no: its type-less parts (`{"properties":
        ...}`) accept null too, so `EnvironmentAssetSpec` = allOf[allOf[nullable...],
        allOf[nullable..., {properties}]] accepts null, as servers and Prism rightly send. A schema
        with no `type` at all stays non-nullable unless something says yes.
        """
        node, _ = self.document.resolve(node, "")
        if not isinstance(node, dict) or depth > 32:
            return None
        if node.get("nullable") is True:
            return True
        if isinstance(node.get("enum"), list):
            return None in node["enum"]
        parts = node.get("allOf")
        if isinstance(parts, list) and parts:
            verdicts = [self._null_verdict(part, depth + 1) for part in parts]
            if False in verdicts or "type" in node:
                return False
            return True if True in verdicts else None
        return False if "type" in node else None

    def _anonymous_or_named(self, node: dict[str, Any], ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        """An inline schema's type: a class named after `hint` for an object or an enum, else no class."""
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        if _is_object_like(node) or "enum" in node:
            return self._named_type(
                node, ptr, self.classes.claim(naming.class_name(hint)), owner=owner, schema_name=None
            )
        return self.anonymous_type(node, ptr, hint, owner)

    def anonymous_type(self, node: dict[str, Any], ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        """Types that need no class: arrays, maps, unions, scalars, single-part allOf."""
        for key in ("oneOf", "anyOf"):
            if isinstance(node.get(key), list) and node[key]:
                options: list[ir.TypeRef] = []
                for i, option in enumerate(node[key]):
                    t = self.type_of(option, f"{ptr}/{key}/{i}", f"{hint}Option{i + 1}", owner)
                    if t not in options:
                        options.append(t)
                return options[0] if len(options) == 1 else ir.UnionOf(tuple(options))
        parts = _typed_parts(node)
        if len(parts) == 1:
            index, part = parts[0]
            return self.type_of(part, f"{ptr}/allOf/{index}", hint, owner)
        kind = node.get("type")
        if kind == "array":
            return ir.ListOf(self.type_of(node.get("items", {}), f"{ptr}/items", f"{hint}Item", owner))
        if kind == "object" or "additionalProperties" in node:
            extra = node.get("additionalProperties", True)
            if isinstance(extra, dict) and extra:
                return ir.MapOf(self.type_of(extra, f"{ptr}/additionalProperties", f"{hint}Value", owner))
            return ir.MapOf(ir.AnyValue())
        if isinstance(kind, str) and kind in _KINDS:
            fmt = node.get("format") if isinstance(node.get("format"), str) else None
            if fmt is not None and fmt not in _KNOWN_FORMATS:
                self.document.report(ptr, codes.RSG201, f"unknown format {fmt!r} ignored")
            return ir.Primitive(_FORMATS.get((kind, fmt or ""), _KINDS[kind]), fmt)
        return ir.AnyValue()


_TYPE_KEYWORDS = frozenset(
    {"$ref", "type", "properties", "allOf", "oneOf", "anyOf", "enum", "items", "additionalProperties"}
)


def _typed_parts(node: dict[str, Any]) -> list[tuple[int, Any]]:
    """The `allOf` parts that say something about the type, with their indexes; parts that only
    annotate (`{"description": ...}`, `{"nullable": true}`) are left out."""
    parts = node.get("allOf")
    if not isinstance(parts, list):
        return []
    return [(i, p) for i, p in enumerate(parts) if isinstance(p, dict) and _TYPE_KEYWORDS & p.keys()]


def _ref_parts(node: dict[str, Any]) -> tuple[str, ...]:
    """The names of the component schemas a schema's own `allOf` parts refer to (`$ref` parts only)."""
    prefix = "#/components/schemas/"
    refs = [p.get("$ref") for _, p in _typed_parts(node)]
    return tuple(
        r[len(prefix) :].replace("~1", "/").replace("~0", "~")
        for r in refs
        if isinstance(r, str) and r.startswith(prefix)
    )


def _sole_inline_part(node: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """The one typed `allOf` part of a schema when it is an inline object or enum (no `$ref`), with its index."""
    parts = _typed_parts(node)
    if len(parts) != 1 or _is_object_like(node) or "enum" in node or {"oneOf", "anyOf"} & node.keys():
        return None
    index, part = parts[0]
    return (index, part) if "$ref" not in part and (_is_object_like(part) or "enum" in part) else None


def _is_object_like(node: dict[str, Any]) -> bool:
    """Objects with properties (typed or not) and `allOf`s of several typed parts become models."""
    if "enum" in node:
        return False
    if isinstance(node.get("properties"), dict) and node["properties"]:
        return True
    return len(_typed_parts(node)) > 1
