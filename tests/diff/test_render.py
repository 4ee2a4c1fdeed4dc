"""Renderers: markdown, JSON, text content; the HTML page in a real headless chromium."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diff.render import FORMATS, render
from generator.diff.render.changelog import render_changelog
from generator.diff.report import HistoryReport, diff_history

from .helpers import case, version

HOSTILE = '<script>alert(1)</script> & "quotes" | pipe'


def _report() -> HistoryReport:
    c = case("operation-removed")
    before = copy.deepcopy(c["before"])
    before["paths"]["/api/v1/projects/{projectId}"]["get"]["summary"] = HOSTILE
    before["paths"]["/api/v1/projects/{projectId}"]["get"]["deprecated"] = True
    before["paths"]["/api/v1/projects/{projectId}"]["get"]["description"] = f"Deprecated - use {HOSTILE} instead."
    after = copy.deepcopy(c["after"])
    after["paths"]["/api/v1/projects"]["get"]["deprecated"] = True
    return diff_history([version(c["before"], "2.22"), version(before, "2.23"), version(after, "2.24")])


def test_markdown() -> None:
    text = render(_report(), "markdown")
    assert "## 2.23 → 2.24" in text
    assert "### Breaking changes" in text and "operation-removed" in text
    assert "### Deprecation policy" in text
    assert "<script>" not in text  # document text is escaped in tables
    assert "| breaking changes (root changes / findings) | 2 / 2 |" in text
    header = [ln for ln in text.splitlines() if ln.startswith("| change |")][0]
    rows = [ln for ln in text.splitlines() if "`operation-removed`" in ln]
    assert rows
    for line in rows:  # escaped pipes keep the columns
        assert line.count("|") - line.count("\\|") == header.count("|")


def test_json_is_stable_and_documented() -> None:
    report = _report()
    data = json.loads(render(report, "json"))
    assert render(report, "json") == render(_report(), "json")
    pair = data["pairs"][1]
    assert pair["counts"]["removed"] == 1
    assert pair["summary"]["operation-removed"] == 1
    assert {"rule", "level", "method", "path", "pointer", "message", "python", "fingerprint"} <= (
        pair["changes"][0].keys()
    )
    schema_doc = Path(__file__).resolve().parents[2] / "generator" / "diff" / "REPORT_SCHEMA.md"
    documented = schema_doc.read_text()
    for key in [
        "schema_version",
        "versions",
        "pairs",
        "counts",
        "summary",
        "deprecations",
        "fingerprint",
        "removable_in",
        "newly_deprecated_flag",
    ]:
        assert key in documented


def test_text() -> None:
    text = render(_report(), "text")
    assert "2.23 -> 2.24: 3 -> 2 operations, 0 added, 1 removed" in text
    assert "operation-removed" in text


def test_changelog() -> None:
    report = _report()
    first = render_changelog(None, version="2.22")
    assert "First pinned version" in first and "2.22" in first
    log = render_changelog(report.pairs[1])
    assert log.startswith("# Changelog") and "## 2.24 (changes since 2.23)" in log
    assert "operation-removed" in log


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    import os

    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (apt-get install -y chromium)")
    pytest.skip("chromium not installed (apt-get install -y chromium)")


def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    page = render(_report(), "html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    common = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*common, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert '<svg id="chart"' in dom and dom.count("<rect") >= 9
    assert 'class="changes"' in dom and "operation-removed" in dom
    assert 'class="deprecations"' in dom
    assert "<script>alert" not in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1200,900", path.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.is_file() and shot.stat().st_size > 1000


def test_every_format_has_a_renderer() -> None:
    assert set(FORMATS) == {"text", "markdown", "json", "html"}
