"""Plain text for the terminal: a summary per pair, then one line per change, worst first."""

from __future__ import annotations

from generator.diff.report import HistoryReport, PairReport


def _pair(p: PairReport) -> list[str]:
    c = p.counts
    lines = [
        f"{p.old} -> {p.new}: {c.operations_old} -> {c.operations_new} operations, "
        f"{c.added} added, {c.removed} removed, {c.newly_deprecated} newly deprecated",
        "  "
        + ", ".join(f"{n} {level}" for level, n in p.levels.items())
        + f", {len(p.violations)} policy violations"
        + (f", {p.ignored} ignored" if p.ignored else ""),
    ]
    for ch in p.changes:
        mark = " (ignored)" if ch.ignored else ""
        lines.append(f"  {ch.level.value:<11} {ch.rule:<30} {ch.message}  [{ch.fingerprint}]{mark}")
    return lines


def render(report: HistoryReport) -> str:
    out: list[str] = []
    for p in report.pairs:
        if out:
            out.append("")
        out.extend(_pair(p))
    return "\n".join(out) + "\n"
