"""openapi-spec-validator, wrapped: it never fetches anything, and each of its errors becomes a
Diagnostic with the JSON pointer of the real location (through `$ref`s) and a stable code.

    schema_diagnostics(doc, path, display)   structure (the OpenAPI JSON schema) first, then, when the
                                             structure is sound, the semantic checks (RSG030-RSG039)
    structure_diagnostics(doc, display)      the structure check alone (for documents with broken refs)

An error that a declared fix-up (`specs pin --patch`) would silence names the patch in its message.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_spec_validator.validation import exceptions as osv_errors
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.validators import (
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    SpecValidator,
)

from generator import codes, parse
from generator.diagnostics import Diagnostic, pointer
from generator.refs import Missing, fragment_tokens, resolve

__all__ = ["VALIDATORS", "schema_diagnostics", "structure_diagnostics"]

_MAX_MESSAGE = 300

Json = Any
Tokens = tuple[str | int, ...]

_LOCATION = "_rsg_location"  # attribute set on errors by the locating keyword validators
_KEYWORD_CODES: list[tuple[type[Any], codes.Code]] = [
    (keywords.ValueValidator, codes.RSG036),
    (keywords.TagsValidator, codes.RSG037),
    (keywords.SchemaValidator, codes.RSG031),
]
_ERROR_CODES: list[tuple[type[Exception], codes.Code]] = [
    (osv_errors.DuplicateOperationIDError, codes.RSG032),
    (osv_errors.UnresolvableParameterError, codes.RSG033),
    (osv_errors.ParameterDuplicateError, codes.RSG034),
    (osv_errors.ExtraParametersError, codes.RSG035),
]


def _locating(cls: type[keywords.KeywordValidator]) -> type[keywords.KeywordValidator]:
    """A subclass of a keyword validator that records where (SchemaPath parts) each error came from."""

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
        where = next((a for a in args if isinstance(a, SchemaPath)), None)
        for err in cls.__call__(self, *args, **kwargs):
            if not hasattr(err, _LOCATION) and where is not None:
                extra = ("default",) if isinstance(self, keywords.ValueValidator) else ()
                code = next((c for k, c in _KEYWORD_CODES if isinstance(self, k)), codes.RSG038)
                setattr(err, _LOCATION, ((*where.parts, *extra, *err.path), code))
            yield err

    return type(cls.__name__, (cls,), {"__call__": __call__})


class _NoFetching(dict[str, Any]):
    """Resolver handlers for every URI scheme that refuse: the validator must never read a file or
    the network (jsonschema-path falls back to `urlopen` for a scheme without a handler)."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return _refuse


def _refuse(uri: str) -> Any:
    raise ValueError(f"not fetched: {uri}")


def _locating_validator(base: type[SpecValidator]) -> type[SpecValidator]:
    wrapped = {name: _locating(cls) for name, cls in base.keyword_validators.items()}
    return type(base.__name__, (base,), {"keyword_validators": wrapped, "resolver_handlers": _NoFetching()})


VALIDATORS: dict[str, type[SpecValidator]] = {
    "3.0": _locating_validator(OpenAPIV30SpecValidator),
    "3.1": _locating_validator(OpenAPIV31SpecValidator),
}


def _real_tokens(doc: Json, parts: Tokens) -> Tokens:
    """Turn a traversal path (which may pass through `$ref`s) into the pointer of the real location."""
    node, real = doc, list(parts[:0])
    try:
        for part in parts:
            for _ in range(64):  # follow chains of internal refs, not cycles
                ref = node.get("$ref") if isinstance(node, dict) and part != "$ref" else None
                if not (isinstance(ref, str) and ref.startswith("#")):
                    break
                target = fragment_tokens(ref[1:])
                node, real = resolve(doc, target), list(target)
            if isinstance(node, list):
                node = node[int(part)]
            else:
                node = node[part]
            real.append(part)
        for _ in range(64):  # an error on a `$ref` object is an error on its target
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not (isinstance(ref, str) and ref.startswith("#")):
                break
            target = fragment_tokens(ref[1:])
            node, real = resolve(doc, target), list(target)
    except (KeyError, IndexError, ValueError, TypeError, Missing):
        return parts
    return tuple(real)


