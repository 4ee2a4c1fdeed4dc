"""From a file to the document `generate` and `diff` build: parse, bundle, validate, collecting diagnostics.

    load_document(path)  JSON or YAML → dict (bounded and checked by `parse.py`); a parse error
                         raises GenerationError (RSG001).
    bundle(path)         load + inline references to *other files* (prance, internal `#/...` refs kept);
                         only files inside the document's directory (`refs.py`), nothing fetched.
    validate(path)       bundle + check every `$ref` + graph checks (`refgraph.py`) + openapi-spec-validator
                         (`validator.py`); every problem becomes a Diagnostic with a JSON pointer; results
                         cached by sha256 in .cache/validate/.
    load(path)           validate + the bundled document that was validated: what `generate` and
                         `diff` build from.
    record_validations   validate pinned documents and record, in each pin whose document gave no
                         diagnostic beyond reading's own, the validator that said so (`validation_record()`).

Validation is a property of a document's bytes and of the validator: `validate` and `load` given the
`pin` of a document skip the checks when the pin records a validation by the installed validator and
the file has the pin's sha256 (`trusted`); anything else is validated (and cached) as usual.

Diagnostic codes (stable; never reuse a retired one) are defined, with their meaning, in `codes.py`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from generator import codes, parse, refs, specs
from generator.diagnostics import Diagnostic, GenerationError, Level
from generator.parse import MAX_BYTES
from generator.refgraph import graph_diagnostics
from generator.specs import Pin

__all__ = [
    "CACHE_DIR",
    "CACHE_FORMAT",
    "MAX_BYTES",
    "Loaded",
    "bundle",
    "load",
    "load_document",
    "parse_document",
    "record_validations",
    "trusted",
    "validate",
    "validation_record",
    "validator_fingerprint",
]

CACHE_DIR = specs.CACHE_DIR / "validate"
CACHE_FORMAT = 2  # bump when the diagnostics produced for the same input change


def parse_document(path: Path | str, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> parse.Parsed:
    """Parse a JSON or YAML OpenAPI document into a mapping, with the parser's warnings (RSG008/9, RSG040).

    Raises GenerationError with one diagnostic (RSG001 syntax with line/column, RSG002 unreadable or
    too large, RSG003 not a mapping, RSG005-RSG007 limits) instead of a parser exception.
    """
    path = Path(path)
    display = display or str(path)
    parsed = parse.parse(parse.read(path, display, max_bytes), path, display)
    if not isinstance(parsed.value, dict):
        got = type(parsed.value).__name__
        raise GenerationError([codes.RSG003(display, "", f"expected a mapping at the top, got {got}")])
    return parsed


def load_document(path: Path | str, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """`parse_document` without the warnings: the document as a mapping, or GenerationError."""
    value: dict[str, Any] = parse_document(path, display=display, max_bytes=max_bytes).value
    return value


@dataclass(frozen=True)
class _Bundled:
    document: dict[str, Any]
    diagnostics: list[Diagnostic]
    dependencies: tuple[Path, ...]  # other files read while bundling


def _bundle(path: Path, display: str, max_bytes: int = MAX_BYTES) -> _Bundled:
    parsed = parse_document(path, display=display, max_bytes=max_bytes)
    doc: dict[str, Any] = parsed.value
    diagnostics, any_local = refs.check_external_refs(doc, path.resolve(), display, max_bytes)
    diagnostics = parsed.diagnostics + diagnostics
    if not any_local or any(d.level is Level.ERROR for d in diagnostics):
        return _Bundled(doc, diagnostics + refs.check_internal_refs(doc, display), ())

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
    return _Bundled(bundled, diagnostics + refs.check_internal_refs(bundled, display), tuple(deps))


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


# the modules whose code decides which diagnostics a document gets, and their wording
_CHECKS = ("codes.py", "diagnostics.py", "load.py", "parse.py", "refgraph.py", "refs.py", "validator.py")


def validator_fingerprint() -> str:
    """Identifies everything that shapes the diagnostics: our format, our checks' code (a reworded
    message must not come back from the cache in its old words) and the libraries' versions."""
    return _fingerprint(Path(__file__).parent)


@functools.cache
def _fingerprint(checks_dir: Path) -> str:
    """`validator_fingerprint` of the checks in `checks_dir`: read once per run, not once per cache entry."""
    libs = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "prance")
    versions = [f"{name}={importlib.metadata.version(name)}" for name in libs]
    checks = hashlib.sha256(b"".join((checks_dir / name).read_bytes() for name in _CHECKS)).hexdigest()
    return ";".join([f"runai-sdkgen-validate={CACHE_FORMAT}", f"checks={checks[:16]}", *versions])


def validation_record() -> str:
    """What a pin records when validation found nothing (`recordable`): the installed validator and our checks."""
    version = importlib.metadata.version("openapi-spec-validator")
    return f"openapi-spec-validator {version} (runai-sdkgen checks {CACHE_FORMAT})"


