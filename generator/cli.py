"""The `runai-sdkgen` command line: thin click commands over the stages; maps diagnostics to exit codes.

    runai-sdkgen [--quiet] specs sync [--mirror DIR] [VERSION...]
    runai-sdkgen specs pin VERSION --from PATH|URL [--tag TAG] [--patch FIX.json]
    runai-sdkgen specs list
    runai-sdkgen validate [VERSION...] | --file PATH

Exit codes: 0 success (warnings allowed, unless `generate --strict`), 1 errors in a document or bad
input (one message on stderr),
2 usage errors (click). Other command groups register themselves with `main.add_command(...)`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from generator import specs
from generator.diff.cli import diff_command, report_command, rules_command
from generator.diagnostics import Diagnostic, Level
from generator.parse import MAX_BYTES

__all__ = ["Settings", "main"]

_LOAD_CODES = frozenset({"RSG001", "RSG002", "RSG003"})  # the file could not be read at all


@dataclass(frozen=True)
class Settings:
    """Where things live, shared by every command through `click.Context.obj`."""

    quiet: bool
    pins_path: Path
    synced_dir: Path
    cache_dir: Path | None
    max_bytes: int = MAX_BYTES


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings(
        quiet=False,
        pins_path=specs.PINS_PATH,
        synced_dir=specs.SYNCED_DIR,
        cache_dir=specs.CACHE_DIR,
    )


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
    try:
        return specs.load_pins(_settings().pins_path)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-q", "--quiet", is_flag=True, help="Print only diagnostics and errors.")
@click.option(
    "--pins",
    "pins_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=specs.PINS_PATH,
    envvar="RUNAI_SDKGEN_PINS",
    show_default=True,
    help="The pins file.",
)
@click.option(
    "--synced-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=specs.SYNCED_DIR,
    envvar="RUNAI_SDKGEN_SYNCED",
    show_default=True,
    help="Where synced documents are stored.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=specs.CACHE_DIR,
    envvar="RUNAI_SDKGEN_CACHE",
    show_default=True,
    help="Caches: validation results and black's output, keyed by content hashes.",
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
    pins_path: Path,
    synced_dir: Path,
    cache_dir: Path,
    no_cache: bool,
    max_mb: int,
) -> None:
    """Typed Python clients and API change reports from the Run:ai control-plane OpenAPI documents."""
    ctx.obj = Settings(
        quiet=quiet,
        pins_path=pins_path,
        synced_dir=synced_dir,
        cache_dir=None if no_cache else cache_dir,
        max_bytes=max_mb * 2**20,
    )


# ------------------------------------------------------------------------------------------ specs
@main.group("specs")
def specs_group() -> None:
    """Pinned documents: list, pin, sync."""


@specs_group.command("list")
def specs_list() -> None:
    """List the pins in history order, and whether each is synced."""
    settings = _settings()
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
    settings = _settings()
    try:
        p = specs.pin(
            version, source, pins_path=settings.pins_path, synced_dir=settings.synced_dir, tag=tag, patch=patch
        )
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    _info(f"{p.version}: pinned {p.sha256} in {_shown(settings.pins_path)}")
    if p.patch:
        _info(f"{p.version}: patch {p.patch} applied, synced document sha256 {p.patched_sha256}")


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
def validate_command(versions: Sequence[str], file: Path | None) -> None:
    """Validate synced documents (all pinned versions, or VERSION...) or one --file."""
    from generator import load  # openapi-spec-validator: ~0.3 s that `diff` and `specs` need not pay

    settings = _settings()
    errors = 0
    for label, path in _documents(versions, file):
        start = time.perf_counter()
        cache = settings.cache_dir / "validate" if settings.cache_dir else None
        diagnostics = load.validate(path, display=_shown(path), cache_dir=cache, max_bytes=settings.max_bytes)
        unreadable = [d for d in diagnostics if d.code in _LOAD_CODES]
        if unreadable:
            raise click.ClickException(str(unreadable[0]))
        _print(diagnostics)
        n_err = sum(d.level is Level.ERROR for d in diagnostics)
        n_warn = len(diagnostics) - n_err
        errors += n_err
        _info(f"{label}: {n_err} error(s), {n_warn} warning(s) ({time.perf_counter() - start:.2f} s)")
    if errors:
        click.get_current_context().exit(1)


# --------------------------------------------------------------------------------------- generate
@main.command("generate")
@quiet_option
@click.argument("versions", nargs=-1)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="Where the packages are written, one directory per version.",
)
@click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="RUNAI_SPECS_MIRROR",
    help="Sync documents from this directory instead of their URLs (env RUNAI_SPECS_MIRROR).",
)
@click.option("--force", is_flag=True, help="Regenerate even when a package is up to date.")
@click.option("--strict", is_flag=True, help="Fail (and write nothing) for a version with warnings.")
def generate_command(versions: Sequence[str], out: Path, mirror: Path | None, force: bool, strict: bool) -> None:
    """Sync, validate and generate the client package of each pinned version (all, or VERSION...)."""
    from generator import generate  # validator, black, templates: loaded only for this command

    settings = _settings()
    pins = _load_pins()
    try:
        selected = specs.select(pins, versions)
        ordered = specs.history(pins)
        wanted = {p.version for p in selected}
        previous = {b.version: a for a, b in zip(ordered, ordered[1:])}
        needed = wanted | {previous[v].version for v in wanted if v in previous}
        specs.sync(pins, sorted(needed), mirror, settings.synced_dir, pins_dir=settings.pins_path.parent)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None

    def path(pin: specs.Pin) -> Path:
        return specs.synced_path(pin.version, settings.synced_dir)

    jobs = [
        generate.Job(p, path(p), (previous[p.version], path(previous[p.version])) if p.version in previous else None)
        for p in selected
    ]
    start = time.perf_counter()
    outcomes = generate.generate(
        jobs,
        out,
        progress=lambda version, stage: _info(f"{version}: {stage} ({time.perf_counter() - start:.1f} s)"),
        force=force,
        cache_dir=settings.cache_dir,
        strict=strict,
        max_bytes=settings.max_bytes,
    )
    failed = 0
    for outcome in outcomes:
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
    if failed:
        click.get_current_context().exit(1)


main.add_command(diff_command)
main.add_command(report_command)
main.add_command(rules_command)


def _print(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d))


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="runai-sdkgen")
