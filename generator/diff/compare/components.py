"""Component schemas (models, enums, aliases) by schema name: added, removed, or (un)deprecated.

Their contents are compared where they are used (`schema.TypeWalker`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.ir import Alias, Api, Enum, Model

__all__ = ["SchemaDiff", "schemas"]


@dataclass(frozen=True)
class SchemaDiff:
    """A component schema (model, enum or alias) present on one or both sides, keyed by schema name."""

    name: str
    old: Model | Enum | Alias | None
    new: Model | Enum | Alias | None


def _named(api: Api) -> dict[str, Model | Enum | Alias]:
    out: dict[str, Model | Enum | Alias] = {}
    items: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
    for item in items:
        if item.schema_name is not None:
            out[item.schema_name] = item
    return out


def schemas(old: Api, new: Api) -> list[SchemaDiff]:
    """The schemas present on one side only or whose deprecation differs, by name."""
    olds, news = _named(old), _named(new)
    out = []
    for name in sorted(olds.keys() | news.keys()):
        o, n = olds.get(name), news.get(name)
        if o is None or n is None or (o.deprecation is None) != (n.deprecation is None):
            out.append(SchemaDiff(name, o, n))
    return out
