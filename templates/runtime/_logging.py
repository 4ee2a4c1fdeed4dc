"""Events for the optional `log_hook`, with credentials redacted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    import httpx


__all__ = ["LogEvent", "LogHook", "REDACTED", "redact_headers"]

REDACTED = "[REDACTED]"
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


@dataclass(frozen=True, kw_only=True, slots=True)
class LogEvent:
    """One step of a call: a request sent, a response received, or a retry scheduled.

    Bodies are never included; secret headers read `[REDACTED]`.
    """

    kind: Literal["request", "response", "retry"]
    method: str
    url: str
    attempt: int
    headers: Mapping[str, str]
    status_code: int | None = None
    elapsed: float | None = None
    retry_in: float | None = None
    reason: str | None = None


LogHook: TypeAlias = Callable[[LogEvent], None]


def redact_headers(headers: httpx.Headers) -> dict[str, str]:
    """The headers with the values of credential-carrying ones replaced."""
    return {key: REDACTED if key.lower() in _SECRET_HEADERS else value for key, value in headers.items()}
