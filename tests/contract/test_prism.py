"""Contract tests: every operation of every version, through the generated clients, against Prism.

For each version, Prism mocks the synced document (`prism mock --errors`, so a request that breaks
the document is answered 4xx with `sl-violations`), and every operation is called once through the
sync `Client` and a sample through `AsyncClient`, with a valid request built from the IR (see
`values.py`). An operation passes when Prism reports no violation, answers 2xx and the method
returns (the body parsed into its declared type). Reports (JSON + text) go to
env RUNAI_CONTRACT_REPORTS or a pytest temp dir; `allowlist.py` lists the justified exceptions.

Needs `node_modules/.bin/prism` (`npm ci` at the repo root): missing, the tests fail under CI=...
and skip elsewhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .allowlist import ALLOWED
from .lenient import run_lenient_gets
from .prism import prism
from .runner import VERSIONS, Outcome, run_version, summary_line, write_reports

LENIENT_VERSION = "2.24"


def _verdict(outcomes: list[Outcome], version: str) -> tuple[list[Outcome], list[str]]:
    """The failures not excused by the allow-list, and allow-list entries that did not fail."""
    allowed = ALLOWED[version]
    unexcused = [
        o
        for o in outcomes
        if not o.passed and (o.operation not in allowed or allowed[o.operation].category != o.category)
    ]
    failed_ops = {o.operation for o in outcomes if not o.passed}
    called = {o.operation for o in outcomes}
    stale = sorted(op for op in allowed if op in called and op not in failed_ops)
    return unexcused, stale


@pytest.mark.parametrize("version", VERSIONS)
def test_every_operation_against_prism(
    version: str,
    prism_servers: Any,
    real_documents: dict[str, Path],
    real_packages: dict[str, Path],
    report_dir: Path,
    record_property: Callable[[str, object], None],
) -> None:
    started = time.perf_counter()
    server = prism_servers.get(version)
    server.wait()
    outcomes = run_version(version, real_documents[version], real_packages[version], server.base_url)
    seconds = time.perf_counter() - started
    reasons = {op: a.reason for op, a in ALLOWED[version].items()}
    json_path, text_path = write_reports(report_dir, version, outcomes, reasons, seconds)
    unexcused, stale = _verdict(outcomes, version)
    line = f"{summary_line(version, outcomes, reasons)} in {seconds:.0f} s -> {text_path}"
    if stale:
        line += f"; allow-listed but passed: {', '.join(stale)}"
    record_property("summary", line)

    assert len([o for o in outcomes if o.client == "sync"]) > 0, "no operation was called"
    if unexcused:
        listing = "\n".join(
            f"  [{o.client}] {o.operation} ({o.method} {o.path}) -> {o.status} {o.category}: " f"{o.reason[:300]}"
            for o in unexcused
        )
        pytest.fail(
            f"{version}: {len(unexcused)} call(s) failed the contract (full report: {text_path}):\n" f"{listing}",
            pytrace=False,
        )


def test_parameterless_gets_return_their_type_in_default_mode(
    prism_available: Path,
    real_documents: dict[str, Path],
    real_packages: dict[str, Path],
    report_dir: Path,
    record_property: Callable[[str, object], None],
) -> None:
    """Every GET of 2.24 that needs no parameter returns its documented type through a default
    (lenient) client, against one more Prism for 2.24 started without `--errors`: it then serves the
    body it generated even where that breaks the document (with `--errors` it answers 500, and the
    strict run above allow-lists those calls). Last in this file, so that this Prism starts after the
    strict runs instead of competing with their start-up for the CPU."""
    document, package = real_documents[LENIENT_VERSION], real_packages[LENIENT_VERSION]
    with prism(document, report_dir / f"prism-{LENIENT_VERSION}-lenient.log", errors=False) as server:
        outcomes = run_lenient_gets(LENIENT_VERSION, document, package, server.base_url)
    failed = [o for o in outcomes if o.problem]
    repaired = [o for o in outcomes if o.kept and not o.problem]
    kept = sorted({text.split(": ")[1] for o in outcomes for text in o.kept})
    record_property(
        "summary",
        f"{LENIENT_VERSION} lenient: {len(outcomes)} parameterless GETs, {len(outcomes) - len(failed)} returned their "
        f"documented type ({len(repaired)} of them keeping values as received, in {', '.join(kept) or 'none'}), "
        f"{len(failed)} did not",
    )
    assert len(outcomes) >= 20, "too few parameterless GET operations found: the selection is broken"
    assert not failed, "\n".join(f"  {o.operation} -> {o.returned}: {o.problem}" for o in failed)
