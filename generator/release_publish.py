"""The release's last stages: the change reports into staging, then everything into the workspace.

The workspace is written only here, once every check passed; the pins go last, so an interrupted
run redoes the release, and the package directory is swapped in by renames (never half a tree).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import artifacts, specs, versioning
from .diff.report import HistoryReport
from .naming import distribution_name
from .release_documents import Staged
from .release_outcome import Result
from .specs import Pin
from .workspace import Workspace

__all__ = ["commit", "write_reports"]

REPORT_FORMATS = ("markdown", "json", "html")


def write_reports(report: HistoryReport | None, out: Path, version: str, result: Result) -> list[Path]:
    """The change report in each of `REPORT_FORMATS`, in a folder named after the package version."""
    if report is None:
        return []
    from .diff.render import FORMATS

    folder = out / f"{distribution_name(version)}-{result.package_version}"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in REPORT_FORMATS:
        fmt = FORMATS[name]
        path = folder / f"report.{fmt.extension}"
        path.write_text(fmt.render(report), encoding="utf-8")
        written.append(path)
    return written


def commit(
    ws: Workspace,
    staging: Path,
    staged: Staged,
    package: Path,
    built: list[Path],
    reports: list[Path],
    records: dict[str, versioning.Record],
    pins: dict[str, Pin],
    result: Result,
) -> None:
    """Move what the release made into the workspace; the pins go last, so an interrupted run redoes it."""
    ws.dist.mkdir(parents=True, exist_ok=True)
    for artifact in built:
        shutil.copyfile(artifact, ws.dist / artifact.name)
    artifacts.write_checksums(ws.dist)
    result.artifacts = [ws.dist / p.name for p in built]
    for report in reports:
        target = ws.reports / report.relative_to(staging / "reports")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, target)
        result.reports.append(target)
    for version, document in staged.store.items():
        specs.write_atomic(specs.synced_path(version, ws.synced), document.read_bytes())
    result.package = _swap_in(package, ws.generated / package.name)
    versioning.save_records(records, ws.releases)
    if staged.old != staged.new:
        specs.save_pins({**pins, staged.new.version: staged.new}, ws.pins)


def _swap_in(package: Path, target: Path) -> Path:
    """Replace `target` with a copy of `package` by renames beside it (a reader never sees half a tree)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new.", dir=target.parent))
    shutil.copytree(package, fresh / "tree")
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    try:
        if target.exists():
            target.rename(old / "tree")
        (fresh / "tree").rename(target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return target
