"""Checks on the document as a graph (values plus internal `$ref` edges), run before anything recurses.

The validator and the builder walk schemas recursively, following `$ref`s. Two shapes would make
them fail with a RecursionError, so they are reported first, with the pointer: RSG015, a schema that
includes itself through `$ref`/`allOf`/`oneOf`/`anyOf`/`not` alone (A -> B -> A; recursion through
`properties`, `items` or `additionalProperties` is fine: a recursive model), and RSG005, a path through
values and references longer than MAX_DEPTH.

Internal references that resolve nowhere are reported elsewhere (RSG010); they are skipped here.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from generator import codes
from generator.diagnostics import Diagnostic, pointer
from generator.parse import MAX_DEPTH

__all__ = ["graph_diagnostics"]

_SKIP_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
_INCLUDE_LISTS = ("allOf", "oneOf", "anyOf")

Tokens = tuple[str | int, ...]


def _target(doc: Any, ref: str) -> tuple[Any, Tokens] | None:
    """The node an internal reference points at, with its tokens; None when it points nowhere."""
    fragment = urllib.parse.unquote(ref[1:])
    if not fragment.startswith("/"):
        return (doc, ()) if fragment == "" else None
    node, tokens = doc, []
    for raw in fragment[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
        tokens.append(token)
    return node, tuple(tokens)


def _edges(doc: Any, node: Any, where: Tokens) -> list[tuple[Any, Tokens, bool]]:
    """(child, its tokens, whether it is included as a whole) for the children of a node."""
    out: list[tuple[Any, Tokens, bool]] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            found = _target(doc, ref)
            if found is not None and isinstance(found[0], (dict, list)):
                out.append((found[0], found[1], True))
        for key, value in node.items():
            if key in _SKIP_KEYS or not isinstance(value, (dict, list)):
                continue
            if key in _INCLUDE_LISTS and isinstance(value, list):
                out.extend((v, (*where, key, i), True) for i, v in enumerate(value) if isinstance(v, (dict, list)))
            else:
                out.append((value, (*where, key), key == "not"))
    elif isinstance(node, list):
        out.extend((v, (*where, i), False) for i, v in enumerate(node) if isinstance(v, (dict, list)))
    return out


def graph_diagnostics(doc: Any, display: str) -> list[Diagnostic]:
    """Inclusion cycles (RSG015) and excessive depth (RSG005), without recursion; stops at the first
    too-deep path (everything below it would be reported again)."""
    out: list[Diagnostic] = []
    depth: dict[int, int] = {}  # longest path below a finished node
    on_path: dict[int, int] = {}  # id -> index in `path`
    path: list[tuple[Any, Tokens, bool]] = []  # (node, tokens, entered by inclusion)
    stack: list[tuple[Any, Tokens, bool, bool]] = [(doc, (), False, False)]
    while stack:
        node, where, included, leaving = stack.pop()
        key = id(node)
        if leaving:
            children = _edges(doc, node, where)
            depth[key] = 1 + max((depth.get(id(c), 0) for c, _, _ in children if id(c) not in on_path), default=0)
            del on_path[key]
            path.pop()
            continue
        if key in on_path:
            start = on_path[key]
            if included and all(inc for _, _, inc in path[start + 1 :]):
                chain = " -> ".join(pointer(*t) or "#" for _, t, _ in path[start:]) + " -> " + (pointer(*where) or "#")
                out.append(
                    codes.RSG015(
                        display,
                        pointer(*path[-1][1]),
                        f"a schema includes itself ({chain}): no type can be generated for it",
                    )
                )
            continue
        if key in depth:
            if len(path) + depth[key] > MAX_DEPTH:
                return out + [_too_deep(display, where)]
            continue
        if len(path) >= MAX_DEPTH:
            return out + [_too_deep(display, where)]
        on_path[key] = len(path)
        path.append((node, where, included))
        stack.append((node, where, included, True))
        stack.extend((c, t, inc, False) for c, t, inc in reversed(_edges(doc, node, where)))
    return list(dict.fromkeys(out))


def _too_deep(display: str, where: Tokens) -> Diagnostic:
    ptr = pointer(*where)
    return codes.RSG005(display, ptr, f"too deep at {ptr or '#'}: more than {MAX_DEPTH} levels of nesting")
