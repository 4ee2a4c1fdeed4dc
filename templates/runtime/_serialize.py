"""Turn Python arguments into the pieces of an HTTP request.

Rules: `NOT_GIVEN` is always dropped; `None` is dropped from path, query and headers
but sent as `null` inside bodies; enums become their value; dates, times and UUIDs
become ISO strings; booleans in query and headers become `true`/`false`. A path value
always stays one segment (`/` is escaped; empty, `.` and `..` raise `ValueError`).
"""

from __future__ import annotations

import datetime as dt
import enum
import string
import sys
import uuid
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from typing_extensions import TypeIs

from ._endpoint import Endpoint
from ._types import NotGiven, is_array, is_mapping

if TYPE_CHECKING:
    import pydantic

__all__ = [
    "body_arguments",
    "encode_headers",
    "encode_path",
    "encode_query",
    "to_jsonable",
    "warn_deprecated",
]

_PACKAGE_PREFIX = __name__.partition(".")[0] + "."


def encode_scalar(value: object) -> str:
    """The text form of one path, query, header or form value."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def encode_path(endpoint: Endpoint, values: Mapping[str, object]) -> str:
    """The endpoint path with every `{name}` replaced by its URL-quoted value."""
    _warn_deprecated_params(endpoint, values)
    parts: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(endpoint.path):
        parts.append(literal)
        if name is None:
            continue
        value = values.get(name)
        if value is None or isinstance(value, NotGiven):
            raise TypeError(f"{endpoint.operation}: missing path parameter {name!r}")
        parts.append(_path_segment(endpoint, name, encode_scalar(value)))
    return "".join(parts)


def _path_segment(endpoint: Endpoint, name: str, text: str) -> str:
    """`text` quoted so that it stays one path segment: every `/`, `?`, `#` and `%` is escaped, and
    the values a URL would drop or climb with (empty, `.`, `..`) are refused."""
    if text in ("", ".", ".."):
        raise ValueError(f"{endpoint.operation}: the path parameter {name!r} cannot be {text!r}")
    return quote(text, safe="")


def encode_query(
    endpoint: Endpoint, values: Mapping[str, object], extra: Mapping[str, object]
) -> list[tuple[str, str]]:
    """Query pairs; lists repeat the key unless the endpoint comma-joins them.

    Keys in `extra` replace generated parameters of the same name.
    """
    _warn_deprecated_params(endpoint, values)
    merged = {**values, **extra}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        if value is None or isinstance(value, NotGiven):
            continue
        if _is_collection(value):
            items = [encode_scalar(item) for item in value]
            if key in endpoint.comma_joined:
                pairs.append((key, ",".join(items)))
            else:
                pairs.extend((key, item) for item in items)
        else:
            pairs.append((key, encode_scalar(value)))
    return pairs


def encode_headers(endpoint: Endpoint, values: Mapping[str, object], extra: Mapping[str, str]) -> dict[str, str]:
    """Header parameters as text, then the caller's extra headers on top."""
    _warn_deprecated_params(endpoint, values)
    headers = {
        key: encode_scalar(value)
        for key, value in values.items()
        if value is not None and not isinstance(value, NotGiven)
    }
    headers.update(extra)
    return headers


def body_arguments(endpoint: Endpoint, body: object, extra: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for `httpx.Client.build_request` that carry the body."""
    if isinstance(body, NotGiven) and not extra:
        return {}
    if _is_model(body):
        _warn_deprecated_fields(endpoint, body)
    data: object = {} if isinstance(body, NotGiven) else to_jsonable(body)
    if extra:
        if not is_mapping(data):
            raise TypeError(f"{endpoint.operation}: extra_body needs an object body")
        data = {**data, **to_jsonable(extra)}
    media_type = endpoint.body_media_type or "application/json"
    if media_type == "application/x-www-form-urlencoded":
        return {"data": _form_fields(data)}
    if media_type == "application/json" or media_type.endswith("+json"):
        return {"json": data}
    return {"content": data, "headers": {"Content-Type": media_type}}


def to_jsonable(value: object) -> Any:
    """Models, enums, dates and containers as plain JSON-compatible values."""
    if _is_model(value):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_mapping(value):
        return {str(key): to_jsonable(item) for key, item in value.items() if not isinstance(item, NotGiven)}
    if _is_collection(value):
        return [to_jsonable(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _form_fields(data: object) -> dict[str, str | list[str]]:
    if not is_mapping(data):
        raise TypeError("a form-urlencoded body must be an object")
    fields: dict[str, str | list[str]] = {}
    for key, value in data.items():  # JSON-ready (`to_jsonable`): text keys, lists for arrays
        if value is None:
            continue
        if is_array(value):
            fields[str(key)] = [encode_scalar(item) for item in value]
        else:
            fields[str(key)] = encode_scalar(value)
    return fields


def _warn_deprecated_params(endpoint: Endpoint, values: Mapping[str, object]) -> None:
    for name, message in endpoint.deprecated_params.items():
        value = values.get(name)
        if value is not None and not isinstance(value, NotGiven):
            warn_deprecated(message)


def _warn_deprecated_fields(endpoint: Endpoint, model: pydantic.BaseModel, where: str = "") -> None:
    """Warn for each deprecated field the caller set, in this model and nested models."""
    fields = type(model).model_fields
    for name in model.model_fields_set:
        info = fields.get(name)
        if info is None:
            continue
        label = f"{where}{info.alias or name}"
        if info.deprecated:
            # the generator writes a whole sentence naming the field ("Limits.old_gpu is deprecated; ...")
            reason = info.deprecation_message
            if reason and reason != "deprecated":
                warn_deprecated(f"{endpoint.operation}: {reason}")
            else:
                warn_deprecated(f"the field {label!r} of {endpoint.operation} is deprecated")
        # Read through __dict__: attribute access on a deprecated field warns by itself.
        for child in _models_in(model.__dict__.get(name)):
            _warn_deprecated_fields(endpoint, child, f"{label}.")


def _is_model(value: object) -> TypeIs[pydantic.BaseModel]:
    """Whether `value` is a model, without importing pydantic: until something imported it (a
    model, or the first parsed response), no value can be one."""
    module = sys.modules.get("pydantic")
    return module is not None and isinstance(value, module.BaseModel)


def _is_collection(value: object) -> TypeIs[list[object] | tuple[object, ...] | set[object] | frozenset[object]]:
    return isinstance(value, (list, tuple, set, frozenset))


def _models_in(value: object) -> list[pydantic.BaseModel]:
    if _is_model(value):
        return [value]
    if is_array(value):
        return [item for item in value if _is_model(item)]
    if is_mapping(value):
        return [item for item in value.values() if _is_model(item)]
    return []


def warn_deprecated(message: str) -> None:
    """Emit a DeprecationWarning attributed to the first frame outside this package."""
    # `sys._getframe` is documented and public despite its underscore (the cheap way to walk up the frames)
    frame = sys._getframe(1)  # pyright: ignore[reportPrivateUsage]
    level = 2
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(_PACKAGE_PREFIX):
        frame = frame.f_back
        level += 1
    warnings.warn(message, DeprecationWarning, stacklevel=level)
