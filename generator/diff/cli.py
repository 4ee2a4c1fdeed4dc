"""`runai-sdkgen diff`, `report` and `rules`: plain click commands (the main group adds them).

    runai-sdkgen diff OLD NEW [--format text|markdown|json|html] [--out FILE]
                              [--fail-on breaking|deprecation] [--level RULE-ID=LEVEL]...
                              [--ignore-file PATH] [--history]
    runai-sdkgen report [--out DIR] [--format markdown,json,html,text] [--fail-on ...] [--level ...]
    runai-sdkgen rules [--format text|markdown|json]

OLD and NEW are pinned versions (`2.23`, `latest`) or paths to documents. Exit codes
(`generator.exitcodes`): 0 fine, 1 bad input (unknown version, missing or malformed file, unknown
rule id), 2 a usage error (unknown option or format), 3 a change at or above `--fail-on` (not
acknowledged in the ignore file); messages go to stderr, never a traceback.
"""

from __future__ import annotations

import gc
import json as jsonlib
import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar
from pathlib import Path

import click

from generator import exitcodes
from generator.diff import rules
from generator.diff.changes import ChangeLevel
from generator.diff.config import ConfigError, IgnoreConfig, parse_level, read_ignore_file
from generator.diff.policy import Version
from generator.diff.report import HistoryReport, diff_history, diff_pair, single
from generator.diff.sources import Source, SourceError, history, load, load_history_only, resolve

__all__ = ["diff_command", "report_command", "rules_command"]

_FAIL_ON = {"breaking": ChangeLevel.BREAKING, "deprecation": ChangeLevel.DEPRECATION}


def _config(ignore_file: Path | None, level_specs: Sequence[str]) -> IgnoreConfig:
    try:
        config = read_ignore_file(ignore_file)
        levels = dict(config.levels)
        for spec in level_specs:
            rule_id, level = parse_level(spec)
            levels[rule_id] = level
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    return IgnoreConfig(config.fingerprints, levels)


def _load(sources: Sequence[Source]) -> list[Version]:
    try:
        return [load(s) for s in sources]
    except SourceError as e:
        raise click.ClickException(str(e)) from None


def _exit_for(report: HistoryReport, fail_on: str | None) -> None:
    if fail_on is None:
        return
    threshold = _FAIL_ON[fail_on]
    for pair in report.pairs:
        worst = pair.worst()
        if worst is not None and worst.rank <= threshold.rank:
            sys.exit(exitcodes.FAIL_ON)


_common = [
    click.option(
        "--fail-on",
        type=click.Choice(sorted(_FAIL_ON)),
        default=None,
        help="Exit 3 when a change at this level or worse is not ignored.",
    ),
    click.option(
        "--level",
        "level_specs",
        multiple=True,
        metavar="RULE-ID=LEVEL",
        help="Override the level of a rule (repeatable).",
    ),
    click.option(
        "--ignore-file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Fingerprints to acknowledge and level overrides (default: ./.runai-sdkgen-ignore when present).",
    ),
]


_F = TypeVar("_F", bound=Callable[..., None])


def _with_common(f: _F) -> _F:
    for option in reversed(_common):
        f = option(f)
    return f


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text", show_default=True
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file instead of stdout.",
)
@click.option(
    "--history/--no-history",
    "use_history",
    default=True,
    show_default=True,
    help="For pinned versions, also load the earlier pinned ones: exact 'deprecated since' dates, "
    "and the same findings as `report` and the CHANGELOG.",
)
@click.option("--timings", is_flag=True, help="Print load/build/diff/render times to stderr.")
@_with_common
def diff_command(
    old: str,
    new: str,
    fmt: str,
    out: Path | None,
    use_history: bool,
    timings: bool,
    fail_on: str | None,
    level_specs: Sequence[str],
    ignore_file: Path | None,
) -> None:
    """Compare two pinned versions (or two OpenAPI files) and report the changes."""
    from generator.diff.render import render

    config = _config(ignore_file, level_specs)
    t0 = time.perf_counter()
    try:
        a, b = resolve(old), resolve(new)
        order = [s.label for s in history()] if a.channel != "file" and b.channel != "file" else []
    except SourceError as e:
        raise click.ClickException(str(e)) from None
    if order and order.index(a.label) > order.index(b.label):
        click.echo(
            f"warning: {a.label} is newer than {b.label}: this shows what going back from {a.label} to "
            f"{b.label} changes; for the upgrade run `runai-sdkgen diff {b.label} {a.label}`",
            err=True,
        )
        order = []
    if a.label == b.label and a.path != b.path:  # two files of the same name
        a = Source(str(a.path), a.path, a.channel, a.pinned)
        b = Source(str(b.path), b.path, b.channel, b.pinned)
    old_v, new_v = _load([a, b])
    hist = None
    if use_history and order:
        earlier = [s for s in history()[: order.index(b.label)] if s.label != a.label]
        try:
            before = [load_history_only(s) for s in earlier]
        except SourceError as e:
            raise click.ClickException(str(e)) from None
        by_label = {v.label: v for v in [*before, old_v, new_v]}
        hist = [by_label[x] for x in order if x in by_label]
    gc.freeze()  # the loaded IRs live to the end: later collections need not scan them
    t1 = time.perf_counter()
    pair = diff_pair(old_v, new_v, history=hist, levels=config.levels, ignored=config.fingerprints)
    t2 = time.perf_counter()
    text = render(single(old_v, new_v, pair), fmt)
    t3 = time.perf_counter()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    if timings:
        click.echo(f"load+build {t1 - t0:.3f}s, diff {t2 - t1:.3f}s, render {t3 - t2:.3f}s", err=True)
    _exit_for(single(old_v, new_v, pair), fail_on)


@click.command("report")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("report"),
    show_default=True,
    help="Directory to write report.<ext> files into.",
)
@click.option(
    "--format",
    "formats",
    default="markdown,json,html,text",
    show_default=True,
    help="Comma-separated formats: markdown, json, html, text.",
)
@_with_common
def report_command(
    out: Path, formats: str, fail_on: str | None, level_specs: Sequence[str], ignore_file: Path | None
) -> None:
    """Report the changes over the whole pinned history (each consecutive pair, then latest)."""
    from generator.diff.render import FORMATS

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}", param_hint="--format"
        )
    config = _config(ignore_file, level_specs)
    try:
        sources = history()
    except SourceError as e:
        raise click.ClickException(str(e)) from None
    if len(sources) < 2:
        raise click.ClickException("the history needs at least two pinned versions")
    versions = _load(sources)
    gc.freeze()  # the loaded IRs live to the end: later collections need not scan them
    report = diff_history(versions, levels=config.levels, ignored=config.fingerprints)
    out.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        fmt = FORMATS[name]
        path = out / f"report.{fmt.extension}"
        path.write_text(fmt.render(report), encoding="utf-8")
        click.echo(f"wrote {path}", err=True)
    _exit_for(report, fail_on)


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List the rule ids, their default levels and what they detect."""
    rows = [(r.id, r.level.value, r.description) for r in rules.RULES]
    if fmt == "json":
        click.echo(jsonlib.dumps([{"id": i, "level": lv, "description": d} for i, lv, d in rows], indent=2))
    elif fmt == "markdown":
        click.echo("| rule | level | description |\n|---|---|---|")
        for i, lv, d in rows:
            click.echo(f"| `{i}` | {lv} | {d} |")
    else:
        width = max(len(i) for i, _, _ in rows)
        for i, lv, d in rows:
            click.echo(f"{i:<{width}}  {lv:<11}  {d}")
