"""Turn `OLD`/`NEW` arguments (a pinned version or a file) into built `Version`s for the diff.

Both go through the pipeline `generate` uses: a pinned version is the synced document of its pin
(sha256 checked, the pin's declared fix-up applied; synced from the mirror `$RUNAI_SPECS_MIRROR`,
default `../shared/specs`, when it is not synced yet), and every document is loaded by
`load.load` (parsed with the limits, bundled, validated). `--pins`, `--synced-dir`, `--cache-dir` and
`--max-document-size` of the command line are honoured. A document with errors (a Swagger 2.0 file,
a dangling `$ref`) is a `SourceError` whose message lists the diagnostics, never an empty document.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from generator import specs
from generator.diagnostics import Level
from generator.parse import MAX_BYTES
from generator.diff.ircache import cached_api, cached_digest
from generator.diff.policy import Version
from generator.ir import Api

__all__ = ["SourceError", "Source", "history", "load", "load_history_only", "mirror_dir", "resolve"]

ROOT = Path(__file__).resolve().parents[2]


class SourceError(Exception):
    """An argument that names neither a pinned version nor a readable OpenAPI document."""


@dataclass(frozen=True)
class Source:
    """Where one side of a diff comes from."""

    label: str
    path: Path
    channel: str  # "release" | "saas" | "file"
    pinned: datetime.date | None


def mirror_dir() -> Path:
    return Path(os.environ.get("RUNAI_SPECS_MIRROR") or ROOT.parent / "shared" / "specs")


@dataclass(frozen=True)
class _Where:
    """The command line's settings (or the defaults outside a command)."""

    pins_path: Path
    synced_dir: Path
    cache_dir: Path | None
    max_bytes: int


def _where() -> _Where:
    context = click.get_current_context(silent=True)
    obj: Any = context.find_root().obj if context is not None else None
    return _Where(
        getattr(obj, "pins_path", specs.PINS_PATH),
        getattr(obj, "synced_dir", specs.SYNCED_DIR),
        getattr(obj, "cache_dir", specs.CACHE_DIR),
        getattr(obj, "max_bytes", MAX_BYTES),
    )


def _pins() -> dict[str, specs.Pin]:
    path = _where().pins_path
    if not path.exists():
        return {}  # files can still be compared
    try:
        return dict(specs.load_pins(path))
    except specs.SpecError as e:
        raise SourceError(str(e)) from None


def history() -> list[Source]:
    """Every pinned version in history order (releases by number, then `latest`)."""
    pins = _pins()
    return [_pinned(p) for p in specs.history(pins)]


def _pinned(pin: specs.Pin) -> Source:
    """The synced document of a pin, synced from the mirror first when missing or stale."""
    where = _where()
    if not specs.is_synced(pin, where.synced_dir):
        mirror = mirror_dir()
        try:
            specs.sync({pin.version: pin}, [pin.version], mirror, where.synced_dir, pins_dir=where.pins_path.parent)
        except specs.SpecError as e:
            raise SourceError(
                f"version {pin.version} is pinned but its document is not available: {e}; run "
                f"`runai-sdkgen specs sync {pin.version}` (or set RUNAI_SPECS_MIRROR)"
            ) from None
    return Source(pin.version, specs.synced_path(pin.version, where.synced_dir), pin.channel, pin.pinned)


def resolve(arg: str) -> Source:
    """A pinned version name, or a path to a JSON/YAML document."""
    pins = _pins()
    if arg in pins:
        return _pinned(pins[arg])
    path = Path(arg)
    if path.is_file():
        return Source(path.name, path, "file", None)
    known = ", ".join(pins) or "none"
    raise SourceError(f"{arg!r} is neither a pinned version ({known}) nor an existing file")


def _build(source: Source) -> Api:
    """Load (validated, as `generate` does) and build one side. Document errors are a SourceError;
    build diagnostics are not fatal here: the diff uses what was built."""
    from generator import load as loading
    from generator.build import build_api

    where = _where()
    cache = where.cache_dir / "validate" if where.cache_dir else None
    pin = _pins().get(source.label) if source.channel != "file" else None  # its record of a validation
    loaded = loading.load(source.path, display=str(source.path), cache_dir=cache, max_bytes=where.max_bytes, pin=pin)
    if loaded.document is None or not loaded.ok:
        errors = [d for d in loaded.diagnostics if d.level is Level.ERROR]
        shown = "\n".join(str(d) for d in errors[:10])
        more = f"\n... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise SourceError(f"{source.path}: not a readable OpenAPI document: {len(errors)} error(s)\n{shown}{more}")
    return build_api(loaded.document, version=source.label, file=str(source.path)).api


def load(source: Source) -> Version:
    """One side of a diff; a pinned document's IR comes from the IR cache when it was built before."""
    if source.channel not in ("release", "saas"):
        return Version(source.label, "file", source.pinned, _build(source))
    api = cached_api(source.path, source.label, lambda: _build(source))
    found = cached_digest(source.path, source.label, lambda: api)
    return Version(source.label, source.channel, source.pinned, api, found)  # type: ignore[arg-type]


def load_history_only(source: Source) -> Version:
    """A version needed only for the deprecation history of a later pair: its digest, an empty IR."""
    if source.channel not in ("release", "saas"):
        return load(source)
    found = cached_digest(source.path, source.label, lambda: _build(source))
    empty = Api(source.label, "", "", "", "", None, None, (), (), (), (), ())
    return Version(source.label, source.channel, source.pinned, empty, found)  # type: ignore[arg-type]


def load_all(sources: Sequence[Source]) -> list[Version]:
    return [load(s) for s in sources]
