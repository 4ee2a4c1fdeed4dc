"""The main job: load → validate → build IR → render → format → write, for every version asked.

A version whose inputs (document hash, generator code, templates) match the fingerprint stored in
its package is skipped, so a re-run with nothing changed costs only the hashing.

Both cores work: this process builds the IRs one version after another (a changelog needs the IRs
of the versions before it), and as soon as a version's IRs are built, a forked child (`forks.py`)
renders, formats and writes its package while the next version builds. Two pins of the same bytes
(today `2.24` and `latest`) are built once: the second IR is the first relabelled (`relabel`), which a
test checks equals building it (`build.relabel`). The IR of a pin whose validation record vouches for its one file is
kept in the IR cache (`diff/ircache.py`, under the cache directory), so a forced run builds nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__, load
from .build import BuildResult, build_api, relabel
from .diff import ircache
from .diff.policy import Version
from .diff.render.changelog import render_changelog
from .diff.report import diff_pair
from .ir import Api
from .naming import distribution_name
from .diagnostics import Diagnostic, GenerationError, Level
from .emit import is_current, write_package
from .forks import Forks, Progress
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
    progress: Progress = lambda version, stage, when: None,
    force: bool = False,
    cache_dir: Path | None = specs.CACHE_DIR,
    strict: bool = False,
    max_bytes: int = load.MAX_BYTES,
    revalidate: bool = False,
) -> list[Outcome]:
    """Generate the package of each job into `out`; never raises for a bad document.

    `cache_dir` holds `validate/` (validation results), `format/` (black's output) and `ir/` (trusted
    pins' IRs), all keyed by content hashes; None caches nothing beyond this run. `strict`: a version with warnings fails
    and is not written. `max_bytes`: the largest document read. `revalidate`: validate even the
    documents whose pins record a validation by the installed validator.
    """
    code = code_fingerprint()
    formatter = Formatter(cache=cache_dir / "format" if cache_dir else None)
    run = _Run(formatter, Renderer(), cache_dir, progress, max_bytes, strict, revalidate)
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
    writers: Forks[Outcome] = Forks(progress, parallel=sum(todo for *_, todo in plan) > 1)
    for index, (job, target, fingerprint, todo) in enumerate(plan):
        if todo:
            run.prepare(job)
            writers.submit(index, f"writing {job.pin.version}", functools.partial(run.one, job, target, fingerprint))
        else:
            run.event(job.pin.version, "unchanged")
            writers.results[index] = Outcome(job.pin.version, "unchanged", target, -1, ())
    outcomes = writers.finish()
    formatter.prune()
    return [outcomes[index] for index in range(len(plan))]


def _validate(document: Path, cache: Path | None, max_bytes: int = load.MAX_BYTES) -> list[Diagnostic]:
    return load.validate(document, display=document.name, cache_dir=cache, max_bytes=max_bytes)


def _content_key(document: Path) -> tuple[str, Path]:
    """What a build depends on besides the pin's name: the bytes and where relative references lead."""
    return hashlib.sha256(document.read_bytes()).hexdigest(), document.resolve().parent


class _Run:
    """State shared by the versions of one run: the formatter's memo and the IRs built so far."""

    def __init__(
        self,
        formatter: Formatter,
        renderer: Renderer,
        cache_dir: Path | None,
        progress: Progress,
        max_bytes: int = load.MAX_BYTES,
        strict: bool = False,
        revalidate: bool = False,
    ) -> None:
        self.max_bytes = max_bytes
        self.strict = strict
        self.revalidate = revalidate
        self.formatter = formatter
        self.renderer = renderer
        self.cache = cache_dir / "validate" if cache_dir else None
        self.ir_cache = cache_dir / "ir" if cache_dir else None
        self.progress = progress
        self.built: dict[str, BuildResult | list[Diagnostic]] = {}
        self.by_content: dict[tuple[str, Path], tuple[str, BuildResult]] = {}  # -> (display, IR)
        self.validated: dict[str, list[Diagnostic]] = {}
        self.trusted: set[str] = set()  # versions whose pins' records vouch for their bytes

    def event(self, version: str, stage: str) -> None:
        """Report that `stage` of `version` starts now."""
        self.progress(version, stage, time.perf_counter())

    def validate_all(self, documents: list[tuple[Pin, Path]]) -> None:
        """Validate the documents the run needs, once per sha256 and in parallel: openapi-spec-validator
        takes ~2 s per document and would otherwise run one version at a time. A pin that records a
        validation of its bytes by the installed validator is trusted (`load.trusted`) unless
        `revalidate`; cached results come back at once."""
        todo = {pin.version: (pin, path) for pin, path in documents if pin.version not in self.validated}
        if not todo:
            return
        same_bytes: dict[str, list[str]] = {}  # sha256 -> the versions whose document it is
        for version, (pin, path) in todo.items():
            self.event(version, "validate")
            if not self.revalidate and load.trusted(pin, path):
                self.validated[version] = []
                self.trusted.add(version)
                self.event(version, "validated")
            else:
                same_bytes.setdefault(specs.sha256_file(path), []).append(version)
        paths = [todo[versions[0]][1] for versions in same_bytes.values()]
        check = functools.partial(_validate, cache=self.cache, max_bytes=self.max_bytes)
        if len(paths) > 1 and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor(min(len(paths), os.cpu_count() or 1)) as pool:
                results = list(pool.map(check, paths))
        else:
            results = [check(path) for path in paths]
        for versions, diagnostics in zip(same_bytes.values(), results):
            for version in versions:  # each version's diagnostics name its own file
                name = todo[version][1].name
                self.validated[version] = [dataclasses.replace(d, file=name) for d in diagnostics]
                self.event(version, "validated")

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
        elif (twin := self.by_content.get(key := _content_key(document))) is not None:
            self.event(pin.version, "build")
            result = relabel(twin[1], pin.version, package_version(pin, revision), (twin[0], display))
        else:
            try:
                self.event(pin.version, "build")
                built = self._build(pin, document, package_version(pin, revision))
                # one line per problem: a schema reached along two paths reports its problems once
                all_diagnostics = list(dict.fromkeys([*diagnostics, *built.diagnostics]))
                result = BuildResult(built.api, all_diagnostics) if built.ok else all_diagnostics
                if isinstance(result, BuildResult):
                    self.by_content[key] = (display, result)
            except GenerationError as error:
                result = [*diagnostics, *error.diagnostics]
        self.built[pin.version] = result
        self.event(pin.version, "built")
        return result

    def _build(self, pin: Pin, document: Path, version: str) -> BuildResult:
        """The IR of the document as validated (a multi-file document bundled), with reading's own
        warnings (a trusted pin's validation did not report them). A trusted pin's one file is all
        its IR depends on besides the builder: that IR comes from the IR cache when it is there."""

        def build() -> BuildResult:
            doc, read = load.bundle(document, display=document.name, max_bytes=self.max_bytes)
            built = build_api(doc, version=pin.version, file=document.name, package_version=version)
            return BuildResult(built.api, [*read, *built.diagnostics])

        if pin.version not in self.trusted:
            return build()
        code = hashlib.sha256(f"{ircache.builder_fingerprint()}\0{load.validator_fingerprint()}".encode())
        label = "\0".join([pin.version, document.name, version])
        return ircache.cached(document, label, build, BuildResult, self.ir_cache, code.hexdigest(), ".build")

    def prepare(self, job: Job) -> None:
        """Build, here, every IR the job's package is made from: its own, and those its changelog reads."""
        if isinstance(self.build(job.pin, job.document, job.revision), BuildResult) and job.previous:
            if isinstance(self.build(*job.previous), BuildResult):
                for pin, path in self.earlier(job.previous[0], job.document.parent):
                    self.build(pin, path)

    @functools.cached_property
    def order(self) -> list[Pin]:
        """The pinned versions, oldest first (read once per run)."""
        return specs.history(specs.load_pins())

    def earlier(self, before: Pin, synced: Path) -> list[tuple[Pin, Path]]:
        """The pinned versions before `before` (whose documents are synced), oldest first."""
        labels = [p.version for p in self.order]
        if before.version not in labels:
            return []
        pins = self.order[: labels.index(before.version)]
        return [(p, path) for p in pins if (path := specs.synced_path(p.version, synced)).is_file()]

    def changelog(self, job: Job, api: Api) -> str:
        """CHANGELOG.md of a package: the change report against the version before it."""
        current = Version(job.pin.version, job.pin.channel, job.pin.pinned, api)
        if job.previous is None:
            return render_changelog(None, version=job.pin.version)
        previous = self.build(*job.previous)
        if not isinstance(previous, BuildResult):
            return render_changelog(None, version=job.pin.version)
        before = Version(job.previous[0].version, job.previous[0].channel, job.previous[0].pinned, previous.api)
        history = self.history(job.previous[0], job.document.parent, before, current)
        return render_changelog(diff_pair(before, current, history=history))

    def history(self, previous: Pin, synced: Path, before: Version, current: Version) -> list[Version]:
        """The pinned versions up to `current` that build, so the changelog's findings (policy dates
        included) are the same as `runai-sdkgen diff` and `report` give for the pair."""
        labels = [p.version for p in self.order]
        if current.label not in labels or before.label not in labels:
            return [before, current]
        earlier = []
        for pin, path in self.earlier(previous, synced):
            built = self.build(pin, path)
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

    def one(self, job: Job, target: Path, fingerprint: str, progress: Progress | None = None) -> Outcome:
        """Render, format and write the package of a prepared job (stages to `progress` if given)."""
        if progress is not None:
            self.progress = progress
        pin = job.pin
        built = self.build(pin, job.document, job.revision)
        if not isinstance(built, BuildResult):
            return Outcome(pin.version, "failed", target, 0, tuple(built))
        diagnostics = built.diagnostics
        if self.strict and diagnostics:
            return Outcome(pin.version, "failed", target, 0, tuple(diagnostics))
        self.event(pin.version, "render")
        provenance = Provenance(pin.version, pin.sha256, __version__, (pin.patch,) if pin.patch else ())
        files = self.renderer.render(built.api, provenance, {"CHANGELOG.md": self.changelog_with_notes(job, built.api)})
        self.event(pin.version, "format")
        header = self.renderer.header(provenance)
        files = add_headers(self.formatter.format_files(files, rendered=True), header)
        self.event(pin.version, "write")
        write_package(target, files, fingerprint, header)
        self.event(pin.version, "done")
        return Outcome(pin.version, "written", target, len(built.api.operations), tuple(diagnostics))
