"""JSON: the report as documented in `generator/diff/REPORT_SCHEMA.md` (sorted keys, stable)."""

from __future__ import annotations

import json

from generator.diff.report import HistoryReport


def render(report: HistoryReport) -> str:
    return json.dumps(report.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
