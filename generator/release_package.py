"""The package a release ships: its revision, its generation, and whether it is out already.

The revision is the recorded one when nothing changed, the next one when the generated code or the
document changed under the same base version, 0 for a new base. The digest of the package each set
of generator inputs produces is cached, so a run with nothing new can tell without generating.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from . import artifacts, generate, specs, versioning
from .diagnostics import Level
from .naming import distribution_name
from .release_documents import Staged
from .release_outcome import MAX_SHOWN, ReleaseError, Result
from .workspace import Workspace

__all__ = ["already_released", "published", "regenerate"]


def regenerate(
    ws: Workspace,
    staged: Staged,
    records: dict[str, versioning.Record],
    out: Path,
    today: datetime.date,
    result: Result,
) -> Path:
    """Generate the package into `out`, choosing its revision: the recorded one when nothing changed,
    the next one when the output or the document changed under the same base, 0 for a new base."""
    new, version = staged.new, staged.new.version
    record = records.get(version)
    base = versioning.base_version(new)
    if record is None or record.base != base:
        revision, history = 0, record.history if record is not None else ()
        why = f"document sha256 {new.sha256[:16]}" + (f", pinned {new.pinned}" if new.pinned else "")
    else:
        revision, history = record.revision, record.history
        job = _job(staged, revision, history)
        package = _generate_one(ws, job, out)
        digest = versioning.output_digest(package, versioning.package_version(new, revision))
        _remember_output(ws, job, digest)
        if record.sha256 == new.sha256 and record.output == digest:
            result.status, result.revision = "unchanged", revision
            result.package_version = versioning.package_version(new, revision)
            return package
        revision += 1
        why = "same document; the generated code changed (generator, templates or runtime)"
        if record.sha256 != new.sha256:
            why = f"re-pinned to the document with sha256 {new.sha256[:16]}"
    package_version = versioning.package_version(new, revision)
    history = (versioning.Entry(package_version, new.sha256, today.isoformat(), why), *history)
    job = _job(staged, revision, history)
    package = _generate_one(ws, job, out)
    digest = versioning.output_digest(package, package_version)
    _remember_output(ws, job, digest)
    records[version] = versioning.Record(version, base, revision, new.sha256, digest, history)
    result.revision, result.package_version = revision, package_version
    result.notes.append(f"{package_version}: {why}")
    return package


def _job(staged: Staged, revision: int, history: tuple[versioning.Entry, ...]) -> generate.Job:
    new, before = staged.new, staged.before
    notes = versioning.changelog_notes(new, revision, distribution_name(new.version), history)
    previous = (before, staged.documents[before.sha256]) if before is not None else None
    return generate.Job(new, staged.documents[new.sha256], previous, revision, notes)


def _output_memo(ws: Workspace, job: generate.Job) -> Path:
    """Where the digest of the package a job's inputs produce is cached (same inputs, same package)."""
    return ws.cache / "release" / generate.job_fingerprint(job, generate.code_fingerprint())


def _remember_output(ws: Workspace, job: generate.Job, digest: str) -> None:
    specs.write_atomic(_output_memo(ws, job), digest.encode())


def _generate_one(ws: Workspace, job: generate.Job, out: Path) -> Path:
    [outcome] = generate.generate([job], out, force=True, cache_dir=ws.cache)
    if outcome.status == "failed":
        errors = [str(d) for d in outcome.diagnostics if d.level is Level.ERROR][:MAX_SHOWN]
        raise ReleaseError(f"{job.pin.version}: generation failed:\n" + "\n".join(errors))
    return outcome.target


def already_released(ws: Workspace, staged: Staged, records: dict[str, versioning.Record]) -> versioning.Record | None:
    """The record of this release when nothing is new: same pin, same generator inputs, artifacts in dist/."""
    new = staged.new
    record = records.get(new.version)
    if record is None or staged.old != new or record.sha256 != new.sha256:
        return None
    if record.base != versioning.base_version(new):
        return None
    memo = _output_memo(ws, _job(staged, record.revision, record.history))
    if not memo.is_file() or memo.read_text(encoding="utf-8") != record.output:
        return None
    return record if published(ws, new.version, versioning.package_version(new, record.revision)) else None


def published(ws: Workspace, version: str, package_version: str) -> bool:
    """True when dist/ holds the wheel and the sdist of this package version, as SHA256SUMS lists them."""
    sums = ws.dist / artifacts.SUMS
    if not sums.is_file():
        return False
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    stem = f"{distribution_name(version).replace('-', '_')}-{package_version}"
    for name in (f"{stem}-py3-none-any.whl", f"{stem}.tar.gz"):
        path = ws.dist / name
        if name not in listed or not path.is_file() or specs.sha256_file(path) != listed[name]:
            return False
    return True
