"""Find every use of one generated package in a Python module, with libcst and a little type inference.

    source ──parse──▶ Module ──_Scanner (scopes, assignments, with, for)──▶ [Use]

The scanner walks the module once: statements that bind names (imports with aliases, assignments,
`with`, `for`, comprehensions, parameters, functions' return annotations) tell the `Resolver` what
each name holds; calls and attribute reads whose kind is known become `Use`s. Names are followed in
module, class and function scopes; anything else (other modules' functions, attributes of user
objects) is not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from generator.upgrade.names import ApiIndex
from generator.upgrade.resolve import (
    Client,
    ClientMethod,
    ClientResource,
    GeneratedClass,
    Instance,
    Items,
    PackageModule,
    Resolver,
    Returns,
    Validate,
)
from generator.upgrade.source import parse
from generator.upgrade.uses import (
    ClassUse,
    ConstructUse,
    FieldUse,
    ImportUse,
    KeyUse,
    MemberUse,
    MethodUse,
    ModuleUse,
    Pos,
    ResourceUse,
    Use,
)

__all__ = ["scan"]


class _Scanner(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, idx: ApiIndex) -> None:
        super().__init__()
        self.idx = idx
        self.pkg = idx.package
        self.resolver = Resolver(idx)
        self.uses: list[Use] = []
        self._done: set[int] = set()
        self._chained: set[int] = set()  # attributes followed by another attribute (`client.x` in `client.x.y`)
        self._importing = False

    def pos(self, node: cst.CSTNode) -> Pos:
        r = self.get_metadata(PositionProvider, node)
        return Pos(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)

    # --------------------------------------------------------------------------- scopes
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        returns = self.resolver.annotation(node.returns.annotation) if node.returns is not None else None
        self.resolver.bind(node.name, Returns(returns) if returns is not None else None)
        self.resolver.push()
        params = node.params
        for p in (*params.posonly_params, *params.params, *params.kwonly_params):
            annotation = p.annotation.annotation if p.annotation is not None else None
            self.resolver.bind(p.name, self.resolver.annotation(annotation))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.resolver.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.resolver.push()

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.resolver.pop()

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
                self.resolver.bind(alias.asname.name, PackageModule(path))
            else:
                self.resolver.bind_plain_import(head)

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
                    self.resolver.bind(bound, self.resolver.member(path, name))
        self.uses.append(ImportUse(self.pos(node), path, self.pos(head), tuple(names)))

    # ------------------------------------------------------------------------ bindings
    def leave_Assign(self, original_node: cst.Assign) -> None:
        kind = self.resolver.infer(original_node.value)
        for target in original_node.targets:
            self.resolver.bind(target.target, kind)

    def leave_AnnAssign(self, original_node: cst.AnnAssign) -> None:
        kind = self.resolver.annotation(original_node.annotation.annotation)
        if kind is None and original_node.value is not None:
            kind = self.resolver.infer(original_node.value)
        self.resolver.bind(original_node.target, kind)

    def leave_WithItem(self, original_node: cst.WithItem) -> None:
        if original_node.asname is not None:
            self.resolver.bind(original_node.asname.name, self.resolver.infer(original_node.item))

    def visit_For(self, node: cst.For) -> None:
        items = self.resolver.infer(node.iter)
        self.resolver.bind(node.target, items.item if isinstance(items, Items) else None)

    def _comprehension(self, node: cst.BaseComp | cst.DictComp) -> None:
        comp: cst.CompFor | None = node.for_in
        while comp is not None:
            items = self.resolver.infer(comp.iter)
            self.resolver.bind(comp.target, items.item if isinstance(items, Items) else None)
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
        func = self.resolver.infer(node.func)
        if isinstance(func, ClientMethod) and isinstance(node.func, cst.Attribute):
            self._done.add(id(node.func))
            self._chained.add(id(node.func.value))
            keys, complete = self._keys(node.args)
            body = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "body"), None)
            body_keys = self._dict_keys(body) if body is not None else None
            self.uses.append(self._method_use(node.func, func, True, tuple(keys), not complete, body_keys))
        elif isinstance(func, GeneratedClass) and func.name in self.idx.models:
            keys, complete = self._keys(node.args)
            self.uses.append(ConstructUse(self.pos(node.func), func.name, tuple(keys), complete))
        elif isinstance(func, Validate) and func.name in self.idx.models and node.args:
            literal = self._dict_keys(node.args[0].value)
            if literal is not None:
                self.uses.append(ConstructUse(self.pos(node.func), func.name, tuple(literal), len(node.args) == 1))

    def _method_use(
        self,
        node: cst.Attribute,
        kind: ClientMethod,
        called: bool,
        keys: tuple[KeyUse, ...] = (),
        open_keywords: bool = False,
        body_keys: Sequence[KeyUse] | None = None,
    ) -> MethodUse:
        resource_pos = None
        if isinstance(node.value, cst.Attribute) and isinstance(self.resolver.infer(node.value.value), Client):
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
            if self.resolver.plainly_imported(self.pkg):
                self.uses.append(ModuleUse(self.pos(node.value)))
        base = self.resolver.infer(node.value)
        if isinstance(base, Client) and node.attr.value in self.idx.resources and id(node) not in self._chained:
            self.uses.append(ResourceUse(self.pos(node.attr), node.attr.value))
        elif isinstance(base, ClientResource):
            kind = self.resolver.attribute(base, node.attr.value)
            if isinstance(kind, ClientMethod):
                self.uses.append(self._method_use(node, kind, False))
        elif isinstance(base, PackageModule):
            kind = self.resolver.attribute(base, node.attr.value)
            if isinstance(kind, GeneratedClass):
                self.uses.append(ClassUse(self.pos(node.attr), kind.name))
        elif isinstance(base, GeneratedClass) and base.name in self.idx.enums:
            if any(m.name == node.attr.value for m in self.idx.enums[base.name].members):
                self.uses.append(MemberUse(self.pos(node.attr), base.name, node.attr.value))
        elif isinstance(base, Instance) and self.idx.field(base.name, node.attr.value) is not None:
            self.uses.append(FieldUse(self.pos(node.attr), base.name, node.attr.value))


def scan(source: str, idx: ApiIndex) -> list[Use]:
    """Every use of `idx`'s package in `source`, in source order (`ScanError` if it does not parse)."""
    module = parse(source)
    if idx.package not in source:
        return []
    scanner = _Scanner(idx)
    MetadataWrapper(module, unsafe_skip_copy=True).visit(scanner)
    return scanner.uses
