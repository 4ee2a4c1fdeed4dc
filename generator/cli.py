"""The `runai-sdkgen` command line: the root group and its options; the commands live beside it.

    runai-sdkgen [--quiet] specs sync [--mirror DIR] [VERSION...]
    runai-sdkgen specs pin VERSION --from PATH|URL [--tag TAG] [--patch FIX.json]
    runai-sdkgen specs list
    runai-sdkgen validate [VERSION...] | --file PATH
    runai-sdkgen generate [VERSION...] [--out DIR] [--mirror DIR] [--force] [--strict]
    runai-sdkgen init DIR
    runai-sdkgen release VERSION [--from PATH|URL] [--dry-run] [--fail-on breaking|deprecation|policy]
    runai-sdkgen bundle VERSION --out DIR [--python X.Y]... [--platform TAG]...

Every command works in a workspace (`--workspace DIR`, else the current directory when it has
`pins.json`, else the checkout the tool runs from; see `generator.workspace`). `--json` prints one
JSON document on stdout for CI (generate, validate, specs list, release).

Exit codes are those of `generator.exitcodes`, the same for every command. The commands:
`cli_specs` (specs, validate), `cli_generate` (generate), `cli_release` (init, release, bundle),
`diff.cli` (diff, report, rules), `upgrade.cli` (upgrade-check); `cli_context` holds what they share.
Each module imports its heavy machinery inside its command, so the CLI starts fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import workspace
from generator.cli_context import Settings
from generator.cli_generate import generate_command
from generator.cli_release import bundle_command, init_command, release_command
from generator.cli_specs import specs_group, validate_command
from generator.diff.cli import diff_command, report_command, rules_command
from generator.parse import MAX_BYTES
from generator.upgrade.cli import upgrade_check_command

__all__ = ["main"]


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


for command in (
    specs_group,
    validate_command,
    generate_command,
    init_command,
    release_command,
    bundle_command,
    diff_command,
    report_command,
    rules_command,
    upgrade_check_command,
):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="runai-sdkgen")
