"""Run the upgrade check over files and directories: read, scan, match, optionally fix.

paths ──files──▶ source ──scan──▶ [Use] ──match(PairChanges)──▶ [Finding] ──(fix)──▶ Report
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from generator.upgrade.changes import PairChanges
from generator.upgrade.findings import FileError, Finding, Report
from generator.upgrade.fix import apply, unified_diff
from generator.upgrade.match import match
from generator.upgrade.scan import scan
from generator.upgrade.source import ScanError

__all__ = ["check", "python_files"]

_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv"})


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The `.py` files named or found under the directories (hidden and virtualenv directories skipped), sorted."""
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
                found.extend(Path(root, f) for f in files if f.endswith(".py"))
            yield from sorted(found)
        else:
            yield path


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check(
    paths: Sequence[Path], pc: PairChanges, *, fix: bool = False, on_diff: Callable[[str], None] | None = None
) -> Report:
    """Check every Python file under `paths`; with `fix`, rewrite the mechanical edits in place.

    Unreadable or unparsable files become `FileError`s and the others are still checked. Fixed
    findings move to `Report.fixed`; each rewritten file's unified diff goes to `on_diff`.
    """
    report = Report(pc.old.label, pc.new.label, pc.old_index.package, pc.new_index.package)
    for path in python_files(paths):
        shown = _shown(path)
        report.files.append(shown)
        try:
            source = path.read_text(encoding="utf-8")
            findings = match(scan(source, pc.old_index), pc, shown)
        except UnicodeDecodeError as e:
            report.errors.append(FileError(shown, 1, 1, f"not UTF-8 text: {e.reason}"))
            continue
        except OSError as e:
            report.errors.append(FileError(shown, 1, 1, f"cannot read: {e.strerror}"))
            continue
        except ScanError as e:
            report.errors.append(FileError(shown, e.line, e.col, e.message))
            continue
        if fix:
            findings = _fix(path, shown, source, findings, report, on_diff)
        report.findings.extend(findings)
    return report


def _fix(
    path: Path,
    shown: str,
    source: str,
    findings: list[Finding],
    report: Report,
    on_diff: Callable[[str], None] | None,
) -> list[Finding]:
    edits = [e for f in findings for e in f.edits]
    fixed_source, applied = apply(source, edits)
    if fixed_source == source:
        return findings
    tmp = path.with_name(f".{path.name}.upgrade-tmp")
    tmp.write_text(fixed_source, encoding="utf-8")
    os.replace(tmp, path)
    if on_diff is not None:
        on_diff(unified_diff(shown, source, fixed_source))
    remaining = []
    for f in findings:
        if f.edits and all((e.line, e.col) in applied for e in f.edits):
            report.fixed.append(f)
        else:
            remaining.append(f)
    return remaining
