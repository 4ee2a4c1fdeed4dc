"""Bytes → a JSON value, bounded: whatever the input, a document or diagnostics, never a crash or a blow-up.

    read(path, display)          the file's bytes, never more than MAX_BYTES (RSG002 when unreadable or larger)
    parse(data, path, display)   JSON for `.json`, YAML for `.yaml`/`.yml` (else sniffed) → `Parsed`

Limits and repairs, each a diagnostic with a JSON pointer where there is one: RSG001 (syntax),
RSG005-RSG007 (limits), RSG008/RSG009 (repairs), RSG040 (misspellings); meanings in `codes.py`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML; stubs: types-PyYAML

from generator import codes, deprecation
from generator.diagnostics import Diagnostic, GenerationError, pointer

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_YAML_NODES", "MISSPELLINGS", "Parsed", "parse", "read"]

MAX_BYTES = 64 * 1024 * 1024
"""Largest document read by default (the real documents are under 2 MB); `--max-document-size` raises it."""
MAX_DEPTH = 128
"""Deepest nesting of JSON values accepted (the real documents reach 16); deeper would exhaust the
recursion of the validator and of the builder."""
MAX_YAML_NODES = 2_000_000
"""Most nodes a YAML document may expand to once its aliases are followed."""
MISSPELLINGS = {
    "depracted": "deprecated",
    "depricated": "deprecated",
    "deprected": "deprecated",
    "deprecate": "deprecated",
    "depreciated": "deprecated",
    "deprecatd": "deprecated",
    "nulable": "nullable",
    "nullabel": "nullable",
    "requried": "required",
    "readonly": "readOnly",
    "writeonly": "writeOnly",
}
"""Keys that are a misspelt OpenAPI keyword: the document means the keyword, but it has no effect."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# maps whose keys are names chosen by the author, not keywords
_SKIP_MISSPELLING_UNDER = frozenset(
    {
        "properties",
        "example",
        "examples",
        "default",
        "enum",
        "schemas",
        "paths",
        "responses",
        "parameters",
        "headers",
        "securitySchemes",
        "requestBodies",
        "links",
        "callbacks",
        "content",
        "variables",
        "mapping",
        "encoding",
        "scopes",
        "patternProperties",
        "definitions",
    }
)

Json = Any


@dataclass(frozen=True)
class Parsed:
    """A parsed document and the warnings found on the way (errors raise `GenerationError`)."""

    value: Json
    diagnostics: list[Diagnostic]


def _fail(display: str, ptr: str, code: codes.Code, message: str) -> GenerationError:
    return GenerationError([code(display, ptr, message)])


