"""`runai-sdkgen generate`: sync, validate and generate the client packages, with a line per stage.

The generator itself (validator, black, templates) is imported when the command runs, not before:
the CLI starts fast and a no-change re-run stays well under a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from generator import exitcodes, specs, versioning
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
from generator.diagnostics import Level

__all__ = ["generate_command"]


@click.command("generate")
@quiet_option
@click.argument("versions", nargs=-1)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the packages are written, one directory per version (default: the workspace's generated/).",
)
@mirror_option("Sync documents from this directory instead of their URLs")
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

    current = settings()
    out = out or (current.workspace.generated if current.workspace else Path("generated"))
    pins = load_pins()
    start = time.perf_counter()
    try:
        records = versioning.load_records(current.workspace.releases) if current.workspace else {}
        selected = specs.select(pins, versions)
        ordered = specs.history(pins)
        wanted = {p.version for p in selected}
        previous = {b.version: a for a, b in zip(ordered, ordered[1:])}
        # every earlier version too: the CHANGELOG's policy dates read the whole history, as `report` does
        last = max((i for i, p in enumerate(ordered) if p.version in wanted), default=-1)
        needed = wanted | {p.version for p in ordered[: last + 1]}
        specs.sync(pins, sorted(needed), mirror, current.synced_dir, pins_dir=current.pins_path.parent)
    except specs.SpecError as e:
        raise click.ClickException(str(e)) from None
    timer = _StageTimer(info)
    timer.event("*", "sync", start)
    timer.event("*", "done")

    def path(pin: specs.Pin) -> Path:
        return specs.synced_path(pin.version, current.synced_dir)

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
        cache_dir=current.cache_dir,
        strict=strict,
        max_bytes=current.max_bytes,
        revalidate=revalidate,
    )
    failed = 0
    for outcome in outcomes:
        if not as_json:
            print_diagnostics(outcome.diagnostics)
            n_warn = sum(d.level is Level.WARNING for d in outcome.diagnostics)
            if n_warn:
                hint = " (--strict fails on them)" if not strict else ""
                click.echo(f"{outcome.version}: {n_warn} warning(s){hint}", err=True)
        if outcome.status == "failed":
            failed += 1
            click.echo(f"{outcome.version}: not generated; {shown(outcome.target)} left as it was", err=True)
        elif outcome.status == "written":
            info(f"{outcome.version}: {outcome.operations} operations -> {shown(outcome.target)}")
        else:
            info(f"{outcome.version}: up to date in {shown(outcome.target)}")
    total = time.perf_counter() - start
    info(f"total {total:.2f} s")
    if as_json:
        emit_json(
            {
                "ok": failed == 0,
                "total_seconds": round(total, 3),
                "versions": [
                    {
                        "version": o.version,
                        "status": o.status,
                        "target": str(o.target),
                        "operations": o.operations if o.operations >= 0 else None,
                        "errors": [diagnostic_json(d) for d in o.diagnostics if d.level is Level.ERROR],
                        "warnings": [diagnostic_json(d) for d in o.diagnostics if d.level is Level.WARNING],
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
