"""Turn successful responses into Python values of the declared type.

Lenient (the default): a JSON body always becomes the declared type; values that break the
document are kept as received and reported once (see `_lenient`). Strict: any mismatch raises
`ResponseValidationError`. Either way, a body that is not JSON, JSON of the wrong top-level
type, or an empty body where the type does not admit `None` raises `ResponseValidationError`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pydantic
from typing_extensions import TypeIs

from ._endpoint import Endpoint
from ._exceptions import ResponseValidationError
from ._lenient import lenient_validator

if TYPE_CHECKING:
    import httpx

__all__ = ["parse_response", "validate"]


def parse_response(response: httpx.Response, endpoint: Endpoint, cast_to: object, *, strict: bool = False) -> Any:
    """The body of a read 2xx response as `endpoint.result` and `cast_to` say."""
    if endpoint.result == "none" or cast_to is None:
        return None
    if endpoint.result == "text":
        return response.text
    if endpoint.result == "bytes":
        return response.content
    if not response.content:
        if _admits_none(cast_to):
            return None
        raise _error(response, endpoint, f"the response body is empty; the document promises a {_type_name(cast_to)}")
    if strict:
        return _strict(response, endpoint, cast_to)
    try:
        return lenient_validator(cast_to).validate_json(response.content, context={"operation": endpoint.operation})
    except pydantic.ValidationError:  # not JSON, or the wrong top-level type: nothing to build
        return _strict(response, endpoint, cast_to)  # raises, with the plain validator's message


def _strict(response: httpx.Response, endpoint: Endpoint, cast_to: object) -> Any:
    try:
        return validate_json(cast_to, response.content)
    except pydantic.ValidationError as error:
        raise _error(response, endpoint, f"the response body is not a valid {_type_name(cast_to)}: {error}") from error


def validate_json(cast_to: object, content: bytes) -> Any:
    """A JSON body validated as `cast_to`; pydantic parses the bytes itself (faster than
    `json.loads` then validation, and a malformed body is a `ValidationError` too)."""
    if _is_model_class(cast_to):
        return cast_to.model_validate_json(content)
    return _adapter(cast_to).validate_json(content)


def validate(cast_to: object, data: object) -> Any:
    """`data` (decoded JSON) validated as `cast_to`, which may be a model or any type form."""
    if _is_model_class(cast_to):
        return cast_to.model_validate(data)
    return _adapter(cast_to).validate_python(data)


def _is_model_class(cast_to: object) -> TypeIs[type[pydantic.BaseModel]]:
    return isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel)


@functools.cache
def _adapter(cast_to: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(cast_to)


@functools.cache
def _admits_none(cast_to: Any) -> bool:
    """Whether the declared type says `| None` (or is `Any`)."""
    try:
        _adapter(cast_to).validate_python(None)
    except pydantic.ValidationError:
        return False
    return True


def _error(response: httpx.Response, endpoint: Endpoint, problem: str) -> ResponseValidationError:
    return ResponseValidationError(f"{endpoint.operation}: {problem}", response=response)


def _type_name(cast_to: object) -> str:
    return cast_to.__name__ if isinstance(cast_to, type) else repr(cast_to)
