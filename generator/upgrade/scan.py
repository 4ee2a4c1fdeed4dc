"""Find every use of one generated package in a Python module, with libcst and a little type inference.

    source ──libcst──▶ Module ──_Scanner (scopes, assignments, with, for)──▶ [Use]

A value's kind is inferred from where it came from: `Client(...)` (also via `with` / `async with`,
`.with_options()`, an annotation), `client.<resource>`, the result of a method (its response model,
a list of models, the items of an `iter_` method), a model construction or `model_validate`, a model's
fields, list items and map values, a function of the same module annotated to return one of those.
Names are followed through imports (with aliases) and simple assignments, in module, class and
function scopes; anything else (other modules' functions, attributes of user objects) is not guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from generator.ir import EnumRef, ListOf, MapOf, ModelRef, Nullable, TypeRef
from generator.upgrade.names import CLIENT_CLASSES, MODELS_PACKAGE, VALIDATE_METHODS, ApiIndex

__all__ = [
    "ClassUse",
    "ConstructUse",
    "FieldUse",
    "ImportUse",
    "KeyUse",
    "MemberUse",
    "MethodUse",
    "ModuleUse",
    "Pos",
    "ResourceUse",
    "ScanError",
    "Use",
    "scan",
]


# ------------------------------------------------------------------------------------------- uses
@dataclass(frozen=True)
class Pos:
    """A place in the source: 1-based line and column (as editors and SARIF count)."""

    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True)
class KeyUse:
    """A keyword argument or a string key of a dict literal, and where its name is written."""

    name: str
    pos: Pos
    keyword: bool  # a keyword argument (renamable); False for a dict key


@dataclass(frozen=True)
class ImportUse:
    """`import pkg...` or `from pkg... import a, b`: the module and where its package name is written."""

    pos: Pos
    module: tuple[str, ...]
    package_pos: Pos
    names: tuple[KeyUse, ...] = ()


@dataclass(frozen=True)
class ModuleUse:
    """The package name used as a value (`runai_v2_22.Client`) after a plain `import runai_v2_22`."""

    pos: Pos


@dataclass(frozen=True)
class ClassUse:
    """A model class named through a module attribute (`models.Project`)."""

    pos: Pos
    class_name: str


@dataclass(frozen=True)
class ResourceUse:
    """`client.<resource>` kept or passed on (not followed by `.<method>`): `projects = client.projects`."""

    pos: Pos
    resource: str


@dataclass(frozen=True)
class MethodUse:
    """`<resource>.<method>`, called or not; `resource_pos` when written `client.<resource>.<method>`."""

    pos: Pos
    resource: str
    method: str
    resource_pos: Pos | None
    called: bool
    keywords: tuple[KeyUse, ...] = ()
    open_keywords: bool = False  # `**kwargs` passed: the keywords are not all known
    body_keys: tuple[KeyUse, ...] | None = None  # `body={...}` given as a dict literal


@dataclass(frozen=True)
class ConstructUse:
    """A model built with keywords (`Project(name=...)`) or from a dict literal (`model_validate({...})`)."""

    pos: Pos
    class_name: str
    keys: tuple[KeyUse, ...]
    complete: bool  # every key is known (no `**kwargs`, no positional mapping we could not read)


@dataclass(frozen=True)
class MemberUse:
    """An enum member: `SortOrder.ASC`."""

    pos: Pos
    enum: str
    member: str


@dataclass(frozen=True)
class FieldUse:
    """A response field read: `project.cluster_id` where `project` is known to be a `Project`."""

    pos: Pos
    class_name: str
    field: str


Use = Union[ImportUse, ModuleUse, ClassUse, ResourceUse, MethodUse, ConstructUse, FieldUse, MemberUse]


class ScanError(Exception):
    """The module does not parse: `line`, `col` (1-based) and the parser's message."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


# ------------------------------------------------------------------------------------ value kinds
@dataclass(frozen=True)
class _Module:
    path: tuple[str, ...]


@dataclass(frozen=True)
class _ClientClass:
    is_async: bool


@dataclass(frozen=True)
class _Client:
    is_async: bool


@dataclass(frozen=True)
class _Resource:
    attribute: str


@dataclass(frozen=True)
class _Method:
    resource: str
    name: str


@dataclass(frozen=True)
class _Class:
    name: str


@dataclass(frozen=True)
class _Instance:
    name: str


@dataclass(frozen=True)
class _Validate:
    name: str


