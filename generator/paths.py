"""Where the tool's own files are, in a repository checkout or in an installed package.

In a checkout they are `templates/` and `specs/pins.json` beside `generator/`; an installed package
carries the same files as `generator/_templates/` and `generator/_specs/pins.json` (pyproject.toml maps
them with `package-dir`, so the repository keeps one copy).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CHECKOUT", "DEFAULT_PINS", "TEMPLATES"]

_HERE = Path(__file__).resolve().parent


def _installed_or_checkout(installed: Path, checkout: Path) -> Path:
    return installed if installed.exists() else checkout


TEMPLATES = _installed_or_checkout(_HERE / "_templates", _HERE.parent / "templates")
"""package/, report/ and runtime/ templates."""
DEFAULT_PINS = _installed_or_checkout(_HERE / "_specs" / "pins.json", _HERE.parent / "specs" / "pins.json")
"""The pins of the supported versions that `runai-sdkgen init` copies into a new workspace."""
CHECKOUT: Path | None = _HERE.parent if (_HERE.parent / "specs" / "pins.json").is_file() else None
"""The repository the tool runs from, when it runs from a checkout (None when installed)."""
