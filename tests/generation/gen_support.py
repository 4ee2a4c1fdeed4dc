"""Generating packages (and building IRs) from documents written for the tests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.build import BuildResult, build_api
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


def build_document(
    paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **top: Any
) -> BuildResult:
    """Build the IR of a small document written in a test: its paths, its component schemas, other keys."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas or {}},
        **top,
    }
    return build_api(document, version="1.0", file="doc.json")


def operation(op_id: str, *, status: str = "200", schema: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """An operation of tag `Things` answering `status`, with a JSON body of `schema` when given."""
    response: dict[str, Any] = {"description": "ok"}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return {"operationId": op_id, "tags": ["Things"], "responses": {status: response}, **extra}


def ref(name: str) -> dict[str, str]:
    """A `$ref` to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}
