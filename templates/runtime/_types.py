"""Sentinels and per-call option types shared by generated code and users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from typing_extensions import TypedDict, TypeIs

if TYPE_CHECKING:
    import httpx

__all__ = ["NOT_GIVEN", "NotGiven", "RequestOptions", "TimeoutTypes"]

TimeoutTypes: TypeAlias = "float | tuple[float | None, float | None, float | None, float | None] | httpx.Timeout | None"
"""Seconds, (connect, read, write, pool) seconds, a full `httpx.Timeout`, or None for no timeout."""


class NotGiven:
    """The type of `NOT_GIVEN`: "argument not passed", as opposed to an explicit `None`.

    In path, query and header parameters both mean "leave it out"; in request bodies
    `None` is sent as JSON `null` while `NOT_GIVEN` leaves the field out.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


class RequestOptions(TypedDict, total=False):
    """Keyword options that every API method accepts, overriding the client settings."""

    timeout: TimeoutTypes
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    extra_body: Mapping[str, Any]
    retry_non_idempotent: bool
    """Also retry POST and PATCH calls, for operations the caller knows are safe to repeat."""
    deadline: float | None
    """Seconds the whole call may take, retries and waits included (None: no limit)."""
    strict_responses: bool
    """Raise `ResponseValidationError` when the body breaks the document, instead of keeping it."""


def is_mapping(value: object) -> TypeIs[Mapping[object, object]]:
    """Whether `value` is a mapping (a decoded JSON object, a caller's dict): its items are `object`, not unknown."""
    return isinstance(value, Mapping)


def is_array(value: object) -> TypeIs[list[object] | tuple[object, ...]]:
    """Whether `value` is a list or a tuple (a decoded JSON array): its items are `object`, not unknown."""
    return isinstance(value, (list, tuple))
