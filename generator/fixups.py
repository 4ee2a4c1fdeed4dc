"""Declared fix-ups: an RFC 6902 JSON Patch that a pin applies to a vendor document before it is used.

Fix-ups are for documents the validator rejects for reasons that do not affect the code (e.g.
`info.version` written as a number). A pin names its patch (`patches/<version>.json`, beside the pins
file) and records the sha256 of the patched document, which is what `sync` stores and checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonpatch

from generator.specs import SpecError

__all__ = ["apply_patch"]


def apply_patch(data: bytes, patch_file: Path, what: str) -> bytes:
    """The document `data` with the RFC 6902 JSON Patch in `patch_file` applied, as deterministic JSON."""
    try:
        operations = json.loads(patch_file.read_bytes())
    except OSError as e:
        raise SpecError(f"{what}: cannot read the patch {patch_file}: {e.strerror or e}") from None
    except ValueError as e:
        raise SpecError(f"{what}: the patch {patch_file} is not JSON: {e}") from None
    if not isinstance(operations, list):
        raise SpecError(f"{what}: the patch {patch_file} must be a JSON array of RFC 6902 operations")
    try:
        document = json.loads(data)
        patched = jsonpatch.JsonPatch(operations).apply(document)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        jsonpatch.JsonPatchException,
        jsonpatch.JsonPointerException,
    ) as e:
        reason = str(e).split(" in {", 1)[0][:200]  # the library quotes the whole document
        raise SpecError(f"{what}: the patch {patch_file} does not apply: {reason}") from None
    except RecursionError:
        raise SpecError(f"{what}: the document is nested too deep to patch") from None
    return (json.dumps(patched, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
