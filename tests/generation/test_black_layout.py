"""The layout rules the templates share with black (`generator/layout.py`) give what the pinned black gives:
docstrings (a table of hostile texts, then random ones) and literals.

A docstring is checked where black treats it as one (module, class, method) and where it does not (an
attribute docstring): black must leave the generated text as it is, and must turn the plain form
(`\"\"\"text\"\"\"` with lines after the first indented) into it.
"""

from __future__ import annotations

import ast

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formatting import MODE, needs_black
from generator import layout
from generator.render import docstring, pystr

# document text black treats specially in a docstring, and what the escaping adds
TEXTS = [
    "Determines when the worker pods start.\n - `LeaderCreated`: after the leader.\n - `LeaderReady`: when ready.",
    "One line.",
    "  leading and trailing spaces  ",
    "First\n\tTabbed line\n\t\tTwice\n    four spaces",
    "First\n \tspace then tab\n\t space",
    'Ends in a quote: "x"',
    'Ends in two quotes ""',
    'Ends in three """',
    '"Starts" with a quote',
    '"',
    "Ends in a backslash \\",
    "Ends in two backslashes \\\\",
    "A backslash at the end of a line \\\nthen more",
    "Trailing spaces   \nand tabs\t\t\nhere",
    "Blank lines\n\n\n\nand lines of spaces\n   \n\t\nend",
    "Wide characters 日本語の説明文 " * 8,
    "Combining accents e\u0301\u0301\u0301 and zero-width\u200bspace",
    "Non-breaking\xa0spaces\xa0\nand ideographic\u3000\u3000 ones\u3000",
    "Control \x00\x07\x1b characters, \x1c separators\x1d, form\x0cfeed and \u2028 line separators",
    "Carriage\rreturns\r\nand CRLF",
    "x" * 200,
    "Short first\n" + "y" * 130,
    "Short first\n" + "z " * 70 + '"',
    "  \n  indented first line after a blank\n    deeper",
    "Escapes that look like black's: \\x0C \\u00E9 \\N{bullet} \\\\x41",
    "{{ jinja }} and %s and ''' single triple quotes",
]
POSITIONS = {0: "{doc}\n", 4: "class C:\n    {doc}\n", 8: "class C:\n    def f(self) -> None:\n        {doc}\n"}
ATTRIBUTE = "class C:\n    x: int\n    {doc}\n"  # not a docstring to black: it must leave it alone


def _black(source: str) -> str:
    return black.format_str(source, mode=MODE)


def _black_leaves(parts: list[str]) -> None:
    """Every docstring the filter makes from `parts` is left as it is by black, wherever it stands."""
    for indent, module in POSITIONS.items():
        source = module.format(doc=docstring(parts, indent))
        assert _black(source) == source, (parts, indent)
    attribute = ATTRIBUTE.format(doc=docstring(parts, 4))
    assert _black(attribute) == attribute, parts


def _black_makes(escaped: str) -> None:
    """`layout.docstring` is what black makes of the plain form: `\"\"\"text\"\"\"`, later lines indented (blank
    ones empty), closing quotes on a line of their own after several lines."""
    for indent, module in POSITIONS.items():
        pad = " " * indent
        first, *rest = escaped.split("\n")
        plain = first + "".join(f"\n{pad}{line}" if line else "\n" for line in rest) + (f"\n{pad}" if rest else "")
        plain += " " if plain.endswith('"') else ""  # a quote before the closing ones would not parse
        assert _black(module.format(doc=f'"""{plain}"""')) == module.format(doc=layout.docstring(escaped, indent))


@pytest.mark.parametrize("text", TEXTS)
def test_docstrings_of_hostile_text_are_left_alone_by_black(text: str) -> None:
    _black_leaves([text])
    _black_leaves([text, "Deprecated."])
    _black_leaves(["Summary", text, "Args:\n    x: the x."])


# escaped text (what `render.docstring` hands to `layout`): backslashes and quotes as escapes
ESCAPED = [
    "Determines when:\n - `A`: first.\n - `B`: then.",
    "a\n\tb\n\t\tc\n \td",
    'ends in a quote "',
    '"starts with one',
    'ends in escaped quotes \\"\\"\\"',
    "ends in an escaped backslash \\\\",
    "a line ending in an escaped backslash \\\\\nnext",
    "blank lines\n\n\n\nend",
    "wide 日本語 " * 20 + "\n" + "y" * 130,
    "\xa0non-breaking\xa0\nlines\u3000",
]


@pytest.mark.parametrize("escaped", ESCAPED)
def test_layout_docstring_is_what_black_makes_of_the_plain_form(escaped: str) -> None:
    _black_makes(escaped)


def test_the_startup_policy_docstring_loses_the_space_its_lines_share() -> None:
    text = "Determines when:\n - `A`: first.\n - `B`: then."
    assert docstring(text) == '"""Determines when:\n    - `A`: first.\n    - `B`: then.\n    """'


def test_docstring_pads_quotes_and_expands_leading_tabs_as_black_does() -> None:
    assert docstring('"quoted"') == '""" "quoted" """'
    assert docstring("a\n\tb\n\t\tc", 4) == '"""a\n    b\n        c\n    """'
    assert docstring("x \\") == '"""x \\\\"""'  # an escaped backslash: nothing to pad


_hostile_text = st.text(
    st.one_of(
        st.sampled_from([" ", "\t", "\n", "\r", '"', "'", "\\", "\xa0", "\u3000", "\x0c", "\u2028", "\x00"]),
        st.sampled_from(["日", "本", "\u0301", "\u200b", "😀", "x", "-", "`", "{", "N"]),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)
_long_words = st.integers(100, 140).map(lambda n: "w" * n)


@settings(max_examples=300, deadline=None, database=None)
@given(parts=st.lists(st.one_of(_hostile_text, _long_words, _hostile_text.map(lambda t: " " + t)), max_size=3))
def test_random_docstrings_are_what_black_makes_of_them(parts: list[str]) -> None:
    if not docstring(parts):
        assert all(not p.strip() for p in parts)
        return
    _black_leaves(parts)


def _trimmed(text: str) -> str:
    """As `render` escapes document text: no whitespace at either end nor at the end of a line."""
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


_escaped_text = st.lists(
    st.sampled_from([" ", "\t", "\n", '"', "\\\\", "\\x00", "日", "e\u0301", "\xa0", "\u3000", "x", "w" * 50]),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None, database=None)
@given(escaped=_escaped_text.map(_trimmed).filter(lambda t: t and '"""' not in t))
def test_layout_docstring_is_what_black_makes_of_random_plain_forms(escaped: str) -> None:
    _black_makes(escaped)


_json_scalars = st.one_of(
    st.text(st.one_of(st.sampled_from(["'", '"', "\\", "\n", "\x00", "é", "日"]), st.characters()), max_size=20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(),
    st.booleans(),
    st.none(),
)


@settings(max_examples=300, deadline=None, database=None)
@given(value=st.one_of(_json_scalars, st.lists(_json_scalars, max_size=3)))
def test_literals_are_written_as_black_writes_them(value: object) -> None:
    """Quotes black prefers, floats without `+` in the exponent; the screen sends a line too wide to black."""
    source = f"x = {pystr(value)}\n"
    assert needs_black(source) or _black(source) == source
    assert ast.literal_eval(pystr(value)) == value
