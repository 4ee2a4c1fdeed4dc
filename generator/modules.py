"""IR → module plan: which named types share a module of `models/`, what each generated module imports,
and which methods wrap their call in `_t.cast`. `render` reads the plan and only lays it out.

Every import a module gets is one its body uses (ruff's unused-import check holds on every package).
Every decision here is made from the IR's types; nothing looks at rendered or annotation text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from . import ir, layout
from .python_types import alternatives
from .ir import referenced_classes

Imports = tuple[tuple[str, str], ...]  # (module, class name) pairs, sorted


@dataclass(frozen=True)
class ModelModule:
    """The named types that share one module of `models/`, the classes they import and the import block."""

    name: str
    models: tuple[ir.Model, ...]
    enums: tuple[ir.Enum, ...]
    aliases: tuple[ir.Alias, ...]
    imports: Imports
    import_block: str = ""

    def types(self) -> list[ir.TypeRef]:
        """Every type the module's body spells out: field types and alias targets."""
        return [f.type for m in self.models for f in m.fields] + [a.target for a in self.aliases]


@dataclass(frozen=True)
class MethodPlan:
    """What one generated method needs besides its operation: whether its result goes through `_t.cast`,
    and the (module, class) pairs it imports when it runs (`pages`: those of its `iter_` twin, if paged)."""

    cast: bool
    calls: Imports
    pages: Imports


@dataclass(frozen=True)
class ResourceModule:
    """One module of `resources/`: its resource, its import block and the plan of each method (by Python name)."""

    resource: ir.Resource
    import_block: str
    methods: Mapping[str, MethodPlan]


@dataclass(frozen=True)
class PackagePlan:
    """The modules of one package: `models/` and `resources/`, in the order they are written."""

    models: tuple[ModelModule, ...]
    resources: tuple[ResourceModule, ...]


def plan(api: ir.Api) -> PackagePlan:
    """The module plan of one API."""
    home = _home_modules(api)
    resources = []
    for resource in api.resources:
        methods = {
            op.python_name: MethodPlan(
                needs_cast(op.result),
                _call_imports(op, home),
                _call_imports(op, home, pages=True) if op.pagination else (),
            )
            for op in resource.operations
        }
        casts = any(m.cast for m in methods.values())
        resources.append(ResourceModule(resource, _resource_block(resource, home, casts), methods))
    return PackagePlan(tuple(_model_modules(api)), tuple(resources))


def _home_modules(api: ir.Api) -> dict[str, str]:
    """The `models/` module of every model and enum class."""
    named: list[ir.Model | ir.Enum] = [*api.models, *api.enums]
    return {t.class_name: t.module for t in named}


def _model_modules(api: ir.Api) -> list[ModelModule]:
    """Group the API's named types by module and work out each module's imports."""
    home = {**_home_modules(api), **{a.class_name: a.module for a in api.aliases}}
    grouped: dict[str, tuple[list[ir.Model], list[ir.Enum], list[ir.Alias]]] = {}
    for m in api.models:
        grouped.setdefault(m.module, ([], [], []))[0].append(m)
    for e in api.enums:
        grouped.setdefault(e.module, ([], [], []))[1].append(e)
    for a in api.aliases:
        grouped.setdefault(a.module, ([], [], []))[2].append(a)
    modules = []
    for name in sorted(grouped):
        models, enums, aliases = grouped[name]
        module = ModelModule(name, tuple(models), tuple(enums), tuple(aliases), ())
        needed = {c for t in module.types() for c in referenced_classes(t)}  # aliases are inlined: never referenced
        module = replace(module, imports=tuple(sorted((home[c], c) for c in needed if home[c] != name)))
        modules.append(replace(module, import_block=_model_block(module)))
    return modules


def _mentions(types: Iterable[ir.TypeRef | None], *kinds: type) -> bool:
    return any(isinstance(node, kinds) for t in types if t is not None for node in ir.walk(t))


def _has_date(types: Iterable[ir.TypeRef | None]) -> bool:
    nodes = (node for t in types if t is not None for node in ir.walk(t))
    return any(isinstance(node, ir.Primitive) and node.kind in ("datetime", "date") for node in nodes)


def _isorted(names: list[str]) -> list[str]:
    """Names in isort's order: CONSTANTS, then Classes, then functions."""
    return sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))


def _block(groups: list[list[str]]) -> str:
    return "\n\n".join("\n".join(group) for group in groups if group)


