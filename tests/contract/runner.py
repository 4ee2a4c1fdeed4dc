"""Call every operation of one version's generated client against a Prism mock of its document.

`run_version` builds each call from the IR (`values.py`), sends it through the sync client (and a
sample through the async client) and classifies the outcome:

- passed: Prism found no request violation, the answer was 2xx, and the method returned (the body
  parsed into the declared type, so no `ResponseValidationError`);
- failed: with a `category` (`request-violation`, `status`, `response-validation`, `build`,
  `exception`) and the reason (Prism's `sl-violations`, the status and body, or the exception).
  A body the client rejects is checked again, independently, against the document's response
  schema (openapi-schema-validator): when that check rejects it too, the body breaks the document
  and the category is `prism-invalid-response` (Prism generated it without flagging it), with the
  validator's findings as the reason; `response-validation` is left for bodies the document allows.

The reports (`write_reports`) are JSON plus a text summary per version.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import json
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

import httpx
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from generator import ir
from generator.build import build_api
from generator.naming import package_name

from .values import ValueBuilder

VERSIONS = ("2.22", "2.23", "2.24", "latest")
ASYNC_SAMPLE = 10


@dataclasses.dataclass
class Outcome:
    version: str
    client: str  # "sync" | "async"
    operation: str  # resource.method
    method: str
    path: str
    passed: bool
    category: str = ""
    reason: str = ""
    status: int | None = None
    body: str = ""  # how the body was passed
    deprecated: bool = False
    seconds: float = 0.0


class _Recorder:
    """httpx event hooks that keep the last request and response (status, Prism's violations)."""

    def __init__(self) -> None:
        self.request: httpx.Request | None = None
        self.response: httpx.Response | None = None

    def reset(self) -> None:
        self.request = None
        self.response = None

    def on_request(self, request: httpx.Request) -> None:
        self.request = request

    def on_response(self, response: httpx.Response) -> None:
        self.response = response

    async def aon_request(self, request: httpx.Request) -> None:
        self.request = request

    async def aon_response(self, response: httpx.Response) -> None:
        self.response = response

    def violations(self) -> list[dict[str, Any]]:
        if self.response is None:
            return []
        raw = self.response.headers.get("sl-violations")
        if not raw:
            return []
        try:
            value = json.loads(raw)
        except ValueError:
            return [{"message": raw}]
        return value if isinstance(value, list) else [value]


def load_package(version: str, package_dir: Path) -> Any:
    """Import the version's generated package from its directory."""
    directory = str(package_dir)
    if directory not in sys.path:
        sys.path.insert(0, directory)
    return importlib.import_module(package_name(version))


def build_ir(document: Path, version: str) -> tuple[ir.Api, dict[str, Any]]:
    raw = json.loads(document.read_text(encoding="utf-8"))
    api = build_api(json.loads(document.read_text(encoding="utf-8")), version=version, file=document.name).api
    return api, raw


def call_arguments(builder: ValueBuilder, op: ir.Operation) -> tuple[dict[str, Any], str]:
    """Keyword arguments for one call: every required parameter, and the body when it is required."""
    kwargs: dict[str, Any] = {}
    for p in op.parameters:
        if not p.required:
            continue
        schema = builder.doc.parameter_schema(p.pointer)
        kwargs[p.name] = builder.python(p.type, schema, url_safe=p.location == "path")
    body_kind = ""
    if op.body is not None and op.body.required:
        kwargs["body"], body_kind = builder.body(op.body)
    return kwargs, body_kind


def _short(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class DocumentCheck:
    """Validates response bodies against the document itself, independently of Prism and of us."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.registry: Registry[Any] = Registry().with_resource(
            "urn:runai", Resource.from_contents(raw, default_specification=DRAFT4)
        )

    def violations(self, op: ir.Operation, response: httpx.Response) -> list[str]:
        """What is wrong with the body by the document's own schema ([] when it is valid)."""
        pointer = self._schema_pointer(op, response)
        if pointer is None:
            return []
        try:
            body = response.json()
        except ValueError as error:
            return [f"the body is not JSON: {error}"]
        validator = OAS30Validator({"$ref": "urn:runai#" + pointer}, registry=self.registry)
        return [
            f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in validator.iter_errors(body)
        ]

    def _schema_pointer(self, op: ir.Operation, response: httpx.Response) -> str | None:
        responses = self.raw["paths"][op.path][op.method.lower()].get("responses", {})
        status = str(response.status_code)
        code = next((c for c in (status, status[0] + "XX", "default") if c in responses), None)
        if code is None or not isinstance(responses[code].get("content"), dict):
            return None
        content = responses[code]["content"]
        media = response.headers.get("content-type", "").split(";")[0].strip()
        chosen = media if media in content else next((m for m in content if "json" in m), None)
        if chosen is None or "schema" not in content[chosen]:
            return None
        tokens = ("paths", op.path, op.method.lower(), "responses", code, "content", chosen, "schema")
        return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def _classify(
    outcome: Outcome,
    recorder: _Recorder,
    error: BaseException | None,
    package: Any,
    op: ir.Operation,
    check: DocumentCheck,
) -> None:
    response = recorder.response
    outcome.status = response.status_code if response is not None else None
    violations = recorder.violations()
    if violations:
        outcome.passed = False
        where = {str((v.get("location") or ["request"])[0]) for v in violations}
        text = " ".join(str(v.get("message", "")) for v in violations)
        # Prism validates its own (generated) response too: a violation there is Prism's or the
        # document's problem, not the client's; "Too many violations!" lists response ones.
        outcome.category = (
            "request-violation" if "request" in where and "Response body" not in text else "prism-response"
        )
        outcome.reason = _short(
            "; ".join(f"{'.'.join(str(x) for x in v.get('location', []))}: {v.get('message', v)}" for v in violations)
        )
        return
    if error is None:
        outcome.passed = True
        return
    errors = package._runtime._exceptions
    outcome.passed = False
    if isinstance(error, errors.ResponseValidationError):
        broken = check.violations(op, error.response)
        if broken:
            outcome.category = "prism-invalid-response"
            outcome.reason = _short(
                f"the document rejects Prism's body ({len(broken)} finding(s) of "
                f"openapi-schema-validator): {'; '.join(broken[:4])}",
                1200,
            )
        else:
            outcome.category = "response-validation"
            outcome.reason = _short(str(error), 1200)
    elif isinstance(error, errors.APIStatusError) and "stoplight.io/prism/errors" in error.response.text:
        outcome.category = "prism-error"
        outcome.reason = _short(f"{error.status_code}: {error.response.text}")
    elif isinstance(error, errors.APIStatusError):
        outcome.category = "status"
        outcome.reason = _short(f"{error.status_code}: {error.response.text}")
    else:
        outcome.category = "exception"
        outcome.reason = _short(
            f"{type(error).__name__}: {error} | " + " ".join(traceback.format_exception(error)[-3:]), 1200
        )


def _operations(api: ir.Api) -> list[tuple[ir.Resource, ir.Operation]]:
    return [(r, op) for r in api.resources for op in r.operations]


def _async_sample(ops: list[tuple[ir.Resource, ir.Operation]]) -> list[tuple[ir.Resource, ir.Operation]]:
    """About ASYNC_SAMPLE operations spread over the list, favouring ones with a body or parameters."""
    rich = [x for x in ops if x[1].body is not None or any(p.required for p in x[1].parameters)]
    pool = rich if len(rich) >= ASYNC_SAMPLE else ops
    step = max(1, len(pool) // ASYNC_SAMPLE)
    return pool[::step][:ASYNC_SAMPLE]


def run_version(version: str, document: Path, package_dir: Path, base_url: str) -> list[Outcome]:
    """Call every operation (sync) and a sample (async); one `Outcome` per call, in document order."""
    package = load_package(version, package_dir)
    api, raw = build_ir(document, version)
    builder = ValueBuilder(api, raw, package)
    check = DocumentCheck(raw)
    ops = _operations(api)
    outcomes: list[Outcome] = []

    recorder = _Recorder()
    http = httpx.Client(event_hooks={"request": [recorder.on_request], "response": [recorder.on_response]}, timeout=30)
    client = package.Client(base_url, token="contract-test", max_retries=0, http_client=http, strict_responses=True)
    try:
        for resource, op in ops:
            outcomes.append(_call_sync(version, client, builder, recorder, resource, op, package, check))
    finally:
        client.close()
        http.close()

    outcomes.extend(asyncio.run(_run_async(version, package, builder, check, base_url, _async_sample(ops))))
    return outcomes


def _new_outcome(version: str, kind: str, resource: ir.Resource, op: ir.Operation) -> Outcome:
    return Outcome(
        version, kind, f"{resource.attribute}.{op.python_name}", op.method, op.path, False, deprecated=op.deprecated
    )


def _call_sync(
    version: str,
    client: Any,
    builder: ValueBuilder,
    recorder: _Recorder,
    resource: ir.Resource,
    op: ir.Operation,
    package: Any,
    check: DocumentCheck,
) -> Outcome:
    outcome = _new_outcome(version, "sync", resource, op)
    started = time.perf_counter()
    recorder.reset()
    try:
        kwargs, outcome.body = call_arguments(builder, op)
    except Exception as error:  # noqa: BLE001 - reported, not hidden
        outcome.category = "build"
        outcome.reason = _short(f"could not build the request: {type(error).__name__}: {error}", 1200)
        return outcome
    method = getattr(getattr(client, resource.attribute), op.python_name)
    error: BaseException | None = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            method(**kwargs)
        except Exception as e:  # noqa: BLE001
            error = e
    _classify(outcome, recorder, error, package, op, check)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


async def _run_async(
    version: str,
    package: Any,
    builder: ValueBuilder,
    check: DocumentCheck,
    base_url: str,
    ops: list[tuple[ir.Resource, ir.Operation]],
) -> list[Outcome]:
    recorder = _Recorder()
    http = httpx.AsyncClient(
        event_hooks={"request": [recorder.aon_request], "response": [recorder.aon_response]}, timeout=30
    )
    client = package.AsyncClient(
        base_url, token="contract-test", max_retries=0, http_client=http, strict_responses=True
    )
    outcomes = []
    try:
        for resource, op in ops:
            outcome = _new_outcome(version, "async", resource, op)
            started = time.perf_counter()
            recorder.reset()
            try:
                kwargs, outcome.body = call_arguments(builder, op)
            except Exception as error:  # noqa: BLE001
                outcome.category = "build"
                outcome.reason = _short(f"could not build the request: {type(error).__name__}: {error}", 1200)
                outcomes.append(outcome)
                continue
            method = getattr(getattr(client, resource.attribute), op.python_name)
            error: BaseException | None = None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                try:
                    await method(**kwargs)
                except Exception as e:  # noqa: BLE001
                    error = e
            _classify(outcome, recorder, error, package, op, check)
            outcome.seconds = round(time.perf_counter() - started, 3)
            outcomes.append(outcome)
    finally:
        await client.close()
        await http.aclose()
    return outcomes


# -------------------------------------------------------------------------------------------- reports
def summary_line(version: str, outcomes: list[Outcome], allowed: dict[str, str] | None = None) -> str:
    allowed = allowed or {}
    sync = [o for o in outcomes if o.client == "sync"]
    asyn = [o for o in outcomes if o.client == "async"]
    failed = [o for o in sync if not o.passed]
    excused = [o for o in failed if o.operation in allowed]
    return (
        f"{version}: sync {len(sync)} called, {len(sync) - len(failed)} passed, {len(failed)} failed"
        f" ({len(excused)} allow-listed); async {len(asyn)} called, {sum(o.passed for o in asyn)} passed"
    )


def write_reports(
    out: Path, version: str, outcomes: list[Outcome], allowed: dict[str, str], seconds: float
) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "version": version,
        "seconds": round(seconds, 1),
        "summary": summary_line(version, outcomes, allowed),
        "outcomes": [
            {**dataclasses.asdict(o), "allowed": allowed.get(o.operation) if not o.passed else None} for o in outcomes
        ],
    }
    json_path = out / f"contract-{version}.json"
    json_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    lines = [data["summary"], f"({seconds:.1f} s)", ""]
    for o in outcomes:
        if o.passed:
            continue
        tag = "ALLOWED" if o.operation in allowed else "FAILED"
        lines.append(f"{tag} [{o.client}] {o.operation} {o.method} {o.path} -> {o.status} {o.category}")
        lines.append(f"    {o.reason}")
        if o.operation in allowed:
            lines.append(f"    allow-listed: {allowed[o.operation]}")
    text_path = out / f"contract-{version}.txt"
    text_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return json_path, text_path
