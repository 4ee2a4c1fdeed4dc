"""Helpers for the diff tests: tiny before/after documents, each ONE base document plus a JSON Patch.

`documents/base.json` is a small valid document; `documents/<case>.json` holds a `note` and two RFC 6902
patches (`before`, `after`) applied to it, so a case shows only what it changes.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonpatch
import pytest

from generator.build import build_api
from generator.diff.policy import Version
from generator.diff.report import PairReport, diff_pair

DOCUMENTS = Path(__file__).parent / "documents"
ROOT = Path(__file__).resolve().parents[2]


def base() -> dict[str, Any]:
    """A fresh copy of the base document every case patches."""
    document: dict[str, Any] = json.loads((DOCUMENTS / "base.json").read_text(encoding="utf-8"))
    return document


def patched(patch: list[dict[str, Any]], document: dict[str, Any] | None = None) -> dict[str, Any]:
    """`document` (default: the base) with an RFC 6902 patch applied; the input is not modified."""
    return jsonpatch.apply_patch(document if document is not None else base(), patch)  # type: ignore[no-any-return]


def case(name: str) -> dict[str, Any]:
    """`{"note", "before", "after"}` with both documents built from the base and the case's patches."""
    spec = json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))
    return {"note": spec.get("note", ""), "before": patched(spec["before"]), "after": patched(spec["after"])}


def pair_of(before: list[dict[str, Any]], after: list[dict[str, Any]], **kwargs: Any) -> PairReport:
    """The report of two patches of the base document (2.22 -> 2.23)."""
    return diff_pair(version(patched(before), "2.22"), version(patched(after), "2.23"), **kwargs)


def version(document: dict[str, Any], label: str, channel: str = "release", pinned: Any = None) -> Version:
    api = build_api(copy.deepcopy(document), version=label, file=f"{label}.json").api
    return Version(label, channel, pinned, api)  # type: ignore[arg-type]


def pair(name: str, **kwargs: Any) -> PairReport:
    c = case(name)
    return diff_pair(version(c["before"], "2.22"), version(c["after"], "2.23"), **kwargs)


def mirror() -> Path:
    return Path(os.environ.get("RUNAI_SPECS_MIRROR") or ROOT.parent / "shared" / "specs")


def need_mirror() -> Path:
    """The real documents, or skip (fail under CI: CI must have them)."""
    m = mirror()
    if not all((m / f"{v}.json").is_file() for v in ("2.22", "2.23", "2.24", "latest")):
        if os.environ.get("CI"):
            pytest.fail(f"real documents missing in {m} (CI must provide the mirror)")
        pytest.skip(f"real documents not available in {m}")
    return m
