"""Operations allowed to fail the Prism contract run, each with the failure category and why.

Only failures that are not the client's: Prism cannot serve the operation, or the document makes a
valid exchange impossible. A generator or runtime bug never goes here; it fails the test until fixed.
Keys are `resource_attribute.method_name`; an entry covers every version it is listed for, and
only failures of its category (any other failure of the operation still fails the test).
"""

from __future__ import annotations

from typing import NamedTuple


class Allowed(NamedTuple):
    category: str
    reason: str


ALL = ("2.22", "2.23", "2.24", "latest")

ALLOWED: dict[str, dict[str, Allowed]] = {v: {} for v in ALL}


def allow(versions: tuple[str, ...], operations: list[str], category: str, reason: str) -> None:
    for version in versions:
        for operation in operations:
            ALLOWED[version][operation] = Allowed(category, reason)
