"""`runai-sdkgen release VERSION`: from a (re)pinned document to published artifacts in one command.

    pin ─▶ validate ─▶ diff against the previous pin ─▶ policy (--fail-on) ─▶ regenerate
        ─▶ package version ─▶ CHANGELOG entry ─▶ wheel + sdist ─▶ SHA256SUMS ─▶ change report

Everything is made in a staging directory; the workspace is written only at the end, once every
check passed, so bad input (a document that fails validation, a sha256 mismatch, a --fail-on hit)
leaves pins, packages and dist/ as they were. A dry run stops before that last step. A run with
nothing new (same document, same generated code, artifacts present) changes nothing.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import artifacts, generate, load, pinning, specs, versioning
from .diagnostics import Level
from .diff.changes import ChangeLevel
from .diff.report import HistoryReport, diff_pair, single
from .diff.sources import Source
from .diff.sources import load as load_version
from .naming import distribution_name
from .specs import Pin, SpecError
from .workspace import Workspace

__all__ = ["FAIL_ON", "FailOnHit", "ReleaseError", "Result", "release"]

FAIL_ON = ("breaking", "deprecation", "policy")
REPORT_FORMATS = ("markdown", "json", "html")
_MAX_SHOWN = 20  # diagnostics or changes quoted in an error message


class ReleaseError(Exception):
    """Why a release stopped; the workspace is unchanged."""


class FailOnHit(ReleaseError):
    """A change reached the `--fail-on` level: nothing was released."""


@dataclass
class Result:
    """What a release did (or, for a dry run, would do)."""

    version: str
    package_version: str = ""
    status: str = "released"  # released | unchanged | dry-run
    pin_moved: bool = False
    revision: int = 0
    compared_with: str | None = None
    levels: dict[str, int] = field(default_factory=dict)
    artifacts: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    package: Path | None = None
    notes: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "package_version": self.package_version,
            "status": self.status,
            "pin_moved": self.pin_moved,
            "revision": self.revision,
            "compared_with": self.compared_with,
            "changes": self.levels,
            "artifacts": [str(p) for p in self.artifacts],
            "reports": [str(p) for p in self.reports],
            "package": str(self.package) if self.package else None,
            "notes": self.notes,
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
        }


Progress = Callable[[str, float], None]


@dataclass
class _Staged:
    """The documents a release reads, and the ones it will store in the workspace."""

    new: Pin
    old: Pin | None
    before: Pin | None
    documents: dict[str, Path]  # by pin sha256
    store: dict[str, Path]  # version -> staged document to copy into the workspace's synced/


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
                staged = _stage_documents(ws, pins, version, source, mirror, staging, today)
            new, old = staged.new, staged.old
            result.pin_moved = old is None or old.sha256 != new.sha256
            done = _already_released(ws, staged, records)
            if done is not None:
                result.status, result.revision = "unchanged", done.revision
                result.package_version = versioning.package_version(new, done.revision)
                result.notes.append("nothing new: same document, same generator inputs, artifacts in dist/")
                return result
            with stage("validate"):
                staged.new = new = _validate(ws, new, staged.documents[new.sha256])
            with stage("diff"):
                report = _diff(staged, result)
            with stage("policy"):
                _check(report, fail_on)
            with stage("generate"):
                package = _regenerate(ws, staged, records, staging / "generated", today, result)
            rebuild_only = result.status == "unchanged"  # the release stands
            if rebuild_only and _published(ws, version, result.package_version):
                result.notes.append("nothing new: the generator changed but not the package it writes")
                return result
            if rebuild_only:
                result.notes.append(f"{result.package_version} was released already: rebuilding its artifacts")
            with stage("build"):
                built = artifacts.build_package(package, staging / "dist", artifacts.source_date_epoch(new))
            with stage("report"):
                reports = [] if rebuild_only else _write_reports(report, staging / "reports", version, result)
            if dry_run:
                result.status = "dry-run"
                result.artifacts = [ws.dist / p.name for p in built]
                result.reports = [ws.reports / p.relative_to(staging / "reports") for p in reports]
                result.package = ws.generated / package.name
                return result
            with stage("commit"):
                _commit(ws, staging, staged, package, built, reports, records, pins, result)
            result.status = "released"
            return result
    except (SpecError, artifacts.BuildError) as e:
        raise ReleaseError(str(e)) from None


# --------------------------------------------------------------------------------------------- pin
def _stage_documents(
    ws: Workspace,
    pins: dict[str, Pin],
    version: str,
    source: str | None,
    mirror: Path | None,
    staging: Path,
    today: datetime.date,
) -> _Staged:
    """Pin into the staging area and gather the documents of the new pin, the old one and the version
    before it in the history. The workspace's own synced copies are used when they match their pins."""
    old = pins.get(version)
    synced = staging / "synced"
    store: dict[str, Path] = {}
    if source is not None:
        staged_pins = staging / "pins.json"
        shutil.copyfile(ws.pins, staged_pins)
        new = pinning.pin(version, source, pins_path=staged_pins, synced_dir=synced, today=today)
        if old is not None and old.sha256 == new.sha256:
            new = old  # the same document: keep the pin (and its date) as it is
        store[version] = specs.synced_path(version, synced)
    elif old is None:
        known = ", ".join(pins) or "none"
        raise SpecError(f"{version} is not pinned (pinned: {known}); give the document with --from PATH|URL")
    else:
        new = old
    after = {**pins, version: new}
    ordered = [p.version for p in specs.history(after)]
    index = ordered.index(version)
    before = after[ordered[index - 1]] if index > 0 else None
    documents: dict[str, Path] = {}
    if version in store:
        documents[new.sha256] = store[version]
    for p in (new, before):
        if p is not None and p.sha256 not in documents:
            documents[p.sha256] = _document(ws, p, mirror, synced, store)
    if old is not None and old.sha256 not in documents:
        kept = specs.synced_path(version, ws.synced)
        if kept.is_file() and specs.sha256_file(kept) == old.sha256:
            documents[old.sha256] = kept
    return _Staged(new, old, before, documents, store)


