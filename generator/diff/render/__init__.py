"""Renderers: one module per output format, all behind one interface.

    render(report: HistoryReport) -> str

A single pair (`runai-sdkgen diff`) is rendered as a history of one pair. `FORMATS` maps a format
name to its renderer module and the file extension `report --out DIR` writes; a renderer's module
(and jinja, for the template-based ones) is imported only when that format is rendered.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.diff.report import HistoryReport

__all__ = ["FORMATS", "Format", "render"]


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    module: str

    def render(self, report: HistoryReport) -> str:
        text: str = importlib.import_module(f"generator.diff.render.{self.module}").render(report)
        return text


FORMATS: dict[str, Format] = {
    "text": Format("text", "txt", "text"),
    "markdown": Format("markdown", "md", "markdown"),
    "json": Format("json", "json", "json"),
    "html": Format("html", "html", "html"),
}


def render(report: HistoryReport, fmt: str) -> str:
    return FORMATS[fmt].render(report)
