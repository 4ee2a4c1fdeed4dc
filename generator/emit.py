"""Write a rendered package to disk atomically, and know when it is already up to date.

The tree is written into a temporary directory beside the target and swapped in with renames, so a
reader sees the old package or the new one, never a half-written tree. A fingerprint of the inputs
(document hash, generator code, templates, options) is stored in the package; the next run that
finds the same fingerprint skips the version.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

FINGERPRINT_FILE = "FINGERPRINT"
_FINGERPRINT = re.compile(r"^fingerprint: ([0-9a-f]{64})$", re.MULTILINE)


def is_current(target: Path, fingerprint: str) -> bool:
    """True when `target` holds a complete package generated from the same inputs."""
    try:
        text = (target / FINGERPRINT_FILE).read_text(encoding="utf-8")
    except OSError:
        return False
    match = _FINGERPRINT.search(text)
    return match is not None and match.group(1) == fingerprint


def write_package(target: Path, files: dict[str, str], fingerprint: str, header: str) -> None:
    """Replace `target` with exactly `files` (relative paths), plus the fingerprint file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for folder in sorted({(staging / relative).parent for relative in files}):
            folder.mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():  # bytes: no text layer, newlines are "\n" already
            with open(staging / relative, "wb") as out:
                out.write(text.encode("utf-8"))
        (staging / FINGERPRINT_FILE).write_text(f"# {header}\nfingerprint: {fingerprint}\n", encoding="utf-8")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, old / "tree")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