def recordable(diagnostics: list[Diagnostic], read: list[Diagnostic]) -> bool:
    """True when validation found nothing beyond what reading the document reports (`read`: the parser's
    warnings, e.g. a misspelt keyword, which every load of the document reports again), so a pin may
    record it: trusting the record then loses no diagnostic."""
    return not any(d.level is Level.ERROR for d in diagnostics) and all(d in read for d in diagnostics)


def trusted(pin: Pin, path: Path) -> bool:
    """True when `pin` records a validation by the installed validator and `path` holds its bytes."""
    return pin.validated_by(validation_record()) and path.is_file() and specs.sha256_file(path) == pin.synced_sha256


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
    path: Path | str,
    *,
    display: str | None = None,
    cache_dir: Path | None = CACHE_DIR,
    max_bytes: int = MAX_BYTES,
    pin: Pin | None = None,
) -> Loaded:
    """Bundle and validate the document at `path`: the one pipeline from a file to what is built.
    `pin`: the pin of the document, whose record of a validation is trusted (see `validate`)."""
    path = Path(path)
    display = display or str(path)
    try:
        bundled = _bundle(path, display, max_bytes)
    except GenerationError as e:
        return Loaded(None, e.diagnostics)
    return Loaded(bundled.document, _validate(path, display, cache_dir, max_bytes, bundled, pin))


def validate(
    path: Path | str,
    *,
    display: str | None = None,
    cache_dir: Path | None = CACHE_DIR,
    max_bytes: int = MAX_BYTES,
    pin: Pin | None = None,
) -> list[Diagnostic]:
    """Every problem in the document at `path` (empty list: valid), never raising for a bad document.

    Bundles refs to other files, checks that every `$ref` resolves and that the reference graph has
    no inclusion cycle and is not too deep, then runs openapi-spec-validator (all errors, not just
    the first). Results are cached in `cache_dir/<sha256 of the file>.json`, keyed also by
    `validator_fingerprint()` and the hashes of bundled files; `cache_dir=None` disables the cache.
    `display` names the file in the diagnostics (default: `path` as given). `pin`: the document's pin;
    nothing is checked when it records a validation by the installed validator of these very bytes.
    """
    path = Path(path)
    return _validate(path, display or str(path), cache_dir, max_bytes, None, pin)


def _validate(
    path: Path, display: str, cache_dir: Path | None, max_bytes: int, bundled: _Bundled | None, pin: Pin | None
) -> list[Diagnostic]:
    try:
        data = parse.read(path, display, max_bytes)
    except GenerationError as e:
        return e.diagnostics
    sha256 = hashlib.sha256(data).hexdigest()
    if pin is not None and pin.validated_by(validation_record()) and sha256 == pin.synced_sha256:
        try:  # recorded when this validator found nothing in these bytes beyond what reading reports
            return list((bundled or _bundle(path, display, max_bytes)).diagnostics)
        except GenerationError as e:
            return e.diagnostics
    entry = cache_dir / f"{sha256}.json" if cache_dir else None
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
    # openapi-spec-validator takes ~0.2 s to import: a run whose pins are trusted never pays it
    from generator import validator

    if not any(d.level is Level.ERROR for d in diagnostics):
        diagnostics += graph_diagnostics(bundled.document, display)
    if not any(d.level is Level.ERROR for d in diagnostics):
        diagnostics += validator.schema_diagnostics(bundled.document, path, display)
    else:  # broken refs would stop the semantic checks; still report structural problems
        diagnostics += validator.structure_diagnostics(bundled.document, display)
    diagnostics = list(dict.fromkeys(diagnostics))  # same problem reached twice: report once
    if entry is not None:
        _cache_write(entry, base, bundled.dependencies, diagnostics)
    return diagnostics


def record_validations(
    pins_path: Path,
    synced_dir: Path,
    versions: Iterable[str] = (),
    *,
    cache_dir: Path | None = CACHE_DIR,
    max_bytes: int = MAX_BYTES,
) -> dict[str, list[Diagnostic]]:
    """Validate the synced documents of `versions` (all pins when empty) whose pins do not record a
    validation by the installed validator, and save in each pin whether it gave no diagnostic beyond
    reading's own (the record, `recordable`) or some (no record). A document that is not synced with its
    pin's sha256 is left out. Returns, for each document validated, what stands in the way of a record
    (an empty list: recorded)."""
    pins = specs.load_pins(pins_path)
    record, changed = validation_record(), False
    found: dict[str, list[Diagnostic]] = {}
    for p in specs.select(pins, versions):
        path = specs.synced_path(p.version, synced_dir)
        if p.validated_by(record) or not specs.is_synced(p, synced_dir):
            continue
        try:
            bundled = _bundle(path, path.name, max_bytes)
            diagnostics = _validate(path, path.name, cache_dir, max_bytes, bundled, None)
            one_file = not bundled.dependencies  # the pin covers one file's bytes: a bundle is never recorded
            read = bundled.diagnostics
        except GenerationError as e:
            diagnostics, one_file, read = e.diagnostics, True, []
        found[p.version] = [d for d in diagnostics if d not in read or d.level is Level.ERROR]
        pins[p.version] = p.recording(record if one_file and recordable(diagnostics, read) else None)
        changed |= pins[p.version] != p
    if changed:
        specs.save_pins(pins, pins_path)
    return found
