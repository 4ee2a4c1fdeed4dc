"""Black's layout for the few constructs whose length or text depends on the document.

Templates emit code that black leaves as it is, so that black runs only on the files whose layout
they cannot guarantee (`formatting.needs_black`). These functions lay out pieces that are already
safe source text (escaped text, literals, chosen identifiers) or write a value with `repr`; `render`
marks their results as code. The
rules are black's: a construct wider than `LINE_LENGTH` (as black measures width: East Asian wide
characters count 2) breaks after its opening bracket; a call keeps its arguments on one line when
they fit there, a collection or an import goes one element per line with a trailing comma (none
after a lone collection element); a string literal has the quotes black prefers, a float black's
exponent; a docstring is what black's docstring rule makes of it.
"""

from __future__ import annotations

import re

from black.numerics import format_scientific_notation
from black.strings import fix_multiline_docstring, normalize_string_quotes, str_width

from .formatting import LINE_LENGTH

__all__ = [
    "all_names",
    "call_statement",
    "decorator_call",
    "docstring",
    "float_literal",
    "import_line",
    "keyword_dict",
    "pad",
    "string_literal",
]


def pad(indent: int) -> str:
    """Spaces, for template lines whose indentation depends on where a macro is used."""
    return " " * indent


def _fits(indent: int, line: str) -> bool:
    return indent + str_width(line) <= LINE_LENGTH


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
    """`__all__ = []` of already quoted names, at module level."""
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


def string_literal(value: str) -> str:
    """`repr(value)` with the quotes black prefers. `repr` chose single quotes unless the text holds a
    single quote and no double quote; without a double quote (so no quote at all) black swaps them,
    with one black's own `normalize_string_quotes` decides (it is slow: most strings skip it)."""
    literal = repr(value)
    if literal[0] == "'":
        return f'"{literal[1:-1]}"' if '"' not in value else normalize_string_quotes(literal)
    return literal


def float_literal(value: float) -> str:
    """`repr(value)` as black writes a number: `1e300`, not `1e+300` (black's `format_scientific_notation`)."""
    literal = repr(value)
    return format_scientific_notation(literal) if "e" in literal else literal


def docstring(text: str, indent: int) -> str:
    """The docstring black makes of `text` written as `\"\"\"text\"\"\"` at `indent`: lines after the first
    indented (blank ones empty), the closing quotes on a line of their own when there are several lines.

    `text` is escaped (no quote or backslash can end the literal), holds a character that is not
    whitespace, and has none at either end or at the end of a line. The steps are those of
    `LineGenerator.visit_STRING` in the pinned black (26.10.1), with black's own `fix_multiline_docstring`
    (PEP 257: leading tabs expanded, the indentation lines 2+ share removed, trailing spaces stripped);
    a quote at either end is padded with a space. Black's move of the closing quotes to a line of their
    own never applies: they are there already (several lines) or the text is one line. Tests compare
    this with black on hostile texts (tests/generation/test_black_layout.py).
    """
    pad_ = pad(indent)
    first, *rest = text.split("\n")
    content = first + "".join("\n" + (pad_ + line if line.strip() else "") for line in rest)
    content += "\n" + pad_ if rest else ""
    if re.search(r"\\\s*\n", content):
        return f'"""{content}"""'  # black leaves a docstring holding a backslash-newline as it is
    body = fix_multiline_docstring(content, pad_) if rest else content.strip()
    if body.startswith('"'):
        body = " " + body
    if body.endswith('"'):
        body += " "
    return f'"""{body}"""'
