"""Root changes: the findings of a pair grouped by what changed in the document, with Python names.

One property removed from a shared schema is found once per operation and place that uses it; a
reader (and `upgrade-check`) wants it once, with the list of affected operations and Python names.

Public API (stable):

    RootChange                       one root: id, rule, level, schema, pointer, message, operations, python
    group(changes, old, new)         [Change] -> [RootChange], worst level and widest reach first
    root_id(change)                  the id of the root a Change belongs to
    counts(roots)                    not-ignored roots per level
    PythonIndex(old, new)            JSON pointer / operation -> the Python names of both packages

The id is the first 12 hex digits of sha256 over the rule id and the identity of the changed thing
(its JSON pointer, plus the location when the pointer is not inside a component, plus the rule's
arguments except `direction`), never over the operations that use it: it stays the same when an
operation starts or stops using the schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.diff.changes import Change, ChangeLevel
from generator.diff.policy import field_location
from generator.ir import Api

__all__ = ["PythonIndex", "RootChange", "counts", "group", "root_id", "schema_of"]

_NOT_IDENTITY = frozenset({"direction"})  # request and response uses of one property are one root
_COMPONENTS = "/components/"
_SCHEMAS = "/components/schemas/"


@dataclass(frozen=True)
class RootChange:
    """One change in the document and everything it affects.

    `schema` is the component schema the change is in (None for operation-level changes);
    `operations` are `"METHOD /path"` strings; `python` the affected public Python names
    (`models.ComputeFields.mig_profile`, `client.trainings.create_training(...)`); `changes` the
    per-operation findings it groups. `ignored` when every one of them is acknowledged.
    """

    id: str
    rule: str
    level: ChangeLevel
    schema: str | None
    pointer: str
    message: str
    operations: tuple[str, ...]
    python: tuple[str, ...]
    changes: tuple[Change, ...]

    @property
    def ignored(self) -> bool:
        return all(c.ignored for c in self.changes)

    @property
    def resources(self) -> tuple[str, ...]:
        """The client attributes (`client.<resource>`) of the affected calls."""
        return tuple(sorted({p.split(".")[1] for p in self.python if p.startswith("client.") and p.count(".") >= 1}))

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "rule": self.rule,
            "level": self.level.value,
            "schema": self.schema,
            "pointer": self.pointer,
            "message": self.message,
            "operations": list(self.operations),
            "python": list(self.python),
            "fingerprints": [c.fingerprint for c in self.changes],
            "ignored": self.ignored,
        }


def _identity(change: Change) -> list[object]:
    drop = _NOT_IDENTITY | ({"name", "param_in"} if "used_at" in change.extra else set())
    args = sorted((k, v) for k, v in change.args.items() if k not in drop)
    where = "" if change.pointer.startswith(_COMPONENTS) else change.location
    if not change.pointer:
        where = f"{change.method} {change.path} {change.location}"
    return [change.rule, change.pointer, where, args]


def root_id(change: Change) -> str:
    """The id of the root change `change` belongs to (12 hex digits, stable across versions)."""
    payload = json.dumps(_identity(change), ensure_ascii=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def schema_of(pointer: str) -> str | None:
    """The component schema a pointer is in: `/components/schemas/Project/properties/id` -> `Project`."""
    if not pointer.startswith(_SCHEMAS):
        return None
    return pointer[len(_SCHEMAS) :].split("/", 1)[0].replace("~1", "/").replace("~0", "~")


class PythonIndex:
    """The Python names of things in two APIs, found by JSON pointer (fields, models, parameters).

    Give the newer API first: a parameter present in both is named as in the newer package.
    """

    def __init__(self, *apis: Api) -> None:
        self._by_pointer: dict[str, set[str]] = {}
        self._params: dict[tuple[str, str, str], str] = {}
        for api in apis:
            for m in api.models:
                self._add(m.pointer, f"models.{m.class_name}")
                for f in m.fields:
                    self._add(f.pointer, f"models.{m.class_name}.{f.name}")
            for e in api.enums:
                self._add(e.pointer, f"models.{e.class_name}")
            for a in api.aliases:
                self._add(a.pointer, f"models.{a.class_name}")
            for r in api.resources:
                for op in r.operations:
                    for p in op.parameters:
                        self._params.setdefault((op.method, op.path, p.wire_name), p.name)

    def _add(self, pointer: str, name: str) -> None:
        self._by_pointer.setdefault(pointer, set()).add(name)

    def at(self, pointer: str) -> set[str]:
        """The Python names of the thing at a JSON pointer (a field, a model, an enum)."""
        return self._by_pointer.get(pointer, set())

    def names(self, change: Change) -> list[str]:
        """The public Python names one change affects."""
        out: list[str] = []
        kind, _, wire = change.location.partition(":")
        if change.python and change.python.startswith("client."):
            if kind in ("path", "query", "header", "cookie", "parameter") and wire:
                name = self._params.get((change.method, change.path, wire), wire)
                out.append(f"{change.python}({name}=...)")
            else:
                out.append(f"{change.python}(...)")
        out.extend(sorted(self._by_pointer.get(change.pointer, ())))
        out.extend(sorted(self._by_pointer.get(change.extra.get("used_at", ""), ())))
        if not out and change.python:
            out.append(change.python if "." in change.python else f"models.{change.python}")
        return out


def _message(change: Change, subject: str, directions: set[str]) -> str:
    text = change.message
    prefix = f"{change.method} {change.path}: "
    if change.method and text.startswith(prefix):
        text = text[len(prefix) :]
    if subject != change.location and change.location:
        text = text.replace(change.location, subject, 1)
    if len(directions) > 1:
        for d in sorted(directions):
            if text.startswith(f"{d} "):
                text = "request/response " + text[len(d) + 1 :]
    return text


def group(changes: Sequence[Change], old: Api | None = None, new: Api | None = None) -> list[RootChange]:
    """Group changes into root changes; worst level first, then the most operations affected, then the
    order of the changes (rule order)."""
    index = PythonIndex(*(a for a in (new, old) if a is not None))
    buckets: dict[str, list[Change]] = {}
    for c in changes:
        buckets.setdefault(root_id(c), []).append(c)
    roots: list[RootChange] = []
    ranks: list[tuple[int, int, int]] = []
    for position, (rid, members) in enumerate(buckets.items()):
        first = members[0]
        schema = schema_of(first.pointer)
        subject = field_location(first.pointer) if schema is not None else first.location
        directions = {c.args["direction"] for c in members if "direction" in c.args}
        operations = sorted({f"{c.method} {c.path}" for c in members if c.method})
        names = {n for c in members for n in index.names(c)}
        own = index.at(first.pointer)  # the changed thing itself first (`models.GpuRequestType`)
        python = sorted(names, key=lambda n: (n not in own, not n.startswith("models."), n))
        level = min((c.level for c in members), key=lambda lv: lv.rank)
        roots.append(
            RootChange(
                rid,
                first.rule,
                level,
                schema,
                first.pointer,
                _message(first, subject, directions),
                tuple(operations),
                tuple(python),
                tuple(members),
            )
        )
        ranks.append((level.rank, -len(operations), position))
    ranked = sorted(range(len(roots)), key=lambda i: ranks[i])
    return [roots[i] for i in ranked]


def counts(roots: Iterable[RootChange]) -> dict[str, int]:
    """Not-ignored root changes per level (every level present, worst first)."""
    out = {lv.value: 0 for lv in ChangeLevel}
    for r in roots:
        if not r.ignored:
            out[r.level.value] += 1
    return out
