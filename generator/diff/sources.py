"""Turn `OLD`/`NEW` arguments (a pinned version or a file) into built `Version`s for the diff.

A pinned version is read from `specs/synced/<version>.json` when synced, else from the mirror
(`$RUNAI_SPECS_MIRROR`, default `../shared/specs` beside the repository). A path to an existing file
is read as is; its label is the file name. Errors are `SourceError` with a message for the user.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _pins() -> dict[str, Any]:
    try:
        from generator import specs
    except ImportError:  # pragma: no cover - specs.py is part of the package
        return {}
    try:
        return dict(specs.load_pins())
    except specs.SpecError as e:
        raise SourceError(str(e)) from None


def history() -> list[Source]:
    """Every pinned version in history order (releases by number, then `latest`)."""
    from generator import specs

    return [_pinned(p.version) for p in specs.history(_pins())]


def _pinned(version: str) -> Source:
    pins = _pins()
    pin = pins[version]
    from generator import specs

    synced = specs.synced_path(version)
    path = synced if synced.is_file() else mirror_dir() / f"{version}.json"
    if not path.is_file():
        raise SourceError(
            f"version {version} is pinned but its document is not available: run "
            f"`runai-sdkgen specs sync {version}` (looked in {synced} and {path})"
        )
    return Source(version, path, pin.channel, pin.pinned)


def resolve(arg: str) -> Source:
    """A pinned version name, or a path to a JSON/YAML document."""
    pins = _pins()
    if arg in pins:
        return _pinned(arg)
    path = Path(arg)
    if path.is_file():
        return Source(path.name, path, "file", None)
    known = ", ".join(pins) or "none"
    raise SourceError(f"{arg!r} is neither a pinned version ({known}) nor an existing file")


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SourceError(f"cannot read {path}: {e.strerror}") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            import yaml  # type: ignore[import-untyped]

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as e:  # noqa: BLE001 - any parse error is the user's input problem
        raise SourceError(f"{path}: not a readable OpenAPI document: {e}") from None
    if not isinstance(data, dict) or "paths" not in data:
        raise SourceError(f"{path}: not an OpenAPI document (no 'paths')")
    return data


def _build(source: Source) -> Api:
    """Read and build one side. Build diagnostics are not fatal here: the diff uses what was built."""
    from generator.build import build_api

    document = _read(source.path)
    return build_api(document, version=source.label, file=str(source.path)).api


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
