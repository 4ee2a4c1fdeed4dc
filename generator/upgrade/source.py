"""Parse a user's module with libcst, or say where its syntax error is (as Python reports it)."""

from __future__ import annotations

import ast

import libcst as cst

__all__ = ["ScanError", "parse"]


class ScanError(Exception):
    """The module does not parse: `line`, `col` (1-based) and the parser's message."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _syntax_error(source: str, error: cst.ParserSyntaxError) -> ScanError:
    """The syntax error as Python reports it (clearer), else as libcst does."""
    try:
        ast.parse(source)
    except SyntaxError as e:
        return ScanError(f"syntax error: {e.msg}", e.lineno or 1, e.offset or 1)
    return ScanError(f"syntax error: {error.message}", error.raw_line, error.raw_column + 1)


def parse(source: str) -> cst.Module:
    """Parse a module, or raise `ScanError` with the place of the syntax error."""
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as e:
        raise _syntax_error(source, e) from None
