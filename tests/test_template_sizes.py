"""Every template stays short enough to read in one sitting (issue 14: under ~250 lines).

A template or runtime module that grows past the limit is split by concept, not cut in half; see
CONTRIBUTING.md ("Adding to a template or the runtime").
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
MAX_LINES = 250


def test_every_template_is_at_most_250_lines() -> None:
    caches = ("__pycache__", ".")  # bytecode, and tool caches such as .ruff_cache
    files = [p.relative_to(TEMPLATES) for p in sorted(TEMPLATES.rglob("*")) if p.is_file()]
    files = [p for p in files if not any(part.startswith(caches) for part in p.parts)]
    assert len(files) > 20, files  # the glob found the templates
    sizes = {str(p): len((TEMPLATES / p).read_text(encoding="utf-8").splitlines()) for p in files}
    assert {path: lines for path, lines in sizes.items() if lines > MAX_LINES} == {}
