"""Lenient parsing: a 2xx body always becomes the declared type, broken values kept as received.

`lenient_validator(cast_to)` compiles, once per type, a pydantic-core validator equal to the
type's own except that every model (not a union member) may fall back: when a model's data
breaks its schema, `_repair` builds that one object with its valid fields validated and its
broken fields kept as received (a missing required property reads `None`). Valid data never
reaches Python code, so a valid body costs what the plain validator costs; a broken one costs
one pass plus the repair of the objects that break.

Each (model, field) that breaks is reported once per process through `warnings`
(`ResponseValidationWarning`) and the logger of the package's runtime.
"""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

import pydantic
import pydantic_core
from pydantic_core import core_schema

from ._exceptions import ResponseValidationWarning

__all__ = ["lenient_validator"]

_logger = logging.getLogger(__name__.rpartition("._runtime")[0] or __name__)
_reported: set[tuple[str, str]] = set()
_reported_lock = threading.Lock()
_PLAIN_SUFFIX = ":plain"
_OPAQUE = frozenset({"cls", "config", "metadata", "serialization", "function"})
_compile_lock = threading.Lock()


def _type_schema(cast_to: Any) -> core_schema.CoreSchema:
    """The pydantic core schema of a model or of any type form."""
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        cast_to.model_rebuild()  # models are built on first use
        return cast_to.__pydantic_core_schema__
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(cast(Any, cast_to))
    return adapter.core_schema


@functools.cache
def lenient_validator(cast_to: Any) -> pydantic_core.SchemaValidator:
    """A validator of `cast_to` whose models repair themselves instead of failing."""
    return _compile(_transform(_type_schema(cast_to), wrap=True))


@functools.cache
def _repair_validator(cls: type[pydantic.BaseModel]) -> pydantic_core.SchemaValidator:
    """A validator of `cls` itself whose fields are all optional (missing: `None`) and whose
    nested models repair themselves: what `_repair` builds one object with."""
    schema = _transform(_type_schema(cls), wrap=False)
    if schema.get("type") == "definitions":
        root = schema["schema"]
        if root.get("type") == "definition-ref":  # a recursive model: its definition, inlined
            root = next(d for d in schema["definitions"] if d.get("ref") == root["schema_ref"])
            root = {key: value for key, value in root.items() if key != "ref"}
        schema = {**schema, "schema": _all_optional(root)}
    else:
        schema = _all_optional(schema)
    return _compile(schema)


def _compile(schema: Any) -> pydantic_core.SchemaValidator:
    """The validator of a transformed schema.

    pydantic-core reuses the finished validator of a model class in place of its schema
    (`__pydantic_complete__`): the classes are marked unfinished while it compiles ours.
    """
    classes = {cls for cls in _classes(schema) if cls.__dict__.get("__pydantic_complete__")}
    with _compile_lock:
        try:
            for cls in classes:
                cls.__pydantic_complete__ = False
            return pydantic_core.SchemaValidator(schema)
        finally:
            for cls in classes:
                cls.__pydantic_complete__ = True


def _classes(node: Any) -> Iterator[type[pydantic.BaseModel]]:
    if isinstance(node, Mapping):
        schema = cast("Mapping[str, Any]", node)
        if schema.get("type") == "model":
            yield schema["cls"]
        for key, value in schema.items():
            if key not in _OPAQUE:
                yield from _classes(value)
    elif isinstance(node, (list, tuple)):
        for item in cast("Sequence[Any]", node):
            yield from _classes(item)


def _all_optional(model: Any) -> Any:
    if model["schema"].get("type") != "model-fields":  # a root model: nothing to make optional
        return model
    fields = {
        name: (
            field
            if field["schema"].get("type") == "default"
            else {**field, "schema": core_schema.with_default_schema(field["schema"], default=None)}
        )
        for name, field in model["schema"]["fields"].items()
    }
    return {**model, "schema": {**model["schema"], "fields": fields}}


