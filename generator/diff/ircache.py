"""A cache of built IRs for the diff and `generate`: pickles under `.cache/ir/`, keyed by document and builder code.

Building the IR of a Run:ai document is most of what `diff` costs (~0.3 s per version on a quiet
machine, against ~20 ms to unpickle it). The key is the sha256 of the document's bytes, the version
label (it names the package) and a hash of the code that builds an IR (`generator/*.py`, the
diff package excluded), so editing the builder or the naming rules invalidates every entry. Only
pinned documents are cached (their bytes are checked against the pin); a file given on the command
line is always built fresh. Beside each IR, the deprecation digest the policy reads of the versions
before a pair (`policy.Digest`); `generate` keeps its build results (IR and diagnostics) with `cached`.
A cache that cannot be read or written is only slower. The entries
are pickles: the cache directory must be as trusted as the repository (it is inside it).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.diff.policy import Digest, digest
from generator.ir import Api

T = TypeVar("T")

__all__ = ["CACHE_DIR", "builder_files", "builder_fingerprint", "cached", "cached_api", "cached_digest"]

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("RUNAI_SDKGEN_IR_CACHE") or ROOT / ".cache" / "ir")
_BUILDER = Path(__file__).resolve().parents[1]


# modules of `generator/` that never shape an IR (commands, planning, rendering, writing, fetching)
_NOT_BUILDER = frozenset(
    {
        "cli.py",
        "cli_context.py",
        "cli_generate.py",
        "cli_release.py",
        "cli_specs.py",
        "generate.py",
        "forks.py",
        "modules.py",
        "render.py",
        "python_types.py",
        "emit.py",
        "formatting.py",
        "layout.py",
        "specs.py",
        "load.py",
    }
)


def builder_files() -> list[Path]:
    """The IR-building code: `generator/*.py` but the commands, the module plan and the renderers."""
    return sorted(path for path in _BUILDER.glob("*.py") if path.name not in _NOT_BUILDER)


@functools.cache
def builder_fingerprint() -> str:
    """sha256 of the IR-building code (`builder_files`) and Python's version."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in builder_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def digest_fingerprint() -> str:
    """The builder's fingerprint and the code that makes a digest (`diff/policy.py`, `diff/deprecations.py`)."""
    digest_ = hashlib.sha256(builder_fingerprint().encode())
    for name in ("policy.py", "deprecations.py"):
        digest_.update(name.encode() + b"\0" + (_BUILDER / "diff" / name).read_bytes())
    return digest_.hexdigest()


def _entry(document: bytes, label: str, cache_dir: Path, code: str, suffix: str) -> Path:
    """`<sha256 of document and label>-<code fingerprint><suffix>`: one live entry per document."""
    key = hashlib.sha256(document + b"\0" + label.encode()).hexdigest()[:32]
    return cache_dir / f"{key}-{code[:16]}{suffix}"


def _read(entry: Path, kind: type[T]) -> T | None:
    enabled = gc.isenabled()
    gc.disable()  # an IR is ~10^5 acyclic objects: collecting while they load only costs time
    try:
        with entry.open("rb") as f:
            value = pickle.load(f)
        return value if isinstance(value, kind) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    finally:
        if enabled:
            gc.enable()


def _write(entry: Path, value: object, suffix: str) -> None:
    """Write atomically, then drop the entries of the same document built by older code."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        for stale in entry.parent.glob(f"{entry.name.split('-')[0]}-*{suffix}"):
            if stale != entry:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only slower


def cached(
    document: Path, label: str, build: Callable[[], T], kind: type[T], cache_dir: Path | None, code: str, suffix: str
) -> T:
    """What `build()` makes of `document` for `label` (a `kind`), made by the code `code` fingerprints:
    from the cache (entries ending in `suffix`) when present, else built (then stored)."""
    if cache_dir is None:
        return build()
    try:
        entry = _entry(document.read_bytes(), label, cache_dir, code, suffix)
    except OSError:
        return build()
    value = _read(entry, kind)
    if value is None:
        value = build()
        _write(entry, value, suffix)
    return value


def cached_api(document: Path, label: str, build: Callable[[], Api], cache_dir: Path | None = CACHE_DIR) -> Api:
    """The IR of `document` for `label`: from the cache when present, else `build()` (then stored)."""
    return cached(document, label, build, Api, cache_dir, builder_fingerprint(), ".pickle")


def cached_digest(document: Path, label: str, build: Callable[[], Api], cache_dir: Path | None = CACHE_DIR) -> Digest:
    """The deprecation digest of `document` (what the policy reads of an earlier version), cached
    beside its IR: a few kB to read instead of the whole IR."""
    if cache_dir is None:
        return digest(build())
    try:
        entry = _entry(document.read_bytes(), label, cache_dir, digest_fingerprint(), ".digest")
    except OSError:
        return digest(build())
    found = _read(entry, Digest)
    if found is None:
        found = digest(cached_api(document, label, build, cache_dir))
        _write(entry, found, ".digest")
    return found
