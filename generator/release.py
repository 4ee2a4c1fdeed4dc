"""`runai-sdkgen release VERSION`: from a (re)pinned document to published artifacts in one command.

    pin ─▶ validate ─▶ diff against the previous pin ─▶ policy (--fail-on) ─▶ regenerate
        ─▶ package version ─▶ CHANGELOG entry ─▶ wheel + sdist ─▶ SHA256SUMS ─▶ change report

Everything is made in a staging directory; the workspace is written only at the end, once every
check passed, so bad input (a document that fails validation, a sha256 mismatch, a --fail-on hit)
leaves pins, packages and dist/ as they were. A dry run stops before that last step. A run with
nothing new (same document, same generated code, artifacts present) changes nothing.

This module runs the stages in order and times them; the stages live in `release_documents` (pin),
`release_checks` (validate, diff, policy), `release_package` (revision, generate), `artifacts`
(build) and `release_publish` (reports, commit); `release_outcome` holds the result and the errors.
"""

from __future__ import annotations

import datetime
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import artifacts, specs, versioning
from .release_checks import change_report, check_policy, validate_document
from .release_documents import stage_documents
from .release_outcome import ReleaseError, Result
from .release_package import already_released, published, regenerate
from .release_publish import commit, write_reports
from .specs import SpecError
from .workspace import Workspace

__all__ = ["Progress", "release"]

Progress = Callable[[str, float], None]


def release(
    ws: Workspace,
    version: str,
    source: str | None = None,
    *,
    mirror: Path | None = None,
    dry_run: bool = False,
    fail_on: str | None = None,
    today: datetime.date | None = None,
    progress: Progress = lambda stage, seconds: None,
) -> Result:
    """Release `version` in `ws` (see the module docstring); raises ReleaseError, changing nothing."""
    result = Result(version)

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        result.stages[name] = time.perf_counter() - start
        progress(name, result.stages[name])

    today = today or datetime.date.today()
    try:
        pins = specs.load_pins(ws.pins)
        records = versioning.load_records(ws.releases)
        with tempfile.TemporaryDirectory(prefix="runai-sdkgen-release-") as tmp:
            staging = Path(tmp)
            with stage("pin"):
                staged = stage_documents(ws, pins, version, source, mirror, staging, today)
            new, old = staged.new, staged.old
            result.pin_moved = old is None or old.sha256 != new.sha256
            done = already_released(ws, staged, records)
            if done is not None:
                result.status, result.revision = "unchanged", done.revision
                result.package_version = versioning.package_version(new, done.revision)
                result.notes.append("nothing new: same document, same generator inputs, artifacts in dist/")
                return result
            with stage("validate"):
                staged.new = new = validate_document(ws, new, staged.documents[new.sha256])
            with stage("diff"):
                report = change_report(staged, result)
            with stage("policy"):
                check_policy(report, fail_on)
            with stage("generate"):
                package = regenerate(ws, staged, records, staging / "generated", today, result)
            rebuild_only = result.status == "unchanged"  # the release stands
            if rebuild_only and published(ws, version, result.package_version):
                result.notes.append("nothing new: the generator changed but not the package it writes")
                return result
            if rebuild_only:
                result.notes.append(f"{result.package_version} was released already: rebuilding its artifacts")
            with stage("build"):
                built = artifacts.build_package(package, staging / "dist", artifacts.source_date_epoch(new))
            with stage("report"):
                reports = [] if rebuild_only else write_reports(report, staging / "reports", version, result)
            if dry_run:
                result.status = "dry-run"
                result.artifacts = [ws.dist / p.name for p in built]
                result.reports = [ws.reports / p.relative_to(staging / "reports") for p in reports]
                result.package = ws.generated / package.name
                return result
            with stage("commit"):
                commit(ws, staging, staged, package, built, reports, records, pins, result)
            result.status = "released"
            return result
    except (SpecError, artifacts.BuildError) as e:
        raise ReleaseError(str(e)) from None
