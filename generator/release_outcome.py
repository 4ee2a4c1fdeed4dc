"""What a release reports: its `Result`, and the errors that stop it with the workspace unchanged.

Light on purpose (no generator stage imported): the CLI reads `FAIL_ON` and the errors at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FAIL_ON", "MAX_SHOWN", "FailOnHit", "ReleaseError", "Result"]

FAIL_ON = ("breaking", "deprecation", "policy")
MAX_SHOWN = 20  # diagnostics or changes quoted in an error message


class ReleaseError(Exception):
    """Why a release stopped; the workspace is unchanged."""


class FailOnHit(ReleaseError):
    """A change reached the `--fail-on` level: nothing was released."""


@dataclass
class Result:
    """What a release did (or, for a dry run, would do)."""

    version: str
    package_version: str = ""
    status: str = "released"  # released | unchanged | dry-run
    pin_moved: bool = False
    revision: int = 0
    compared_with: str | None = None
    levels: dict[str, int] = field(default_factory=dict)
    artifacts: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    package: Path | None = None
    notes: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "package_version": self.package_version,
            "status": self.status,
            "pin_moved": self.pin_moved,
            "revision": self.revision,
            "compared_with": self.compared_with,
            "changes": self.levels,
            "artifacts": [str(p) for p in self.artifacts],
            "reports": [str(p) for p in self.reports],
            "package": str(self.package) if self.package else None,
            "notes": self.notes,
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
        }