def _short(message: str) -> str:
    message = " ".join(message.split())
    if len(message) <= _MAX_MESSAGE:
        return message
    return message[: _MAX_MESSAGE - 1] + "…"


def _structure_diagnostics(cls: type[SpecValidator], doc: dict[str, Any], display: str) -> list[Diagnostic]:
    """The document against the OpenAPI JSON schema; for `oneOf`/`anyOf` failures, the best sub-error."""
    out: list[Diagnostic] = []
    for err in cls.schema_validator.iter_errors(doc):
        best = best_match(err.context) if err.context else None
        err = best if best is not None else err
        ptr = pointer(*err.absolute_path)
        out.append(codes.RSG030(display, ptr, _short(err.message) + _patch_hint(err, ptr)))
    return out


def _patch_hint(err: ValidationError, ptr: str) -> str:
    """For errors that do not affect the generated code, the declared fix-up that would silence them."""
    if err.validator == "type" and err.validator_value == "string" and isinstance(err.instance, (int, float)):
        op = {"op": "replace", "path": ptr, "value": str(err.instance)}
    elif err.validator == "additionalProperties" and isinstance(err.instance, dict):
        wrong = [k for k in err.instance if k in parse.MISSPELLINGS]
        if not wrong:
            return ""
        op = {"op": "move", "from": f"{ptr}/{wrong[0]}", "path": f"{ptr}/{parse.MISSPELLINGS[wrong[0]]}"}
    else:
        return ""
    return f" (declare a fix-up: specs pin VERSION --from DOC --patch FIX.json, FIX.json = [{json.dumps(op)}])"


def schema_diagnostics(doc: dict[str, Any], path: Path, display: str) -> list[Diagnostic]:
    """Every problem openapi-spec-validator finds in `doc` (bundled; `path` is its base URI, never read)."""
    version = doc.get("openapi")
    if not isinstance(version, str):
        if "swagger" in doc:
            return [
                codes.RSG004(
                    display,
                    "/swagger",
                    "Swagger 2.0 is not supported; convert it to OpenAPI 3",
                )
            ]
        return [codes.RSG003(display, "", "not an OpenAPI document: no 'openapi' version string")]
    major_minor = ".".join(version.split(".")[:2])
    cls = VALIDATORS.get(major_minor)
    if cls is None:
        supported = ", ".join(VALIDATORS)
        return [
            codes.RSG004(
                display,
                "/openapi",
                f"unsupported OpenAPI version {version!r} (supported: {supported})",
            )
        ]

    out = _structure_diagnostics(cls, doc, display)
    if out:
        return out  # the semantic checks assume a structurally valid document

    # built from the dict so the validator applies its own resolver handlers and cache settings
    validator = cls(doc, base_uri=path.resolve().as_uri())
    try:
        for err in validator.root_validator(validator.schema_path):
            parts, code = getattr(err, _LOCATION, ((), codes.RSG038))
            code = next((c for k, c in _ERROR_CODES if isinstance(err, k)), code)
            out.append(code(display, pointer(*_real_tokens(doc, tuple(parts))), _short(err.message)))
    except Exception as e:  # the validator follows refs and may raise on what we reported already
        out.append(codes.RSG039(display, "", _short(f"validation stopped early: {type(e).__name__}: {e}")))
    return out


def structure_diagnostics(doc: dict[str, Any], display: str) -> list[Diagnostic]:
    """The structure check alone, for a document whose broken refs would stop the semantic checks
    (nothing when its OpenAPI version is missing or unsupported: the caller reported that already)."""
    cls = VALIDATORS.get(".".join(str(doc.get("openapi")).split(".")[:2]))
    return _structure_diagnostics(cls, doc, display) if cls is not None else []
