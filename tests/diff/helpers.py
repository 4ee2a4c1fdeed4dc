"""Helpers for the diff tests: tiny before/after documents in `documents/<case>.json`."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_api
from generator.diff.policy import Version
from generator.diff.report import PairReport, diff_pair

DOCUMENTS = Path(__file__).parent / "documents"
ROOT = Path(__file__).resolve().parents[2]


def case(name: str) -> dict[str, Any]:
    return json.loads((DOCUMENTS / f"{name}.json").read_text(encoding="utf-8"))


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
