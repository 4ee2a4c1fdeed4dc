"""Generating packages from the hand-written test documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.generate import Job, generate
from generator.specs import Pin

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"
FIXTURE = DOCUMENTS / "fixture_runai.json"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def pin_for(document: Path, version: str = "1.0") -> Pin:
    """A release pin for a test document (the fixture is generated as version 1.0: `runai_v1_0`)."""
    sha = hashlib.sha256(document.read_bytes()).hexdigest()
    return Pin(version=version, sha256=sha, url=None, source=None, pinned=None, channel="release")


def generate_document(document: Path, out: Path, version: str = "1.0") -> Path:
    """Generate one test document into `out`; return the package directory."""
    [outcome] = generate([Job(pin_for(document, version), document)], out, cache_dir=None)
    assert outcome.status == "written", [str(d) for d in outcome.diagnostics]
    return outcome.target
