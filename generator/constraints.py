"""Validation keywords of a schema node read into `ir.Constraints` (None when it has none)."""

from __future__ import annotations

from typing import Any

from .ir import Constraints

__all__ = ["constraints_of"]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def constraints_of(node: dict[str, Any]) -> Constraints | None:
    """`pattern`, `minimum`/`maximum` (+ 3.0 boolean exclusives), lengths, item counts and `format`."""
    pattern = node.get("pattern")
    found = Constraints(
        pattern=pattern if isinstance(pattern, str) else None,
        minimum=_number(node.get("minimum")),
        maximum=_number(node.get("maximum")),
        exclusive_minimum=node.get("exclusiveMinimum") is True,
        exclusive_maximum=node.get("exclusiveMaximum") is True,
        min_length=_count(node.get("minLength")),
        max_length=_count(node.get("maxLength")),
        min_items=_count(node.get("minItems")),
        max_items=_count(node.get("maxItems")),
        format=node.get("format") if isinstance(node.get("format"), str) else None,
    )
    return None if found == Constraints() else found
