"""The document being built: its components, `$ref` resolution, JSON pointers and the diagnostics noticed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import codes
from .diagnostics import Diagnostic


class Document:
    """One validated OpenAPI document (`file` names it in diagnostics) and what was noticed about it."""

    def __init__(self, document: Mapping[str, Any], file: str) -> None:
        self.doc = document
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def components(self, kind: str) -> dict[str, Any]:
        """`components.<kind>` as a dict (empty when absent or malformed)."""
        components = self.doc.get("components") or {}
        found = components.get(kind) or {}
        return found if isinstance(found, dict) else {}

    def report(self, ptr: str, code: codes.Code, message: str) -> None:
        """Note a diagnostic at a JSON pointer of the document."""
        self.diagnostics.append(code(self.file, ptr, message))

    def resolve(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref` chains to the target node and its pointer; a broken ref is reported."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#/") or ref in seen:
                why = "a reference cycle" if ref in seen else "not a local reference (bundle external files first)"
                self.report(ptr, codes.RSG101, f"cannot resolve $ref {ref!r}: {why}")
                return {}, ptr
            seen.add(ref)
            target: Any = self.doc
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(target, dict) and token in target:
                    target = target[token]
                elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                    target = target[int(token)]
                else:
                    self.report(ptr, codes.RSG102, f"unresolvable $ref {ref!r}")
                    return {}, ptr
            node, ptr = target, ref[1:]
        return (node if isinstance(node, dict) else {}), ptr


def tokens(ptr: str) -> list[str]:
    """The unescaped tokens of a JSON pointer (inverse of `diagnostics.pointer`)."""
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr.split("/")[1:]]


def text(value: Any) -> str | None:
    """A description or summary as text, or None when empty."""
    if value is None:
        return None
    stripped = str(value).strip()
    return stripped or None
