"""Problems found in a document, as values: a stable code, a level, a location and a message.

Stages collect diagnostics and go on where that is safe; the CLI prints them and decides the exit code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.Enum):
    """How bad a diagnostic is: errors fail the command, warnings are reported."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: `code` is stable (documented in the README), `pointer` is an RFC 6901 JSON pointer."""

    file: str
    pointer: str
    code: str
    level: Level
    message: str

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}: {self.level.value} {self.code}: {self.message}"


def escape_pointer_token(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build a JSON pointer from raw tokens: `pointer("paths", "/api/v1/token", "post")`."""
    return "".join("/" + escape_pointer_token(str(t)) for t in tokens)


class GenerationError(Exception):
    """Raised by a stage that cannot go on; carries every diagnostic collected so far."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics
