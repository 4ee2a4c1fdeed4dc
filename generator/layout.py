"""Black's layout for the few constructs whose length depends on the document.

Templates emit code that black leaves as it is: black still formats every file and stays the
authority, but it costs about twice as much on text it must rewrite. These functions lay out
pieces that are already safe source text (escaped literals, chosen identifiers); `render` marks
their results as code. The rules are black's: a construct that does not fit in `LINE_LENGTH`
breaks after its opening bracket; a call keeps its arguments on one line when they fit there,
a collection or an import goes one element per line with a trailing comma (none after a lone
collection element).
"""

from __future__ import annotations

from .formatting import LINE_LENGTH

__all__ = ["all_names", "call_statement", "decorator_call", "import_line", "keyword_dict", "pad"]


def pad(indent: int) -> str:
    """Spaces, for template lines whose indentation depends on where a macro is used."""
    return " " * indent


def _fits(indent: int, line: str) -> bool:
    return indent + len(line) <= LINE_LENGTH


def _exploded(opening: str, items: list[str], closing: str, indent: int, *, comma: bool = True) -> str:
    """`opening` at `indent`, each item on its own line one level deeper, then `closing`."""
    inner = pad(indent + 4)
    body = "".join(f"{inner}{item}{',' if comma else ''}\n" for item in items)
    return f"{pad(indent)}{opening}\n{body}{pad(indent)}{closing}"


def keyword_dict(keyword: str, items: list[str], indent: int) -> str:
    """`keyword={...}` at `indent` (a comma follows it in the caller)."""
    inline = f"{keyword}={{{', '.join(items)}}}"
    if _fits(indent, inline + ","):
        return pad(indent) + inline
    return _exploded(f"{keyword}={{", items, "}", indent, comma=len(items) > 1)


def import_line(module: str, names: list[str], indent: int) -> str:
    """`from module import a, b` at `indent`."""
    line = f"from {module} import {', '.join(names)}"
    return pad(indent) + line if _fits(indent, line) else _exploded(f"from {module} import (", names, ")", indent)


def all_names(quoted: list[str]) -> str:
    """`__all__ = [...]` of already quoted names, at module level."""
    line = f"__all__ = [{', '.join(quoted)}]"
    return line if _fits(0, line) else _exploded("__all__ = [", quoted, "]", 0)


def decorator_call(name: str, argument: str, indent: int) -> str:
    """`@name(argument)` at `indent`."""
    line = f"@{name}({argument})"
    return pad(indent) + line if _fits(indent, line) else _exploded(f"@{name}(", [argument], ")", indent, comma=False)


def call_statement(head: str, call: str, args: list[str], indent: int) -> str:
    """`head = call(args)` whose first line is already indented by the template to `indent`."""
    joined = ", ".join(args)
    if _fits(indent, f"{head} = {call}({joined})"):
        return f"{head} = {call}({joined})"
    if _fits(indent + 4, joined):
        return f"{head} = {call}(\n{pad(indent + 4)}{joined}\n{pad(indent)})"
    return _exploded(f"{head} = {call}(", args, ")", indent).lstrip(" ")
