"""A cache of built IRs for the diff: pickles under `.cache/ir/`, keyed by document and builder code.

Building the IR of a Run:ai document is most of what `diff` costs (~0.3 s per version on a quiet
machine, against ~20 ms to unpickle it). The key is the sha256 of the document's bytes, the version
label (it names the package) and a hash of the code that builds an IR (`generator/*.py`, the
diff package excluded), so editing the builder or the naming rules invalidates every entry. Only
pinned documents are cached (their bytes are checked against the pin); a file given on the command
line is always built fresh. A cache that cannot be read or written is only slower.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.ir import Api

__all__ = ["CACHE_DIR", "builder_fingerprint", "cached_api"]

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("RUNAI_SDKGEN_IR_CACHE") or ROOT / ".cache" / "ir")
_BUILDER = Path(__file__).resolve().parents[1]


@functools.cache
def builder_fingerprint() -> str:
    """sha256 of the IR-building code (`generator/*.py`) and the interpreter's pickle-relevant version."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in sorted(_BUILDER.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _entry(document: bytes, label: str, cache_dir: Path) -> Path:
    key = hashlib.sha256(document + b"\0" + label.encode() + b"\0" + builder_fingerprint().encode()).hexdigest()
    return cache_dir / f"{key}.pickle"


def cached_api(document: Path, label: str, build: Callable[[], Api], cache_dir: Path | None = CACHE_DIR) -> Api:
    """The IR of `document` for `label`: from the cache when present, else `build()` (then stored)."""
    if cache_dir is None:
        return build()
    try:
        entry = _entry(document.read_bytes(), label, cache_dir)
    except OSError:
        return build()
    try:
        with entry.open("rb") as f:
            api = pickle.load(f)
        if isinstance(api, Api):
            return api
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    api = build()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{entry.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(api, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass
    return api
