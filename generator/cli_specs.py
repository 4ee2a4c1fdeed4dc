"""`runai-sdkgen specs list|sync|pin` and `validate`: the pinned documents, and checking them.

Nothing here loads the validator until `validate` runs (openapi-spec-validator: ~0.3 s).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import click

from generator import codes, exitcodes, specs
from generator.cli_context import (
    diagnostic_json,
    emit_json,
    info,
    json_option,
    load_pins,
    mirror_option,
    print_diagnostics,
    quiet_option,
    settings,
    shown,
)
from generator.diagnostics import Diagnostic, Level

__all__ = ["specs_group", "validate_command"]

_LOAD_CODES = frozenset(c.code for c in (codes.RSG001, codes.RSG002, codes.RSG003))  # the file could not be read at all


@click.group("specs")
def specs_group() -> None:
    """Pinned documents: list, pin, sync."""


@specs_group.command("list")
@json_option
def specs_list(as_json: bool) -> None:
    """List the pins in history order, and whether each is synced."""
    synced_dir = settings().synced_dir
    if as_json:
        pins = specs.history(load_pins())
        emit_json([{**p.to_json(), "synced": specs.is_synced(p, synced_dir)} for p in pins])
        return
    for p in specs.history(load_pins()):
        state = "synced" if specs.is_synced(p, synced_dir) else "not synced"
        pinned = p.pinned.isoformat() if p.pinned else "-"
        patch = f"  patch {p.patch}" if p.patch else ""
        click.echo(f"{p.version:<8} {p.channel:<8} {p.source or '-':<10} {pinned:<10} {p.sha256[:12]}  {state}{patch}")


@specs_group.command("sync")
@quiet_option
@mirror_option("Copy <version>.json from this directory instead of downloading")
@click.argument("versions", nargs=-1)
def specs_sync(mirror: Path | None, versions: Sequence[str]) -> None:
    """Copy or download the pinned documents (all, or VERSION...) and verify their sha256."""
    current = settings()
    pins = load_pins()
    try:
        results = specs.sync(pins, versions, mirror, current.synced_dir, pins_dir=current.pins_path.parent)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    for r in results:
        info(f"{r.version}: {r.action} {shown(r.path)}")
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

    current = settings()
    try:
        p = pinning.pin(
            version, source, pins_path=current.pins_path, synced_dir=current.synced_dir, tag=tag, patch=patch
        )
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    info(f"{p.version}: pinned {p.sha256} in {shown(current.pins_path)}")
    if p.patch:
        info(f"{p.version}: patch {p.patch} applied, synced document sha256 {p.patched_sha256}")
    _record_validations([p.version])


def _record_validations(versions: Sequence[str]) -> None:
    """Validate the synced documents whose pins record no validation by the installed validator, and
    record it in the pins of those with no diagnostic (`generate` then need not validate them)."""
    from generator import load  # openapi-spec-validator: ~0.3 s, for the specs commands that pin or sync

    current = settings()
    cache = current.cache_dir / "validate" if current.cache_dir else None
    try:
        found = load.record_validations(
            current.pins_path, current.synced_dir, versions, cache_dir=cache, max_bytes=current.max_bytes
        )
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:  # the documents are synced: only the record is missing
        info(f"validation not recorded: cannot write {shown(current.pins_path)}: {e.strerror or e}")
        return
    for version, diagnostics in found.items():
        if diagnostics:
            info(
                f"{version}: {len(diagnostics)} diagnostic(s), validation not recorded (runai-sdkgen validate {version})"
            )
        else:
            info(f"{version}: validated, recorded in {shown(current.pins_path)}")


def _documents(versions: Sequence[str], file: Path | None) -> list[tuple[str, Path]]:
    """(label, path) for each document to validate; nothing is synced here."""
    if file is not None:
        if versions:
            raise click.UsageError("give VERSION... or --file, not both")
        return [(str(file), file)]
    synced_dir = settings().synced_dir
    try:
        selected = specs.select(load_pins(), versions)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    out: list[tuple[str, Path]] = []
    for p in selected:
        path = specs.synced_path(p.version, synced_dir)
        if not path.is_file():
            raise click.ClickException(
                f"{p.version} is not synced ({shown(path)} is missing); run: runai-sdkgen specs sync {p.version}"
            )
        actual = specs.sha256_file(path)
        if actual != p.synced_sha256:
            raise click.ClickException(
                f"{p.version}: {shown(path)} does not match its pin (expected sha256 {p.synced_sha256}, "
                f"got {actual}); run: runai-sdkgen specs sync {p.version}"
            )
        out.append((p.version, path))
    return out


@click.command("validate")
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

    current = settings()
    errors = 0
    results: list[dict[str, object]] = []
    for label, path in _documents(versions, file):
        start = time.perf_counter()
        cache = current.cache_dir / "validate" if current.cache_dir else None
        diagnostics = load.validate(path, display=shown(path), cache_dir=cache, max_bytes=current.max_bytes)
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
        print_diagnostics(diagnostics)
        info(f"{label}: {n_err} error(s), {n_warn} warning(s) ({seconds:.2f} s)")
    if as_json:
        emit_json({"ok": errors == 0, "documents": results})
    if errors:
        click.get_current_context().exit(exitcodes.FAILED)


def _validation_json(label: str, path: Path, diagnostics: Sequence[Diagnostic], seconds: float) -> dict[str, object]:
    return {
        "version": label,
        "path": str(path),
        "errors": sum(d.level is Level.ERROR for d in diagnostics),
        "warnings": sum(d.level is not Level.ERROR for d in diagnostics),
        "diagnostics": [diagnostic_json(d) for d in diagnostics],
        "seconds": round(seconds, 3),
    }
