"""Parse an OpenAPI document, bundle its external references and validate it, collecting diagnostics.

    load_document(path)  JSON or YAML → dict (bounded and checked by `parse.py`); a parse error
                         raises GenerationError (RSG001).
    bundle(path)         load + inline references to *other files* (prance, internal `#/...` refs kept);
                         only files inside the document's directory, nothing fetched from a network.
    validate(path)       bundle + check every `$ref` + graph checks (`refgraph.py`) + openapi-spec-validator
                         (which resolves nothing outside the document); every problem becomes a
                         Diagnostic with a JSON pointer; results cached by sha256 in .cache/validate/.
    load(path)           validate + the bundled document that was validated: what `generate` and
                         `diff` build from.

Diagnostic codes (stable; never reuse a retired one) are defined, with their meaning, in `codes.py`.

An error that a declared fix-up (`specs pin --patch`) would fix names the patch in its message.
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

from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_spec_validator.validation import exceptions as osv_errors
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.validators import (
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    SpecValidator,
)

from generator import codes, parse, specs
from generator.diagnostics import Diagnostic, GenerationError, Level, pointer
from generator.parse import MAX_BYTES
from generator.refgraph import graph_diagnostics

__all__ = [
    "CACHE_DIR",
    "CACHE_FORMAT",
    "MAX_BYTES",
    "Loaded",
    "bundle",
    "load",
    "load_document",
    "parse_document",
    "validate",
    "validator_fingerprint",
]

CACHE_DIR = specs.CACHE_DIR / "validate"
CACHE_FORMAT = 2  # bump when the diagnostics produced for the same input change
_MAX_MESSAGE = 300

Json = Any  # a parsed JSON/YAML value; the walkers below check types as they go
Tokens = tuple[str | int, ...]


# ----------------------------------------------------------------------------------------- load
def _read(path: Path, display: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; RSG002 when unreadable or larger than `max_bytes` (never reads more)."""
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise GenerationError([codes.RSG002(display, "", f"cannot read {path}: {e.strerror or e}")]) from None
    if len(data) > max_bytes:
        message = f"larger than {max_bytes} bytes: not read (raise the limit with --max-document-size)"
        raise GenerationError([codes.RSG002(display, "", message)])
    return data


def _parse(data: bytes, path: Path, display: str) -> Json:
    return parse.parse(data, path, display).value


