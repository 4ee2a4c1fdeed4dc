"""Plain text for the terminal: a summary per pair, then one entry per root change, worst first.

Each root change lists the Python names and operations it affects; `--format json` keeps every
per-operation finding.
"""

from __future__ import annotations

from generator.diff.render.templates import some as _some
from generator.diff.report import HistoryReport, PairReport
from generator.diff.roots import RootChange


def _root(r: RootChange) -> list[str]:
    mark = " (ignored)" if r.ignored else ""
    lines = [f"  {r.level.value:<11} {r.rule:<30} {r.message}  [{r.id}]{mark}"]
    if r.python:
        lines.append(f"{'':14}python: {_some(r.python)}")
    if r.operations:
        lines.append(f"{'':14}{len(r.operations)} operation(s): {_some(r.operations)}")
    return lines


def summary(p: PairReport) -> list[str]:
    """The two headline lines of a pair: operations, then root changes and findings per level."""
    c = p.counts
    roots, findings = p.root_levels, p.levels
    return [
        f"{p.old} -> {p.new}: {c.operations_old} -> {c.operations_new} operations, "
        f"{c.added} added, {c.removed} removed, {c.newly_deprecated} newly deprecated",
        "  root changes: "
        + ", ".join(f"{n} {level}" for level, n in roots.items())
        + "; findings: "
        + ", ".join(f"{n} {level}" for level, n in findings.items())
        + f"; {len(p.violations)} policy violations"
        + (f", {p.ignored} ignored" if p.ignored else ""),
    ]


def render(report: HistoryReport) -> str:
    out: list[str] = []
    for p in report.pairs:
        if out:
            out.append("")
        out.extend(summary(p))
        for r in p.roots:
            out.extend(_root(r))
    return "\n".join(out) + "\n"
