"""Turn successful responses into Python values of the declared type."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pydantic

from ._endpoint import Endpoint
from ._exceptions import ResponseValidationError

if TYPE_CHECKING:
    import httpx

__all__ = ["parse_response", "validate"]


def parse_response(response: httpx.Response, endpoint: Endpoint, cast_to: object) -> Any:
    """The body of a read 2xx response as `endpoint.result` and `cast_to` say."""
    if endpoint.result == "none" or (endpoint.result == "json" and (cast_to is None or not response.content)):
        return None
    if endpoint.result == "text":
        return response.text
    if endpoint.result == "bytes":
        return response.content
    try:
        return validate_json(cast_to, response.content)
    except pydantic.ValidationError as error:
        raise ResponseValidationError(
            f"{endpoint.operation}: the response body is not a valid {_type_name(cast_to)}: {error}",
            response=response,
        ) from error


def validate_json(cast_to: object, content: bytes) -> Any:
    """A JSON body validated as `cast_to`; pydantic parses the bytes itself (faster than
    `json.loads` then validation, and a malformed body is a `ValidationError` too)."""
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        return cast_to.model_validate_json(content)
    return _adapter(cast_to).validate_json(content)


def validate(cast_to: object, data: object) -> Any:
    """`data` (decoded JSON) validated as `cast_to`, which may be a model or any type form."""
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        return cast_to.model_validate(data)
    return _adapter(cast_to).validate_python(data)


@functools.cache
def _adapter(cast_to: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(cast_to)


def _type_name(cast_to: object) -> str:
    return cast_to.__name__ if isinstance(cast_to, type) else repr(cast_to)
