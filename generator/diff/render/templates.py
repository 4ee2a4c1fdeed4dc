"""The jinja environments for `templates/report/`: strict, and autoescaping for HTML."""

from __future__ import annotations

import functools

import jinja2

from generator import paths

__all__ = ["TEMPLATE_DIR", "environment", "md_cell", "md_code", "some"]

TEMPLATE_DIR = paths.TEMPLATES / "report"


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no newlines, no raw HTML."""
    s = "" if value is None else str(value)
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(s.split())


def md_code(value: object) -> str:
    """Inline code that survives backticks inside (CommonMark: a longer fence)."""
    s = " ".join(("" if value is None else str(value)).split()).replace("|", "\\|")
    if not s:
        return ""
    fence = "`"
    while fence in s:
        fence += "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def some(items: tuple[str, ...] | list[str], shown: int = 4) -> str:
    """The first `shown` items, comma-separated, and how many more there are."""
    more = f" (+{len(items) - shown} more)" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


@functools.cache
def environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = md_cell
    env.filters["code"] = md_code
    env.filters["some"] = some
    return env
