"""One self-contained HTML page: inline CSS, an inline SVG chart and a small inline script.

Root changes are grouped per pair, each a collapsible `<details>` with an anchor (`#<pair>-<root id>`),
its Python names, operations and per-operation findings. The script filters them by level, rule,
resource and free text; the Content-Security-Policy allows no other script than that one (by its
sha256) and no network access. Every string from the documents reaches the page through jinja's
autoescape.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from generator.diff.render.templates import TEMPLATE_DIR, environment
from generator.diff.report import HistoryReport

SERIES = (
    ("operations", "Operations"),
    ("deprecated_operations", "Deprecated operations"),
    ("breaking_roots", "Breaking root changes"),
)


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: int
    series: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: tuple[Bar, ...]
    labels: tuple[tuple[int, str], ...]  # (x centre, version)
    legend: tuple[tuple[int, str, str], ...]  # (x, series, title)


def chart(report: HistoryReport) -> Chart:
    bar_w, gap, group_gap, top, plot_h, left = 22, 4, 36, 30, 200, 20
    maximum = max((getattr(v, s) for v in report.versions for s, _ in SERIES), default=0) or 1
    bars: list[Bar] = []
    labels: list[tuple[int, str]] = []
    x = left
    for v in report.versions:
        start = x
        for series, title in SERIES:
            value = int(getattr(v, series))
            h = round(plot_h * value / maximum)
            bars.append(Bar(x, top + plot_h - h, bar_w, h, value, series, f"{v.label}: {value} {title.lower()}"))
            x += bar_w + gap
        labels.append(((start + x - gap) // 2, v.label))
        x += group_gap
    legend = tuple((left + i * 190, s, t) for i, (s, t) in enumerate(SERIES))
    return Chart(max(x, 600), top + plot_h + 60, top + plot_h, tuple(bars), tuple(labels), legend)


SCRIPT = (TEMPLATE_DIR / "report.js").read_text(encoding="utf-8")


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render(report: HistoryReport) -> str:
    rules = sorted({r.rule for p in report.pairs for r in p.roots})
    resources = sorted({res for p in report.pairs for r in p.roots for res in r.resources})
    return (
        environment(html=True)
        .get_template("report.html.jinja")
        .render(
            report=report,
            chart=chart(report),
            rules=rules,
            resources=resources,
            script=SCRIPT,
            script_hash=script_hash(),
        )
    )
