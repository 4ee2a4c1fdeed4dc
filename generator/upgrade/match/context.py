"""What every matcher of `upgrade.match` shares: the pair, the file, and how a finding is written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.diff.changes import Change
from generator.diff.compare.operations import OperationDiff
from generator.ir import Enum
from generator.upgrade.changes import PairChanges, root_id
from generator.upgrade.findings import Edit, Finding
from generator.upgrade.uses import Pos

__all__ = ["MatchContext", "wire_key"]


def wire_key(wire_name: str) -> str:
    """A wire name without case and separators: `nodepoolName` and `nodePoolName` have the same key."""
    return re.sub(r"[^a-z0-9]", "", wire_name.lower())


def _level(kind: str) -> str:
    return {"deprecated": "deprecation", "module": "info"}.get(kind, "breaking")


class MatchContext:
    """The pair's changes and indexes, the file the uses are in, the target version's label."""

    def __init__(self, pc: PairChanges, file: str) -> None:
        self.pc = pc
        self.file = file
        self.old, self.new = pc.old_index, pc.new_index
        self.label = pc.new.label
        self.modified: dict[tuple[str, str], OperationDiff] = {
            (od.old.operation.method, od.old.operation.path): od for od in pc.diff.modified
        }
        self.old_enums: dict[str, Enum] = {e.class_name: e for e in pc.diff.old.enums}
        self.new_enums: dict[str, Enum] = {e.class_name: e for e in pc.diff.new.enums}

    def finding(
        self,
        pos: Pos,
        kind: str,
        python: str,
        message: str,
        change: Change | None,
        *,
        replacement: str | None = None,
        removal: str | None = None,
        edits: Sequence[Edit] = (),
    ) -> Finding:
        return Finding(
            self.file,
            pos.line,
            pos.col,
            pos.end_line,
            pos.end_col,
            kind,
            _level(kind),
            python,
            message,
            replacement,
            removal,
            change.rule if change else None,
            change.fingerprint if change else None,
            root_id(change) if change else None,
            tuple(edits),
        )
