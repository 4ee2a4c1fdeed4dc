"""The `runai-sdkgen` command line: thin click commands over the stages; maps diagnostics to exit codes.

    runai-sdkgen [--quiet] specs sync [--mirror DIR] [VERSION...]
    runai-sdkgen specs pin VERSION --from PATH|URL [--tag TAG] [--patch FIX.json]
    runai-sdkgen specs list
    runai-sdkgen validate [VERSION...] | --file PATH
    runai-sdkgen init DIR
    runai-sdkgen release VERSION [--from PATH|URL] [--dry-run] [--fail-on breaking|deprecation|policy]
    runai-sdkgen bundle VERSION --out DIR [--python X.Y]... [--platform TAG]...

Every command works in a workspace (`--workspace DIR`, else the current directory when it has
`pins.json`, else the checkout the tool runs from; see `generator.workspace`). `--json` prints one
JSON document on stdout for CI (generate, validate, specs list, release).

Exit codes are those of `generator.exitcodes`, the same for every command. Other command groups
register themselves with `main.add_command(...)`.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from generator import codes, exitcodes, specs, versioning, workspace
from generator.diff.cli import diff_command, report_command, rules_command
from generator.diagnostics import Diagnostic, Level
from generator.upgrade.cli import upgrade_check_command
from generator.parse import MAX_BYTES

__all__ = ["Settings", "main"]

_LOAD_CODES = frozenset(c.code for c in (codes.RSG001, codes.RSG002, codes.RSG003))  # the file could not be read at all


@dataclass(frozen=True)
class Settings:
    """Where things live, shared by every command through `click.Context.obj`."""

    quiet: bool
    pins_path: Path
    synced_dir: Path
    cache_dir: Path | None
    workspace: workspace.Workspace | None = None
    max_bytes: int = MAX_BYTES


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings(
        quiet=False,
        pins_path=specs.PINS_PATH,
        synced_dir=specs.SYNCED_DIR,
        cache_dir=specs.CACHE_DIR,
    )


def _workspace() -> workspace.Workspace:
    """The workspace a command works in, or a message saying how to make one."""
    settings = _settings()
    if settings.workspace is None:
        raise click.ClickException(
            "no workspace here (no pins.json in the current directory); create one with "
            "`runai-sdkgen init DIR` and run there, or pass --workspace DIR"
        )
    return dataclasses.replace(settings.workspace, pins=settings.pins_path, synced=settings.synced_dir)


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout (for CI).")


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True))


def _quiet_here(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--quiet` after a command name means the same as before it."""
    settings = ctx.find_object(Settings)
    if value and settings is not None:
        ctx.obj = dataclasses.replace(settings, quiet=True)


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet_here, help="Print only diagnostics and errors."
)


def _info(message: str) -> None:
    if not _settings().quiet:
        click.echo(message, err=True)


