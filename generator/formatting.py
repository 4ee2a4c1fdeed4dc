"""Black for generated Python files: every file formatted once per distinct text, on every core.

Versions share most of their models, so the same unformatted text recurs across packages: a memo
keyed by the text's sha256 formats it once. Within a run, distinct texts are spread over a process
pool (black is CPU-bound).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

LINE_LENGTH = 120
_MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})


def _format_one(item: tuple[str, str]) -> str:
    path, source = item
    try:
        return black.format_str(source, mode=_MODE)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}") from None


class Formatter:
    """Formats batches of files; remembers every text it has formatted."""

    def __init__(self, workers: int | None = None) -> None:
        self._memo: dict[str, str] = {}
        self._workers = workers or min(4, os.cpu_count() or 1)

    def format_files(self, files: dict[str, str]) -> dict[str, str]:
        """Return `files` with every `.py` file formatted by black (others unchanged).

        Raises `InvalidInput` naming the file when a template produced invalid Python.
        """
        keys = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in files.items() if path.endswith(".py")}
        todo = {key: (path, files[path]) for path, key in keys.items() if key not in self._memo}
        if len(todo) > 64 and self._workers > 1:
            with ProcessPoolExecutor(self._workers) as pool:
                self._memo.update(zip(todo, pool.map(_format_one, todo.values(), chunksize=16)))
        else:
            self._memo.update((key, _format_one(item)) for key, item in todo.items())
        return {path: self._memo[keys[path]] if path in keys else text for path, text in files.items()}
