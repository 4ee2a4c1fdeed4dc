"""A workspace: the directory that holds the pins and everything made from them.

`runai-sdkgen init DIR` makes one: `pins.json` (the supported versions), then, as commands run,
`synced/` (the documents), `generated/` (the packages), `dist/` (wheels, sdists, SHA256SUMS),
`reports/` (change reports), `releases.json` (each version's client revision) and `.cache/`.
The repository itself is a workspace with its pins in `specs/`.

Which one a command uses: `--workspace DIR`, else the current directory when it holds `pins.json`
(or `specs/pins.json`), else the checkout the tool runs from.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import paths

__all__ = ["Workspace", "WorkspaceError", "find", "init"]

_GITIGNORE = "# Made by runai-sdkgen: documents, caches and build output.\nsynced/\n.cache/\ngenerated/\ndist/\n"


class WorkspaceError(Exception):
    """No usable workspace, with a message for the user."""


@dataclass(frozen=True)
class Workspace:
    """The paths of one workspace."""

    root: Path
    pins: Path
    synced: Path
    cache: Path
    generated: Path
    dist: Path
    reports: Path
    releases: Path

    @classmethod
    def flat(cls, root: Path) -> Workspace:
        """The layout `init` writes: everything at the top of `root`."""
        return cls(
            root,
            root / "pins.json",
            root / "synced",
            root / ".cache",
            root / "generated",
            root / "dist",
            root / "reports",
            root / "releases.json",
        )

    @classmethod
    def repository(cls, root: Path) -> Workspace:
        """The repository's own layout: pins, synced documents and revisions under `specs/`."""
        specs = root / "specs"
        return cls(
            root,
            specs / "pins.json",
            specs / "synced",
            root / ".cache",
            root / "generated",
            root / "dist",
            root / "reports",
            specs / "releases.json",
        )


def _at(root: Path) -> Workspace | None:
    if (root / "pins.json").is_file():
        return Workspace.flat(root)
    if (root / "specs" / "pins.json").is_file():
        return Workspace.repository(root)
    return None


def find(explicit: Path | None, cwd: Path) -> Workspace | None:
    """The workspace a command uses (see the module docstring); None when there is none."""
    if explicit is not None:
        found = _at(explicit.resolve())
        if found is None:
            raise WorkspaceError(
                f"{explicit} is not a workspace (no pins.json); create one: runai-sdkgen init {explicit}"
            )
        return found
    return _at(cwd.resolve()) or (Workspace.repository(paths.CHECKOUT) if paths.CHECKOUT else None)


def init(root: Path) -> Workspace:
    """Create a workspace in `root` with the pins of the supported versions; refuses to overwrite one."""
    if _at(root) is not None:
        raise WorkspaceError(f"{root} is already a workspace; nothing written")
    root.mkdir(parents=True, exist_ok=True)
    ws = Workspace.flat(root)
    shutil.copyfile(paths.DEFAULT_PINS, ws.pins)
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(_GITIGNORE, encoding="utf-8")
    return ws
