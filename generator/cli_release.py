"""`runai-sdkgen init`, `release` and `bundle`: a workspace, from its pins to published artifacts
and offline wheelhouses. The release and bundle machinery is imported only when those commands run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from generator import exitcodes, specs, workspace
from generator.cli_context import current_workspace, emit_json, info, json_option, mirror_option, quiet_option, shown
from generator.release_outcome import FAIL_ON, FailOnHit, ReleaseError

__all__ = ["bundle_command", "init_command", "release_command"]


class _FailOnHit(click.ClickException):
    """A `--fail-on` threshold reached, with its message."""

    exit_code = exitcodes.FAIL_ON


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init_command(directory: Path) -> None:
    """Create a workspace in DIRECTORY with the pins of the supported versions."""
    try:
        ws = workspace.init(directory)
    except (workspace.WorkspaceError, OSError) as e:
        raise click.ClickException(str(e)) from None
    versions = ", ".join(specs.load_pins(ws.pins))
    info(f"workspace {shown(ws.root)}: pinned {versions}; next: cd {shown(ws.root)} && runai-sdkgen generate")


@click.command("release")
@quiet_option
@click.argument("version")
@click.option("--from", "source", default=None, metavar="PATH|URL", help="Pin VERSION to this document first.")
@mirror_option("Sync pinned documents from this directory instead of their URLs")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Release nothing and exit 3 when a change reaches this level (policy: a removal against the policy).",
)
@json_option
def release_command(
    version: str, source: str | None, mirror: Path | None, dry_run: bool, fail_on: str | None, as_json: bool
) -> None:
    """Pin, validate, diff, check, regenerate, version, build and report one VERSION."""
    from generator.release import release

    ws = current_workspace()
    try:
        result = release(
            ws,
            version,
            source,
            mirror=mirror,
            dry_run=dry_run,
            fail_on=fail_on,
            progress=lambda stage, seconds: info(f"{version}: {stage} {seconds:.2f} s"),
        )
    except ReleaseError as e:
        if as_json:
            emit_json({"ok": False, "version": version, "error": str(e)})
        failure = _FailOnHit if isinstance(e, FailOnHit) else click.ClickException
        raise failure(f"{e}\n(nothing was changed in {shown(ws.root)})") from None
    info(f"{version}: total {sum(result.stages.values()):.2f} s")
    if as_json:
        emit_json({"ok": True, **result.to_json()})
        return
    for note in result.notes:
        info(f"{version}: {note}")
    if result.status == "unchanged":
        click.echo(f"{version}: nothing to release, {result.package_version} is up to date")
        return
    verb = "would release" if result.status == "dry-run" else "released"
    changes = ", ".join(f"{n} {level}" for level, n in result.levels.items())
    since = f"{changes} since {result.compared_with}" if result.compared_with else "nothing to compare with"
    click.echo(f"{version}: {verb} {result.package_version} ({since})")
    for path in [*result.artifacts, *result.reports]:
        click.echo(f"  {shown(path)}")


@click.command("bundle")
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
        made = bundle.bundle(current_workspace(), version, out, pythons, platforms)
    except (bundle.BundleError, specs.SpecError) as e:
        raise click.ClickException(str(e)) from None
    if as_json:
        emit_json(made.to_json())
        return
    info(f"{version}: {len(made.files)} file(s) in {shown(made.directory)}")
    click.echo(made.install)
