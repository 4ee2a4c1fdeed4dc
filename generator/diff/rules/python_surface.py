"""Python-level breaks the wire comparison cannot see: a surface diff of the two generated packages.

The public names of a package are computed from its IR the way the templates emit them (as griffe
would list them): `models.<Class>`, `models.<Class>.<field>`, `client.<resource>.<method>(<param>=)`.
A name that goes away is a break for code that uses it, even when the JSON on the wire is the same:

- python-class-removed: a model/enum/alias class is gone while its schema is not (renamed class,
  renamed inline object); a removed schema is `schema-removed`.
- python-field-renamed: a model keeps the wire property but its Python attribute has another name.
- python-field-removed: a property is gone from a model no operation uses (the wire diff only walks
  operations; in used models it is `property-removed`).
- python-parameter-renamed: a method keeps the wire parameter under another keyword name.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, parameter_finding
from generator.ir import Api, Enum, Model, Alias, walk

__all__ = ["RULES", "reachable"]


def _classes(api: Api) -> dict[str, Model | Enum | Alias]:
    items: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
    return {x.class_name: x for x in items}


def reachable(api: Api) -> set[str]:
    """Class names reachable from the operations (bodies, responses, parameters)."""
    classes = _classes(api)
    seen: set[str] = set()
    todo = []
    for op in api.operations:
        types = [p.type for p in op.parameters] + [r.type for r in op.responses if r.type is not None]
        if op.body is not None:
            types.append(op.body.type)
        todo.extend(types)
    while todo:
        for t in walk(todo.pop()):
            name = getattr(t, "class_name", None)
            if name is None or name in seen or name not in classes:
                continue
            seen.add(name)
            item = classes[name]
            if isinstance(item, Model):
                todo.extend(f.type for f in item.fields)
                if item.additional is not None:
                    todo.append(item.additional)
            elif isinstance(item, Alias):
                todo.append(item.target)
    return seen


def _finding(location: str, pointer: str, python: str, **args: str) -> Finding:
    return Finding("", "", location, pointer, python=python, args=args)


def check_class_removed(ctx: Context) -> Iterator[Finding]:
    old, new = _classes(ctx.diff.old), _classes(ctx.diff.new)
    new_schemas = {x.schema_name: x for x in new.values() if x.schema_name is not None}
    for name, item in old.items():
        if name in new:
            continue
        if item.schema_name is not None and item.schema_name not in new_schemas:
            continue  # schema-removed
        now = new_schemas.get(item.schema_name) if item.schema_name is not None else None
        yield _finding(
            f"class:{name}", item.pointer, f"models.{name}", name=name, now=f"models.{now.class_name}" if now else ""
        )


def _common_models(ctx: Context) -> Iterator[tuple[Model, Model]]:
    new = {m.class_name: m for m in ctx.diff.new.models}
    for m in ctx.diff.old.models:
        if m.class_name in new:
            yield m, new[m.class_name]


def check_field_renamed(ctx: Context) -> Iterator[Finding]:
    for old, new in _common_models(ctx):
        names = {f.wire_name: f.name for f in new.fields}
        for f in old.fields:
            if f.wire_name in names and names[f.wire_name] != f.name:
                python = f"models.{old.class_name}.{f.name}"
                yield _finding(
                    f"field:{old.class_name}.{f.wire_name}", f.pointer, python, old=f.name, new=names[f.wire_name]
                )


def check_field_removed(ctx: Context) -> Iterator[Finding]:
    used = reachable(ctx.diff.old)
    for old, new in _common_models(ctx):
        if old.class_name in used:
            continue
        wires = {f.wire_name for f in new.fields}
        for f in old.fields:
            if f.wire_name not in wires:
                python = f"models.{old.class_name}.{f.name}"
                yield _finding(f"field:{old.class_name}.{f.wire_name}", f.pointer, python, field=f.name)


def check_parameter_renamed(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        if od.old.python != od.new.python:
            continue
        for pd in od.parameters:
            if pd.old is not None and pd.new is not None and pd.old.name != pd.new.name:
                yield parameter_finding(od.new, pd.new, old=pd.old.name, new=pd.new.name)


RULES = (
    Rule(
        "python-class-removed",
        ChangeLevel.BREAKING,
        "A model class is gone from the package while its schema is not (renamed class)",
        "{python} no longer exists {now}",
        check_class_removed,
    ),
    Rule(
        "python-field-renamed",
        ChangeLevel.BREAKING,
        "A model attribute was renamed (same wire property)",
        "{python} renamed to .{new}",
        check_field_renamed,
    ),
    Rule(
        "python-field-removed",
        ChangeLevel.BREAKING,
        "An attribute of a model no operation uses was removed",
        "{python} removed",
        check_field_removed,
    ),
    Rule(
        "python-parameter-renamed",
        ChangeLevel.BREAKING,
        "A method's keyword parameter was renamed (same wire parameter)",
        "{python}: keyword {old}= renamed to {new}=",
        check_parameter_renamed,
    ),
)
