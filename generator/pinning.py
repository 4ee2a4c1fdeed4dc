"""`specs pin`: pin a version to a document (a local path or an http(s) URL), adding the pin or moving it.

The new pin records the document's sha256, its URL and tag, today's date and, with `--patch`, the declared
fix-up (`fixups.py`) and the patched document's sha256; the document is stored as the synced copy.
"""

from __future__ import annotations

import datetime
import urllib.parse
from pathlib import Path

from generator.diagnostics import GenerationError
from generator.fixups import apply_patch
from generator.parse import parse
from generator.specs import (
    DOWNLOAD_TIMEOUT,
    PATCHES,
    PINS_PATH,
    SYNCED_DIR,
    Pin,
    SpecError,
    channel_for,
    download,
    is_valid_version,
    load_pins,
    save_pins,
    sha256_bytes,
    synced_path,
    write_atomic,
)

__all__ = ["pin"]


def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def _tag_from_url(url: str) -> str | None:
    """The git ref in a raw.githubusercontent.com URL (`/<owner>/<repo>/<ref>/<path>`), else None."""
    parts = urllib.parse.urlsplit(url)
    segments = parts.path.strip("/").split("/")
    if parts.netloc == "raw.githubusercontent.com" and len(segments) >= 4:
        return segments[2]
    return None


def pin(
    version: str,
    source: str | Path,
    *,
    pins_path: Path = PINS_PATH,
    synced_dir: Path | None = SYNCED_DIR,
    tag: str | None = None,
    today: datetime.date | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
    patch: Path | None = None,
) -> Pin:
    """Pin `version` to the document at `source` (a local path or an http(s) URL), adding or moving it.

    Records the sha256, the URL (only when `source` is a URL), the tag (given, or read from a
    raw.githubusercontent.com URL) and today's date, saves the pins file and, when `synced_dir` is
    given, stores the document as the synced copy so it can be validated at once. The document must
    be JSON (it is synced as `<version>.json`). `patch`: an RFC 6902 JSON Patch, copied beside the
    pins file and applied to the synced copy (the pin records both hashes).
    """
    if not is_valid_version(version):
        raise SpecError(f"invalid version {version!r}: expected e.g. '2.24' or 'latest'")
    text = str(source)
    if _is_url(text):
        data, url = download(text, timeout, what=version), text
    else:
        path = Path(source)
        try:
            data, url = path.read_bytes(), None
        except OSError as e:
            raise SpecError(f"{version}: cannot read {path}: {e.strerror or e}") from None
    _check_json(data, version, text)
    synced, patch_ref, patched_sha = data, None, None
    if patch is not None:
        synced = apply_patch(data, patch, version)
        patch_ref, patched_sha = f"{PATCHES}/{version}.json", sha256_bytes(synced)
    pins = load_pins(pins_path) if pins_path.exists() else {}
    new = Pin(
        version=version,
        sha256=sha256_bytes(data),
        url=url,
        source=tag if tag is not None else (_tag_from_url(url) if url else None),
        pinned=today or datetime.date.today(),
        channel=channel_for(version),
        patch=patch_ref,
        patched_sha256=patched_sha,
    )
    if patch is not None:
        write_atomic(pins_path.parent / f"{PATCHES}/{version}.json", patch.read_bytes())
    else:
        (pins_path.parent / PATCHES / f"{version}.json").unlink(missing_ok=True)
    pins[version] = new
    save_pins(pins, pins_path)
    if synced_dir is not None:
        write_atomic(synced_path(version, synced_dir), synced)
    return new


def _check_json(data: bytes, version: str, text: str) -> None:
    """A pinned document must be JSON (bounded: no depth blow-up, no NaN), with a pointer when too deep."""
    try:
        parse(data, Path(f"{version}.json"), text)
    except GenerationError as e:
        [d] = e.diagnostics
        where = f" at {d.pointer}" if d.pointer and d.pointer not in d.message else ""
        raise SpecError(
            f"{version}: {text} is not a JSON document that can be pinned: {d.code}: {d.message}{where}; "
            "pinned documents are stored as <version>.json"
        ) from None
