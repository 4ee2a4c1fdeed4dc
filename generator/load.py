"""Parse an OpenAPI document, bundle its external references and validate it, collecting diagnostics.

    load_document(path)  JSON or YAML → dict; a parse error raises GenerationError (RSG001).
    bundle(path)         load + inline references to *other files* (prance, internal `#/...` refs kept).
    validate(path)       bundle + check every `$ref` + openapi-spec-validator; every problem becomes a
                         Diagnostic with a JSON pointer; results cached by sha256 in .cache/validate/.

Diagnostic codes (stable; never reuse a retired one):

    RSG001 error    the file is not valid JSON/YAML (line and column in the message)
    RSG002 error    the file cannot be read
    RSG003 error    the document is not a mapping, or has no `openapi` version
    RSG004 error    unsupported OpenAPI version (3.0 and 3.1 are supported)
    RSG010 error    an internal `$ref` (`#/...`) points at nothing
    RSG011 error    an external `$ref` (another file) cannot be resolved
    RSG012 warning  a remote (http) `$ref` is not bundled or checked
    RSG013 error    bundling external references failed (e.g. a recursive external reference)
    RSG030 error    the document does not match the OpenAPI schema
    RSG031 error    a schema object is not a valid schema
    RSG032 error    duplicate operationId
    RSG033 error    path parameter not declared, or declared but not in the path template
    RSG034 error    duplicate parameter
    RSG035 error    `required` names a property that is not defined
    RSG036 error    a `default` value does not match its schema
    RSG037 error    duplicate tag name
    RSG038 error    other semantic validation error
    RSG039 error    validation stopped early (the validator raised); later errors may be missing
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml  # type: ignore[import-untyped]  # PyYAML; stubs: types-PyYAML
from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_spec_validator.validation import exceptions as osv_errors
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.validators import (
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    SpecValidator,
)

from generator import specs
from generator.diagnostics import Diagnostic, GenerationError, Level, pointer

__all__ = [
    "CACHE_DIR",
    "CACHE_FORMAT",
    "bundle",
    "load_document",
    "validate",
    "validator_fingerprint",
]

CACHE_DIR = specs.CACHE_DIR / "validate"
CACHE_FORMAT = 1  # bump when the diagnostics produced for the same input change
_MAX_MESSAGE = 300

Json = Any  # a parsed JSON/YAML value; the walkers below check types as they go
Tokens = tuple[str | int, ...]


# ----------------------------------------------------------------------------------------- load
class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML without timestamp resolution: dates stay strings, as they would in JSON."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _stringify_keys(value: Json) -> Json:
    """YAML reads `200:` as an int key; OpenAPI keys are strings."""
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _diag(file: str, ptr: str, code: str, message: str, level: Level = Level.ERROR) -> Diagnostic:
    return Diagnostic(file=file, pointer=ptr, code=code, level=level, message=message)


def _parse(data: bytes, path: Path, display: str) -> Json:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GenerationError([_diag(display, "", "RSG001", f"not UTF-8 text (byte {e.start}): {e.reason}")]) from None
    is_json = path.suffix.lower() == ".json" or (
        path.suffix.lower() not in (".yaml", ".yml") and text.lstrip().startswith(("{", "["))
    )
    if is_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            msg = f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}"
            raise GenerationError([_diag(display, "", "RSG001", msg)]) from None
    try:
        return _stringify_keys(yaml.load(text, Loader=_YamlLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise GenerationError([_diag(display, "", "RSG001", f"invalid YAML{where}: {problem}")]) from None


def _read(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise GenerationError([_diag(display, "", "RSG002", f"cannot read {path}: {e.strerror or e}")]) from None


def load_document(path: Path | str, *, display: str | None = None) -> dict[str, Any]:
    """Parse a JSON or YAML OpenAPI document (JSON for `.json`, YAML for `.yaml`/`.yml`).

    Raises GenerationError with one diagnostic (RSG001 syntax with line/column, RSG002 unreadable,
    RSG003 not a mapping) instead of a parser exception. `display` names the file in diagnostics.
    """
    path = Path(path)
    display = display or str(path)
    doc = _parse(_read(path, display), path, display)
    if not isinstance(doc, dict):
        raise GenerationError(
            [
                _diag(
                    display,
                    "",
                    "RSG003",
                    f"expected a mapping at the top, got {type(doc).__name__}",
                )
            ]
        )
    return doc


# ----------------------------------------------------------------------------------------- refs
_SKIP_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def _iter_refs(doc: Json) -> Iterator[tuple[Tokens, str]]:
    """Every `$ref` string in the document with the tokens of the object holding it."""
    stack: list[tuple[Tokens, Json]] = [((), doc)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield where, ref
            for key, value in reversed(node.items()):
                if key not in _SKIP_KEYS and isinstance(value, (dict, list)):
                    stack.append(((*where, key), value))
        elif isinstance(node, list):
            for i in range(len(node) - 1, -1, -1):
                if isinstance(node[i], (dict, list)):
                    stack.append(((*where, i), node[i]))


def _fragment_tokens(fragment: str) -> list[str]:
    """`/components/schemas/A~1B` (URI fragment, percent-encoded) → ["components", "schemas", "A/B"]."""
    fragment = urllib.parse.unquote(fragment)
    if fragment == "":
        return []
    if not fragment.startswith("/"):
        raise ValueError(f"fragment {fragment!r} is not a JSON pointer")
    return [t.replace("~1", "/").replace("~0", "~") for t in fragment[1:].split("/")]


class _Missing(Exception):
    def __init__(self, at: str) -> None:
        super().__init__(at)
        self.at = at


def _resolve(doc: Json, tokens: list[str] | Tokens) -> Json:
    node = doc
    for i, token in enumerate(tokens):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and str(token).isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise _Missing(pointer(*tokens[: i + 1]))
    return node


def _check_internal_refs(doc: Json, display: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for where, ref in _iter_refs(doc):
        if not ref.startswith("#"):
            continue
        ptr = pointer(*where, "$ref")
        try:
            _resolve(doc, _fragment_tokens(ref[1:]))
        except ValueError as e:
            out.append(_diag(display, ptr, "RSG010", f"unresolvable reference {ref!r}: {e}"))
        except _Missing as e:
            out.append(_diag(display, ptr, "RSG010", f"unresolvable reference {ref!r}: {e.at} does not exist"))
    return out


def _check_external_refs(doc: Json, base: Path, display: str) -> tuple[list[Diagnostic], bool]:
    """Check refs to other files (file exists, parses, fragment resolves); returns (diags, any_local)."""
    out: list[Diagnostic] = []
    loaded: dict[Path, Json | GenerationError] = {}
    any_local = False
    for where, ref in _iter_refs(doc):
        if ref.startswith("#"):
            continue
        ptr = pointer(*where, "$ref")
        location, _, fragment = ref.partition("#")
        if urllib.parse.urlsplit(location).scheme in ("http", "https"):
            out.append(
                _diag(
                    display,
                    ptr,
                    "RSG012",
                    f"remote reference {ref!r} is not bundled or checked",
                    Level.WARNING,
                )
            )
            continue
        any_local = True
        target = (base.parent / urllib.parse.unquote(location)).resolve()
        if target not in loaded:
            try:
                loaded[target] = _parse(_read(target, str(target)), target, str(target))
            except GenerationError as e:
                loaded[target] = e
        content = loaded[target]
        if isinstance(content, GenerationError):
            reason = "; ".join(d.message for d in content.diagnostics)
            out.append(_diag(display, ptr, "RSG011", f"unresolvable reference {ref!r}: {reason}"))
            continue
        try:
            _resolve(content, _fragment_tokens(fragment))
        except ValueError as e:
            out.append(_diag(display, ptr, "RSG011", f"unresolvable reference {ref!r}: {e}"))
        except _Missing as e:
            out.append(
                _diag(
                    display,
                    ptr,
                    "RSG011",
                    f"unresolvable reference {ref!r}: {e.at} does not exist in {target.name}",
                )
            )
    return out, any_local


@dataclass(frozen=True)
class _Bundled:
    document: dict[str, Any]
    diagnostics: list[Diagnostic]
    dependencies: tuple[Path, ...]  # other files read while bundling


def _bundle(path: Path, display: str) -> _Bundled:
    doc = load_document(path, display=display)
    diagnostics, any_local = _check_external_refs(doc, path.resolve(), display)
    if not any_local or any(d.level is Level.ERROR for d in diagnostics):
        return _Bundled(doc, diagnostics + _check_internal_refs(doc, display), ())

    # prance inlines refs to other files only (RESOLVE_FILES); internal `#/...` refs stay refs, so
    # recursive schemas are fine and the tree does not explode. No parser: nothing validates here.
    from prance.util.resolver import RESOLVE_FILES, RefResolver  # type: ignore[import-untyped]
    from prance.util.url import ResolutionError  # type: ignore[import-untyped]

    cache: dict[Any, Any] = {}
    resolver = RefResolver(doc, path.resolve().as_uri(), resolve_types=RESOLVE_FILES, reference_cache=cache)
    try:
        resolver.resolve_references()
    except (ResolutionError, ValueError, OSError) as e:
        message = " ".join(str(e).split())
        return _Bundled(
            doc,
            diagnostics + [_diag(display, "", "RSG013", f"cannot bundle external references: {message}")],
            (),
        )
    bundled = cast(dict[str, Any], resolver.specs)
    deps = sorted(
        {
            Path(urllib.request.url2pathname(urllib.parse.urlsplit(key[0]).path)).resolve()
            for key in cache
            if isinstance(key, tuple) and str(key[0]).startswith("file:")
        }
        - {path.resolve()}
    )
    return _Bundled(bundled, diagnostics + _check_internal_refs(bundled, display), tuple(deps))


def bundle(path: Path | str, *, display: str | None = None) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Load `path` and inline references to other files; internal `#/...` references are kept.

    Returns the bundled document and the reference diagnostics (RSG010-RSG013). Raises
    GenerationError when the file itself cannot be loaded.
    """
    path = Path(path)
    result = _bundle(path, display or str(path))
    return result.document, result.diagnostics