# ------------------------------------------------------------------------------------------ JSON
class _DuplicateKeys:
    """An `object_pairs_hook` that builds dicts and remembers which ones had a key twice; its
    `number` hook notes whether any number is not finite (`1e400`)."""

    def __init__(self) -> None:
        self.found: list[tuple[dict[str, Json], str]] = []
        self.not_finite = False

    def number(self, text: str) -> float:
        value = float(text)
        self.not_finite = self.not_finite or not math.isfinite(value)
        return value

    def __call__(self, pairs: list[tuple[str, Json]]) -> dict[str, Json]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.found.append((result, key))
                seen.add(key)
        return result


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(text: str, display: str) -> tuple[Json, list[tuple[dict[str, Json], str]], bool]:
    duplicates = _DuplicateKeys()
    try:
        value = json.loads(
            text, object_pairs_hook=duplicates, parse_constant=_reject_constant, parse_float=duplicates.number
        )
    except json.JSONDecodeError as e:
        raise _fail(display, "", codes.RSG001, f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except ValueError as e:
        raise _fail(display, "", codes.RSG001, f"invalid JSON: {e}") from None
    except RecursionError:
        raise _fail(display, _json_deep_pointer(text), codes.RSG005, f"too deep: nested more than {MAX_DEPTH} levels")
    # lone surrogates come only from `\\uD800`-style escapes: without those or an infinite number,
    # the strings and numbers need no look
    return value, duplicates.found, duplicates.not_finite or bool(_JSON_SURROGATE_ESCAPE.search(text))


def _json_deep_pointer(text: str) -> str:
    """The pointer of the first value nested deeper than MAX_DEPTH, found by scanning the text
    without recursion (only called when the parser itself ran out of recursion)."""
    stack: list[list[Any]] = []  # per open container: [kind, key or index, expecting a key]
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if stack and stack[-1][0] == "{" and stack[-1][2]:
                try:
                    stack[-1][1] = json.loads(text[i : end + 1])
                except ValueError:
                    stack[-1][1] = text[i + 1 : end]
                stack[-1][2] = False
            i = end + 1
            continue
        if c in "[{":
            if len(stack) >= MAX_DEPTH:
                return pointer(*(frame[1] for frame in stack))
            stack.append([c, 0 if c == "[" else "", c == "{"])
        elif c in "]}" and stack:
            stack.pop()
        elif c == "," and stack:
            if stack[-1][0] == "[":
                stack[-1][1] += 1
            else:
                stack[-1][2] = True
        i += 1
    return ""


# ------------------------------------------------------------------------------------------ YAML
class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML without timestamp resolution (dates stay strings, as in JSON), recording duplicate keys."""

    def construct_yaml_map(self, node: Any) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(node))
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            self.duplicates.append((data, key))


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_constructor("tag:yaml.org,2002:map", _YamlLoader.construct_yaml_map)


def _expanded_size(root: Any, display: str) -> int:
    """How many nodes the YAML graph becomes once aliases are copied out (memoised, no recursion);
    a node that contains itself is an error."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _yaml_children(node)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_YAML_NODES + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise _fail(
                display, "", codes.RSG005, f"recursive YAML alias at line {mark.line + 1}: the value contains itself"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _yaml_children(node) if id(c) not in sizes)
    return sizes[id(root)]


