"""The Run:ai deprecation policy, computed over the ordered history of pinned versions.

A deprecated API stays supported for six months on SaaS and for two further released versions on
self-hosted: deprecated in 2.22 → still in 2.23 and 2.24 → removable in 2.25. On SaaS (`latest`) it is
removable six months after the date the deprecating version was pinned (when the pin has a date).

`Policy` answers, for one pair (old → new) of the history: since which version an operation or a
property has been deprecated, the earliest version (and SaaS date) it may go, and whether a removal
in `new` respected the policy.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.diff.deprecations import Effective, places
from generator.ir import Alias, Api, Enum, EnumRef, ListOf, Model, ModelRef, Nullable, Operation, Resource, TypeRef

__all__ = [
    "Digest",
    "digest",
    "DeprecatedItem",
    "field_location",
    "Policy",
    "Version",
    "add_months",
    "removable_in",
    "find_replacement",
]

SUPPORTED_RELEASES = 2  # further released versions a deprecated API stays in
SAAS_MONTHS = 6


@dataclass(frozen=True)
class Digest:
    """What the policy needs of a version besides its label and date: which operations and
    properties it deprecates. Small, so `diff` keeps it in the IR cache and reads only this for the
    versions before the pair.

    `field_pointers` maps a key of a deprecated property (`pointer:...`, `python:Class.field`,
    `typed:wireName:Schema`, `place:METHOD /path body.a.b`) to its JSON pointers; `field_keys` is the
    reverse. A property that moved to another or a new schema is found again by one of its keys.
    """

    operations: dict[tuple[str, str], bool]
    field_pointers: dict[str, set[str]]
    field_keys: dict[str, set[str]]


@dataclass(frozen=True)
class Version:
    """One entry of the history: `channel` is release (2.22), saas (latest) or file (anything else).

    A version given only for its history (`digest` set, `api` possibly empty) is never compared.
    """

    label: str
    channel: Literal["release", "saas", "file"]
    pinned: datetime.date | None
    api: Api
    digest: Digest | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DeprecatedItem:
    """A deprecated operation or property in the newer version of a pair, with its policy dates."""

    kind: Literal["operation", "property"]
    method: str
    path: str
    location: str  # "operation", or "Schema.property"
    python: str | None
    since: str
    since_exact: bool  # False when deprecated already in the oldest version we know
    removable_in: str | None  # self-hosted release
    removable_after: datetime.date | None  # SaaS
    source: str
    replacement: str | None
    replacement_python: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "method": self.method,
            "path": self.path,
            "location": self.location,
            "python": self.python,
            "since": self.since,
            "since_exact": self.since_exact,
            "removable_in": self.removable_in,
            "removable_after": self.removable_after.isoformat() if self.removable_after else None,
            "source": self.source,
            "replacement": self.replacement,
            "replacement_python": self.replacement_python,
        }


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months, clamped to the end of the month (Aug 31 + 6 → Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


_RELEASE = re.compile(r"^(\d+)\.(\d+)$")


def removable_in(since: str) -> str | None:
    """The first self-hosted release that may drop what was deprecated in release `since`."""
    m = _RELEASE.match(since)
    if not m:
        return None
    return f"{m.group(1)}.{int(m.group(2)) + SUPPORTED_RELEASES + 1}"


def _release_key(label: str) -> tuple[int, int] | None:
    m = _RELEASE.match(label)
    return (int(m.group(1)), int(m.group(2))) if m else None


def field_location(field_pointer: str) -> str:
    """A readable name for a property from its JSON pointer: `ComputeAssetSpec.compute.migProfile`.

    `allOf/N` and `properties` steps are dropped, `items` becomes `[]`; properties of inline schemas
    under `paths` keep the pointer (there is no schema name to show).
    """
    prefix = "/components/schemas/"
    if not field_pointer.startswith(prefix):
        return field_pointer
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in field_pointer[len(prefix) :].split("/")]
    out = tokens[0]
    i = 1
    while i < len(tokens):
        t = tokens[i]
        if t in ("allOf", "oneOf", "anyOf"):
            i += 2
            continue
        if t == "properties" and i + 1 < len(tokens):
            out += "." + tokens[i + 1]
            i += 2
            continue
        if t == "items":
            out += "[]"
        elif t == "additionalProperties":
            out += "{}"
        i += 1
    return out


# --------------------------------------------------------------------------------- replacements
def _literal_tail(path: str) -> tuple[str, int]:
    """The last literal segment of a path and how many parameter segments follow it."""
    parts = [p for p in path.split("/") if p]
    trailing = 0
    while parts and parts[-1].startswith("{"):
        trailing += 1
        parts.pop()
    return (parts[-1] if parts else "", trailing)


def find_replacement(api: Api, resource: Resource, op: Operation) -> Operation | None:
    """The obvious successor of a deprecated operation, when there is exactly one.

    Same resource, same method, not deprecated, under `/api/v1/`, same last literal path segment
    and the same number of trailing path parameters (`/v1/k8s/.../node-pools/{id}` →
    `/api/v1/node-pools/{nodePoolId}`).
    """
    if op.path.startswith("/api/v1/") and not op.path.startswith("/api/v1/k8s"):
        tail = _literal_tail(op.path)
        candidates = [
            o
            for o in resource.operations
            if o is not op
            and o.method == op.method
            and o.deprecation is None
            and _literal_tail(o.path) == tail
            and o.path.startswith("/api/v1/")
            and o.path != op.path
        ]
    else:
        tail = _literal_tail(op.path)
        candidates = [
            o
            for o in resource.operations
            if o.method == op.method
            and o.deprecation is None
            and o.path.startswith("/api/v1/")
            and _literal_tail(o.path) == tail
        ]
    return candidates[0] if len(candidates) == 1 else None


def digest(api: Api) -> Digest:
    """The deprecation digest of one API (see `Digest`)."""
    by_key: dict[str, set[str]] = {}
    by_pointer: dict[str, set[str]] = {}

    def add(key: str, ptr: str) -> None:
        by_key.setdefault(key, set()).add(ptr)
        by_pointer.setdefault(ptr, set()).add(key)

    effective = Effective.of(api)
    named: list[Model | Enum | Alias] = [*api.models, *api.enums, *api.aliases]
    schemas = {x.class_name: x.schema_name for x in named}
    for m in effective.models.values():
        for f in m.fields:
            if f.deprecation is not None:
                add(f"pointer:{f.pointer}", f.pointer)
                add(f"python:{m.class_name}.{f.name}", f.pointer)
                typed = _named_type(f.type, schemas)
                if typed is not None:  # same property name, typed by the same schema
                    add(f"typed:{f.wire_name}:{typed}", f.pointer)
    for ptr, used in places(api, effective).items():
        for place in used:
            add(f"place:{place}", ptr)
    operations: dict[tuple[str, str], bool] = {(o.method, o.path): o.deprecation is not None for o in api.operations}
    return Digest(operations, by_key, by_pointer)


def _named_type(t: TypeRef, schemas: dict[str, str | None]) -> str | None:
    """The component schema a property's type names (through nullable and lists), if any."""
    while isinstance(t, (Nullable, ListOf)):
        t = t.inner if isinstance(t, Nullable) else t.item
    return schemas.get(t.class_name) if isinstance(t, (ModelRef, EnumRef)) else None


