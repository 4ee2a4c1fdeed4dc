"""What every command of the CLI shares: the settings the root group puts in the click context, the
`--json`, `--quiet` and `--mirror` options, and how messages, diagnostics and JSON are printed."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import specs, workspace
from generator.diagnostics import Diagnostic
from generator.parse import MAX_BYTES

__all__ = [
    "Settings",
    "current_workspace",
    "diagnostic_json",
    "emit_json",
    "info",
    "json_option",
    "load_pins",
    "mirror_option",
    "print_diagnostics",
    "quiet_option",
    "settings",
    "shown",
]

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Settings:
    """Where things live, shared by every command through `click.Context.obj`."""

    quiet: bool
    pins_path: Path
    synced_dir: Path
    cache_dir: Path | None
    workspace: workspace.Workspace | None = None
    max_bytes: int = MAX_BYTES


def settings() -> Settings:
    """The settings of the running command (the defaults when it runs without the root group)."""
    return click.get_current_context().find_object(Settings) or Settings(
        quiet=False,
        pins_path=specs.PINS_PATH,
        synced_dir=specs.SYNCED_DIR,
        cache_dir=specs.CACHE_DIR,
    )


def current_workspace() -> workspace.Workspace:
    """The workspace a command works in, or a message saying how to make one."""
    current = settings()
    if current.workspace is None:
        raise click.ClickException(
            "no workspace here (no pins.json in the current directory); create one with "
            "`runai-sdkgen init DIR` and run there, or pass --workspace DIR"
        )
    return dataclasses.replace(current.workspace, pins=current.pins_path, synced=current.synced_dir)


def load_pins() -> dict[str, specs.Pin]:
    """The pins of the settings' pins file; a message (not a traceback) when there is none or it is bad."""
    if settings().workspace is None and not settings().pins_path.is_file():
        current_workspace()
    try:
        return specs.load_pins(settings().pins_path)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout (for CI).")


def mirror_option(purpose: str) -> Callable[[_F], _F]:
    """`--mirror DIR` (env RUNAI_SPECS_MIRROR): documents are copied from DIR, for `purpose`."""
    return click.option(
        "--mirror",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="RUNAI_SPECS_MIRROR",
        help=f"{purpose} (env RUNAI_SPECS_MIRROR).",
    )


def _quiet_here(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--quiet` after a command name means the same as before it."""
    found = ctx.find_object(Settings)
    if value and found is not None:
        ctx.obj = dataclasses.replace(found, quiet=True)


quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet_here, help="Print only diagnostics and errors."
)


def emit_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True))


def info(message: str) -> None:
    """A progress or summary line on stderr, unless --quiet."""
    if not settings().quiet:
        click.echo(message, err=True)


def shown(path: Path) -> str:
    """A path as short as possible for messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d))


def diagnostic_json(d: Diagnostic) -> dict[str, str]:
    return {"file": d.file, "pointer": d.pointer, "code": d.code, "level": d.level.value, "message": d.message}
