"""Runtime shared by the generated resources and clients: transport, auth, errors, paging."""

from __future__ import annotations

from ._async_client import AsyncBaseClient
from ._config import ClientOptions
from ._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    TOKEN_REFRESH_SKEW,
)
from ._endpoint import Endpoint, Pagination
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ResponseValidationWarning,
    RunaiError,
    UnprocessableEntityError,
)
from ._logging import LogEvent, LogHook
from ._raw import RawResponse
from ._requests import JsonValue
from ._resource import AsyncResource, SyncResource
from ._sync_client import SyncBaseClient
from ._types import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncBaseClient",
    "AsyncResource",
    "AuthenticationError",
    "BadRequestError",
    "ClientOptions",
    "ConflictError",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "Endpoint",
    "InternalServerError",
    "JsonValue",
    "LogEvent",
    "LogHook",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "Pagination",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "ResponseValidationError",
    "ResponseValidationWarning",
    "RunaiError",
    "SyncBaseClient",
    "SyncResource",
    "TOKEN_REFRESH_SKEW",
    "TimeoutTypes",
    "UnprocessableEntityError",
]