# ------------------------------------------------------------------------------------- validate
_LOCATION = "_rsg_location"  # attribute set on errors by the locating keyword validators
_KEYWORD_CODES: list[tuple[type[Any], str]] = [
    (keywords.ValueValidator, "RSG036"),
    (keywords.TagsValidator, "RSG037"),
    (keywords.SchemaValidator, "RSG031"),
]
_ERROR_CODES: list[tuple[type[Exception], str]] = [
    (osv_errors.DuplicateOperationIDError, "RSG032"),
    (osv_errors.UnresolvableParameterError, "RSG033"),
    (osv_errors.ParameterDuplicateError, "RSG034"),
    (osv_errors.ExtraParametersError, "RSG035"),
]


def _locating(cls: type[keywords.KeywordValidator]) -> type[keywords.KeywordValidator]:
    """A subclass of a keyword validator that records where (SchemaPath parts) each error came from."""

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
        where = next((a for a in args if isinstance(a, SchemaPath)), None)
        for err in cls.__call__(self, *args, **kwargs):
            if not hasattr(err, _LOCATION) and where is not None:
                extra = ("default",) if isinstance(self, keywords.ValueValidator) else ()
                code = next((c for k, c in _KEYWORD_CODES if isinstance(self, k)), "RSG038")
                setattr(err, _LOCATION, ((*where.parts, *extra, *err.path), code))
            yield err

    return type(cls.__name__, (cls,), {"__call__": __call__})


