"""The main job, one version after another: load → validate → build IR → render → format → write.

A version whose inputs (document hash, generator code, templates) match the fingerprint stored in
its package is skipped, so a re-run with nothing changed costs only the hashing.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__, load
from .build import BuildResult, build_api
from .diff.policy import Version
from .diff.render.changelog import render_changelog
from .diff.report import diff_pair
from .ir import Api
from .naming import distribution_name
from .diagnostics import Diagnostic, GenerationError, Level
from .emit import is_current, write_package
from .formatting import Formatter
from .render import TEMPLATES, Provenance, Renderer, add_headers
from . import codes, specs, versioning
from .specs import Pin

_GENERATOR_SOURCES = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Outcome:
    """What happened to one version: `written`, `unchanged`, or `failed` (with the diagnostics)."""

    version: str
    status: str
    target: Path
    operations: int
    diagnostics: tuple[Diagnostic, ...]


def code_fingerprint() -> str:
    """A hash of everything that shapes the output besides the document: generator code and templates."""
    digest = hashlib.sha256(__version__.encode())
    for root in (_GENERATOR_SOURCES, TEMPLATES):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def package_version(pin: Pin, revision: int = 0) -> str:
    """PEP 440 version of a package: `2.24.<revision>` for a release; for a moving channel, the date of
    its pin (`2025.12.15`, then `2025.12.15.<revision>`), which sorts with time and names its pin."""
    try:
        return versioning.package_version(pin, revision)
    except specs.SpecError:
        raise GenerationError([codes.RSG020(pin.version, "", "a moving pin needs a `pinned` date")]) from None


def package_dir(out: Path, version: str) -> Path:
    """Where a version's package is written: `generated/runai-client-v2-24`."""
    return out / distribution_name(version)


@dataclass(frozen=True)
class Job:
    """One package to generate: its pin and synced document, the version before it (for the
    changelog), if any, its client revision and the package section of its changelog."""

    pin: Pin
    document: Path
    previous: tuple[Pin, Path] | None = None
    revision: int = 0
    notes: str = ""


def job_fingerprint(job: Job, code: str) -> str:
    """A hash of everything a job's package is made from (`code` is `code_fingerprint()`)."""
    inputs = [code, job.pin.version, job.pin.synced_sha256, str(job.pin.pinned)]
    inputs += [job.previous[0].version, job.previous[0].sha256] if job.previous else []
    inputs += [str(job.revision), job.notes] if job.revision or job.notes else []
    return hashlib.sha256("\0".join(inputs).encode()).hexdigest()


def generate(
    jobs: list[Job],
    out: Path,
    *,
    progress: Callable[[str, str], None] = lambda version, stage: None,
    force: bool = False,
    cache_dir: Path | None = specs.CACHE_DIR,
    strict: bool = False,
    max_bytes: int = load.MAX_BYTES,
) -> list[Outcome]:
    """Generate the package of each job into `out`; never raises for a bad document.

    `cache_dir` holds `validate/` (validation results) and `format/` (black's output), both keyed by
    content hashes; None caches nothing beyond this run. `strict`: a version with warnings fails
    and is not written. `max_bytes`: the largest document read.
    """
    code = code_fingerprint()
    formatter = Formatter(cache=cache_dir / "format" if cache_dir else None)
    run = _Run(formatter, Renderer(), cache_dir / "validate" if cache_dir else None, progress, max_bytes, strict)
    plan = []
    for job in jobs:
        target = package_dir(out, job.pin.version)
        fingerprint = job_fingerprint(job, code)
        # --strict rebuilds: an up-to-date package's warnings are known only by building it again
        plan.append((job, target, fingerprint, force or strict or not is_current(target, fingerprint)))
    run.validate_all(
        [(j.pin, j.document) for j, *_, todo in plan if todo]
        + [j.previous for j, *_, todo in plan if todo and j.previous]
    )
    outcomes = []
    for job, target, fingerprint, todo in plan:
        if not todo:
            progress(job.pin.version, "unchanged")
            outcomes.append(Outcome(job.pin.version, "unchanged", target, -1, ()))
            continue
        outcomes.append(run.one(job, target, fingerprint))
    formatter.prune()
    return outcomes


def _validate(document: Path, cache: Path | None, max_bytes: int = load.MAX_BYTES) -> list[Diagnostic]:
    return load.validate(document, display=document.name, cache_dir=cache, max_bytes=max_bytes)


