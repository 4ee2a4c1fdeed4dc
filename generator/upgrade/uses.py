"""What a scan finds in a user's module: each use of the generated package, and where it is written.

`scan` yields them, `match` turns each into findings, `fix` edits at their positions. A `Pos` counts
lines and columns from 1, as editors and SARIF do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

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
    "Use",
]


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