def _transform(node: Any, *, wrap: bool) -> Any:
    """A copy of a core schema in which every model outside union choices may fall back to `_repair`.

    Each model definition `R` gets a twin `R:plain` without the fallback, for union choices: a
    member that always succeeds would take every value away from the members after it.
    """
    if isinstance(node, (list, tuple)):
        return [_transform(item, wrap=True) for item in cast("Sequence[Any]", node)]
    if not isinstance(node, Mapping):
        return node
    node = cast("Mapping[str, Any]", node)
    kind = node.get("type")
    if kind == "definitions":
        definitions: list[Any] = []
        for definition in node["definitions"]:
            definitions.append(_transform(definition, wrap=True))
            if definition.get("type") == "model" and "ref" in definition:
                plain = _transform(definition, wrap=False)
                definitions.append({**plain, "ref": definition["ref"] + _PLAIN_SUFFIX})
        schema = node["schema"]
        if not wrap and schema.get("type") == "definition-ref":  # a recursive model's own definition
            return {**node, "schema": _choice(schema), "definitions": definitions}
        return {**node, "schema": _transform(schema, wrap=wrap), "definitions": definitions}
    if kind == "union":
        return {**node, "choices": [_choice(choice) for choice in node["choices"]]}
    copied = {key: _child(key, value) for key, value in node.items()}
    if kind != "model" or not wrap:
        return copied
    ref = copied.pop("ref", None)
    fallback = core_schema.with_info_plain_validator_function(functools.partial(_repair, node["cls"]))
    union = core_schema.union_schema(
        [cast(core_schema.CoreSchema, copied), fallback],
        mode="left_to_right",
        custom_error_type="model_type",  # one error, located at the value, not one per member
        custom_error_context={"class_name": node["cls"].__name__},
    )
    return {**union, "ref": ref} if ref is not None else union


def _child(key: str, value: Any) -> Any:
    return value if key in _OPAQUE else _transform(value, wrap=True)


def _choice(choice: Any) -> Any:
    """A union member: a model or reference to one stays without the fallback."""
    if isinstance(choice, tuple):
        return (_choice(choice[0]), choice[1])
    if choice.get("type") == "definition-ref":
        return {**choice, "schema_ref": choice["schema_ref"] + _PLAIN_SUFFIX}
    return _transform(choice, wrap=False)


def _repair(cls: type[pydantic.BaseModel], value: Any, info: core_schema.ValidationInfo) -> Any:
    """`cls` built from `value` with the broken fields kept as received (a missing one: `None`)."""
    if not isinstance(value, dict):  # nothing to build: the enclosing object keeps the value
        raise pydantic_core.PydanticKnownError("model_type", {"class_name": cls.__name__})
    operation = _operation(info)
    names, required = _fields(cls)
    for key in required:
        if key not in value:
            _report(operation, cls.__name__, names[key], "required property missing")
    validator = _repair_validator(cls)
    try:
        return validator.validate_python(value, context=info.context)
    except pydantic.ValidationError as error:
        broken = _broken_keys(error)
    valid = {key: item for key, item in cast("dict[str, Any]", value).items() if key not in broken}
    instance = validator.validate_python(valid, context=info.context)
    for key, message in broken.items():
        name = names.get(key, key)
        if name in cls.model_fields:
            instance.__dict__[name] = value[key]
            instance.__pydantic_fields_set__.add(name)
        elif instance.__pydantic_extra__ is not None:
            instance.__pydantic_extra__[key] = value[key]
        _report(operation, cls.__name__, name, message)
    return instance


def _broken_keys(error: pydantic.ValidationError) -> dict[str, str]:
    """The input keys whose values break the model, each with the first message about it."""
    broken: dict[str, str] = {}
    for detail in error.errors(include_url=False, include_context=False):
        loc = detail["loc"]
        key = str(loc[0]) if loc else ""
        if key not in broken:
            where = ".".join(str(part) for part in loc[1:])
            broken[key] = f"{detail['msg']}{f' (at {where})' if where else ''}"
    return broken


@functools.cache
def _fields(cls: type[pydantic.BaseModel]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Wire name (and Python name) → Python field name; the wire names of the required fields."""
    names = {name: name for name in cls.model_fields}
    required: list[str] = []
    for name, field in cls.model_fields.items():
        wire = field.validation_alias if isinstance(field.validation_alias, str) else field.alias or name
        names[wire] = name
        if field.is_required():
            required.append(wire)
    return names, tuple(required)


def _operation(info: core_schema.ValidationInfo) -> str:
    context: object = info.context
    return str(cast("dict[str, object]", context).get("operation", "")) if isinstance(context, dict) else ""


def _report(operation: str, model: str, field: str, message: str) -> None:
    """Warn and log once per (model, field) for the life of the process."""
    with _reported_lock:
        if (model, field) in _reported:
            return
        _reported.add((model, field))
    where = f"{model}.{field}" if field else model
    text = f"{operation + ': ' if operation else ''}{where}: {message}; kept as received"
    _logger.warning("%s", text)
    warnings.warn(ResponseValidationWarning(text), stacklevel=2)