def _model_block(module: ModelModule) -> str:
    """The import block of a model module, grouped and laid out as black and isort would."""
    types = module.types()
    fields = [f for m in module.models for f in m.fields]
    stdlib = [
        line
        for used, line in (
            (_has_date(types), "import datetime as _dt"),
            (bool(module.enums), "import enum as _enum"),
            (bool(module.aliases) or _mentions(types, ir.AnyValue), "import typing as _t"),
        )
        if used
    ]
    # field_statement writes `_p.Field(...)` for an alias or a deprecation
    pydantic = any(f.name != f.wire_name or f.deprecation is not None for f in fields)
    third_party = ["import pydantic as _p"] if pydantic else []
    base = [name for name, used in (("OpenEnum", _mentions(types, ir.EnumRef)), ("RunaiModel", module.models)) if used]
    local = [layout.import_line("._base", base, 0)] if base else []
    for mod, pairs in itertools.groupby(module.imports, key=lambda pair: pair[0]):
        local.append(layout.import_line(f".{mod}", [cls for _, cls in pairs], 0))
    return _block([["from __future__ import annotations"], stdlib, third_party, local])


def _signature_types(op: ir.Operation) -> list[ir.TypeRef | None]:
    """The types a method's signature spells out: parameters, body, result, page items."""
    types: list[ir.TypeRef | None] = [p.type for p in op.parameters]
    types += [op.body.type] if op.body else []
    types += [op.result.type] if op.result.kind == "json" else []
    types += [op.pagination.item_type] if op.pagination else []
    return types


def _resource_imports(resource: ir.Resource, home: Mapping[str, str]) -> list[tuple[str, str]]:
    """(module, class) pairs a resource module names in annotations: parameters, bodies, results."""
    types = [t for op in resource.operations for t in _signature_types(op) if t is not None]
    needed = {c for t in types for c in referenced_classes(t)}
    return sorted((home[c], c) for c in needed if c in home)


def _resource_block(resource: ir.Resource, home: Mapping[str, str], casts: bool) -> str:
    """The import block of a resource module. `casts`: some method wraps its call in `_t.cast`."""
    ops = resource.operations
    types = [t for op in ops for t in _signature_types(op)]
    paged = any(op.pagination for op in ops)
    optional = any(not p.required for op in ops for p in op.parameters) or any(
        op.body and not op.body.required for op in ops
    )
    checking = [layout.import_line("..models._base", ["OpenEnum"], 4)] if _mentions(types, ir.EnumRef) else []
    checking += [layout.import_line(f"..models.{mod}", [cls], 4) for mod, cls in _resource_imports(resource, home)]
    model_body = any(op.body and isinstance(ir.strip_nullable(op.body.type), ir.ModelRef) for op in ops)
    typing = bool(checking) or casts or model_body or _mentions(types, ir.AnyValue)
    stdlib = ["import datetime as _dt"] if _has_date(types) else []
    stdlib += ["import typing as _t"] if typing else []
    stdlib += ["from collections.abc import AsyncIterator, Iterator"] if paged else []
    extensions = ["Unpack"] + (["deprecated"] if any(op.deprecation for op in ops) else [])
    runtime = ["AsyncResource", "Endpoint", "RequestOptions", "SyncResource"]
    runtime += ["NotGiven"] if optional else []
    runtime += ["NOT_GIVEN"] if optional or any(op.body is None for op in ops) else []
    runtime += ["Pagination"] if paged else []
    block = _block(
        [
            ["from __future__ import annotations"],
            stdlib,
            [layout.import_line("typing_extensions", extensions, 0)],
            [layout.import_line(".._runtime", _isorted(runtime), 0)],
        ]
    )
    return block + ("\n\nif _t.TYPE_CHECKING:\n" + "\n".join(checking) if checking else "")


def _call_imports(op: ir.Operation, home: Mapping[str, str], pages: bool = False) -> Imports:
    """(module, class) pairs a method imports when it runs: the types its result (and, for the
    `iter_` method, its page items) are parsed into.

    Resource modules import models for type checkers only, so `client.projects` costs no model
    (and no pydantic) import until a method that parses a model is called; the local import is a
    dict lookup from then on.
    """
    types = [op.result.type] if op.result.kind == "json" and op.result.type else []
    types += [op.pagination.item_type] if op.pagination and pages else []
    needed = {(home[c], c) for t in types for c in referenced_classes(t) if c in home}
    if _mentions(types, ir.EnumRef):
        needed.add(("_base", "OpenEnum"))
    return tuple(sorted(needed))


def needs_cast(result: ir.Result) -> bool:
    """The runtime's `_call` is typed `type[T] -> T`: a result that is a union or holds an open enum is no
    such `type[T]`, so the call is wrapped in `_t.cast` (an `Any` result needs none: `_call` gives `Any`)."""
    if result.kind != "json":
        return False
    return len(alternatives(result.type)) > 1 or _mentions([result.type], ir.EnumRef)
