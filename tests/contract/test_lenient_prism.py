"""Default (lenient) mode against Prism: every GET of 2.24 that needs no parameter returns its type.

One extra Prism, for 2.24 only, started without `--errors`: it then answers with the body it
generated even when that body breaks the document (with `--errors` it answers 500 instead, and the
strict run allow-lists those operations). Those bodies are what lenient mode is for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .lenient import run_lenient_gets
from .prism import PrismServer

VERSION = "2.24"


@pytest.fixture(scope="module")
def lenient_prism(prism_available: Path, real_documents: dict[str, Path], report_dir: Path) -> Iterator[PrismServer]:
    server = PrismServer(real_documents[VERSION], report_dir / f"prism-{VERSION}-lenient.log", errors=False)
    try:
        server.wait()
        yield server
    finally:
        server.stop()


def test_parameterless_gets_return_their_type_in_default_mode(
    lenient_prism: Any,
    real_documents: dict[str, Path],
    real_packages: dict[str, Path],
    record_property: Callable[[str, object], None],
) -> None:
    outcomes = run_lenient_gets(VERSION, real_documents[VERSION], real_packages[VERSION], lenient_prism.base_url)
    failed = [o for o in outcomes if o.problem]
    repaired = [o for o in outcomes if o.kept and not o.problem]
    kept = sorted({text.split(": ")[1] for o in outcomes for text in o.kept})
    record_property(
        "summary",
        f"{VERSION} lenient: {len(outcomes)} parameterless GETs, {len(outcomes) - len(failed)} returned their "
        f"documented type ({len(repaired)} of them keeping values as received, in {', '.join(kept) or 'none'}), "
        f"{len(failed)} did not",
    )
    assert len(outcomes) >= 20, "too few parameterless GET operations found: the selection is broken"
    assert not failed, "\n".join(f"  {o.operation} -> {o.returned}: {o.problem}" for o in failed)
