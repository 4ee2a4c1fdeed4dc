"""What a name or an expression of a user's module holds, as far as the generated package is concerned.

A value's kind is inferred from where it came from: `Client(...)` (also via `with` / `async with`,
`.with_options()`, an annotation), `client.<resource>`, the result of a method (its response model,
a list of models, the items of an `iter_` method), a model construction or `model_validate`, a model's
fields, list items and map values, a function of the same module annotated to return one of those.
`Resolver` keeps the names bound in module, class and function scopes (the scanner binds them as it
walks) and answers `infer` / `annotation` from them; anything else is not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import libcst as cst

from generator.ir import EnumRef, ListOf, MapOf, ModelRef, Nullable, TypeRef
from generator.upgrade.names import CLIENT_CLASSES, MODELS_PACKAGE, VALIDATE_METHODS, ApiIndex

__all__ = [
    "Client",
    "ClientClass",
    "ClientMethod",
    "ClientResource",
    "GeneratedClass",
    "Instance",
    "Items",
    "Kind",
    "PackageModule",
    "Resolver",
    "Returns",
    "Validate",
]


# ------------------------------------------------------------------------------------ value kinds
@dataclass(frozen=True)
class PackageModule:
    """The package or one of its modules (`runai_v2_22`, `runai_v2_22.models.project`)."""

    path: tuple[str, ...]


@dataclass(frozen=True)
class ClientClass:
    """`Client` or `AsyncClient` itself."""

    is_async: bool


@dataclass(frozen=True)
class Client:
    """A client instance."""

    is_async: bool


@dataclass(frozen=True)
class ClientResource:
    """`client.<attribute>`."""

    attribute: str


@dataclass(frozen=True)
class ClientMethod:
    """`client.<resource>.<name>`, not yet called."""

    resource: str
    name: str


@dataclass(frozen=True)
class GeneratedClass:
    """A model, enum or alias class of the package."""

    name: str


@dataclass(frozen=True)
class Instance:
    """An instance of a model class."""

    name: str


@dataclass(frozen=True)
class Validate:
    """A model class's `model_validate` (or another of `VALIDATE_METHODS`), not yet called."""

    name: str


@dataclass(frozen=True)
class Returns:
    """A function of this module whose return annotation names a known kind."""

    kind: Kind


@dataclass(frozen=True)
class Items:
    """A list, an iterator or a map of values of one kind (`for`, `[i]`, `.values()` give the item)."""

    item: Kind


Kind = Union[
    PackageModule, ClientClass, Client, ClientResource, ClientMethod, GeneratedClass, Instance, Validate, Items, Returns
]


