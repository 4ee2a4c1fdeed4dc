"""Where each named type lives: one module of `models/` per root type (a component schema, or an inline
type of an operation), inline types in their owner's module, and modules that import each other merged
into one (strongly connected components), so generated imports never form a cycle.

The module is part of the IR (a class's import path is public: the diff and `upgrade-check` read it);
what each module then imports is the module plan's business (`generator/modules.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from . import ir, naming
from .build_schemas import Named


def place(named: Named) -> tuple[tuple[ir.Model, ...], tuple[ir.Enum, ...], tuple[ir.Alias, ...]]:
    """One module per root type (a component schema, or an inline type of an operation); inline
    types join their owner's module; modules that import each other are merged into one."""
    owners: dict[str, str | None] = {c: d.owner for c, d in named.models.items()}
    owners.update({c: owner for c, (_, owner) in named.enums.items()})
    owners.update({c: None for c in named.aliases})
    module_names = naming.Namespace(case_insensitive=True, reserved=frozenset({"__init__"}))
    home = {
        cls: module_names.claim(naming.module_name(cls), separator="_")
        for cls in sorted(c for c, owner in owners.items() if owner is None)
    }
    home.update({cls: home[owner] for cls, owner in owners.items() if owner is not None})
    merged = _merge_cycles(home, _module_edges(named, home))
    models = tuple(
        ir.Model(
            d.class_name,
            merged[c],
            d.schema_name,
            d.description,
            d.fields,
            d.additional,
            d.deprecation,
            d.pointer,
            d.parts,
        )
        for c, d in named.models.items()
    )
    enums = tuple(replace(e, module=merged[c]) for c, (e, _) in named.enums.items())
    aliases = tuple(replace(a, module=merged[c]) for c, a in named.aliases.items())
    return models, enums, aliases


def _module_edges(named: Named, home: dict[str, str]) -> dict[str, set[str]]:
    """Module → the other modules its types refer to (field types, additional properties, alias targets)."""
    edges: dict[str, set[str]] = {m: set() for m in home.values()}
    for cls, draft in named.models.items():
        types = [f.type for f in draft.fields] + ([draft.additional] if draft.additional else [])
        for name in (n for t in types for n in ir.referenced_classes(t)):
            if home.get(name, home[cls]) != home[cls]:
                edges[home[cls]].add(home[name])
    for cls, alias in named.aliases.items():
        for name in ir.referenced_classes(alias.target):
            if home.get(name, home[cls]) != home[cls]:
                edges[home[cls]].add(home[name])
    return edges


def _merge_cycles(home: dict[str, str], edges: dict[str, set[str]]) -> dict[str, str]:
    """Map each class to the module of its strongly connected component (Tarjan), named after the
    component's first module in sorted order, so merged names are deterministic."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    rename: dict[str, str] = {}
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                name = min(component)
                rename.update({m: name for m in component})
    return {cls: rename.get(module, module) for cls, module in home.items()}
