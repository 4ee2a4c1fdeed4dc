"""Access to the `httpx.Response` behind a call, without changing the generated methods.

`with_raw_response` and `with_streaming_response` set a capture in a context variable;
the next API call in that context hands its response to the capture instead of parsing it.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import httpx


__all__ = ["Capture", "RawResponse", "active_capture", "capturing"]

T = TypeVar("T")


class RawResponse(Generic[T]):
    """The HTTP response of a call; `parse()` gives what the method would have returned."""

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """Parse the body as the method's return type (validated on every call)."""
        return self._parse()

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}]>"


@dataclass(slots=True)
class Capture:
    """Where the next call in this context leaves its response."""

    stream: bool
    response: httpx.Response | None = None
    parse: Callable[[], Any] | None = None

    def result(self, method: object) -> tuple[httpx.Response, Callable[[], Any]]:
        if self.response is None or self.parse is None:
            name = getattr(method, "__qualname__", repr(method))
            raise TypeError(f"{name} made no API call; pass an API method, not an iterator")
        return self.response, self.parse


_current: ContextVar[Capture | None] = ContextVar("runai_runtime_capture", default=None)


@contextmanager
def capturing(*, stream: bool) -> Generator[Capture, None, None]:
    """Capture the response of the first API call made inside the block."""
    capture = Capture(stream)
    reset = _current.set(capture)
    try:
        yield capture
    finally:
        _current.reset(reset)


def active_capture() -> Capture | None:
    """The capture waiting for a response, if any."""
    capture = _current.get()
    return capture if capture is not None and capture.response is None else None