# ---------------------------------------------------------------------------------------- resolver
class Resolver:
    """The kinds bound to names in the scopes open at the scanner's position, and inference from them."""

    def __init__(self, idx: ApiIndex) -> None:
        self.idx = idx
        self.pkg = idx.package
        self.modules = idx.model_modules()
        self.scopes: list[dict[str, Kind | None]] = [{}]
        self._plain_imports: list[set[str]] = [set()]  # names bound by `import pkg` (no alias)

    # --------------------------------------------------------------------------- scopes
    def push(self) -> None:
        self.scopes.append({})
        self._plain_imports.append(set())

    def pop(self) -> None:
        self.scopes.pop()
        self._plain_imports.pop()

    def lookup(self, name: str) -> Kind | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def bind(self, target: cst.BaseExpression, kind: Kind | None) -> None:
        """Bind a plain name; `None` hides an outer binding (the name now holds something else)."""
        if isinstance(target, cst.Name):
            self.scopes[-1][target.value] = kind

    def bind_plain_import(self, target: cst.Name) -> None:
        """`import pkg` (no alias): the name is the package itself, spelt out where it is used."""
        self.bind(target, PackageModule((target.value,)))
        self._plain_imports[-1].add(target.value)

    def plainly_imported(self, name: str) -> bool:
        """`name` was bound by a plain `import name` in an open scope and still names the package."""
        return any(name in names for names in self._plain_imports) and isinstance(self.lookup(name), PackageModule)

    # ---------------------------------------------------------------------- the package
    def member(self, module: tuple[str, ...], name: str) -> Kind | None:
        """What `name` is in the package's module `module` (None for another package's)."""
        if not module or module[0] != self.pkg:
            return None
        if len(module) == 1:
            if name in CLIENT_CLASSES:
                return ClientClass(CLIENT_CLASSES[name])
            return PackageModule((self.pkg, MODELS_PACKAGE)) if name == MODELS_PACKAGE else None
        if module[1] != MODELS_PACKAGE or len(module) > 3:
            return None
        if self.idx.is_class(name):
            return GeneratedClass(name)
        return PackageModule((*module, name)) if len(module) == 2 and name in self.modules else None

    def of_type(self, t: TypeRef | None) -> Kind | None:
        for _ in range(8):
            if isinstance(t, Nullable):
                t = t.inner
            elif isinstance(t, (ModelRef, EnumRef)) and t.class_name in self.idx.aliases:
                t = self.idx.aliases[t.class_name].target
            else:
                break
        if isinstance(t, ModelRef) and t.class_name in self.idx.models:
            return Instance(t.class_name)
        if isinstance(t, (ListOf, MapOf)):
            inner = self.of_type(t.item if isinstance(t, ListOf) else t.value)
            return Items(inner) if inner is not None else None
        return None

    def result(self, kind: ClientMethod) -> Kind | None:
        ref = self.idx.methods[(kind.resource, kind.name)]
        if ref.iterator and ref.operation.pagination is not None:
            item = self.of_type(ref.operation.pagination.item_type)
            return Items(item) if item is not None else None
        return self.of_type(ref.operation.result.type) if ref.operation.result.kind == "json" else None

    # ------------------------------------------------------------------------ inference
    def infer(self, node: cst.BaseExpression | None) -> Kind | None:
        if isinstance(node, cst.Name):
            return self.lookup(node.value)
        if isinstance(node, cst.Attribute):
            return self.attribute(self.infer(node.value), node.attr.value)
        if isinstance(node, cst.Await):
            return self.infer(node.expression)
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            return self.infer(node.left)  # `response.items or []`
        if isinstance(node, cst.Subscript):
            base = self.infer(node.value)
            return base.item if isinstance(base, Items) else None
        if isinstance(node, cst.SimpleString) or not isinstance(node, cst.Call):
            return self.annotation(node)
        func = self.infer(node.func)
        if isinstance(func, ClientClass):
            return Client(func.is_async)
        if isinstance(func, (GeneratedClass, Validate)) and func.name in self.idx.models:
            return Instance(func.name)
        if isinstance(func, ClientMethod):
            return self.result(func)
        if isinstance(func, Client):  # `client.with_options(...)` returns a client
            return func
        if isinstance(func, Returns):
            return func.kind
        return None

    def attribute(self, base: Kind | None, attr: str) -> Kind | None:
        if isinstance(base, PackageModule):
            return self.member(base.path, attr)
        if isinstance(base, Client):
            if attr in self.idx.resources:
                return ClientResource(attr)
            return base if attr == "with_options" else None
        if isinstance(base, ClientResource):
            return ClientMethod(base.attribute, attr) if (base.attribute, attr) in self.idx.methods else None
        if isinstance(base, GeneratedClass) and attr in VALIDATE_METHODS:
            return Validate(base.name)
        if isinstance(base, Instance):
            f = self.idx.field(base.name, attr)
            return self.of_type(f.type) if f is not None else None
        return None

    def annotation(self, node: cst.BaseExpression | None) -> Kind | None:
        """The kind of a value annotated with `node` (`Client`, `models.Project`, `"Project"`)."""
        if isinstance(node, cst.SimpleString):
            try:
                parsed = cst.parse_expression(str(node.evaluated_value))
            except (cst.ParserSyntaxError, TypeError):
                return None
            return self.annotation(parsed) if not isinstance(parsed, cst.SimpleString) else None
        kind = self.infer(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
        if isinstance(kind, ClientClass):
            return Client(kind.is_async)
        if isinstance(kind, GeneratedClass) and kind.name in self.idx.models:
            return Instance(kind.name)
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            element = node.slice[0].slice
            if isinstance(element, cst.Index):
                inner = self.annotation(element.value)
                return Items(inner) if inner is not None else None
        return None