@dataclass(frozen=True)
class _Returns:
    """A function of this module whose return annotation names a known kind."""

    kind: _Kind


@dataclass(frozen=True)
class _Items:
    """A list, an iterator or a map of values of one kind (`for`, `[i]`, `.values()` give the item)."""

    item: _Kind


_Kind = Union[_Module, _ClientClass, _Client, _Resource, _Method, _Class, _Instance, _Validate, _Items, _Returns]


# ---------------------------------------------------------------------------------------- scanner
class _Scanner(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, idx: ApiIndex) -> None:
        super().__init__()
        self.idx = idx
        self.pkg = idx.package
        self.modules = idx.model_modules()
        self.scopes: list[dict[str, _Kind | None]] = [{}]
        self.plain_imports: list[set[str]] = [set()]  # names bound by `import pkg` (no alias)
        self.uses: list[Use] = []
        self._done: set[int] = set()
        self._chained: set[int] = set()  # attributes followed by another attribute (`client.x` in `client.x.y`)
        self._importing = False

    # ---------------------------------------------------------------------------- helpers
    def pos(self, node: cst.CSTNode) -> Pos:
        r = self.get_metadata(PositionProvider, node)
        return Pos(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)

    def lookup(self, name: str) -> _Kind | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def bind(self, target: cst.BaseExpression, kind: _Kind | None) -> None:
        """Bind a plain name; `None` hides an outer binding (the name now holds something else)."""
        if isinstance(target, cst.Name):
            self.scopes[-1][target.value] = kind

    def member(self, module: tuple[str, ...], name: str) -> _Kind | None:
        if not module or module[0] != self.pkg:
            return None
        if len(module) == 1:
            if name in CLIENT_CLASSES:
                return _ClientClass(CLIENT_CLASSES[name])
            return _Module((self.pkg, MODELS_PACKAGE)) if name == MODELS_PACKAGE else None
        if module[1] != MODELS_PACKAGE or len(module) > 3:
            return None
        if self.idx.is_class(name):
            return _Class(name)
        return _Module((*module, name)) if len(module) == 2 and name in self.modules else None

    def of_type(self, t: TypeRef | None) -> _Kind | None:
        for _ in range(8):
            if isinstance(t, Nullable):
                t = t.inner
            elif isinstance(t, (ModelRef, EnumRef)) and t.class_name in self.idx.aliases:
                t = self.idx.aliases[t.class_name].target
            else:
                break
        if isinstance(t, ModelRef) and t.class_name in self.idx.models:
            return _Instance(t.class_name)
        if isinstance(t, (ListOf, MapOf)):
            inner = self.of_type(t.item if isinstance(t, ListOf) else t.value)
            return _Items(inner) if inner is not None else None
        return None

    def result(self, kind: _Method) -> _Kind | None:
        ref = self.idx.methods[(kind.resource, kind.name)]
        if ref.iterator and ref.operation.pagination is not None:
            item = self.of_type(ref.operation.pagination.item_type)
            return _Items(item) if item is not None else None
        return self.of_type(ref.operation.result.type) if ref.operation.result.kind == "json" else None

    # ------------------------------------------------------------------------ inference
    def infer(self, node: cst.BaseExpression | None) -> _Kind | None:
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
            return base.item if isinstance(base, _Items) else None
        if isinstance(node, cst.SimpleString) or not isinstance(node, cst.Call):
            return self.annotation(node)
        func = self.infer(node.func)
        if isinstance(func, _ClientClass):
            return _Client(func.is_async)
        if isinstance(func, (_Class, _Validate)) and func.name in self.idx.models:
            return _Instance(func.name)
        if isinstance(func, _Method):
            return self.result(func)
        if isinstance(func, _Client):  # `client.with_options(...)` returns a client
            return func
        if isinstance(func, _Returns):
            return func.kind
        return None

    def attribute(self, base: _Kind | None, attr: str) -> _Kind | None:
        if isinstance(base, _Module):
            return self.member(base.path, attr)
        if isinstance(base, _Client):
            if attr in self.idx.resources:
                return _Resource(attr)
            return base if attr == "with_options" else None
        if isinstance(base, _Resource):
            return _Method(base.attribute, attr) if (base.attribute, attr) in self.idx.methods else None
        if isinstance(base, _Class) and attr in VALIDATE_METHODS:
            return _Validate(base.name)
        if isinstance(base, _Instance):
            f = self.idx.field(base.name, attr)
            return self.of_type(f.type) if f is not None else None
        return None

    def annotation(self, node: cst.BaseExpression | None) -> _Kind | None:
        """The kind of a value annotated with `node` (`Client`, `models.Project`, `"Project"`)."""
        if isinstance(node, cst.SimpleString):
            try:
                parsed = cst.parse_expression(str(node.evaluated_value))
            except (cst.ParserSyntaxError, TypeError):
                return None
            return self.annotation(parsed) if not isinstance(parsed, cst.SimpleString) else None
        kind = self.infer(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
        if isinstance(kind, _ClientClass):
            return _Client(kind.is_async)
        if isinstance(kind, _Class) and kind.name in self.idx.models:
            return _Instance(kind.name)
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            element = node.slice[0].slice
            if isinstance(element, cst.Index):
                inner = self.annotation(element.value)
                return _Items(inner) if inner is not None else None
        return None

    # --------------------------------------------------------------------------- scopes
    def push(self) -> None:
        self.scopes.append({})
        self.plain_imports.append(set())

    def pop(self) -> None:
        self.scopes.pop()
        self.plain_imports.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        returns = self.annotation(node.returns.annotation) if node.returns is not None else None
        self.bind(node.name, _Returns(returns) if returns is not None else None)
        self.push()
        params = node.params
        for p in (*params.posonly_params, *params.params, *params.kwonly_params):
            self.bind(p.name, self.annotation(p.annotation.annotation) if p.annotation is not None else None)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.push()

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.pop()

    # --------------------------------------------------------------------------- imports
    def _dotted(self, node: cst.BaseExpression) -> tuple[tuple[str, ...], cst.Name] | None:
        parts: list[str] = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name):
            return None
        return (node.value, *reversed(parts)), node

    def leave_Import(self, original_node: cst.Import) -> None:
        self._importing = False

    def leave_ImportFrom(self, original_node: cst.ImportFrom) -> None:
        self._importing = False

    def visit_Import(self, node: cst.Import) -> None:
        self._importing = True
        for alias in node.names:
            dotted = self._dotted(alias.name)
            if dotted is None or dotted[0][0] != self.pkg:
                continue
            path, head = dotted
            self.uses.append(ImportUse(self.pos(node), path, self.pos(head)))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.bind(alias.asname.name, _Module(path))
            else:
                self.bind(head, _Module((self.pkg,)))
                self.plain_imports[-1].add(self.pkg)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._importing = True
        if node.relative or node.module is None:
            return
        dotted = self._dotted(node.module)
        if dotted is None or dotted[0][0] != self.pkg:
            return
        path, head = dotted
        names: list[KeyUse] = []
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                if not isinstance(alias.name, cst.Name):
                    continue
                name = alias.name.value
                names.append(KeyUse(name, self.pos(alias.name), True))
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name):
                    self.bind(bound, self.member(path, name))
        self.uses.append(ImportUse(self.pos(node), path, self.pos(head), tuple(names)))

    # ------------------------------------------------------------------------ bindings
    def leave_Assign(self, original_node: cst.Assign) -> None:
        kind = self.infer(original_node.value)
        for target in original_node.targets:
            self.bind(target.target, kind)

    def leave_AnnAssign(self, original_node: cst.AnnAssign) -> None:
        kind = self.annotation(original_node.annotation.annotation)
        if kind is None and original_node.value is not None:
            kind = self.infer(original_node.value)
        self.bind(original_node.target, kind)

    def leave_WithItem(self, original_node: cst.WithItem) -> None:
        if original_node.asname is not None:
            self.bind(original_node.asname.name, self.infer(original_node.item))

    def visit_For(self, node: cst.For) -> None:
        items = self.infer(node.iter)
        self.bind(node.target, items.item if isinstance(items, _Items) else None)

    def _comprehension(self, node: cst.BaseComp | cst.DictComp) -> None:
        comp: cst.CompFor | None = node.for_in
        while comp is not None:
            items = self.infer(comp.iter)
            self.bind(comp.target, items.item if isinstance(items, _Items) else None)
            comp = comp.inner_for_in

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comprehension(node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._comprehension(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comprehension(node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._comprehension(node)

    # ---------------------------------------------------------------------------- uses
    def _keys(self, args: Sequence[cst.Arg]) -> tuple[list[KeyUse], bool]:
        """Keyword names (and `**{...}` literal keys); False when some keys cannot be known."""
        keys: list[KeyUse] = []
        complete = True
        for arg in args:
            if arg.keyword is not None:
                keys.append(KeyUse(arg.keyword.value, self.pos(arg.keyword), True))
            elif arg.star == "**":
                literal = self._dict_keys(arg.value)
                complete = complete and literal is not None
                keys.extend(literal or ())
            else:
                complete = False
        return keys, complete

    def _dict_keys(self, node: cst.BaseExpression) -> list[KeyUse] | None:
        if not isinstance(node, cst.Dict):
            return None
        out: list[KeyUse] = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return None
            value = element.key.evaluated_value
            if not isinstance(value, str):
                return None
            out.append(KeyUse(value, self.pos(element.key), False))
        return out

    def visit_Call(self, node: cst.Call) -> None:
        func = self.infer(node.func)
        if isinstance(func, _Method) and isinstance(node.func, cst.Attribute):
            self._done.add(id(node.func))
            self._chained.add(id(node.func.value))
            keys, complete = self._keys(node.args)
            body = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "body"), None)
            body_keys = self._dict_keys(body) if body is not None else None
            self.uses.append(self._method_use(node.func, func, True, tuple(keys), not complete, body_keys))
        elif isinstance(func, _Class) and func.name in self.idx.models:
            keys, complete = self._keys(node.args)
            self.uses.append(ConstructUse(self.pos(node.func), func.name, tuple(keys), complete))
        elif isinstance(func, _Validate) and func.name in self.idx.models and node.args:
            literal = self._dict_keys(node.args[0].value)
            if literal is not None:
                self.uses.append(ConstructUse(self.pos(node.func), func.name, tuple(literal), len(node.args) == 1))

    def _method_use(
        self,
        node: cst.Attribute,
        kind: _Method,
        called: bool,
        keys: tuple[KeyUse, ...] = (),
        open_keywords: bool = False,
        body_keys: Sequence[KeyUse] | None = None,
    ) -> MethodUse:
        resource_pos = None
        if isinstance(node.value, cst.Attribute) and isinstance(self.infer(node.value.value), _Client):
            resource_pos = self.pos(node.value.attr)
        return MethodUse(
            self.pos(node.attr),
            kind.resource,
            kind.name,
            resource_pos,
            called,
            keys,
            open_keywords,
            tuple(body_keys) if body_keys is not None else None,
        )

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._chained.add(id(node.value))
        if id(node) in self._done or self._importing:
            return
        if isinstance(node.value, cst.Name) and node.value.value == self.pkg:
            if any(self.pkg in names for names in self.plain_imports) and isinstance(self.lookup(self.pkg), _Module):
                self.uses.append(ModuleUse(self.pos(node.value)))
        base = self.infer(node.value)
        if isinstance(base, _Client) and node.attr.value in self.idx.resources and id(node) not in self._chained:
            self.uses.append(ResourceUse(self.pos(node.attr), node.attr.value))
        elif isinstance(base, _Resource):
            kind = self.attribute(base, node.attr.value)
            if isinstance(kind, _Method):
                self.uses.append(self._method_use(node, kind, False))
        elif isinstance(base, _Module):
            kind = self.attribute(base, node.attr.value)
            if isinstance(kind, _Class):
                self.uses.append(ClassUse(self.pos(node.attr), kind.name))
        elif isinstance(base, _Class) and base.name in self.idx.enums:
            if any(m.name == node.attr.value for m in self.idx.enums[base.name].members):
                self.uses.append(MemberUse(self.pos(node.attr), base.name, node.attr.value))
        elif isinstance(base, _Instance) and self.idx.field(base.name, node.attr.value) is not None:
            self.uses.append(FieldUse(self.pos(node.attr), base.name, node.attr.value))


def _syntax_error(source: str, error: cst.ParserSyntaxError) -> ScanError:
    """The syntax error as Python reports it (clearer), else as libcst does."""
    try:
        ast.parse(source)
    except SyntaxError as e:
        return ScanError(f"syntax error: {e.msg}", e.lineno or 1, e.offset or 1)
    return ScanError(f"syntax error: {error.message}", error.raw_line, error.raw_column + 1)


def parse(source: str) -> cst.Module:
    """Parse a module, or raise `ScanError` with the place of the syntax error."""
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as e:
        raise _syntax_error(source, e) from None


def scan(source: str, idx: ApiIndex) -> list[Use]:
    """Every use of `idx`'s package in `source`, in source order."""
    module = parse(source)
    if idx.package not in source:
        return []
    scanner = _Scanner(idx)
    MetadataWrapper(module, unsafe_skip_copy=True).visit(scanner)
    return scanner.uses
