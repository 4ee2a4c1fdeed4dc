"""Black for generated Python files: only where the templates' layout needs it, once per distinct text,
on every core.

The templates emit black's layout, so a rendered module is black's output already unless
`needs_black` finds something they cannot vouch for (in the real documents: one module of 2.22, none
of the other versions); only those are formatted, and tests check the rest against black. Versions
share most of their models, so the same unformatted text recurs across packages: a memo keyed by the
text's sha256 formats it once. Within a run, distinct texts are spread over a process pool (black is
CPU-bound). With a cache directory the memo outlives the run. Keys include black's version and mode,
so a cached text is always what this black would produce; entries unused for `CACHE_DAYS` are pruned.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput
from black.strings import str_width

LINE_LENGTH = 120
MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})
_KEY_PREFIX = f"black {importlib.metadata.version('black')} {LINE_LENGTH} py311\0".encode()
CACHE_DAYS = 30

_LONG_LINE = re.compile(rf"^.{{{LINE_LENGTH // 2 + 1},}}$", re.MULTILINE)  # a character is at most 2 wide
_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
# one element of an exploded bracket with nothing black could split at: a string, `name=string`,
# `string: string`, `name as name`, and the comma after it
_ELEMENT = re.compile(rf" +(?:(?:\w+=|{_STRING}: )?{_STRING}|\w+ as \w+),?")


def needs_black(text: str) -> bool:
    """Whether black might change `text`, a module the templates rendered (False: it is black's output).

    The templates emit black's layout for every construct, and the document reaches a module only as
    identifiers, string literals with black's quotes, docstrings laid out by black's own rule, and
    brackets that `layout` breaks where black does (tests check every file of the real, fixture,
    hostile and fuzzed packages against black). What they cannot vouch for is looked for here: a line
    wider than `LINE_LENGTH` as black measures it, unless it lies in a docstring or is an element of a
    broken bracket that black cannot split either (see `_ELEMENT`); whitespace at a line's end; a file
    not ending in exactly one newline. A triple quote that neither opens nor closes a line leaves the
    docstrings uncertain: black runs then too.
    """
    if not text.endswith("\n") or text.endswith("\n\n") or any(f"{space}\n" in text for space in " \t\f\r"):
        return True
    wide = [
        line.start()
        for line in _LONG_LINE.finditer(text)
        if str_width(line.group()) > LINE_LENGTH and not _ELEMENT.fullmatch(line.group())
    ]
    if not wide:
        return False
    spans = _docstring_lines(text)
    return spans is None or not all(any(a <= w < b for a, b in spans) for w in wide)


def _docstring_lines(text: str) -> list[tuple[int, int]] | None:
    """The lines of every triple-quoted string that opens a line and closes one (offsets of their
    first character and of the end of the last); None when a triple quote stands anywhere else."""
    quotes = [m.start() for m in re.finditer('"""', text)]
    if len(quotes) % 2:
        return None
    spans = []
    for opening, closing in zip(quotes[::2], quotes[1::2]):
        start, end = text.rfind("\n", 0, opening) + 1, closing + 3
        if text[start:opening].strip(" ") or text[closing - 1] == "\\" or text[end : end + 1] not in ("", "\n"):
            return None
        spans.append((start, end))
    return spans


def _format_one(item: tuple[str, str]) -> str:
    path, source = item
    try:
        return black.format_str(source, mode=MODE)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}") from None


class Formatter:
    """Formats batches of files; remembers every text it has formatted (on disk too, given `cache`)."""

    def __init__(self, workers: int | None = None, cache: Path | None = None) -> None:
        self._memo: dict[str, str] = {}
        self._workers = workers or min(4, os.cpu_count() or 1)
        self._cache = cache

    def format_files(self, files: dict[str, str], *, rendered: bool = False) -> dict[str, str]:
        """Return `files` with every `.py` file formatted by black (others unchanged); `rendered`: the
        files are the templates' output, black formats only those `needs_black` picks.

        Raises `InvalidInput` naming the file when black finds invalid Python.
        """
        keys = {
            path: hashlib.sha256(_KEY_PREFIX + text.encode()).hexdigest()
            for path, text in files.items()
            if path.endswith(".py") and (not rendered or needs_black(text))
        }
        todo = {}
        for path, key in keys.items():
            if key not in self._memo and not self._load(key):
                todo[key] = (path, files[path])
        if len(todo) > 64 and self._workers > 1:
            with ProcessPoolExecutor(self._workers) as pool:
                done = dict(zip(todo, pool.map(_format_one, todo.values(), chunksize=16)))
        else:
            done = {key: _format_one(item) for key, item in todo.items()}
        self._memo.update(done)
        for key, text in done.items():
            self._store(key, text)
        return {path: self._memo[keys[path]] if path in keys else text for path, text in files.items()}

    def prune(self) -> None:
        """Delete cache entries no run has used for `CACHE_DAYS` days."""
        if self._cache is None or not self._cache.is_dir():
            return
        limit = time.time() - CACHE_DAYS * 86400
        for entry in self._cache.glob("*/*.py"):
            if entry.stat().st_mtime < limit:
                entry.unlink(missing_ok=True)

    def _entry(self, key: str) -> Path:
        assert self._cache is not None
        return self._cache / key[:2] / f"{key}.py"

    def _load(self, key: str) -> bool:
        """Load `key` from the cache into the memo, marking the entry used; False when absent."""
        if self._cache is None:
            return False
        entry = self._entry(key)
        try:
            self._memo[key] = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        os.utime(entry)
        return True

    def _store(self, key: str, text: str) -> None:
        if self._cache is None:
            return
        entry = self._entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, entry)  # atomic: a reader sees the whole text or no entry
