"""Apply the mechanical edits of the findings with libcst, keeping formatting and comments.

Every edit renames one identifier at a known place (an import's package, a method, a resource, a
keyword, a field), so the transformer only swaps `Name` nodes: nothing else in the file moves.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from generator.upgrade.findings import Edit
from generator.upgrade.source import parse

__all__ = ["apply", "unified_diff"]


class _Renamer(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, edits: dict[tuple[int, int], Edit]) -> None:
        super().__init__()
        self.edits = edits
        self.applied: set[tuple[int, int]] = set()

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        start = self.get_metadata(PositionProvider, original_node).start
        place = (start.line, start.column + 1)
        edit = self.edits.get(place)
        if edit is None or edit.old != original_node.value:
            return updated_node
        self.applied.add(place)
        return updated_node.with_changes(value=edit.new)


def apply(source: str, edits: Iterable[Edit]) -> tuple[str, set[tuple[int, int]]]:
    """The source with the edits applied, and the places (line, col) that were edited."""
    by_place = {(e.line, e.col): e for e in edits}
    if not by_place:
        return source, set()
    renamer = _Renamer(by_place)
    module = MetadataWrapper(parse(source), unsafe_skip_copy=True).visit(renamer)
    return module.code, renamer.applied


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file (`a/path`, `b/path`), empty when nothing changed."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{path.lstrip('/')}",
        f"b/{path.lstrip('/')}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
