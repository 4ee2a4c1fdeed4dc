"""`runai-sdkgen upgrade-check PATH... --from OLD --to NEW`: what breaks or goes stale in the user's code.

    runai-sdkgen upgrade-check PATH... --from 2.22 --to 2.24 [--format text|json|sarif] [--out FILE]
                               [--fail-on breaking|deprecation] [--fix]

OLD and NEW are pinned versions, NEW later than OLD. Exit codes (`generator.exitcodes`): 0 fine;
1 bad input (unknown version, versions in the wrong order) or a document that cannot be loaded; 2 a
usage error (a path that does not exist, a missing option); 3 a finding at or worse than `--fail-on`
(or, with `--fail-on`, a file that could not be checked). With `--fix` the unified diff of every
rewritten file is printed first, then the report of what is left.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator import exitcodes
from generator.diff.sources import Source, SourceError, history, load
from generator.upgrade.findings import LEVELS

__all__ = ["upgrade_check_command"]


def _versions(old: str, new: str) -> list[Source]:
    """The pinned history from its start up to `new`; a clear error for unknown or misordered versions."""
    try:
        sources = history()
    except SourceError as e:
        raise click.ClickException(str(e)) from None
    labels = [s.label for s in sources]
    for option, label in (("--from", old), ("--to", new)):
        if label not in labels:
            raise click.ClickException(f"{option}: {label!r} is not a pinned version (pinned: {', '.join(labels)})")
    if labels.index(new) <= labels.index(old):
        raise click.ClickException(f"--to: {new} is not newer than --from {old} (history order: {' -> '.join(labels)})")
    return sources[: labels.index(new) + 1]


@click.command("upgrade-check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--from", "old", required=True, metavar="VERSION", help="The pinned version the code uses now.")
@click.option("--to", "new", required=True, metavar="VERSION", help="The pinned version to move to.")
@click.option("--format", "fmt", type=click.Choice(["json", "sarif", "text"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here, not stdout.")
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "deprecation"]),
    default=None,
    help="Exit 3 when a finding is at this level or worse (after --fix: among those left).",
)
@click.option("--fix", is_flag=True, help="Rewrite the mechanical changes in place; print the unified diff.")
def upgrade_check_command(
    paths: Sequence[Path], old: str, new: str, fmt: str, out: Path | None, fail_on: str | None, fix: bool
) -> None:
    """Find the uses of the OLD client package in PATH... (files or directories) that NEW breaks or deprecates."""
    from generator.upgrade.changes import pair_changes  # libcst and the rules: only for this command
    from generator.upgrade.check import check
    from generator.upgrade.render import render

    sources = _versions(old, new)
    try:
        versions = [load(s) for s in sources]
    except SourceError as e:
        raise click.ClickException(str(e)) from None
    by_label = {v.label: v for v in versions}
    pc = pair_changes(by_label[old], by_label[new], versions)
    report = check(list(paths), pc, fix=fix, on_diff=lambda d: click.echo(d, nl=False))
    rendered = render(report, fmt)
    if out is None:
        click.echo(rendered, nl=False)
    else:
        out.write_text(rendered, encoding="utf-8")
    if fmt != "text" or out is not None:  # the text report lists them already
        for error in report.errors:
            click.echo(f"{error.file}:{error.line}:{error.col}: {error.message}", err=True)
    if fail_on is not None:
        worst = LEVELS.index(fail_on)
        if report.errors or any(LEVELS.index(f.level) <= worst for f in report.findings):
            sys.exit(exitcodes.FAIL_ON)