class _Run:
    """State shared by the versions of one run: the formatter's memo and the IRs built so far."""

    def __init__(
        self,
        formatter: Formatter,
        renderer: Renderer,
        cache: Path | None,
        progress: Callable[[str, str], None],
        max_bytes: int = load.MAX_BYTES,
        strict: bool = False,
    ) -> None:
        self.max_bytes = max_bytes
        self.strict = strict
        self.formatter = formatter
        self.renderer = renderer
        self.cache = cache
        self.progress = progress
        self.built: dict[str, BuildResult | list[Diagnostic]] = {}
        self.validated: dict[str, list[Diagnostic]] = {}

    def validate_all(self, documents: list[tuple[Pin, Path]]) -> None:
        """Validate the documents the run needs, in parallel: openapi-spec-validator takes ~2 s per
        document and would otherwise run one version at a time (cached results come back at once)."""
        unique = {pin.version: path for pin, path in documents if pin.version not in self.validated}
        if not unique:
            return
        for version in unique:
            self.progress(version, "validate")
        check = functools.partial(_validate, cache=self.cache, max_bytes=self.max_bytes)
        if len(unique) > 1 and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor(min(len(unique), os.cpu_count() or 1)) as pool:
                results = list(pool.map(check, unique.values()))
        else:
            results = [check(path) for path in unique.values()]
        self.validated.update(zip(unique, results))
        for version in unique:
            self.progress(version, "validated")

    def build(self, pin: Pin, document: Path, revision: int = 0) -> BuildResult | list[Diagnostic]:
        """Validate and build one document (once per run), or return why it cannot be built."""
        if pin.version in self.built:
            return self.built[pin.version]
        display = document.name
        if pin.version not in self.validated:
            self.validate_all([(pin, document)])
        diagnostics = self.validated[pin.version]
        result: BuildResult | list[Diagnostic]
        if any(d.level is Level.ERROR for d in diagnostics):
            result = diagnostics
        else:
            try:
                # the bundled document, exactly what was validated (a multi-file document included)
                doc, _ = load.bundle(document, display=display, max_bytes=self.max_bytes)
                self.progress(pin.version, "build")
                built = build_api(
                    doc, version=pin.version, file=display, package_version=package_version(pin, revision)
                )
                # one line per problem: a schema reached along two paths reports its problems once
                all_diagnostics = list(dict.fromkeys([*diagnostics, *built.diagnostics]))
                result = BuildResult(built.api, all_diagnostics) if built.ok else all_diagnostics
            except GenerationError as error:
                result = [*diagnostics, *error.diagnostics]
        self.built[pin.version] = result
        return result

    def changelog(self, job: Job, api: Api) -> str:
        """CHANGELOG.md of a package: the change report against the version before it."""
        current = Version(job.pin.version, job.pin.channel, job.pin.pinned, api)
        if job.previous is None:
            return render_changelog(None, version=job.pin.version)
        previous = self.build(*job.previous)
        if not isinstance(previous, BuildResult):
            return render_changelog(None, version=job.pin.version)
        before = Version(job.previous[0].version, job.previous[0].channel, job.previous[0].pinned, previous.api)
        return render_changelog(diff_pair(before, current, history=self.history(job, before, current)))

    def history(self, job: Job, before: Version, current: Version) -> list[Version]:
        """The pinned versions up to `current` that build, so the changelog's findings (policy dates
        included) are the same as `runai-sdkgen diff` and `report` give for the pair."""
        order = [p for p in specs.history(specs.load_pins())]
        labels = [p.version for p in order]
        if current.label not in labels or before.label not in labels:
            return [before, current]
        earlier = []
        for pin in order[: labels.index(before.label)]:
            path = specs.synced_path(pin.version, job.document.parent)
            built = self.build(pin, path) if path.is_file() else None
            if isinstance(built, BuildResult):
                earlier.append(Version(pin.version, pin.channel, pin.pinned, built.api))
        return [*earlier, before, current]

    def changelog_with_notes(self, job: Job, api: Api) -> str:
        """The changelog, with the package's own section (version, revision, releases) after its title."""
        text = self.changelog(job, api)
        if not job.notes:
            return text
        title, _, rest = text.partition("\n")
        if not title.startswith("# "):
            return f"{job.notes}\n{text}"
        return f"{title}\n\n{job.notes}\n{rest.lstrip()}"

    def one(self, job: Job, target: Path, fingerprint: str) -> Outcome:
        pin = job.pin
        built = self.build(pin, job.document, job.revision)
        if not isinstance(built, BuildResult):
            return Outcome(pin.version, "failed", target, 0, tuple(built))
        diagnostics = built.diagnostics
        if self.strict and diagnostics:
            return Outcome(pin.version, "failed", target, 0, tuple(diagnostics))
        self.progress(pin.version, "render")
        provenance = Provenance(pin.version, pin.sha256, __version__, (pin.patch,) if pin.patch else ())
        files = self.renderer.render(built.api, provenance, {"CHANGELOG.md": self.changelog_with_notes(job, built.api)})
        self.progress(pin.version, "format")
        header = self.renderer.header(provenance)
        files = add_headers(self.formatter.format_files(files, rendered=True), header)
        self.progress(pin.version, "write")
        write_package(target, files, fingerprint, header)
        self.progress(pin.version, "done")
        return Outcome(pin.version, "written", target, len(built.api.operations), tuple(diagnostics))