def parse_document(path: Path | str, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> parse.Parsed:
    """Parse a JSON or YAML OpenAPI document into a mapping, with the parser's warnings (RSG008/9, RSG040).

    Raises GenerationError with one diagnostic (RSG001 syntax with line/column, RSG002 unreadable or
    too large, RSG003 not a mapping, RSG005-RSG007 limits) instead of a parser exception.
    """
    path = Path(path)
    display = display or str(path)
    parsed = parse.parse(_read(path, display, max_bytes), path, display)
    if not isinstance(parsed.value, dict):
        got = type(parsed.value).__name__
        raise GenerationError([codes.RSG003(display, "", f"expected a mapping at the top, got {got}")])
    return parsed


def load_document(path: Path | str, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """`parse_document` without the warnings: the document as a mapping, or GenerationError."""
    value: dict[str, Any] = parse_document(path, display=display, max_bytes=max_bytes).value
    return value


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
            out.append(codes.RSG010(display, ptr, f"unresolvable reference {ref!r}: {e}"))
        except _Missing as e:
            out.append(codes.RSG010(display, ptr, f"unresolvable reference {ref!r}: {e.at} does not exist"))
    return out


def _external_target(ref: str, holder: Path, root: Path) -> tuple[Path | None, str]:
    """Where an external reference leads (None and why when it must not be followed): only
    relative paths that stay inside `root`, the document's directory; nothing is ever fetched."""
    location = ref.partition("#")[0]
    scheme = urllib.parse.urlsplit(location).scheme
    if scheme and len(scheme) > 1 and scheme != "file":  # one letter: a Windows drive, refused below
        return (
            None,
            f"remote reference {ref!r} is never fetched: save it beside the document and refer to it by a relative path",
        )
    relative = urllib.parse.unquote(location)
    if Path(relative).is_absolute() or scheme:
        return None, f"absolute reference {ref!r} is not followed: refer to files by a path relative to the document"
    target = (holder.parent / relative).resolve()
    if not target.is_relative_to(root):
        return None, f"reference {ref!r} leaves the document's directory {root}: not followed"
    return target, ""


def _check_external_refs(
    doc: Json, base: Path, display: str, max_bytes: int = MAX_BYTES
) -> tuple[list[Diagnostic], bool]:
    """Check refs to other files, and theirs in turn (file inside the document's directory, parses,
    fragment resolves); returns (diags, any_local)."""
    out: list[Diagnostic] = []
    root = base.parent
    loaded: dict[Path, Json | GenerationError] = {base: doc}
    any_local = False
    queue: list[tuple[Json, Path]] = [(doc, base)]
    while queue:
        current, holder = queue.pop(0)
        shown = display if holder == base else f"{display}: {os.path.relpath(holder, root)}"
        for where, ref in _iter_refs(current):
            if ref.startswith("#"):
                continue
            ptr = pointer(*where, "$ref")
            target, refusal = _external_target(ref, holder, root)
            if target is None:
                code = codes.RSG012 if refusal.startswith("remote") else codes.RSG014
                out.append(code(display, ptr, f"{refusal}" + (f" (in {shown})" if holder != base else "")))
                continue
            any_local = True
            if target not in loaded:
                try:
                    loaded[target] = _parse(_read(target, str(target), max_bytes), target, str(target))
                    queue.append((loaded[target], target))
                except GenerationError as e:
                    loaded[target] = e
            content = loaded[target]
            if isinstance(content, GenerationError):
                reason = "; ".join(d.message for d in content.diagnostics)
                out.append(codes.RSG011(display, ptr, f"unresolvable reference {ref!r}: {reason}"))
                continue
            try:
                _resolve(content, _fragment_tokens(ref.partition("#")[2]))
            except ValueError as e:
                out.append(codes.RSG011(display, ptr, f"unresolvable reference {ref!r}: {e}"))
            except _Missing as e:
                message = f"unresolvable reference {ref!r}: {e.at} does not exist in {target.name}"
                out.append(codes.RSG011(display, ptr, message))
    return out, any_local


@dataclass(frozen=True)
class _Bundled:
    document: dict[str, Any]
    diagnostics: list[Diagnostic]
    dependencies: tuple[Path, ...]  # other files read while bundling


def _bundle(path: Path, display: str, max_bytes: int = MAX_BYTES) -> _Bundled:
    parsed = parse_document(path, display=display, max_bytes=max_bytes)
    doc: dict[str, Any] = parsed.value
    diagnostics, any_local = _check_external_refs(doc, path.resolve(), display, max_bytes)
    diagnostics = parsed.diagnostics + diagnostics
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
            diagnostics + [codes.RSG013(display, "", f"cannot bundle external references: {message}")],
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


def bundle(
    path: Path | str, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Load `path` and inline references to other files; internal `#/...` references are kept.

    Returns the bundled document and the parser's and the references' diagnostics (RSG008/9,
    RSG010-RSG014, RSG040). Raises GenerationError when the file itself cannot be loaded.
    """
    path = Path(path)
    result = _bundle(path, display or str(path), max_bytes)
    return result.document, result.diagnostics


# ------------------------------------------------------------------------------------- validate
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


def _schema_diagnostics(doc: dict[str, Any], path: Path, display: str) -> list[Diagnostic]:
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
    cls = _VALIDATORS.get(major_minor)
    if cls is None:
        supported = ", ".join(_VALIDATORS)
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
        return [codes.lookup(d["code"])(display, d["pointer"], d["message"]) for d in data["diagnostics"]]
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


@dataclass(frozen=True)
class Loaded:
    """A document as `generate` and `diff` build it: bundled, with every diagnostic of `validate`.
    `document` is None when the file could not be read or parsed at all."""

    document: dict[str, Any] | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        """True when there is a document and no diagnostic is an error."""
        return self.document is not None and not any(d.level is Level.ERROR for d in self.diagnostics)


def load(
    path: Path | str, *, display: str | None = None, cache_dir: Path | None = CACHE_DIR, max_bytes: int = MAX_BYTES
) -> Loaded:
    """Bundle and validate the document at `path`: the one pipeline from a file to what is built."""
    path = Path(path)
    display = display or str(path)
    try:
        bundled = _bundle(path, display, max_bytes)
    except GenerationError as e:
        return Loaded(None, e.diagnostics)
    return Loaded(bundled.document, _validate(path, display, cache_dir, max_bytes, bundled))


def validate(
    path: Path | str,
    *,
    display: str | None = None,
    cache_dir: Path | None = CACHE_DIR,
    max_bytes: int = MAX_BYTES,
) -> list[Diagnostic]:
    """Every problem in the document at `path` (empty list: valid), never raising for a bad document.

    Bundles refs to other files, checks that every `$ref` resolves and that the reference graph has
    no inclusion cycle and is not too deep, then runs openapi-spec-validator (all errors, not just
    the first). Results are cached in `cache_dir/<sha256 of the file>.json`, keyed also by
    `validator_fingerprint()` and the hashes of bundled files; `cache_dir=None` disables the cache.
    `display` names the file in the diagnostics (default: `path` as given).
    """
    path = Path(path)
    return _validate(path, display or str(path), cache_dir, max_bytes, None)


def _validate(
    path: Path, display: str, cache_dir: Path | None, max_bytes: int, bundled: _Bundled | None
) -> list[Diagnostic]:
    try:
        data = _read(path, display, max_bytes)
    except GenerationError as e:
        return e.diagnostics
    entry = cache_dir / f"{hashlib.sha256(data).hexdigest()}.json" if cache_dir else None
    base = path.resolve()
    if entry is not None and entry.is_file():
        cached = _cache_read(entry, base, display)
        if cached is not None:
            return cached

    try:
        bundled = bundled or _bundle(path, display, max_bytes)
    except GenerationError as e:
        return e.diagnostics  # not cached: cheap to redo, and the message names the path
    diagnostics = list(bundled.diagnostics)
    if not any(d.level is Level.ERROR for d in diagnostics):
        diagnostics += graph_diagnostics(bundled.document, display)
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