def _document(ws: Workspace, p: Pin, mirror: Path | None, synced: Path, store: dict[str, Path]) -> Path:
    """The pinned document of `p`: the workspace's synced copy, else synced (verified) into staging."""
    if specs.is_synced(p, ws.synced):
        return specs.synced_path(p.version, ws.synced)
    [synced_result] = specs.sync({p.version: p}, [p.version], mirror, synced)
    store[p.version] = synced_result.path
    return synced_result.path


def _validate(ws: Workspace, pin: Pin, document: Path) -> Pin:
    """The pin, recording a validation when its document gave no diagnostic (skipped when it records one)."""
    cache = ws.cache / "validate"
    diagnostics = load.validate(document, display=f"{pin.version}.json", cache_dir=cache, pin=pin)
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    if errors:
        shown = "\n".join(str(d) for d in errors[:_MAX_SHOWN])
        more = f"\n... and {len(errors) - _MAX_SHOWN} more" if len(errors) > _MAX_SHOWN else ""
        raise ReleaseError(f"{pin.version}: the document fails validation ({len(errors)} error(s)):\n{shown}{more}")
    return pin.recording(load.validation_record() if not diagnostics else None)


# -------------------------------------------------------------------------------------- diff, policy
def _diff(staged: _Staged, result: Result) -> HistoryReport | None:
    """The change report against the old pin of this version when it moved, else the version before."""
    new, old = staged.new, staged.old
    if old is not None and old.sha256 != new.sha256 and old.sha256 in staged.documents:
        base = f"{old.version} ({versioning.base_version(old)})"
        label = f"{new.version} ({versioning.base_version(new)})"
        previous, previous_label = old, base
    elif staged.before is not None:
        previous, previous_label, label = staged.before, staged.before.version, new.version
    else:
        result.notes.append("first pinned version: no change report")
        return None
    if old is not None and old.sha256 != new.sha256 and previous is not old:
        result.notes.append(f"the old {old.version} document is not synced: compared with {previous.version}")
    a = load_version(Source(previous_label, staged.documents[previous.sha256], previous.channel, previous.pinned))
    b = load_version(Source(label, staged.documents[new.sha256], new.channel, new.pinned))
    pair = diff_pair(a, b)
    result.compared_with = previous_label
    result.levels = pair.levels
    return single(a, b, pair)


def _check(report: HistoryReport | None, fail_on: str | None) -> None:
    """Raise when a change reaches the --fail-on level (policy: a removal that broke the policy)."""
    if report is None or fail_on is None:
        return
    [pair] = report.pairs
    if fail_on == "policy":
        hits = list(pair.violations)
    else:
        threshold = ChangeLevel(fail_on).rank
        hits = [c for c in pair.active if c.level.rank <= threshold]
    if hits:
        shown = "\n".join(f"  {c.level.value} {c.rule}: {c.message}" for c in hits[:_MAX_SHOWN])
        more = f"\n  ... and {len(hits) - _MAX_SHOWN} more" if len(hits) > _MAX_SHOWN else ""
        raise FailOnHit(
            f"--fail-on {fail_on}: {len(hits)} change(s) from {pair.old} to {pair.new}; nothing released:\n"
            f"{shown}{more}"
        )


# -------------------------------------------------------------------------------------- regenerate
def _regenerate(
    ws: Workspace,
    staged: _Staged,
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


def _job(staged: _Staged, revision: int, history: tuple[versioning.Entry, ...]) -> generate.Job:
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
        errors = [str(d) for d in outcome.diagnostics if d.level is Level.ERROR][:_MAX_SHOWN]
        raise ReleaseError(f"{job.pin.version}: generation failed:\n" + "\n".join(errors))
    return outcome.target


def _already_released(
    ws: Workspace, staged: _Staged, records: dict[str, versioning.Record]
) -> versioning.Record | None:
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
    return record if _published(ws, new.version, versioning.package_version(new, record.revision)) else None


def _published(ws: Workspace, version: str, package_version: str) -> bool:
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


# ------------------------------------------------------------------------------------ report, commit
def _write_reports(report: HistoryReport | None, out: Path, version: str, result: Result) -> list[Path]:
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


def _commit(
    ws: Workspace,
    staging: Path,
    staged: _Staged,
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
