"""What the rules produce: `Change` records with a rule id, a level, a location and a fingerprint.

A rule yields `Finding`s (where, which Python call, structured arguments); `rules.apply` turns each
into a `Change` by adding the rule id, the level in force and the message (the rule's template
formatted with the arguments). The fingerprint hashes the rule id, method, path, location and
arguments only: rewording a message or moving to another version does not change it, so an ignore
file keeps working from release to release.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Change", "ChangeLevel", "Finding", "fingerprint"]


class ChangeLevel(enum.Enum):
    """How much a change matters to a caller, worst first."""

    BREAKING = "breaking"
    DEPRECATION = "deprecation"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"breaking": 0, "deprecation": 1, "info": 2}[self.value]


Args = Mapping[str, str]


@dataclass(frozen=True)
class Finding:
    """One occurrence of a rule: where it is and the arguments its message needs."""

    method: str  # "GET", or "" for document-wide changes (schemas, security schemes)
    path: str
    location: str  # "operation", "query:filter", "body.resources[].gpu", "schema:Project", ...
    pointer: str  # JSON pointer into the document that has the thing (new side, else old)
    python: str | None = None
    args: Args = field(default_factory=dict)  # fingerprinted: names, types, values
    extra: Args = field(default_factory=dict)  # not fingerprinted: text quoted from the document


@dataclass(frozen=True)
class Change:
    """A finding of one rule, with its level and message; `ignored` when the ignore file lists it."""

    rule: str
    level: ChangeLevel
    method: str
    path: str
    location: str
    pointer: str
    message: str
    python: str | None
    args: Args
    extra: Args
    fingerprint: str
    ignored: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level.value,
            "method": self.method,
            "path": self.path,
            "location": self.location,
            "pointer": self.pointer,
            "message": self.message,
            "python": self.python,
            "args": dict(self.args),
            "extra": dict(self.extra),
            "fingerprint": self.fingerprint,
            "ignored": self.ignored,
        }


def fingerprint(rule: str, method: str, path: str, location: str, args: Args) -> str:
    """A stable 16-hex-digit id: sha256 of rule id, method, path, location and sorted arguments."""
    payload = json.dumps([rule, method, path, location, sorted(args.items())], ensure_ascii=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
