"""Render a `Report`: text grouped by file, JSON, or SARIF 2.1.0 (for code scanning and editors)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from generator import __version__
from generator.upgrade.findings import KINDS, Report

__all__ = ["FORMATS", "render"]

_SARIF_LEVEL = {"breaking": "error", "deprecation": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def text(report: Report) -> str:
    lines = [f"upgrade check {report.old_package} ({report.old}) -> {report.new_package} ({report.new})"]
    for error in report.errors:
        lines.append(f"{error.file}:{error.line}:{error.col}: error: {error.message}")
    for file, findings in groupby(report.findings, key=lambda f: f.file):
        lines.append("")
        lines.append(file)
        for f in findings:
            fix = "  [fixable]" if f.fixable else ""
            root = f"  (root {f.root})" if f.root else ""
            lines.append(f"  {f.line}:{f.col}: {f.level}: {f.kind}: {f.message}{fix}{root}")
    counts = report.counts()
    lines.append("")
    summary = ", ".join(f"{n} {level}" for level, n in counts.items())
    fixable = sum(1 for f in report.findings if f.fixable)
    lines.append(
        f"{len(report.findings)} finding(s) ({summary}; {fixable} fixable) in {len(report.files)} file(s); "
        f"{len(report.fixed)} fixed; {len(report.errors)} file(s) not checked"
    )
    return "\n".join(lines) + "\n"


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def _artifact(file: str) -> dict[str, str]:
    """A relative path is relative to the directory the check ran in; an absolute one is a file URI."""
    path = Path(file)
    return {"uri": path.as_uri()} if path.is_absolute() else {"uri": file, "uriBaseId": "%SRCROOT%"}


def sarif(report: Report) -> str:
    kinds = sorted({f.kind for f in report.findings})
    rule_index = {kind: i for i, kind in enumerate(kinds)}
    results = []
    for f in report.findings:
        result: dict[str, object] = {
            "ruleId": f.kind,
            "ruleIndex": rule_index[f.kind],
            "level": _SARIF_LEVEL[f.level],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(f.file),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.col,
                            "endLine": f.end_line,
                            "endColumn": f.end_col,
                        },
                    }
                }
            ],
            "properties": {"python": f.python, "rule": f.rule, "change": f.change, "fixable": f.fixable},
        }
        if f.root:
            result["partialFingerprints"] = {"runaiRootChange/v1": f.root}
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(e.file),
                        "region": {"startLine": e.line, "startColumn": e.col},
                    }
                }
            ],
        }
        for e in report.errors
    ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "runai-sdkgen upgrade-check",
                        "version": __version__,
                        "rules": [
                            {
                                "id": kind,
                                "name": kind.title().replace("-", ""),
                                "shortDescription": {"text": KINDS[kind]},
                            }
                            for kind in kinds
                        ],
                    }
                },
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory the check ran in"}}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {"text": text, "json": to_json, "sarif": sarif}


def render(report: Report, fmt: str) -> str:
    return FORMATS[fmt](report)