def _locating_validator(base: type[SpecValidator]) -> type[SpecValidator]:
    wrapped = {name: _locating(cls) for name, cls in base.keyword_validators.items()}
    return type(base.__name__, (base,), {"keyword_validators": wrapped})


_VALIDATORS: dict[str, type[SpecValidator]] = {
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
                target = _fragment_tokens(ref[1:])
                node, real = _resolve(doc, target), list(target)
            if isinstance(node, list):
                node = node[int(part)]
            else:
                node = node[part]
            real.append(part)
        for _ in range(64):  # an error on a `$ref` object is an error on its target
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not (isinstance(ref, str) and ref.startswith("#")):
                break
            target = _fragment_tokens(ref[1:])
            node, real = _resolve(doc, target), list(target)
    except (KeyError, IndexError, ValueError, TypeError, _Missing):
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
        out.append(_diag(display, pointer(*err.absolute_path), "RSG030", _short(err.message)))
    return out


def _schema_diagnostics(doc: dict[str, Any], path: Path, display: str) -> list[Diagnostic]:
    version = doc.get("openapi")
    if not isinstance(version, str):
        if "swagger" in doc:
            return [
                _diag(
                    display,
                    "/swagger",
                    "RSG004",
                    "Swagger 2.0 is not supported; convert it to OpenAPI 3",
                )
            ]
        return [_diag(display, "", "RSG003", "not an OpenAPI document: no 'openapi' version string")]
    major_minor = ".".join(version.split(".")[:2])
    cls = _VALIDATORS.get(major_minor)
    if cls is None:
        supported = ", ".join(_VALIDATORS)
        return [
            _diag(
                display,
                "/openapi",
                "RSG004",
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
            parts, code = getattr(err, _LOCATION, ((), "RSG038"))
            code = next((c for k, c in _ERROR_CODES if isinstance(err, k)), code)
            out.append(_diag(display, pointer(*_real_tokens(doc, tuple(parts))), code, _short(err.message)))
    except Exception as e:  # the validator follows refs and may raise on what we reported already
        out.append(_diag(display, "", "RSG039", _short(f"validation stopped early: {type(e).__name__}: {e}")))
    return out


def validator_fingerprint() -> str:
    """Identifies everything that shapes the diagnostics: our format and the libraries' versions."""
    libs = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "prance")
    versions = [f"{name}={importlib.metadata.version(name)}" for name in libs]
    return ";".join([f"runai-sdkgen-validate={CACHE_FORMAT}", *versions])


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_read(entry: Path, base: Path, display: str) -> list[Diagnostic] | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if data.get("validator") != validator_fingerprint():
            return None
        for rel, sha in data.get("dependencies", {}).items():
            dep = base.parent / rel
            if not dep.is_file() or _sha256(dep) != sha:
                return None
        return [_diag(display, d["pointer"], d["code"], d["message"], Level(d["level"])) for d in data["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _cache_write(entry: Path, base: Path, deps: tuple[Path, ...], diagnostics: list[Diagnostic]) -> None:
    data = {
        "validator": validator_fingerprint(),
        "dependencies": {os.path.relpath(d, base.parent): _sha256(d) for d in deps},
        "diagnostics": [
            {"pointer": d.pointer, "code": d.code, "level": d.level.value, "message": d.message} for d in diagnostics
        ],
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written is only slower


def validate(
    path: Path | str,
    *,
    display: str | None = None,
    cache_dir: Path | None = CACHE_DIR,
) -> list[Diagnostic]:
    """Every problem in the document at `path` (empty list: valid), never raising for a bad document.

    Bundles refs to other files, checks that every `$ref` resolves, then runs openapi-spec-validator
    (all errors, not just the first). Results are cached in `cache_dir/<sha256 of the file>.json`,
    keyed also by `validator_fingerprint()` and the hashes of bundled files; `cache_dir=None` disables
    the cache. `display` names the file in the diagnostics (default: `path` as given).
    """
    path = Path(path)
    display = display or str(path)
    try:
        data = _read(path, display)
    except GenerationError as e:
        return e.diagnostics
    entry = cache_dir / f"{hashlib.sha256(data).hexdigest()}.json" if cache_dir else None
    base = path.resolve()
    if entry is not None and entry.is_file():
        cached = _cache_read(entry, base, display)
        if cached is not None:
            return cached

    try:
        bundled = _bundle(path, display)
    except GenerationError as e:
        return e.diagnostics  # not cached: cheap to redo, and the message names the path
    diagnostics = list(bundled.diagnostics)
    if not any(d.level is Level.ERROR for d in diagnostics):
        diagnostics += _schema_diagnostics(bundled.document, path, display)
    elif "openapi" in bundled.document:
        # broken refs would stop the semantic checks; still report structural problems
        cls = _VALIDATORS.get(".".join(str(bundled.document["openapi"]).split(".")[:2]))
        if cls is not None:
            diagnostics += _structure_diagnostics(cls, bundled.document, display)
    diagnostics = list(dict.fromkeys(diagnostics))  # same problem reached twice: report once
    if entry is not None:
        _cache_write(entry, base, bundled.dependencies, diagnostics)
    return diagnostics
