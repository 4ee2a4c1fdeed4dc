"""The HTML report in a real headless chromium driven by selenium: filters, anchors, layout, screenshots.

Needs Debian's `chromium` and `chromium-driver` (installed by `.ci/run`); skipped without them except
under CI, where their absence fails. Screenshots at 1280 and 1920 px go to `$RUNAI_TEST_ARTIFACTS`
when set, else to pytest's temporary directory.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.diff.render import render
from generator.diff.report import HistoryReport, diff_history

from .helpers import mirror, patched, version

HOSTILE = '<img src=x onerror="document.title=1">'
RESOURCES = "/components/schemas/Resources"


def _tools() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    if os.environ.get("CI"):
        pytest.fail("chromium and chromium-driver are required in CI (.ci/run installs them)")
    pytest.skip("chromium / chromium-driver not installed (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    browser, chromedriver = _tools()
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must not look for drivers online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    d = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    d.set_page_load_timeout(60)
    try:
        yield d
    finally:
        d.quit()


def _small_report() -> HistoryReport:
    """Three pairs with breaking, deprecation and info roots over two resources, and hostile text."""
    tags = {"op": "add", "path": "/paths/~1api~1v1~1projects/get/summary", "value": HOSTILE}
    added_op = {
        "op": "add",
        "path": "/paths/~1api~1v1~1nodes",
        "value": {
            "get": {
                "operationId": "get_nodes",
                "tags": ["Nodes"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Resources"}}},
                    }
                },
            }
        },
    }
    steps = [
        [tags],
        [tags, added_op],
        [
            tags,
            added_op,
            {"op": "remove", "path": f"{RESOURCES}/properties/gpu"},
            {"op": "add", "path": "/components/schemas/Phase/deprecated", "value": True},
        ],
    ]
    return diff_history([version(patched(s), f"2.{20 + i}") for i, s in enumerate(steps)])


def _visible(d: Any) -> list[Any]:
    return [e for e in d.find_elements("css selector", "details.root") if e.is_displayed()]


def _artifacts(tmp_path: Path) -> Path:
    out = Path(os.environ.get("RUNAI_TEST_ARTIFACTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_filters_change_the_visible_root_changes(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "report.html"
    page.write_text(render(_small_report(), "html"), encoding="utf-8")
    driver.get(page.as_uri())
    assert driver.title == "Run:ai API changes"  # the hostile summary did not run
    every = driver.find_elements("css selector", "details.root")
    levels = {e.get_attribute("data-level") for e in every}
    assert levels == {"breaking", "deprecation", "info"}
    assert len(_visible(driver)) == len(every)
    assert driver.find_element("id", "shown-count").text == str(len(every))  # the script ran (CSP hash ok)

    driver.find_element("css selector", "input[name=level][value=info]").click()
    shown = _visible(driver)
    assert 0 < len(shown) < len(every)
    assert all(e.get_attribute("data-level") != "info" for e in shown)
    driver.find_element("css selector", "input[name=level][value=info]").click()

    Select(driver.find_element("name", "rule")).select_by_value("property-removed")
    shown = _visible(driver)
    assert shown and all(e.get_attribute("data-rule") == "property-removed" for e in shown)
    Select(driver.find_element("name", "rule")).select_by_value("")

    Select(driver.find_element("name", "resource")).select_by_value("nodes")
    shown = _visible(driver)
    assert 0 < len(shown) < len(every)
    assert all("nodes" in e.get_attribute("data-resources").split() for e in shown)
    Select(driver.find_element("name", "resource")).select_by_value("")

    search = driver.find_element("name", "q")
    search.send_keys("models.Resources.gpu")
    shown = _visible(driver)
    assert shown and all("models.resources.gpu" in e.get_attribute("data-text") for e in shown)
    assert len(shown) < len(every)
    search.clear()
    search.send_keys("no such change anywhere")
    assert _visible(driver) == []
    assert driver.find_element("id", "shown-count").text == "0"


def test_an_anchor_opens_its_change(driver: Any, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(_small_report(), "html"), encoding="utf-8")
    driver.get(page.as_uri())
    target = driver.find_elements("css selector", "details.root")[-1]
    anchor = target.get_attribute("id")
    assert target.get_attribute("open") is None
    driver.get(f"{page.as_uri()}#{anchor}")
    target = driver.find_element("id", anchor)
    assert target.get_attribute("open") is not None and target.is_displayed()
    assert target.find_element("css selector", "table.changes").is_displayed()


def test_readable_at_1280_and_screenshots(driver: Any, tmp_path: Path) -> None:
    """The real history when the documents are there (CI), else the small report; no sideways scroll."""
    have_real = all((mirror() / f"{v}.json").is_file() for v in ("2.22", "2.23", "2.24", "latest"))
    if have_real:
        from generator.diff.sources import history, load

        report = diff_history([load(s) for s in history()])
    else:
        report = _small_report()
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    out = _artifacts(tmp_path)
    for width in (1280, 1920):
        driver.set_window_size(width, 1000)
        driver.get(page.as_uri())
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px of sideways scroll at {width}px"
        shot = out / f"report-{width}.png"
        assert driver.save_screenshot(str(shot))
        first = driver.find_element("css selector", "details.root")
        first.find_element("css selector", "summary").click()
        driver.execute_script("arguments[0].scrollIntoView()", first)
        roots = out / f"report-{width}-roots.png"
        assert driver.save_screenshot(str(roots))
        assert shot.stat().st_size > 10_000 and roots.stat().st_size > 10_000