def _yaml_children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _parse_yaml(text: str, display: str) -> tuple[Json, list[tuple[dict[str, Json], str]], bool]:
    loader = _YamlLoader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [], False
        size = _expanded_size(node, display)
        if size > MAX_YAML_NODES:
            raise _fail(display, "", codes.RSG007, f"YAML aliases expand to more than {MAX_YAML_NODES} nodes")
        return loader.construct_document(node), loader.duplicates, True
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise _fail(display, "", codes.RSG001, f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise _fail(display, "", codes.RSG005, f"too deep: nested more than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


# ------------------------------------------------------------------------------------------ walk
def _clean_text(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


Trail = tuple[Any, str | int] | None
"""Where a value is, as (trail of its container, key): a pointer is built only for a diagnostic."""


def _pointer(trail: Trail, *more: str | int) -> str:
    tokens: list[str | int] = []
    while trail is not None:
        trail, key = trail
        tokens.append(key)
    return pointer(*reversed(tokens), *more)


def _check_scalar(holder: Any, key: Any, value: Json, trail: Trail, display: str, found: list[Diagnostic]) -> None:
    if isinstance(value, str):
        if _SURROGATE.search(value):
            holder[key] = _clean_text(value)
            where = _pointer(trail)
            found.append(codes.RSG008(display, where, "lone surrogate replaced by U+FFFD"))
    elif isinstance(value, float) and not math.isfinite(value):
        raise _fail(display, _pointer(trail), codes.RSG006, f"{value} is not a finite number: JSON cannot carry it")


def _check_keys(
    node: dict[Any, Json], trail: Trail, display: str, duplicates: dict[int, list[str]], found: list[Diagnostic]
) -> dict[str, Json]:
    """Duplicate keys, misspelt keywords, and keys that must become (clean) strings."""
    for key in duplicates.get(id(node), ()):
        message = f"duplicate key {key!r}: only the last value is kept"
        found.append(codes.RSG009(display, _pointer(trail), message))
    if any(not isinstance(k, str) or _SURROGATE.search(k) for k in node):
        for key in [k for k in node if isinstance(k, str) and _SURROGATE.search(k)]:
            message = f"lone surrogate in key {_clean_text(key)!r} replaced by U+FFFD"
            found.append(codes.RSG008(display, _pointer(trail), message))
        node = {_clean_text(str(k)): v for k, v in node.items()}
    under = trail[1] if trail is not None else ""
    if not (isinstance(under, str) and (under in _SKIP_MISSPELLING_UNDER or under.startswith("x-"))):
        for key in MISSPELLINGS.keys() & node.keys():
            fix = {"op": "move", "from": _pointer(trail, key), "path": _pointer(trail, MISSPELLINGS[key])}
            # a misspelt `deprecated` still counts (generator.deprecation); the others have no effect
            effect = "read as 'deprecated'" if key in deprecation.MISSPELLINGS else "has no effect"
            message = (
                f"{key!r} is a misspelling of {MISSPELLINGS[key]!r} and {effect}; to say it as meant, "
                f"declare a fix-up (specs pin --patch) with [{json.dumps(fix)}]"
            )
            found.append(codes.RSG040(display, _pointer(trail, key), message))
    return node


def _walk(
    value: Json, display: str, duplicates: dict[int, list[str]], scalars: bool = True
) -> tuple[Json, list[Diagnostic]]:
    """One pass over the parsed value, without recursion: depth, non-finite numbers, lone
    surrogates (repaired), duplicate keys, misspelt keywords; YAML's non-string keys become strings.
    `scalars=False` skips the checks of strings and numbers (the text shows there is nothing to find)."""
    found: list[Diagnostic] = []
    root: list[Json] = [value]
    _check_scalar(root, 0, value, None, display, found)
    stack: list[tuple[Any, Any, Trail, int]] = [(root, 0, None, 0)]
    while stack:
        holder, slot, trail, depth = stack.pop()
        node = holder[slot]
        if not isinstance(node, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            where = _pointer(trail)
            raise _fail(display, where, codes.RSG005, f"too deep at {where}: more than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            checked = _check_keys(node, trail, display, duplicates, found)
            if checked is not node:
                holder[slot] = node = checked
        for key, child in node.items() if isinstance(node, dict) else enumerate(node):  # values only change
            if isinstance(child, (dict, list)):
                stack.append((node, key, (trail, key), depth + 1))
            elif scalars:
                _check_scalar(node, key, child, (trail, key), display, found)
    return root[0], found


def read(path: Path, display: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; RSG002 when unreadable or larger than `max_bytes` (never reads more)."""
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise GenerationError([codes.RSG002(display, "", f"cannot read {path}: {e.strerror or e}")]) from None
    if len(data) > max_bytes:
        message = f"larger than {max_bytes} bytes: not read (raise the limit with --max-document-size)"
        raise GenerationError([codes.RSG002(display, "", message)])
    return data


def parse(data: bytes, path: Path, display: str) -> Parsed:
    """Parse a document's bytes (JSON for `.json`, YAML for `.yaml`/`.yml`, else sniffed).

    Raises GenerationError (RSG001/RSG005/RSG006/RSG007) for input that cannot become a document;
    returns the warnings (RSG008/RSG009/RSG040) with the value.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(display, "", codes.RSG001, f"not UTF-8 text (byte {e.start}): {e.reason}") from None
    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (suffix not in (".yaml", ".yml") and text.lstrip().startswith(("{", "[")))
    value, duplicates, scalars = _parse_json(text, display) if is_json else _parse_yaml(text, display)
    by_id: dict[int, list[str]] = {}
    for mapping, key in duplicates:
        by_id.setdefault(id(mapping), []).append(str(key))
    cleaned, found = _walk(value, display, by_id, scalars)
    return Parsed(cleaned, found)
