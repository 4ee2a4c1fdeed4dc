"""A document's `$ref`s: find them, resolve their JSON-pointer fragments, and check that each one leads
somewhere.

Internal references (`#/...`) must resolve in the document. References to other files are followed only
to relative paths inside the document's directory (never fetched from a network, never an absolute
path); each such file is read with the same limits and checked in turn. Problems are diagnostics:
RSG010 (internal), RSG011 (external), RSG012 (remote), RSG014 (outside the directory).
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import codes, parse
from generator.diagnostics import Diagnostic, GenerationError, pointer
from generator.parse import MAX_BYTES

__all__ = ["Missing", "check_external_refs", "check_internal_refs", "fragment_tokens", "iter_refs", "resolve"]

Json = Any  # a parsed JSON/YAML value; the walkers below check types as they go
Tokens = tuple[str | int, ...]

_SKIP_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def iter_refs(doc: Json) -> Iterator[tuple[Tokens, str]]:
    """Every `$ref` string in the document with the tokens of the object holding it."""
    stack: list[tuple[Tokens, Json]] = [((), doc)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield where, ref
            for key, value in reversed(node.items()):
                if key not in _SKIP_KEYS and isinstance(value, (dict, list)):
                    stack.append(((*where, key), value))
        elif isinstance(node, list):
            for i in range(len(node) - 1, -1, -1):
                if isinstance(node[i], (dict, list)):
                    stack.append(((*where, i), node[i]))


def fragment_tokens(fragment: str) -> list[str]:
    """`/components/schemas/A~1B` (URI fragment, percent-encoded) → ["components", "schemas", "A/B"]."""
    fragment = urllib.parse.unquote(fragment)
    if fragment == "":
        return []
    if not fragment.startswith("/"):
        raise ValueError(f"fragment {fragment!r} is not a JSON pointer")
    return [t.replace("~1", "/").replace("~0", "~") for t in fragment[1:].split("/")]


class Missing(Exception):
    """A JSON pointer that leads nowhere; `at` is the pointer of the first missing step."""

    def __init__(self, at: str) -> None:
        super().__init__(at)
        self.at = at


def resolve(doc: Json, tokens: list[str] | Tokens) -> Json:
    node = doc
    for i, token in enumerate(tokens):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and str(token).isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise Missing(pointer(*tokens[: i + 1]))
    return node


def check_internal_refs(doc: Json, display: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for where, ref in iter_refs(doc):
        if not ref.startswith("#"):
            continue
        ptr = pointer(*where, "$ref")
        try:
            resolve(doc, fragment_tokens(ref[1:]))
        except ValueError as e:
            out.append(codes.RSG010(display, ptr, f"unresolvable reference {ref!r}: {e}"))
        except Missing as e:
            out.append(codes.RSG010(display, ptr, f"unresolvable reference {ref!r}: {e.at} does not exist"))
    return out


def _external_target(ref: str, holder: Path, root: Path) -> tuple[Path | None, str]:
    """Where an external reference leads (None and why when it must not be followed): only
    relative paths that stay inside `root`, the document's directory; nothing is ever fetched."""
    location = ref.partition("#")[0]
    scheme = urllib.parse.urlsplit(location).scheme
    if scheme and len(scheme) > 1 and scheme != "file":  # one letter: a Windows drive, refused below
        return (
            None,
            f"remote reference {ref!r} is never fetched: save it beside the document and refer to it by a relative path",
        )
    relative = urllib.parse.unquote(location)
    if Path(relative).is_absolute() or scheme:
        return None, f"absolute reference {ref!r} is not followed: refer to files by a path relative to the document"
    target = (holder.parent / relative).resolve()
    if not target.is_relative_to(root):
        return None, f"reference {ref!r} leaves the document's directory {root}: not followed"
    return target, ""


def check_external_refs(
    doc: Json, base: Path, display: str, max_bytes: int = MAX_BYTES
) -> tuple[list[Diagnostic], bool]:
    """Check refs to other files, and theirs in turn (file inside the document's directory, parses,
    fragment resolves); returns (diags, any_local)."""
    out: list[Diagnostic] = []
    root = base.parent
    loaded: dict[Path, Json | GenerationError] = {base: doc}
    any_local = False
    queue: list[tuple[Json, Path]] = [(doc, base)]
    while queue:
        current, holder = queue.pop(0)
        shown = display if holder == base else f"{display}: {os.path.relpath(holder, root)}"
        for where, ref in iter_refs(current):
            if ref.startswith("#"):
                continue
            ptr = pointer(*where, "$ref")
            target, refusal = _external_target(ref, holder, root)
            if target is None:
                code = codes.RSG012 if refusal.startswith("remote") else codes.RSG014
                out.append(code(display, ptr, f"{refusal}" + (f" (in {shown})" if holder != base else "")))
                continue
            any_local = True
            if target not in loaded:
                try:
                    loaded[target] = parse.parse(parse.read(target, str(target), max_bytes), target, str(target)).value
                    queue.append((loaded[target], target))
                except GenerationError as e:
                    loaded[target] = e
            content = loaded[target]
            if isinstance(content, GenerationError):
                reason = "; ".join(d.message for d in content.diagnostics)
                out.append(codes.RSG011(display, ptr, f"unresolvable reference {ref!r}: {reason}"))
                continue
            try:
                resolve(content, fragment_tokens(ref.partition("#")[2]))
            except ValueError as e:
                out.append(codes.RSG011(display, ptr, f"unresolvable reference {ref!r}: {e}"))
            except Missing as e:
                message = f"unresolvable reference {ref!r}: {e.at} does not exist in {target.name}"
                out.append(codes.RSG011(display, ptr, message))
    return out, any_local
