"""Renderers: one module per output format, all behind one interface.

    render(report: HistoryReport) -> str

A single pair (`runai-sdkgen diff`) is rendered as a history of one pair. `FORMATS` maps a format
name to its renderer and the file extension `report --out DIR` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.diff.render import html, json, markdown, text
from generator.diff.render.changelog import render_changelog
from generator.diff.report import HistoryReport

__all__ = ["FORMATS", "Format", "render", "render_changelog"]


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    render: Callable[[HistoryReport], str]


FORMATS: dict[str, Format] = {
    "text": Format("text", "txt", text.render),
    "markdown": Format("markdown", "md", markdown.render),
    "json": Format("json", "json", json.render),
    "html": Format("html", "html", html.render),
}


def render(report: HistoryReport, fmt: str) -> str:
    return FORMATS[fmt].render(report)
