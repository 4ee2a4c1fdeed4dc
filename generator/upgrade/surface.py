"""Rules for changes of the Python surface that the wire rules of `diff` do not report.

They run through the same engine (`generator.diff.rules.run`) and give `Change` records with the same
fingerprints, so every upgrade finding stands on a `Change`:

- `parameter-python-name-changed`: same wire parameter, another keyword name (a naming rule changed);
- `model-class-renamed`: the same component schema generates another class name;
- `model-class-removed`: an inline model's class is gone (component schemas: `schema-removed`);
- `model-field-changed`: a field of a model class (paired by schema, else by class name) was removed,
  renamed in Python, made required or optional, retyped, is deprecated, or a required one was added;
  used when no wire change of the operations carries that field (a model no operation reaches);
- `enum-member-changed`: an enum class lost the member of a value, or the member was renamed;
- `operation-still-deprecated`: deprecated in both versions (the wire rules only report new ones).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.compare import ApiDiff
from generator.diff.compare.schema import shape
from generator.diff.rules.base import Context, Rule, deprecation_extra, operation_finding, parameter_finding
from generator.ir import Alias, Api, Enum, Model

__all__ = ["RULES", "pair_models"]


def _classes(api: Api) -> dict[str, Model | Enum | Alias]:
    classes: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
    return {c.class_name: c for c in classes}


def pair_models(old: Api, new: Api) -> dict[str, str | None]:
    """Old class name → the class that generates the same thing in `new` (by schema, else by name), or None."""
    new_classes = _classes(new)
    by_schema = {c.schema_name: c.class_name for c in new_classes.values() if c.schema_name is not None}
    out: dict[str, str | None] = {}
    for name, item in _classes(old).items():
        if item.schema_name is not None and item.schema_name in by_schema:
            out[name] = by_schema[item.schema_name]
        else:
            out[name] = name if name in new_classes else None
    return out


def _class_finding(item: Model | Enum | Alias, **args: str) -> Finding:
    return Finding("", "", f"class:{item.class_name}", item.pointer, python=item.class_name, args=args)


def check_parameter_names(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is not None and pd.new is not None and pd.old.name != pd.new.name:
                yield parameter_finding(od.new, pd.new, old=pd.old.name, new=pd.new.name)


def check_class_renamed(ctx: Context) -> Iterator[Finding]:
    old = _classes(ctx.diff.old)
    for name, target in pair_models(ctx.diff.old, ctx.diff.new).items():
        if target is not None and target != name:
            yield _class_finding(old[name], old=name, new=target)


def check_class_removed(ctx: Context) -> Iterator[Finding]:
    old = _classes(ctx.diff.old)
    for name, target in pair_models(ctx.diff.old, ctx.diff.new).items():
        if target is None and old[name].schema_name is None:
            yield _class_finding(old[name], old=name)


def _field_changes(diff: ApiDiff, old: Model, new: Model) -> Iterator[Finding]:
    old_enums = {e.class_name: e for e in diff.old.enums}
    new_enums = {e.class_name: e for e in diff.new.enums}
    news = {f.wire_name: f for f in new.fields}
    for of in old.fields:
        nf = news.get(of.wire_name)
        where = f"model:{old.class_name}.{of.wire_name}"
        if nf is None:
            yield Finding("", "", where, of.pointer, python=f"{old.class_name}.{of.name}", args={"change": "removed"})
            continue
        python = f"{new.class_name}.{nf.name}"
        kinds = []
        if of.name != nf.name:
            kinds.append(("renamed", {"new": nf.name}))
        if nf.required and not of.required:
            kinds.append(("required", {}))
        old_shape, new_shape = shape(of.type, old_enums), shape(nf.type, new_enums)
        if old_shape != new_shape:
            kinds.append(("type", {"old": old_shape, "new": new_shape}))
        if of.required and not nf.required:
            kinds.append(("optional", {}))
        if nf.deprecation is not None:
            kinds.append(("deprecated", {}))
        for kind, args in kinds:
            extra = deprecation_extra(nf.deprecation) if kind == "deprecated" else {}
            yield Finding("", "", where, nf.pointer, python=python, args={"change": kind, **args}, extra=extra)
    olds = {f.wire_name for f in old.fields}
    for nf in new.fields:
        if nf.required and nf.wire_name not in olds:
            where = f"model:{old.class_name}.{nf.wire_name}"
            yield Finding(
                "", "", where, nf.pointer, python=f"{new.class_name}.{nf.name}", args={"change": "added-required"}
            )


def check_fields(ctx: Context) -> Iterator[Finding]:
    old_models = {m.class_name: m for m in ctx.diff.old.models}
    new_models = {m.class_name: m for m in ctx.diff.new.models}
    for name, target in pair_models(ctx.diff.old, ctx.diff.new).items():
        if name in old_models and target in new_models:
            yield from _field_changes(ctx.diff, old_models[name], new_models[target])


def check_enum_members(ctx: Context) -> Iterator[Finding]:
    old_enums = {e.class_name: e for e in ctx.diff.old.enums}
    new_enums = {e.class_name: e for e in ctx.diff.new.enums}
    for name, target in pair_models(ctx.diff.old, ctx.diff.new).items():
        old, new = old_enums.get(name), new_enums.get(target or "")
        if old is None or new is None:
            continue
        by_value = {m.value: m for m in new.members}
        for member in old.members:
            where = f"enum:{old.class_name}.{member.name}"
            successor = by_value.get(member.value)
            if successor is None:
                args = {"change": "removed", "value": str(member.value)}
                yield Finding("", "", where, old.pointer, python=f"{old.class_name}.{member.name}", args=args)
            elif successor.name != member.name:
                args = {"change": "renamed", "new": successor.name}
                yield Finding("", "", where, new.pointer, python=f"{new.class_name}.{successor.name}", args=args)


def check_still_deprecated(ctx: Context) -> Iterator[Finding]:
    olds = {(r.operation.method, r.operation.path): r for r in ctx.diff.old_operations}
    for ref in ctx.diff.new_operations:
        before = olds.get((ref.operation.method, ref.operation.path))
        if before is not None and before.operation.deprecated and ref.operation.deprecated:
            yield operation_finding(ref, extra=deprecation_extra(ref.operation.deprecation))


RULES = (
    Rule(
        "parameter-python-name-changed",
        ChangeLevel.BREAKING,
        "The keyword name of a parameter changed (same wire name)",
        "{method} {path}: keyword {old} renamed to {new}",
        check_parameter_names,
    ),
    Rule(
        "model-class-renamed",
        ChangeLevel.BREAKING,
        "The class generated for a schema was renamed",
        "model class {old} renamed to {new}",
        check_class_renamed,
    ),
    Rule(
        "model-class-removed",
        ChangeLevel.BREAKING,
        "An inline model class is gone",
        "model class {old} removed",
        check_class_removed,
    ),
    Rule(
        "model-field-changed",
        ChangeLevel.BREAKING,
        "A field of a model class was removed, renamed, made required, retyped or deprecated",
        "{python}: field {change}",
        check_fields,
    ),
    Rule(
        "enum-member-changed",
        ChangeLevel.BREAKING,
        "A member of an enum class was removed (its value is gone) or renamed",
        "{python}: member {change}",
        check_enum_members,
    ),
    Rule(
        "operation-still-deprecated",
        ChangeLevel.DEPRECATION,
        "An operation deprecated in both versions",
        "{method} {path} is still deprecated ({python})",
        check_still_deprecated,
    ),
)
