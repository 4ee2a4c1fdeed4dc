"""Markdown for release notes (`templates/report/report.md.jinja`)."""

from __future__ import annotations

from generator.diff.render.templates import environment
from generator.diff.report import HistoryReport


def render(report: HistoryReport) -> str:
    return environment(html=False).get_template("report.md.jinja").render(report=report)
