"""Every JSON result of every operation, as a body the document allows, parses in the generated client.

Prism's generated bodies are random and skip the operations where they break the document (the
allow-list); this is the complement without Prism. For each operation with a JSON response schema,
a body with every property filled, one with only the required ones and one with null wherever the
document allows it are synthesised (`bodies.synth`), checked against the document with openapi-schema-validator, and the valid ones are
returned through `httpx.MockTransport` to the sync client, called with the same arguments as the
contract tests. Pass: every valid body parses. The synthesiser does not honour every constraint
(patterns, lengths, discriminators); a body the document rejects is counted, not used, and enough
operations must be covered for the test to mean something.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest

from .bodies import synth
from .runner import VERSIONS, DocumentCheck, build_ir, call_arguments, load_package
from .values import ValueBuilder

MIN_COVERED = 0.9  # share of the JSON operations that must get at least one document-valid body
VARIANTS = (  # (name, fill optional properties, null wherever the document allows it)
    ("all fields", True, False),
    ("required only", False, False),
    ("nulls where allowed", True, True),
)


def _response(op: Any, raw: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """The 2xx status and JSON schema of an operation's response, if it has one."""
    responses = raw["paths"][op.path][op.method.lower()].get("responses", {})
    code = next((c for c in responses if c.startswith("2") and c[1:].isdigit()), None)
    content = responses[code].get("content") or {} if code else {}
    media = next((m for m in content if "json" in m and "schema" in content[m]), None)
    return (int(code), content[media]["schema"]) if code and media else None


@pytest.mark.parametrize("version", VERSIONS)
def test_every_document_valid_response_body_parses(
    version: str,
    real_documents: dict[str, Path],
    real_packages: dict[str, Path],
    record_property: Any,
) -> None:
    package = load_package(version, real_packages[version])
    api, raw = build_ir(real_documents[version], version)
    builder, check = ValueBuilder(api, raw, package), DocumentCheck(raw)
    json_ops, covered, parsed, rejected = 0, 0, 0, 0
    failures = []
    for resource in api.resources:
        for op in resource.operations:
            found = _response(op, raw) if op.result.kind == "json" else None
            if found is None:
                continue
            json_ops += 1
            status, schema = found
            valid_bodies = []
            for kind, full, nulls in VARIANTS:
                body = synth(raw, schema, 3, "value", 0, full, nulls)
                answer = httpx.Response(status, json=body)
                if check.violations(op, answer):
                    rejected += 1
                else:
                    valid_bodies.append((kind, body))
            covered += bool(valid_bodies)
            kwargs, _ = call_arguments(builder, op)
            for kind, body in valid_bodies:
                reply = httpx.Response(
                    status, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
                )
                client = package.Client(
                    "http://runai.test",
                    token="t",
                    max_retries=0,
                    transport=httpx.MockTransport(lambda _r, reply=reply: reply),
                    strict_responses=True,
                )
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", DeprecationWarning)
                        getattr(getattr(client, resource.attribute), op.python_name)(**kwargs)
                    parsed += 1
                except Exception as error:  # noqa: BLE001 - every failure is listed below
                    failures.append(
                        f"{resource.attribute}.{op.python_name} ({kind}): {type(error).__name__}: {error}"[:400]
                    )
    record_property(
        "summary",
        f"{version}: response models: {json_ops} JSON operations, {covered} with a document-valid body, "
        f"{parsed} bodies parsed, {len(failures)} failed, {rejected} synthesised bodies the document rejects",
    )
    assert not failures, "\n".join(failures)
    assert covered >= MIN_COVERED * json_ops, f"only {covered} of {json_ops} operations got a valid body"
