"""Events for the optional `log_hook` and records for stdlib `logging`, with credentials redacted.

Records go to the logger named after the package (`logging.getLogger("runai_v2_24")`): requests
and responses at DEBUG, scheduled retries and token requests at INFO. URLs lose their userinfo.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import logging

    import httpx


__all__ = ["LogEvent", "LogHook", "REDACTED", "log_enabled", "log_record", "logger", "redact_headers", "redact_url"]

REDACTED = "[REDACTED]"
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

_PACKAGE = __name__.partition(".")[0]


def logger() -> logging.Logger:
    """The package's logger, silent unless the application configures logging (`logging` is
    imported on first use: httpx loads it with the first request anyway)."""
    import logging

    return logging.getLogger(_PACKAGE)


@dataclass(frozen=True, kw_only=True, slots=True)
class LogEvent:
    """One step of a call: a request sent, a response received, or a retry scheduled.

    Bodies are never included; secret headers read `[REDACTED]`, and so does userinfo in `url`.
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


def redact_url(url: object) -> str:
    """`url` as text, with any `user:password@` replaced by `[REDACTED]@`."""
    text = str(url)
    try:
        parts = urlsplit(text)
    except ValueError:
        return REDACTED
    if "@" not in parts.netloc:
        return text
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{REDACTED}@{host}"))


def log_enabled(kind: str) -> bool:
    """Whether the package logger takes records of this kind of event."""
    return logger().isEnabledFor(20 if kind == "retry" else 10)  # logging.INFO, logging.DEBUG


def log_record(event: LogEvent) -> None:
    """Write `event` to the package logger (the URL is already redacted)."""
    if not log_enabled(event.kind):
        return
    if event.kind == "request":
        logger().debug("%s %s (attempt %d)", event.method, event.url, event.attempt)
    elif event.kind == "response":
        logger().debug("%s %s -> %s in %.3fs", event.method, event.url, event.status_code, event.elapsed or 0.0)
    else:
        logger().info(
            "%s %s: retry in %.2fs after %s (attempt %d)",
            event.method,
            event.url,
            event.retry_in or 0.0,
            event.reason,
            event.attempt,
        )
