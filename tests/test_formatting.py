"""Black through `Formatter`: formatted once per distinct text, remembered on disk across runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import formatting
from generator.formatting import Formatter

UGLY = {"pkg/a.py": "x = {'a':1,\n'b':[1,2,]}\n", "pkg/b.py": "def f( a ):\n  return a\n", "README.md": "x  =  1\n"}


def _no_black(item: tuple[str, str]) -> str:
    raise AssertionError(f"black ran for {item[0]}")


def test_formats_python_files_only_and_remembers_across_instances(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Formatter(workers=1, cache=tmp_path).format_files(UGLY)
    assert first["pkg/a.py"] == 'x = {\n    "a": 1,\n    "b": [\n        1,\n        2,\n    ],\n}\n'
    assert first["pkg/b.py"] == "def f(a):\n    return a\n"
    assert first["README.md"] == UGLY["README.md"]
    assert len(list(tmp_path.glob("*/*.py"))) == 2

    monkeypatch.setattr(formatting, "_format_one", _no_black)
    assert Formatter(workers=1, cache=tmp_path).format_files(UGLY) == first  # a new run: from the cache
    with pytest.raises(AssertionError, match="black ran for pkg/"):
        Formatter(workers=1, cache=None).format_files(UGLY)  # no cache: black is needed


def test_an_unreadable_entry_is_formatted_again(tmp_path: Path) -> None:
    Formatter(workers=1, cache=tmp_path).format_files(UGLY)
    for entry in tmp_path.glob("*/*.py"):
        entry.write_bytes(b"\xff\xfe not utf-8")
    again = Formatter(workers=1, cache=tmp_path).format_files(UGLY)
    assert again["pkg/b.py"] == "def f(a):\n    return a\n"
    assert all(e.read_text(encoding="utf-8").endswith("\n") for e in tmp_path.glob("*/*.py"))  # rewritten


def test_prune_drops_entries_unused_for_the_cache_period(tmp_path: Path) -> None:
    formatter = Formatter(workers=1, cache=tmp_path)
    formatter.format_files(UGLY)
    old, recent = sorted(tmp_path.glob("*/*.py"))
    stale = time.time() - (formatting.CACHE_DAYS + 1) * 86400
    os.utime(old, (stale, stale))
    formatter.prune()
    assert not old.exists() and recent.exists()
