"""parameter-enum-value-removed / -added: the values a path, query, header or cookie parameter accepts.

A caller passing a value the server no longer accepts breaks; a new value is informational.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, parameter_finding
from generator.ir import Api, EnumRef, ListOf, Nullable, TypeRef


def _values(api: Api, t: TypeRef) -> list[str | int | float] | None:
    while isinstance(t, (Nullable, ListOf)):
        t = t.inner if isinstance(t, Nullable) else t.item
    if not isinstance(t, EnumRef):
        return None
    enum = next((e for e in api.enums if e.class_name == t.class_name), None)
    return [m.value for m in enum.members] if enum is not None else None


def _changed(ctx: Context, removed: bool) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for pd in od.parameters:
            if pd.old is None or pd.new is None:
                continue
            old, new = _values(ctx.diff.old, pd.old.type), _values(ctx.diff.new, pd.new.type)
            if old is None or new is None:
                continue
            gone, came = [v for v in old if v not in new], [v for v in new if v not in old]
            for value in gone if removed else came:
                yield parameter_finding(od.new, pd.new, param_in=pd.new.location, value=str(value))


def check_removed(ctx: Context) -> Iterator[Finding]:
    return _changed(ctx, True)


def check_added(ctx: Context) -> Iterator[Finding]:
    return _changed(ctx, False)


RULES = (
    Rule(
        "parameter-enum-value-added",
        ChangeLevel.INFO,
        "A parameter accepts a new enum value",
        "{method} {path}: {param_in} parameter {name} accepts new value {value!r}",
        check_added,
    ),
    Rule(
        "parameter-enum-value-removed",
        ChangeLevel.BREAKING,
        "A parameter no longer accepts an enum value",
        "{method} {path}: {param_in} parameter {name} no longer accepts {value!r}",
        check_removed,
    ),
)
