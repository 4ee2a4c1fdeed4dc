"""Every GET operation that needs no parameter, through the default (lenient) client, against Prism.

The strict contract run (`runner.py`) checks that the client sends what the document asks and
parses what it promises; this one checks what a user meets by default: each such GET returns its
documented type (a model where the document gives one), whatever Prism generated, with the values
that break the document kept and reported as `ResponseValidationWarning`s instead of raised.
"""

from __future__ import annotations

import dataclasses
import importlib
import warnings
from pathlib import Path
from typing import Any

from generator import ir

from .runner import build_ir, load_package


@dataclasses.dataclass
class LenientOutcome:
    operation: str
    returned: str  # the Python type the call returned, or the exception
    problem: str = ""  # empty when the result has the documented type
    kept: list[str] = dataclasses.field(default_factory=list)  # the lenient reports of this call


def parameterless_gets(api: ir.Api) -> list[tuple[ir.Resource, ir.Operation]]:
    """GET operations with a JSON result and no required parameter."""
    return [
        (resource, op)
        for resource in api.resources
        for op in resource.operations
        if op.method.upper() == "GET" and op.result.kind == "json" and not any(p.required for p in op.parameters)
    ]


def run_lenient_gets(version: str, document: Path, package_dir: Path, base_url: str) -> list[LenientOutcome]:
    """Call each parameterless GET once through a default `Client`; one outcome per call."""
    package = load_package(version, package_dir)
    importlib.import_module(f"{package.__name__}._runtime._lenient")._reported.clear()  # every report counts
    api, _ = build_ir(document, version)
    outcomes = []
    with package.Client(base_url, token="contract-test", max_retries=0) as client:
        for resource, op in parameterless_gets(api):
            outcome = LenientOutcome(f"{resource.attribute}.{op.python_name}", "")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    value = getattr(getattr(client, resource.attribute), op.python_name)()
                except Exception as error:  # noqa: BLE001 - reported, not hidden
                    outcome.returned = type(error).__name__
                    outcome.problem = str(error)[:600]
                    outcomes.append(outcome)
                    continue
            outcome.kept = [str(w.message) for w in caught if issubclass(w.category, package.ResponseValidationWarning)]
            outcome.returned = type(value).__name__
            outcome.problem = _type_problem(package, op.result.type, value)
            outcomes.append(outcome)
    return outcomes


def _type_problem(package: Any, declared: ir.TypeRef | None, value: object) -> str:
    """Why `value` is not of the declared type (models and lists of models checked), or ""."""
    if declared is None or (isinstance(declared, ir.Nullable) and value is None):
        return ""
    t = ir.strip_nullable(declared)
    if isinstance(t, ir.ModelRef):
        model = getattr(package.models, t.class_name)
        return "" if isinstance(value, model) else f"expected {t.class_name}, got {type(value).__name__}"
    if isinstance(t, ir.ListOf):
        if not isinstance(value, list):
            return f"expected a list, got {type(value).__name__}"
        return next((p for p in (_type_problem(package, t.item, item) for item in value) if p), "")
    return ""
