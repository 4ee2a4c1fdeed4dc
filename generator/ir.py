"""The intermediate model: frozen dataclasses that describe one API version, ready to render or diff.

`build.py` makes an `Api` from a validated document; templates and the diff read only these types,
never the raw document. Every name in here is already Python-safe (decided by `naming.py`); every
string that came from the document (`description`, `summary`, wire names, enum values, defaults) is
data, and templates must pass it through the safe filters of `render.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Union

JsonValue = Union[None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]]

PrimitiveKind = Literal["str", "int", "float", "bool", "datetime", "date", "uuid", "bytes"]
ParameterLocation = Literal["path", "query", "header", "cookie"]
ResultKind = Literal["json", "text", "bytes", "none"]
HttpMethod = Literal["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]


# ----------------------------------------------------------------------------------------- types
@dataclass(frozen=True)
class Primitive:
    """A scalar: JSON string/number/boolean, with the formats we map (uuid, date-time, date, binary)."""

    kind: PrimitiveKind
    format: str | None = None


@dataclass(frozen=True)
class ModelRef:
    """A reference to a generated pydantic model, by its class name (unique in the API)."""

    class_name: str


@dataclass(frozen=True)
class EnumRef:
    """A reference to a generated enum, by its class name (unique in the API)."""

    class_name: str


@dataclass(frozen=True)
class ListOf:
    """A JSON array."""

    item: TypeRef


@dataclass(frozen=True)
class MapOf:
    """A JSON object used as a map (`additionalProperties`), string keys."""

    value: TypeRef


@dataclass(frozen=True)
class UnionOf:
    """`oneOf` / `anyOf`: any of the options, tried in order."""

    options: tuple[TypeRef, ...]


@dataclass(frozen=True)
class AnyValue:
    """An untyped schema: any JSON value."""


@dataclass(frozen=True)
class Nullable:
    """The inner type, or JSON `null` (OpenAPI 3.0 `nullable: true`)."""

    inner: TypeRef


TypeRef = Union[Primitive, ModelRef, EnumRef, ListOf, MapOf, UnionOf, AnyValue, Nullable]


def describe(t: TypeRef) -> str:
    """A short, schema-flavoured spelling of a type for reports: `array<Project>`, `string(uuid)`."""
    if isinstance(t, Primitive):
        names = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
        base = names.get(t.kind, "string")
        return f"{base}({t.format})" if t.format else base
    if isinstance(t, (ModelRef, EnumRef)):
        return t.class_name
    if isinstance(t, ListOf):
        return f"array<{describe(t.item)}>"
    if isinstance(t, MapOf):
        return f"map<{describe(t.value)}>"
    if isinstance(t, UnionOf):
        return "oneOf<" + ", ".join(describe(o) for o in t.options) + ">"
    if isinstance(t, Nullable):
        return f"nullable<{describe(t.inner)}>"
    return "any"


def strip_nullable(t: TypeRef) -> TypeRef:
    """The type without its `Nullable` wrapper."""
    return t.inner if isinstance(t, Nullable) else t


# ----------------------------------------------------------------------------------------- deprecation
@dataclass(frozen=True)
class Deprecation:
    """Why something is deprecated and what replaces it, when the document says.

    `source` is where the document marks it: the `deprecated` flag, a deprecated tag, or the
    description ("Deprecated - use X instead"). `replacement` is free text from the document.
    """

    source: Literal["flag", "tag", "description"]
    replacement: str | None = None


# ----------------------------------------------------------------------------------------- constraints
@dataclass(frozen=True)
class Constraints:
    """Validation keywords that narrow what a value may be (read by the diff; the client enforces none)."""

    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    format: str | None = None


# ----------------------------------------------------------------------------------------- models
@dataclass(frozen=True)
class Field:
    """One property of a model."""

    name: str
    wire_name: str
    type: TypeRef
    required: bool
    description: str | None
    deprecation: Deprecation | None
    default: JsonValue
    has_default: bool
    read_only: bool
    write_only: bool
    pointer: str
    constraints: Constraints | None = None


@dataclass(frozen=True)
class Model:
    """A pydantic model: a component schema, or an inline object that needs a class.

    `allOf` parts are merged into `fields` (the effective properties), so comparing two models
    compares what goes over the wire, not how the document spelt it; `parts` keeps the names of the
    component schemas its own `allOf` referred to (`$ref` parts), for the diff's deprecations.
    """

    class_name: str
    module: str
    schema_name: str | None
    description: str | None
    fields: tuple[Field, ...]
    additional: TypeRef | None
    deprecation: Deprecation | None
    pointer: str
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class EnumMember:
    """One enum value and its Python member name."""

    name: str
    value: str | int | float


@dataclass(frozen=True)
class Enum:
    """An enum of strings or numbers; values outside it are still accepted at runtime."""

    class_name: str
    module: str
    schema_name: str | None
    description: str | None
    members: tuple[EnumMember, ...]
    value_kind: Literal["str", "int", "float"]
    deprecation: Deprecation | None
    pointer: str


@dataclass(frozen=True)
class Alias:
    """A component schema that is not an object (an array, a scalar, a union): a type alias."""

    class_name: str
    module: str
    schema_name: str
    description: str | None
    target: TypeRef
    deprecation: Deprecation | None
    pointer: str


# ----------------------------------------------------------------------------------------- operations
@dataclass(frozen=True)
class Parameter:
    """A path, query, header or cookie parameter of an operation."""

    name: str
    wire_name: str
    location: ParameterLocation
    type: TypeRef
    required: bool
    description: str | None
    deprecation: Deprecation | None
    explode: bool
    default: JsonValue
    has_default: bool
    pointer: str
    constraints: Constraints | None = None


@dataclass(frozen=True)
class Body:
    """The request body: its type and media type (JSON, form-urlencoded, ...)."""

    type: TypeRef
    media_type: str
    required: bool
    description: str | None
    pointer: str


@dataclass(frozen=True)
class Response:
    """One declared response: status (`200`, `2XX`, `default`), media type and type, if any."""

    status: str
    media_type: str | None
    type: TypeRef | None
    description: str | None
    pointer: str


@dataclass(frozen=True)
class Result:
    """What a successful call returns: parsed JSON of `type`, text, bytes, or nothing."""

    kind: ResultKind
    type: TypeRef | None
    media_type: str | None


@dataclass(frozen=True)
class Pagination:
    """How a list operation pages: offset/limit query parameters and the array field of its result
    (None when the result is the array itself)."""

    offset_param: str
    limit_param: str
    items_field: str | None
    item_type: TypeRef


@dataclass(frozen=True)
class Operation:
    """One HTTP operation and the Python method that calls it."""

    operation_id: str
    python_name: str
    method: HttpMethod
    path: str
    tag: str
    summary: str | None
    description: str | None
    deprecation: Deprecation | None
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    result: Result
    security: tuple[str, ...]
    pointer: str
    pagination: Pagination | None = None

    @property
    def deprecated(self) -> bool:
        """True when the document marks the operation deprecated in any of its ways."""
        return self.deprecation is not None


@dataclass(frozen=True)
class Resource:
    """The operations of one tag, as one resource class (`client.<attribute>`)."""

    tag: str
    attribute: str
    class_name: str
    module: str
    description: str | None
    deprecation: Deprecation | None
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Api:
    """Everything generated for one pinned version."""

    version: str
    package_name: str
    distribution_name: str
    package_version: str
    title: str
    description: str | None
    server_url: str | None
    resources: tuple[Resource, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    aliases: tuple[Alias, ...]
    security_schemes: tuple[str, ...]

    @property
    def operations(self) -> tuple[Operation, ...]:
        """Every operation, resource by resource."""
        return tuple(op for r in self.resources for op in r.operations)


def walk(t: TypeRef) -> Iterator[TypeRef]:
    """A type and every type inside it (list items, map values, nullable and union members)."""
    yield t
    if isinstance(t, ListOf):
        yield from walk(t.item)
    elif isinstance(t, MapOf):
        yield from walk(t.value)
    elif isinstance(t, Nullable):
        yield from walk(t.inner)
    elif isinstance(t, UnionOf):
        for option in t.options:
            yield from walk(option)


def referenced_classes(t: TypeRef) -> Iterator[str]:
    """Class names of the models and enums a type mentions: the class-to-class links of the API."""
    return (node.class_name for node in walk(t) if isinstance(node, (ModelRef, EnumRef)))
