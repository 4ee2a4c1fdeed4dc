"""The pinned Run:ai OpenAPI documents: which bytes each version is, and how to get them locally.

A pin says "control-plane version X is the document with this sha256, published at this URL".
`specs/pins.json` holds one pin per version; `sync` copies (from a mirror directory) or downloads (from
the pinned URL) each document into `specs/synced/<version>.json`, verifying the hash before anything
is written. The version identity always comes from the pin, never from `info.version` in the document
(which says `latest` in every Run:ai document).

    pins.json ──sync──▶ specs/synced/<version>.json ──▶ load / validate ──▶ ...

A pin may declare a fix-up (`fixups.py`): an RFC 6902 JSON Patch stored beside the pins file
(`specs/patches/<version>.json`) that `sync` applies after checking the original's sha256; the pin
records the sha256 of the result too, so the synced (patched) document is verified as well.

A pin may record a validation (`validated`, `validated_sha256`): the synced document with that sha256
gave no diagnostic beyond reading's own warnings with the named validator, so `load.validate` need not run it again while that
validator is installed (`validated.py`). New pins come from `pinning.py`.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "DOWNLOAD_TIMEOUT",
    "LATEST",
    "PATCHES_DIR",
    "PINS_PATH",
    "SYNCED_DIR",
    "Channel",
    "Pin",
    "SpecError",
    "SyncResult",
    "channel_for",
    "download",
    "history",
    "is_synced",
    "is_valid_version",
    "load_pins",
    "save_pins",
    "select",
    "sha256_bytes",
    "sha256_file",
    "sync",
    "synced_path",
    "write_atomic",
]

ROOT = Path(__file__).resolve().parent.parent
PINS_PATH = ROOT / "specs" / "pins.json"
SYNCED_DIR = ROOT / "specs" / "synced"
PATCHES = "patches"
"""The directory of fix-ups, beside the pins file; a pin names its patch relative to the pins file."""
PATCHES_DIR = PINS_PATH.parent / PATCHES
CACHE_DIR = ROOT / ".cache"
"""Where the tools keep caches by default: `validate/` (validation results), `format/` (black's output)."""
LATEST = "latest"
DOWNLOAD_TIMEOUT = 60.0  # seconds, for each download

Channel = Literal["release", "saas"]
_RELEASE = re.compile(r"^\d+(\.\d+)+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class SpecError(Exception):
    """A pin or sync problem, with a message meant for the user (names version, hashes, path or URL)."""


@dataclass(frozen=True)
class Pin:
    """One pinned document: `version` is its identity ("2.24" or "latest")."""

    version: str
    sha256: str
    url: str | None
    source: str | None
    pinned: datetime.date | None
    channel: Channel
    patch: str | None = None  # the fix-up, relative to the pins file: "patches/2.18.json"
    patched_sha256: str | None = None  # the synced document's hash once the patch is applied
    validated: str | None = None  # the validator that found nothing in the synced document...
    validated_sha256: str | None = None  # ...whose sha256 this is (the patched one for a fix-up)

    def __post_init__(self) -> None:
        if not is_valid_version(self.version):
            raise SpecError(f"invalid version {self.version!r}: expected e.g. '2.24' or 'latest'")
        for sha in (self.sha256, self.patched_sha256 or self.sha256, self.validated_sha256 or self.sha256):
            if not _SHA256.match(sha):
                raise SpecError(f"{self.version}: invalid sha256 {sha!r} (64 lowercase hex digits)")
        if (self.patch is None) != (self.patched_sha256 is None):
            raise SpecError(f"{self.version}: 'patch' and 'patched_sha256' go together")
        if (self.validated is None) != (self.validated_sha256 is None):
            raise SpecError(f"{self.version}: 'validated' and 'validated_sha256' go together")
        if self.patch is not None and self.patch != f"{PATCHES}/{self.version}.json":
            raise SpecError(f"{self.version}: the patch must be {PATCHES}/{self.version}.json, not {self.patch!r}")

    @property
    def synced_sha256(self) -> str:
        """The sha256 of the synced document: the patched one when the pin declares a fix-up."""
        return self.patched_sha256 or self.sha256

    def validated_by(self, validator: str) -> bool:
        """True when the pin records that `validator` found nothing in its synced document beyond the
        warnings reading it gives (`load.recordable`)."""
        return self.validated == validator and self.validated_sha256 == self.synced_sha256

    def recording(self, validator: str | None) -> Pin:
        """This pin recording that `validator` found nothing in its synced document beyond reading's own
        warnings (None: no record)."""
        sha = self.synced_sha256 if validator is not None else None
        return dataclasses.replace(self, validated=validator, validated_sha256=sha)

    def to_json(self) -> dict[str, str | None]:
        data = {
            "version": self.version,
            "sha256": self.sha256,
            "url": self.url,
            "source": self.source,
            "pinned": self.pinned.isoformat() if self.pinned else None,
            "channel": self.channel,
        }
        if self.patch is not None:
            data |= {"patch": self.patch, "patched_sha256": self.patched_sha256}
        if self.validated is not None:
            data |= {"validated": self.validated, "validated_sha256": self.validated_sha256}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Pin:
        def text(key: str, required: bool = False) -> str | None:
            value = data.get(key)
            if value is None and not required:
                return None
            if not isinstance(value, str):
                raise SpecError(f"pin {data.get('version')!r}: {key!r} must be a string")
            return value

        version = text("version", required=True) or ""
        channel = text("channel") or channel_for(version)
        if channel not in ("release", "saas"):
            raise SpecError(f"pin {version!r}: channel must be 'release' or 'saas', not {channel!r}")
        pinned = text("pinned")
        try:
            date = datetime.date.fromisoformat(pinned) if pinned else None
        except ValueError:
            raise SpecError(f"pin {version!r}: 'pinned' is not an ISO date: {pinned!r}") from None
        return cls(
            version=version,
            sha256=text("sha256", required=True) or "",
            url=text("url"),
            source=text("source"),
            pinned=date,
            channel="release" if channel == "release" else "saas",
            patch=text("patch"),
            patched_sha256=text("patched_sha256"),
            validated=text("validated"),
            validated_sha256=text("validated_sha256"),
        )


@dataclass(frozen=True)
class SyncResult:
    """What `sync` did for one version: `action` is "copied", "downloaded" or "unchanged"."""

    version: str
    path: Path
    action: Literal["copied", "downloaded", "unchanged"]


# ------------------------------------------------------------------------------------ versions
def is_valid_version(version: str) -> bool:
    return version == LATEST or bool(_RELEASE.match(version))


def channel_for(version: str) -> Channel:
    return "saas" if version == LATEST else "release"


def _history_key(version: str) -> tuple[int, tuple[int, ...]]:
    if version == LATEST:
        return (1, ())
    return (0, tuple(int(part) for part in version.split(".")))


def history(pins: Mapping[str, Pin] | Iterable[Pin]) -> list[Pin]:
    """The pins in history order: releases by version number (2.9 < 2.10), then `latest`."""
    values = pins.values() if isinstance(pins, Mapping) else pins
    return sorted(values, key=lambda p: _history_key(p.version))


def select(pins: Mapping[str, Pin], versions: Iterable[str]) -> list[Pin]:
    """The pins for `versions` (all pins, in history order, when `versions` is empty)."""
    wanted = list(dict.fromkeys(versions))
    if not wanted:
        return history(pins)
    unknown = [v for v in wanted if v not in pins]
    if unknown:
        known = ", ".join(p.version for p in history(pins)) or "none"
        raise SpecError(f"unknown version {', '.join(map(repr, unknown))}; pinned versions: {known}")
    return [pins[v] for v in wanted]


# ----------------------------------------------------------------------------------- pins file
def load_pins(path: Path = PINS_PATH) -> dict[str, Pin]:
    """Read the pins file; returns pins keyed by version, in history order."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"pins file not found: {path}") from None
    except json.JSONDecodeError as e:
        raise SpecError(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from None
    entries = data.get("pins") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SpecError(f"{path}: expected an object with a 'pins' list")
    pins: dict[str, Pin] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise SpecError(f"{path}: every pin must be an object")
        p = Pin.from_json(entry)
        if p.version in pins:
            raise SpecError(f"{path}: version {p.version!r} is pinned twice")
        pins[p.version] = p
    return {p.version: p for p in history(pins)}


def dump_pins(pins: Mapping[str, Pin] | Iterable[Pin]) -> str:
    """The pins file text: history order, sorted keys, two-space indent, final newline."""
    body = {"pins": [p.to_json() for p in history(pins)]}
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save_pins(pins: Mapping[str, Pin] | Iterable[Pin], path: Path = PINS_PATH) -> None:
    """Write the pins file atomically and deterministically."""
    write_atomic(path, dump_pins(pins).encode("utf-8"))


# -------------------------------------------------------------------------------------- hashes
def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------- sync
def synced_path(version: str, synced_dir: Path = SYNCED_DIR) -> Path:
    """Where the synced document of `version` lives (whether or not it has been synced)."""
    if not is_valid_version(version):
        raise SpecError(f"invalid version {version!r}: expected e.g. '2.24' or 'latest'")
    return synced_dir / f"{version}.json"


def is_synced(p: Pin, synced_dir: Path = SYNCED_DIR) -> bool:
    """True when the synced file of `p` exists and has the pinned hash (of the patched document)."""
    path = synced_path(p.version, synced_dir)
    return path.is_file() and sha256_file(path) == p.synced_sha256


def sync(
    pins: Mapping[str, Pin],
    versions: Iterable[str],
    mirror: Path | None,
    dest: Path = SYNCED_DIR,
    *,
    timeout: float = DOWNLOAD_TIMEOUT,
    pins_dir: Path = PINS_PATH.parent,
) -> list[SyncResult]:
    """Bring `dest/<version>.json` to the pinned bytes for each of `versions` (all when empty).

    Reads `<mirror>/<version>.json` when `mirror` is given, else downloads the pinned URL. The hash is
    verified before writing, and writes are atomic, so a failure never damages a synced file. A pin's
    fix-up (`pins_dir/patches/<version>.json`) is applied after the original's hash is checked, and
    the result is checked against `patched_sha256`. Every version is attempted; failures are raised
    together at the end as one `SpecError`.
    """
    selected = select(pins, versions)
    results: list[SyncResult] = []
    failures: list[str] = []
    for p in selected:
        target = synced_path(p.version, dest)
        if target.is_file() and sha256_file(target) == p.synced_sha256:
            results.append(SyncResult(p.version, target, "unchanged"))
            continue
        try:
            data, origin = _fetch(p, mirror, timeout)
            actual = sha256_bytes(data)
            if actual != p.sha256:
                raise SpecError(
                    f"{p.version}: sha256 mismatch for {origin}: expected {p.sha256}, "
                    f"got {actual}; {target} left unchanged"
                )
            if p.patch is not None:
                from generator.fixups import apply_patch  # jsonpatch: only a patched pin needs it

                data = apply_patch(data, pins_dir / p.patch, p.version)
                if sha256_bytes(data) != p.patched_sha256:
                    raise SpecError(
                        f"{p.version}: the patched document's sha256 is {sha256_bytes(data)}, not the pinned "
                        f"{p.patched_sha256}; {target} left unchanged (re-pin with --patch)"
                    )
            write_atomic(target, data)
        except SpecError as e:
            failures.append(str(e))
            continue
        results.append(SyncResult(p.version, target, "copied" if mirror else "downloaded"))
    if failures:
        raise SpecError("\n".join(failures))
    return results


def _fetch(p: Pin, mirror: Path | None, timeout: float) -> tuple[bytes, str]:
    if mirror is not None:
        path = mirror / f"{p.version}.json"
        try:
            return path.read_bytes(), str(path)
        except OSError as e:
            raise SpecError(f"{p.version}: cannot read {path}: {e.strerror or e}") from None
    if not p.url:
        raise SpecError(f"{p.version}: the pin has no URL; sync it from a mirror (--mirror DIR)")
    return download(p.url, timeout, what=p.version), p.url


def download(url: str, timeout: float, what: str) -> bytes:
    """The body at an http(s) `url`; a SpecError naming `what` and the reason when it cannot be had."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise SpecError(f"{what}: refusing to download {url}: only http(s) URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": "runai-sdkgen"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as e:
        raise SpecError(f"{what}: cannot download {url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", None) or e
        raise SpecError(f"{what}: cannot download {url}: {reason}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path` (a reader never sees
    half a file; the pins file, synced documents and release records are all written this way)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
