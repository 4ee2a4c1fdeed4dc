"""Static descriptions of operations, one module-level constant per operation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

__all__ = ["Endpoint", "Pagination", "ResultKind"]

ResultKind: TypeAlias = Literal["json", "text", "bytes", "none"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Pagination:
    """How a list operation pages: offset/limit query parameters and the field holding items
    (None when the response body is the list itself)."""

    items_field: str | None
    offset_param: str = "offset"
    limit_param: str = "limit"


@dataclass(frozen=True, kw_only=True, slots=True)
class Endpoint:
    """One HTTP operation, as the generated resource methods describe it to the runtime.

    `path` is a template with `{wireName}` placeholders; `operation` is the Python call
    name (`projects.get_projects`) used in messages; `comma_joined` names the query
    parameters sent as `a=1,2` rather than `a=1&a=2`; `deprecated_params` maps wire names
    of deprecated parameters to the warning to emit when they are passed.
    """

    method: str
    path: str
    operation: str
    result: ResultKind = "json"
    body_media_type: str | None = None
    comma_joined: frozenset[str] = frozenset()
    deprecated_params: Mapping[str, str] = field(default_factory=dict[str, str])
    pagination: Pagination | None = None
