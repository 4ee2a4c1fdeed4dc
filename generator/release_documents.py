"""The release's first stage: pin into the staging area and gather the documents it reads.

The new pin, the old pin of the same version (when it moves) and the version before it in the
history; the workspace's own synced copies are used when they match their pins, anything else is
synced (and verified) into staging, to be stored in the workspace only when the release commits.
"""

from __future__ import annotations

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import pinning, specs
from .specs import Pin, SpecError
from .workspace import Workspace

__all__ = ["Staged", "stage_documents"]


@dataclass
class Staged:
    """The documents a release reads, and the ones it will store in the workspace."""

    new: Pin
    old: Pin | None
    before: Pin | None
    documents: dict[str, Path]  # by pin sha256
    store: dict[str, Path]  # version -> staged document to copy into the workspace's synced/


def stage_documents(
    ws: Workspace,
    pins: dict[str, Pin],
    version: str,
    source: str | None,
    mirror: Path | None,
    staging: Path,
    today: datetime.date,
) -> Staged:
    """Pin into the staging area and gather the documents of the new pin, the old one and the version
    before it in the history. The workspace's own synced copies are used when they match their pins."""
    old = pins.get(version)
    synced = staging / "synced"
    store: dict[str, Path] = {}
    if source is not None:
        staged_pins = staging / "pins.json"
        shutil.copyfile(ws.pins, staged_pins)
        new = pinning.pin(version, source, pins_path=staged_pins, synced_dir=synced, today=today)
        if old is not None and old.sha256 == new.sha256:
            new = old  # the same document: keep the pin (and its date) as it is
        store[version] = specs.synced_path(version, synced)
    elif old is None:
        known = ", ".join(pins) or "none"
        raise SpecError(f"{version} is not pinned (pinned: {known}); give the document with --from PATH|URL")
    else:
        new = old
    after = {**pins, version: new}
    ordered = [p.version for p in specs.history(after)]
    index = ordered.index(version)
    before = after[ordered[index - 1]] if index > 0 else None
    documents: dict[str, Path] = {}
    if version in store:
        documents[new.sha256] = store[version]
    for p in (new, before):
        if p is not None and p.sha256 not in documents:
            documents[p.sha256] = _document(ws, p, mirror, synced, store)
    if old is not None and old.sha256 not in documents:
        kept = specs.synced_path(version, ws.synced)
        if kept.is_file() and specs.sha256_file(kept) == old.sha256:
            documents[old.sha256] = kept
    return Staged(new, old, before, documents, store)


def _document(ws: Workspace, p: Pin, mirror: Path | None, synced: Path, store: dict[str, Path]) -> Path:
    """The pinned document of `p`: the workspace's synced copy, else synced (verified) into staging."""
    if specs.is_synced(p, ws.synced):
        return specs.synced_path(p.version, ws.synced)
    [synced_result] = specs.sync({p.version: p}, [p.version], mirror, synced)
    store[p.version] = synced_result.path
    return synced_result.path
