"""What `upgrade-check` reports: findings in the user's code, files it could not read, and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Edit", "FileError", "Finding", "Report", "KINDS", "LEVELS"]

LEVELS = ("breaking", "deprecation", "info")  # worst first

# kind → what it means, for text legends and SARIF rule descriptions
KINDS = {
    "removed": "The operation or model class is gone in the target version",
    "renamed": "The method, keyword, field or class has another name in the target version",
    "parameter-removed": "The keyword argument no longer exists",
    "field-removed": "The model field no longer exists",
    "made-required": "A parameter or field the code does not pass is now required",
    "made-optional": "A response field the code reads may now be missing (None)",
    "type-changed": "The parameter or field has another type",
    "deprecated": "Deprecated in the target version: still works, will be removed",
    "module": "Fine, but the import must name the target version's package",
}


@dataclass(frozen=True)
class Edit:
    """Rename the identifier written at `line`:`col` (1-based) from `old` to `new`."""

    line: int
    col: int
    old: str
    new: str


@dataclass(frozen=True)
class Finding:
    """One use in the user's code that the upgrade affects.

    `rule` and `change` name the `Change` it stands on (its rule id and fingerprint) and `root` the
    root change id it shares with the wire change; all three are None for `module` findings, which
    no API change causes. `edits` is empty when the fix is not mechanical.
    """

    file: str
    line: int
    col: int
    end_line: int
    end_col: int
    kind: str
    level: str
    python: str
    message: str
    replacement: str | None = None
    removal: str | None = None
    rule: str | None = None
    change: str | None = None
    root: str | None = None
    edits: tuple[Edit, ...] = ()

    @property
    def fixable(self) -> bool:
        return bool(self.edits)

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "kind": self.kind,
            "level": self.level,
            "python": self.python,
            "message": self.message,
            "replacement": self.replacement,
            "removal": self.removal,
            "rule": self.rule,
            "change": self.change,
            "root": self.root,
            "fixable": self.fixable,
        }


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked (not UTF-8, does not parse)."""

    file: str
    line: int
    col: int
    message: str

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "col": self.col, "message": self.message}


@dataclass
class Report:
    """Everything one run found: `old`/`new` are the version labels, `files` the files checked."""

    old: str
    new: str
    old_package: str
    new_package: str
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {level: sum(1 for f in self.findings if f.level == level) for level in LEVELS}

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.old,
            "to": self.new,
            "from_package": self.old_package,
            "to_package": self.new_package,
            "files": len(self.files),
            "counts": self.counts(),
            "fixed": len(self.fixed),
            "findings": [f.to_json() for f in self.findings],
            "errors": [e.to_json() for e in self.errors],
        }