# ---------------------------------------------------------------------------------------- policy
class Policy:
    """Deprecation history lookups for the pair `old` → `new` (both labels of `history`)."""

    def __init__(self, history: Sequence[Version], old: str, new: str) -> None:
        self.history = list(history)
        self.labels = [v.label for v in self.history]
        self.old = self._get(old)
        self.new = self._get(new)
        self._digests: dict[str, Digest] = {}

    def _get(self, label: str) -> Version:
        for v in self.history:
            if v.label == label:
                return v
        raise KeyError(label)

    def _digest(self, v: Version) -> Digest:
        if v.digest is not None:
            return v.digest
        if v.label not in self._digests:
            self._digests[v.label] = digest(v.api)
        return self._digests[v.label]

    def effective(self, v: Version) -> Effective:
        """Deprecations of `v` that follow property types to deprecated schemas."""
        return Effective.of(v.api)

    def _since(self, upto: str, deprecated_in: Callable[[Version], bool]) -> tuple[str, bool]:
        i = self.labels.index(upto)
        since = upto
        while i > 0 and deprecated_in(self.history[i - 1]):
            i -= 1
            since = self.labels[i]
        return since, i > 0

    def operation_since(self, method: str, path: str, upto: str) -> tuple[str, bool]:
        """The first version of the unbroken run of versions up to `upto` that deprecate it."""
        return self._since(upto, lambda v: self._digest(v).operations.get((method, path), False))

    def field_since(self, field_pointer: str, upto: str) -> tuple[str, bool]:
        """Like `operation_since` for a property, following it by pointer, Python path and places."""
        i = self.labels.index(upto)
        keys = self._digest(self.history[i]).field_keys.get(field_pointer, {f"pointer:{field_pointer}"})
        while i > 0:
            previous = self._digest(self.history[i - 1])
            by_key, by_pointer = previous.field_pointers, previous.field_keys
            found = {ptr for key in keys for ptr in by_key.get(key, ())}
            if not found:
                break
            i -= 1
            keys = {key for ptr in found for key in by_pointer[ptr]}
        return self.labels[i], i > 0

    def removable_after(self, since: str) -> datetime.date | None:
        pinned = self._get(since).pinned
        return add_months(pinned, SAAS_MONTHS) if pinned else None

    def removal_allowed(self, since: str) -> bool | None:
        """Whether removing in `new` what was deprecated since `since` respects the policy.

        None when it cannot be told (two files, or a SaaS removal of something deprecated in a
        release whose date we do not have).
        """
        if self.new.channel == "release":
            earliest = removable_in(since)
            new_key, earliest_key = _release_key(self.new.label), earliest and _release_key(earliest)
            if new_key is None or not earliest_key:
                return None
            return new_key >= earliest_key
        if self.new.channel == "saas":
            after = self.removable_after(since)
            if after is None or self.new.pinned is None:
                return None
            return self.new.pinned >= after
        return None

    # ------------------------------------------------------------------------------ deprecated list
    def deprecated_items(self) -> list[DeprecatedItem]:
        """Every deprecated operation and property of `new`, with since / removable dates."""
        api = self.new.api
        out: list[DeprecatedItem] = []
        for resource in api.resources:
            for op in resource.operations:
                if op.deprecation is None:
                    continue
                since, exact = self.operation_since(op.method, op.path, self.new.label)
                replacement = op.deprecation.replacement
                successor = find_replacement(api, resource, op)
                rep_python = None
                if successor is not None:
                    rep_python = f"client.{resource.attribute}.{successor.python_name}"
                    if replacement is None:
                        replacement = f"{successor.method} {successor.path}"
                out.append(
                    DeprecatedItem(
                        "operation",
                        op.method,
                        op.path,
                        "operation",
                        f"client.{resource.attribute}.{op.python_name}",
                        since,
                        exact,
                        removable_in(since),
                        self.removable_after(since),
                        op.deprecation.source,
                        replacement,
                        rep_python,
                    )
                )
        seen: set[str] = set()
        for model in self.effective(self.new).models.values():
            for f in model.fields:
                if f.deprecation is None or f.pointer in seen:
                    continue
                seen.add(f.pointer)
                since, exact = self.field_since(f.pointer, self.new.label)
                out.append(
                    DeprecatedItem(
                        "property",
                        "",
                        "",
                        field_location(f.pointer),
                        f"{model.class_name}.{f.name}",
                        since,
                        exact,
                        removable_in(since),
                        self.removable_after(since),
                        f.deprecation.source,
                        f.deprecation.replacement,
                        None,
                    )
                )
        return out