def _shown(path: Path) -> str:
    """A path as short as possible for messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_pins() -> dict[str, specs.Pin]:
    if _settings().workspace is None and not _settings().pins_path.is_file():
        _workspace()
    try:
        return specs.load_pins(_settings().pins_path)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None


class _FailOnHit(click.ClickException):
    """A `--fail-on` threshold reached, with its message."""

    exit_code = exitcodes.FAIL_ON


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-q", "--quiet", is_flag=True, help="Print only diagnostics and errors.")
@click.option(
    "--workspace",
    "workspace_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="RUNAI_SDKGEN_WORKSPACE",
    help="The workspace (default: the current directory when it has pins.json, else this checkout).",
)
@click.option(
    "--pins",
    "pins_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="RUNAI_SDKGEN_PINS",
    help="The pins file (default: the workspace's).",
)
@click.option(
    "--synced-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="RUNAI_SDKGEN_SYNCED",
    help="Where synced documents are stored (default: the workspace's).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="RUNAI_SDKGEN_CACHE",
    help="Caches: validation results and black's output, keyed by content hashes (default: the workspace's).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the caches.")
@click.option(
    "--max-document-size",
    "max_mb",
    type=click.IntRange(min=1),
    default=MAX_BYTES // 2**20,
    show_default=True,
    help="Largest document read, in MiB (a guard against hostile input).",
)
@click.pass_context
def main(
    ctx: click.Context,
    quiet: bool,
    workspace_dir: Path | None,
    pins_path: Path | None,
    synced_dir: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    max_mb: int,
) -> None:
    """Typed Python clients and API change reports from the Run:ai control-plane OpenAPI documents."""
    try:
        ws = workspace.find(workspace_dir, Path.cwd())
    except workspace.WorkspaceError as e:
        raise click.ClickException(str(e)) from None
    fallback = ws or workspace.Workspace.flat(Path.cwd())
    ctx.obj = Settings(
        quiet=quiet,
        pins_path=pins_path or fallback.pins,
        synced_dir=synced_dir or fallback.synced,
        cache_dir=None if no_cache else (cache_dir or fallback.cache),
        workspace=ws,
        max_bytes=max_mb * 2**20,
    )


# ------------------------------------------------------------------------------------------ specs
@main.group("specs")
def specs_group() -> None:
    """Pinned documents: list, pin, sync."""


@specs_group.command("list")
@json_option
def specs_list(as_json: bool) -> None:
    """List the pins in history order, and whether each is synced."""
    settings = _settings()
    if as_json:
        pins = specs.history(_load_pins())
        _emit_json([{**p.to_json(), "synced": specs.is_synced(p, settings.synced_dir)} for p in pins])
        return
    for p in specs.history(_load_pins()):
        state = "synced" if specs.is_synced(p, settings.synced_dir) else "not synced"
        pinned = p.pinned.isoformat() if p.pinned else "-"
        patch = f"  patch {p.patch}" if p.patch else ""
        click.echo(f"{p.version:<8} {p.channel:<8} {p.source or '-':<10} {pinned:<10} {p.sha256[:12]}  {state}{patch}")


@specs_group.command("sync")
@quiet_option
@click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="RUNAI_SPECS_MIRROR",
    help="Copy <version>.json from this directory instead of downloading (env RUNAI_SPECS_MIRROR).",
)
@click.argument("versions", nargs=-1)
def specs_sync(mirror: Path | None, versions: Sequence[str]) -> None:
    """Copy or download the pinned documents (all, or VERSION...) and verify their sha256."""
    settings = _settings()
    pins = _load_pins()
    try:
        results = specs.sync(pins, versions, mirror, settings.synced_dir, pins_dir=settings.pins_path.parent)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    for r in results:
        _info(f"{r.version}: {r.action} {_shown(r.path)}")
    _record_validations(versions)


@specs_group.command("pin")
@click.argument("version")
@click.option("--from", "source", required=True, metavar="PATH|URL", help="The document to pin.")
@click.option("--tag", default=None, help="The upstream tag or ref (read from GitHub raw URLs).")
@click.option(
    "--patch",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A declared fix-up: an RFC 6902 JSON Patch applied to the document on every sync.",
)
def specs_pin(version: str, source: str, tag: str | None, patch: Path | None) -> None:
    """Pin VERSION to the document at PATH or URL (adds the pin, or moves it), and sync it."""
    from generator import pinning

    settings = _settings()
    try:
        p = pinning.pin(
            version, source, pins_path=settings.pins_path, synced_dir=settings.synced_dir, tag=tag, patch=patch
        )
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    _info(f"{p.version}: pinned {p.sha256} in {_shown(settings.pins_path)}")
    if p.patch:
        _info(f"{p.version}: patch {p.patch} applied, synced document sha256 {p.patched_sha256}")
    _record_validations([p.version])


def _record_validations(versions: Sequence[str]) -> None:
    """Validate the synced documents whose pins record no validation by the installed validator, and
    record it in the pins of those with no diagnostic (`generate` then need not validate them)."""
    from generator import load  # openapi-spec-validator: ~0.3 s, for the specs commands that pin or sync

    settings = _settings()
    cache = settings.cache_dir / "validate" if settings.cache_dir else None
    try:
        found = load.record_validations(
            settings.pins_path, settings.synced_dir, versions, cache_dir=cache, max_bytes=settings.max_bytes
        )
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:  # the documents are synced: only the record is missing
        _info(f"validation not recorded: cannot write {_shown(settings.pins_path)}: {e.strerror or e}")
        return
    for version, diagnostics in found.items():
        if diagnostics:
            _info(
                f"{version}: {len(diagnostics)} diagnostic(s), validation not recorded (runai-sdkgen validate {version})"
            )
        else:
            _info(f"{version}: validated, recorded in {_shown(settings.pins_path)}")


# --------------------------------------------------------------------------------------- validate
def _documents(versions: Sequence[str], file: Path | None) -> list[tuple[str, Path]]:
    """(label, path) for each document to validate; nothing is synced here."""
    if file is not None:
        if versions:
            raise click.UsageError("give VERSION... or --file, not both")
        return [(str(file), file)]
    settings = _settings()
    try:
        selected = specs.select(_load_pins(), versions)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    out: list[tuple[str, Path]] = []
    for p in selected:
        path = specs.synced_path(p.version, settings.synced_dir)
        if not path.is_file():
            raise click.ClickException(
                f"{p.version} is not synced ({_shown(path)} is missing); run: runai-sdkgen specs sync {p.version}"
            )
        actual = specs.sha256_file(path)
        if actual != p.synced_sha256:
            raise click.ClickException(
                f"{p.version}: {_shown(path)} does not match its pin (expected sha256 {p.synced_sha256}, "
                f"got {actual}); run: runai-sdkgen specs sync {p.version}"
            )
        out.append((p.version, path))
    return out


@main.command("validate")
@quiet_option
@click.argument("versions", nargs=-1)
@click.option(
    "--file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate this document instead of synced versions.",
)
@json_option
def validate_command(versions: Sequence[str], file: Path | None, as_json: bool) -> None:
    """Validate synced documents (all pinned versions, or VERSION...) or one --file."""
    from generator import load  # openapi-spec-validator: ~0.3 s that `diff` and `specs` need not pay

    settings = _settings()
    errors = 0
    results: list[dict[str, object]] = []
    for label, path in _documents(versions, file):
        start = time.perf_counter()
        cache = settings.cache_dir / "validate" if settings.cache_dir else None
        diagnostics = load.validate(path, display=_shown(path), cache_dir=cache, max_bytes=settings.max_bytes)
        unreadable = [d for d in diagnostics if d.code in _LOAD_CODES]
        if unreadable and not as_json:
            raise click.ClickException(str(unreadable[0]))
        n_err = sum(d.level is Level.ERROR for d in diagnostics)
        n_warn = len(diagnostics) - n_err
        errors += n_err
        seconds = time.perf_counter() - start
        if as_json:
            results.append(_validation_json(label, path, diagnostics, seconds))
            continue
        _print(diagnostics)
        _info(f"{label}: {n_err} error(s), {n_warn} warning(s) ({seconds:.2f} s)")
    if as_json:
        _emit_json({"ok": errors == 0, "documents": results})
    if errors:
        click.get_current_context().exit(exitcodes.FAILED)


def _diagnostic_json(d: Diagnostic) -> dict[str, str]:
    return {"file": d.file, "pointer": d.pointer, "code": d.code, "level": d.level.value, "message": d.message}


def _validation_json(label: str, path: Path, diagnostics: Sequence[Diagnostic], seconds: float) -> dict[str, object]:
    return {
        "version": label,
        "path": str(path),
        "errors": sum(d.level is Level.ERROR for d in diagnostics),
        "warnings": sum(d.level is not Level.ERROR for d in diagnostics),
        "diagnostics": [_diagnostic_json(d) for d in diagnostics],
        "seconds": round(seconds, 3),
    }


# --------------------------------------------------------------------------------------- generate
@main.command("generate")
@quiet_option
@click.argument("versions", nargs=-1)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the packages are written, one directory per version (default: the workspace's generated/).",
)
@click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="RUNAI_SPECS_MIRROR",
    help="Sync documents from this directory instead of their URLs (env RUNAI_SPECS_MIRROR).",
)
@click.option("--force", is_flag=True, help="Regenerate even when a package is up to date.")
@click.option("--strict", is_flag=True, help="Fail (and write nothing) for a version with warnings.")
@click.option(
    "--revalidate",
    is_flag=True,
    help="Validate every document, even one whose pin records a validation by the installed validator.",
)
@json_option
def generate_command(
    versions: Sequence[str],
    out: Path | None,
    mirror: Path | None,
    force: bool,
    strict: bool,
    revalidate: bool,
    as_json: bool,
) -> None:
    """Sync, validate and generate the client package of each pinned version (all, or VERSION...)."""
    from generator import generate  # validator, black, templates: loaded only for this command

    settings = _settings()
    out = out or (settings.workspace.generated if settings.workspace else Path("generated"))
    pins = _load_pins()
    start = time.perf_counter()
    try:
        records = versioning.load_records(settings.workspace.releases) if settings.workspace else {}
        selected = specs.select(pins, versions)
        ordered = specs.history(pins)
        wanted = {p.version for p in selected}
        previous = {b.version: a for a, b in zip(ordered, ordered[1:])}
        # every earlier version too: the CHANGELOG's policy dates read the whole history, as `report` does
        last = max((i for i, p in enumerate(ordered) if p.version in wanted), default=-1)
        needed = wanted | {p.version for p in ordered[: last + 1]}
        specs.sync(pins, sorted(needed), mirror, settings.synced_dir, pins_dir=settings.pins_path.parent)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    timer = _StageTimer(_info)
    timer.event("*", "sync", start)
    timer.event("*", "done")

    def path(pin: specs.Pin) -> Path:
        return specs.synced_path(pin.version, settings.synced_dir)

    def job(p: specs.Pin) -> generate.Job:
        before = (previous[p.version], path(previous[p.version])) if p.version in previous else None
        revision = versioning.revision_for(p, records)
        record = records.get(p.version)
        notes = versioning.changelog_notes(
            p, revision, generate.package_dir(out, p.version).name, record.history if record else ()
        )
        return generate.Job(p, path(p), before, revision, notes)

    outcomes = generate.generate(
        [job(p) for p in selected],
        out,
        progress=timer.event,
        force=force,
        cache_dir=settings.cache_dir,
        strict=strict,
        max_bytes=settings.max_bytes,
        revalidate=revalidate,
    )
    failed = 0
    for outcome in outcomes:
        if not as_json:
            _print(outcome.diagnostics)
            n_warn = sum(d.level is Level.WARNING for d in outcome.diagnostics)
            if n_warn:
                hint = " (--strict fails on them)" if not strict else ""
                click.echo(f"{outcome.version}: {n_warn} warning(s){hint}", err=True)
        if outcome.status == "failed":
            failed += 1
            click.echo(f"{outcome.version}: not generated; {_shown(outcome.target)} left as it was", err=True)
        elif outcome.status == "written":
            _info(f"{outcome.version}: {outcome.operations} operations -> {_shown(outcome.target)}")
        else:
            _info(f"{outcome.version}: up to date in {_shown(outcome.target)}")
    total = time.perf_counter() - start
    _info(f"total {total:.2f} s")
    if as_json:
        _emit_json(
            {
                "ok": failed == 0,
                "total_seconds": round(total, 3),
                "versions": [
                    {
                        "version": o.version,
                        "status": o.status,
                        "target": str(o.target),
                        "operations": o.operations if o.operations >= 0 else None,
                        "errors": [_diagnostic_json(d) for d in o.diagnostics if d.level is Level.ERROR],
                        "warnings": [_diagnostic_json(d) for d in o.diagnostics if d.level is Level.WARNING],
                        "stages": timer.stages.get(o.version, {}),
                    }
                    for o in outcomes
                ],
            }
        )
    if failed:
        click.get_current_context().exit(exitcodes.FAILED)


class _StageTimer:
    """Turns "VERSION: STAGE starts" events into one line per finished stage with its own duration.

    `validated`, `built` and `done` end a version's current stage without starting another.
    """

    _ENDS = ("validated", "built", "done", "unchanged")

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.current: dict[str, tuple[str, float]] = {}
        self.stages: dict[str, dict[str, float]] = {}

    def event(self, version: str, stage: str, now: float | None = None) -> None:
        now = time.perf_counter() if now is None else now
        if version in self.current:
            name, since = self.current.pop(version)
            seconds = now - since
            self.stages.setdefault(version, {})[name] = round(seconds, 3)
            self.say(f"{version if version != '*' else 'all'}: {name} {seconds:.2f} s")
        if stage not in self._ENDS:
            self.current[version] = (stage, now)


# ------------------------------------------------------------------------------- init, release
@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init_command(directory: Path) -> None:
    """Create a workspace in DIRECTORY with the pins of the supported versions."""
    try:
        ws = workspace.init(directory)
    except (workspace.WorkspaceError, OSError) as e:
        raise click.ClickException(str(e)) from None
    versions = ", ".join(specs.load_pins(ws.pins))
    _info(f"workspace {_shown(ws.root)}: pinned {versions}; next: cd {_shown(ws.root)} && runai-sdkgen generate")


@main.command("release")
@quiet_option
@click.argument("version")
@click.option("--from", "source", default=None, metavar="PATH|URL", help="Pin VERSION to this document first.")
@click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="RUNAI_SPECS_MIRROR",
    help="Sync pinned documents from this directory instead of their URLs (env RUNAI_SPECS_MIRROR).",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "deprecation", "policy"]),
    default=None,
    help="Release nothing and exit 3 when a change reaches this level (policy: a removal against the policy).",
)
@json_option
def release_command(
    version: str, source: str | None, mirror: Path | None, dry_run: bool, fail_on: str | None, as_json: bool
) -> None:
    """Pin, validate, diff, check, regenerate, version, build and report one VERSION."""
    from generator import release

    ws = _workspace()
    try:
        result = release.release(
            ws,
            version,
            source,
            mirror=mirror,
            dry_run=dry_run,
            fail_on=fail_on,
            progress=lambda stage, seconds: _info(f"{version}: {stage} {seconds:.2f} s"),
        )
    except release.ReleaseError as e:
        if as_json:
            _emit_json({"ok": False, "version": version, "error": str(e)})
        failure = _FailOnHit if isinstance(e, release.FailOnHit) else click.ClickException
        raise failure(f"{e}\n(nothing was changed in {_shown(ws.root)})") from None
    _info(f"{version}: total {sum(result.stages.values()):.2f} s")
    if as_json:
        _emit_json({"ok": True, **result.to_json()})
        return
    for note in result.notes:
        _info(f"{version}: {note}")
    if result.status == "unchanged":
        click.echo(f"{version}: nothing to release, {result.package_version} is up to date")
        return
    verb = "would release" if result.status == "dry-run" else "released"
    changes = ", ".join(f"{n} {level}" for level, n in result.levels.items())
    since = f"{changes} since {result.compared_with}" if result.compared_with else "nothing to compare with"
    click.echo(f"{version}: {verb} {result.package_version} ({since})")
    for path in [*result.artifacts, *result.reports]:
        click.echo(f"  {_shown(path)}")


@main.command("bundle")
@click.argument("version")
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="The wheelhouse directory."
)
@click.option(
    "--python", "pythons", multiple=True, metavar="X.Y", help="A target Python (repeatable; default: this one)."
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    metavar="TAG",
    help="A target platform tag (repeatable; default: this one).",
)
@json_option
def bundle_command(version: str, out: Path, pythons: Sequence[str], platforms: Sequence[str], as_json: bool) -> None:
    """Write an offline wheelhouse of the released VERSION and its dependencies, with a hash lock."""
    from generator import bundle

    try:
        made = bundle.bundle(_workspace(), version, out, pythons, platforms)
    except (bundle.BundleError, specs.SpecError) as e:
        raise click.ClickException(str(e)) from None
    if as_json:
        _emit_json(made.to_json())
        return
    _info(f"{version}: {len(made.files)} file(s) in {_shown(made.directory)}")
    click.echo(made.install)


main.add_command(diff_command)
main.add_command(report_command)
main.add_command(rules_command)
main.add_command(upgrade_check_command)


def _print(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d))


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="runai-sdkgen")
