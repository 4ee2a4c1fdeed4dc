"""Errors raised by the client.

```
RunaiError                      any failure raised by this client, also bad configuration
├── APIConnectionError          no HTTP response: DNS, refused, reset, TLS ...
│   └── APITimeoutError
├── APIStatusError              a non-2xx response
│   ├── BadRequestError              400
│   ├── AuthenticationError          401
│   ├── PermissionDeniedError        403
│   ├── NotFoundError                404
│   ├── ConflictError                409
│   ├── UnprocessableEntityError     422
│   ├── RateLimitError               429
│   └── InternalServerError          500 and above
└── ResponseValidationError     a 2xx response whose body does not match the declared type
                                (strict mode; lenient mode only for a body that is not JSON or
                                of the wrong top-level type)

ResponseValidationWarning (a UserWarning): lenient mode kept a value that breaks the document.
```

`make_status_error` picks the error of a non-2xx response, `connection_error` that of a request
that got no response.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._logging import redact_url
from ._types import is_mapping

if TYPE_CHECKING:
    import httpx


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ResponseValidationWarning",
    "RunaiError",
    "UnprocessableEntityError",
    "connection_error",
    "make_status_error",
    "tls_verification_failed",
]


class RunaiError(Exception):
    """Base class of every error this client raises."""


class APIConnectionError(RunaiError):
    """The request did not get an HTTP response."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIStatusError(RunaiError):
    """The server answered with a non-2xx status.

    `body` is the decoded JSON (or the text when it is not JSON); `code`, `message` and
    `details` come from the Run:ai error document `{"code", "message", "details"}` when
    the body is one.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.request_id: str | None = response.headers.get("x-request-id")
        self.body: Any = _decode_body(response)
        fields: Mapping[object, object] = self.body if is_mapping(self.body) else {}
        code = fields.get("code")
        self.code: int | str | None = code if isinstance(code, (int, str)) else None
        message = fields.get("message") or fields.get("error_description") or fields.get("error")
        self.message: str | None = str(message) if message is not None else None
        details = fields.get("details")
        self.details: Any = details
        super().__init__(self._summary())

    def _summary(self) -> str:
        request = self.response.request
        text = f"{request.method} {redact_url(request.url.copy_with(query=None))} -> {self.status_code}"
        if self.message:
            text += f": {self.message}"
        if self.details:
            text += f" ({self.details})"
        if self.request_id:
            text += f" [request id {self.request_id}]"
        return text


class BadRequestError(APIStatusError):
    """400 Bad Request."""


class AuthenticationError(APIStatusError):
    """401 Unauthorized: the token is missing, invalid or expired."""


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""


class NotFoundError(APIStatusError):
    """404 Not Found."""


class ConflictError(APIStatusError):
    """409 Conflict."""


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity."""


class RateLimitError(APIStatusError):
    """429 Too Many Requests."""


class InternalServerError(APIStatusError):
    """500 and above."""


class ResponseValidationError(RunaiError):
    """A successful response whose body could not be parsed as the declared type."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response


class ResponseValidationWarning(UserWarning):
    """Lenient mode kept a response value that breaks the document, as received (once per model and field)."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The most specific `APIStatusError` for a (fully read) non-2xx response."""
    status = response.status_code
    cls = InternalServerError if status >= 500 else _BY_STATUS.get(status, APIStatusError)
    return cls(response)


def connection_error(error: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    """The `APIConnectionError` (or `APITimeoutError`) for a request that got no response."""
    where = f"{request.method} {redact_url(request.url.copy_with(query=None))}"
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"{where} timed out", request=request)
    if tls_verification_failed(error):
        hint = "trust its CA with verify=<CA bundle>, RUNAI_CA_BUNDLE or system_trust=True"
        return APIConnectionError(
            f"{where} failed: the server's TLS certificate is not trusted ({hint})", request=request
        )
    return APIConnectionError(f"{where} failed: {type(error).__name__}: {error}", request=request)


def tls_verification_failed(error: BaseException) -> bool:
    """Whether a certificate check failed somewhere in the error's chain (retrying cannot help)."""
    import ssl

    cause: BaseException | None = error
    for _ in range(8):
        if cause is None:
            return False
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _decode_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text
