"""Package versions that can ship client fixes (PEP 440): the API version plus a client revision.

    2.24 pinned to a document          -> 2.24.0
    same document, different output    -> 2.24.1   (generator, templates or runtime changed)
    latest pinned on 2025-12-15        -> 2025.12.15, then 2025.12.15.1, ...

The revision is not guessed from the clock: `releases.json` in the workspace records, per version,
the base (`2.24` or the pin's date), the revision, the document's sha256 and a digest of the package
`release` last built. `release` bumps the revision when the base is the same and the digest differs,
and starts again at 0 when the base moves; `generate` reads the record, so both write the same package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .specs import Pin, SpecError, write_atomic

__all__ = [
    "Entry",
    "Record",
    "base_version",
    "changelog_notes",
    "dump_records",
    "load_records",
    "output_digest",
    "package_version",
    "revision_for",
    "save_records",
]

_UNVERSIONED = ("FINGERPRINT", "CHANGELOG.md")  # carry the inputs and the release history, not the code
_MASK = "{PACKAGE_VERSION}"


@dataclass(frozen=True)
class Entry:
    """One published package: version, document, date and why it was made."""

    package_version: str
    sha256: str
    date: str
    note: str


@dataclass(frozen=True)
class Record:
    """The last release of one pinned version, and the ones before it (newest first)."""

    version: str
    base: str
    revision: int
    sha256: str
    output: str
    history: tuple[Entry, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {
            "base": self.base,
            "revision": self.revision,
            "sha256": self.sha256,
            "output": self.output,
            "history": [e.__dict__ for e in self.history],
        }


def base_version(pin: Pin) -> str:
    """`2.24` for a release; the pin's date as CalVer (`2025.12.15`) for a moving channel."""
    if pin.channel == "release":
        return pin.version
    if pin.pinned is None:
        raise SpecError(f"{pin.version}: a moving pin needs a `pinned` date to be versioned")
    return f"{pin.pinned.year}.{pin.pinned.month}.{pin.pinned.day}"


def package_version(pin: Pin, revision: int = 0) -> str:
    """`2.24.<revision>`; `2025.12.15` then `2025.12.15.<revision>` (equal to `.0` under PEP 440)."""
    base = base_version(pin)
    if pin.channel == "release":
        return f"{base}.{revision}"
    return base if revision == 0 else f"{base}.{revision}"


def revision_for(pin: Pin, records: Mapping[str, Record]) -> int:
    """The recorded revision while the base is unchanged, else 0."""
    record = records.get(pin.version)
    return record.revision if record is not None and record.base == base_version(pin) else 0


def output_digest(package: Path, version: str) -> str:
    """A digest of a generated package that ignores its own version string, the fingerprint and the
    changelog: it changes only when the client code or documentation changes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file()):
        relative = path.relative_to(package).as_posix()
        if relative in _UNVERSIONED:
            continue
        text = path.read_bytes().replace(version.encode(), _MASK.encode())
        digest.update(relative.encode() + b"\0" + hashlib.sha256(text).digest())
    return digest.hexdigest()


def changelog_notes(pin: Pin, revision: int, distribution: str, history: tuple[Entry, ...]) -> str:
    """The package section of a CHANGELOG: this version, what it was made from, earlier releases."""
    version = package_version(pin, revision)
    lines = [
        f"## {distribution} {version}",
        "",
        f"API version {pin.version}, client revision {revision}, generated from the pinned document with "
        f"sha256 `{pin.sha256[:16]}`.",
    ]
    if history:
        lines += ["", "Releases of this package (newest first):", ""]
        lines += [f"- {e.package_version} ({e.date}): {e.note}" for e in history]
    return "\n".join(lines) + "\n"


def load_records(path: Path) -> dict[str, Record]:
    """Read `releases.json`; an absent file means nothing was released yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise SpecError(f"{path}: unreadable release records: {e}") from None
    try:
        return {
            version: Record(
                version,
                str(raw["base"]),
                int(raw["revision"]),
                str(raw["sha256"]),
                str(raw["output"]),
                tuple(Entry(**entry) for entry in raw.get("history", [])),
            )
            for version, raw in data["releases"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise SpecError(f"{path}: malformed release records ({e!r})") from None


def dump_records(records: Mapping[str, Record]) -> str:
    body = {"releases": {v: records[v].to_json() for v in sorted(records)}}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def save_records(records: Mapping[str, Record], path: Path) -> None:
    write_atomic(path, dump_records(records).encode("utf-8"))
