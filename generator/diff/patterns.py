"""Does a new `pattern` accept every string the old one did? Decided only when it can be shown.

    accepts_all_of(old, new)   True when `new` is `old` with anchors dropped, character classes widened or
                               repetition counts widened, escaping aside; False when that cannot be shown

Patterns are read as a flat list of tokens: a set of characters (a literal, an escaped punctuation
character, a class `[...]` of literals and ranges, `.`), a repetition count (`* + ? {m,n}`), an anchor
(`^ $`) and anything else verbatim (groups, `|`, `\\d`, negated classes, back-references). Token by token,
`new` must accept at least what `old` does: an equal token, a wider set, a wider count, or an anchor of
`old` that `new` drops. Each step only relaxes a test the old match already passed, so any match of `old`
is a match of `new`. Negative look-arounds turn that around: a pattern with one is never shown to accept more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["accepts_all_of", "accepts_anything"]

_ANYTHING = frozenset({".*", "^.*$", "^.*", ".*$", "(.*)", "^(.*)$"})
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
_MAX_RANGE = 4096  # a wider range is kept verbatim rather than expanded


@dataclass(frozen=True)
class _Set:
    """Characters one position accepts; `dot` is `.` (any character but a line break)."""

    chars: frozenset[str] = frozenset()
    dot: bool = False

    def covers(self, other: _Set) -> bool:
        if self.dot:
            return not other.chars & _LINE_BREAKS
        return not other.dot and other.chars <= self.chars


@dataclass(frozen=True)
class _Count:
    low: int
    high: int | None  # None: unbounded

    def covers(self, other: _Count) -> bool:
        return self.low <= other.low and (self.high is None or (other.high is not None and self.high >= other.high))


_Token = _Set | _Count | str
_COUNT = re.compile(r"\{(\d+)(,(\d*))?\}\??|[*+?]\??")
_COUNTS = {"*": (0, None), "+": (1, None), "?": (0, 1)}
_READS_ON = re.compile(r"\\[uxcpPk0-9]")


def accepts_anything(pattern: str | None) -> bool:
    """No pattern, or one that accepts every string (`.*` and its anchored spellings)."""
    return pattern is None or pattern in _ANYTHING


def _class(body: str) -> _Set | None:
    """The characters of a class body (no negation), or None when it holds escapes other than punctuation."""
    chars: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum():
                return None
            c, i = body[i + 1], i + 1
        if i + 2 < len(body) and body[i + 1] == "-" and body[i + 2] != "\\":
            low, high = ord(c), ord(body[i + 2])
            if high < low or high - low > _MAX_RANGE:
                return None
            chars.extend(chr(x) for x in range(low, high + 1))
            i += 3
            continue
        chars.append(c)
        i += 1
    return _Set(frozenset(chars))


def _tokens(pattern: str) -> list[_Token] | None:
    """The pattern as tokens, or None when it has a negative look-around, an escape that reads the
    characters after it (`\\u0041`, `\\x41`, `\\cA`, `\\p{L}`, `\\k<n>`, `\\12`) or cannot be read."""
    if "(?!" in pattern or "(?<!" in pattern or _READS_ON.search(pattern):
        return None
    out: list[_Token] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        count = _COUNT.match(pattern, i)
        if count is not None and c in "{*+?":
            text = count.group(0)
            if c == "{":
                low = int(count.group(1))
                high = None if count.group(2) and not count.group(3) else int(count.group(3) or low)
                out.append(_Count(low, high))
            else:
                out.append(_Count(*_COUNTS[c]))
            i += len(text)
        elif c == "[":
            end = pattern.find("]", i + 1)
            while end > 0 and pattern[end - 1] == "\\" and pattern[end - 2] != "\\":
                end = pattern.find("]", end + 1)
            if end < 0 or end == i + 1 or pattern[i + 1 : i + 3] == "^]":
                return None  # `[]` and `[^]` read differently in ECMAScript and Python: decided by equality only
            body = pattern[i + 1 : end]
            parsed = None if body.startswith("^") else _class(body)
            out.append(parsed if parsed is not None else pattern[i : end + 1])
            i = end + 1
        elif c == "\\":
            if i + 1 >= len(pattern):
                return None
            escaped = pattern[i + 1]
            out.append(f"\\{escaped}" if escaped.isalnum() else _Set(frozenset(escaped)))
            i += 2
        elif c == ".":
            out.append(_Set(dot=True))
            i += 1
        elif c in "()|^$":
            out.append(c)
            i += 1
        else:
            out.append(_Set(frozenset(c)))
            i += 1
    return out


def _covers(new: _Token, old: _Token) -> bool:
    if isinstance(new, _Set) and isinstance(old, _Set):
        return new.covers(old)
    if isinstance(new, _Count) and isinstance(old, _Count):
        return new.covers(old)
    return new == old


def accepts_all_of(old: str, new: str) -> bool:
    """True when every string `old` matches is shown to match `new` too (see the module's docstring)."""
    if accepts_anything(new):
        return True
    o, n = _tokens(old), _tokens(new)
    if o is None or n is None:
        return old == new
    i = 0
    for token in o:
        if i < len(n) and _covers(n[i], token):
            i += 1
        elif token not in ("^", "$"):  # an anchor `new` dropped only relaxes the match
            return False
    return i == len(n)
