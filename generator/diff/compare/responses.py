"""An operation's success responses: statuses and media types that disappeared, bodies compared.

Only 2xx responses count. A JSON body present on both sides is walked like a request body
(`response.200.items[].id`); a body that lost its schema is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.compare.schema import PropertyDiff, TypeWalker, properties
from generator.ir import Operation

__all__ = ["ResponseDiff", "responses"]


@dataclass(frozen=True)
class ResponseDiff:
    """Success statuses and media types that disappeared from an operation's responses."""

    statuses_removed: tuple[str, ...]
    media_types_removed: tuple[tuple[str, str], ...]  # (status or "request", media type)
    bodies_removed: tuple[tuple[str, str], ...] = ()  # (status, media type) that lost its schema


def _is_success(status: str) -> bool:
    return status.startswith("2")


def responses(walker: TypeWalker, old: Operation, new: Operation) -> tuple[ResponseDiff, list[PropertyDiff]]:
    """What the success responses lost, and the differences inside the JSON bodies on both sides."""
    props: list[PropertyDiff] = []
    media_removed: list[tuple[str, str]] = []
    bodies_removed: list[tuple[str, str]] = []
    old_statuses = {r.status for r in old.responses if _is_success(r.status)}
    new_statuses = {r.status for r in new.responses if _is_success(r.status)}
    removed_statuses = tuple(sorted(old_statuses - new_statuses))
    for status in sorted(old_statuses & new_statuses):
        old_media = {r.media_type: r for r in old.responses if r.status == status and r.media_type}
        new_media = {r.media_type: r for r in new.responses if r.status == status and r.media_type}
        for mt in sorted(set(old_media) - set(new_media)):
            media_removed.append((status, mt))
        for mt in sorted(set(old_media) & set(new_media)):
            if old_media[mt].type is not None and new_media[mt].type is None:
                bodies_removed.append((status, mt))
            elif "json" in mt:
                props += properties(walker, "response", f"response.{status}", old_media[mt].type, new_media[mt].type)
    return ResponseDiff(removed_statuses, tuple(media_removed), tuple(bodies_removed)), props
