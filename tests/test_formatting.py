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


WIDE_CALL = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
WIDE_STRING = '    "' + "s" * 130 + '",\n'
SCREEN = {
    "black's layout": ("import os\n\n\ndef f(a: int) -> int:\n    return a\n", False),
    "a wide line of code": (WIDE_CALL, True),
    "wide by East Asian width, not by length": ("x = f(" + "日" * 60 + ")\n", True),
    "narrow non-ASCII characters": ('x = f("' + "é" * 100 + '")\n', False),
    "a wide docstring line": ('class C:\n    """' + "d " * 70 + 'd\n    more\n    """\n', False),
    "a wide single-line docstring": ('class C:\n    """' + "d " * 70 + 'd"""\n', False),
    "a wide string element": ("x = [\n" + WIDE_STRING + "]\n", False),
    "a wide keyword string": ("f(\n    deprecated=" + WIDE_STRING.lstrip() + ")\n", False),
    "a wide import alias": ("from m import (\n    " + "N" * 60 + " as " + "N" * 60 + ",\n)\n", False),
    "a wide element black can split": ("x = [\n    f(" + ", ".join(["a" * 20] * 6) + "),\n]\n", True),
    "a triple quote in a literal": ('x = \'"""\'\ny = ' + "1 + " * 40 + "1\n", True),
    "a wide line after a triple quote in a literal": ('x = \'"""\'\n' + WIDE_CALL, True),
    "space at a line's end": ("x = 1 \n", True),
    "a tab at a line's end": ('x = """a\n"""\t\n', True),
    "no final newline": ("x = 1", True),
    "two final newlines": ("x = 1\n\n", True),
}


@pytest.mark.parametrize("case", sorted(SCREEN))
def test_screen_picks_what_black_might_change(case: str) -> None:
    text, expected = SCREEN[case]
    assert formatting.needs_black(text) is expected
    if not expected:  # what the screen lets through is black's output
        assert formatting.black.format_str(text, mode=formatting.MODE) == text


def test_rendered_files_go_to_black_only_when_the_screen_picks_them(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    real = formatting._format_one
    monkeypatch.setattr(formatting, "_format_one", lambda item: sent.append(item[0]) or real(item))
    files = {"pkg/wide.py": WIDE_CALL, "pkg/ugly.py": UGLY["pkg/b.py"], "README.md": "x"}
    out = Formatter(workers=1).format_files(files, rendered=True)
    assert sent == ["pkg/wide.py"]
    assert out["pkg/wide.py"] == formatting.black.format_str(WIDE_CALL, mode=formatting.MODE) != WIDE_CALL
    assert out["pkg/ugly.py"] == UGLY["pkg/b.py"]  # short lines: trusted to be the templates' (black's) layout
    assert Formatter(workers=1).format_files(files)["pkg/ugly.py"] == "def f(a):\n    return a\n"  # not rendered
