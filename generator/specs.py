"""The pinned Run:ai OpenAPI documents: which bytes each version is, and how to get them locally.

A pin says "control-plane version X is the document with this sha256, published at this URL".
`specs/pins.json` holds one pin per version; `sync` copies (from a mirror directory) or downloads (from
the pinned URL) each document into `specs/synced/<version>.json`, verifying the hash before anything
is written. The version identity always comes from the pin, never from `info.version` in the document
(which says `latest` in every Run:ai document).

    pins.json ──sync──▶ specs/synced/<version>.json ──▶ load / validate ──▶ ...

A pin may declare a fix-up: an RFC 6902 JSON Patch stored beside the pins file
(`specs/patches/<version>.json`) that `sync` applies after checking the original's sha256; the pin
records the sha256 of the result too, so the synced (patched) document is verified as well. Fix-ups
are for vendor documents that the validator rejects for reasons that do not affect the code (e.g.
`info.version` written as a number).
"""

from __future__ import annotations

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

from generator.diagnostics import GenerationError
from generator.parse import parse

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
    "history",
    "load_pins",
    "pin",
    "save_pins",
    "select",
    "sha256_bytes",
    "sha256_file",
    "apply_patch",
    "sync",
    "synced_path",
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

    def __post_init__(self) -> None:
        if not is_valid_version(self.version):
            raise SpecError(f"invalid version {self.version!r}: expected e.g. '2.24' or 'latest'")
        for sha in (self.sha256, self.patched_sha256 or self.sha256):
            if not _SHA256.match(sha):
                raise SpecError(f"{self.version}: invalid sha256 {sha!r} (64 lowercase hex digits)")
        if (self.patch is None) != (self.patched_sha256 is None):
            raise SpecError(f"{self.version}: 'patch' and 'patched_sha256' go together")
        if self.patch is not None and self.patch != f"{PATCHES}/{self.version}.json":
            raise SpecError(f"{self.version}: the patch must be {PATCHES}/{self.version}.json, not {self.patch!r}")

    @property
    def synced_sha256(self) -> str:
        """The sha256 of the synced document: the patched one when the pin declares a fix-up."""
        return self.patched_sha256 or self.sha256

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
    _write_atomic(path, dump_pins(pins).encode("utf-8"))


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


def apply_patch(data: bytes, patch_file: Path, what: str) -> bytes:
    """The document `data` with the RFC 6902 JSON Patch in `patch_file` applied, as deterministic JSON."""
    import jsonpatch  # only `sync` of a patched pin and `pin --patch` need it

    try:
        operations = json.loads(patch_file.read_bytes())
    except OSError as e:
        raise SpecError(f"{what}: cannot read the patch {patch_file}: {e.strerror or e}") from None
    except ValueError as e:
        raise SpecError(f"{what}: the patch {patch_file} is not JSON: {e}") from None
    if not isinstance(operations, list):
        raise SpecError(f"{what}: the patch {patch_file} must be a JSON array of RFC 6902 operations")
    try:
        document = json.loads(data)
        patched = jsonpatch.JsonPatch(operations).apply(document)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        jsonpatch.JsonPatchException,
        jsonpatch.JsonPointerException,
    ) as e:
        reason = str(e).split(" in {", 1)[0][:200]  # the library quotes the whole document
        raise SpecError(f"{what}: the patch {patch_file} does not apply: {reason}") from None
    except RecursionError:
        raise SpecError(f"{what}: the document is nested too deep to patch") from None
    return (json.dumps(patched, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


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
                data = apply_patch(data, pins_dir / p.patch, p.version)
                if sha256_bytes(data) != p.patched_sha256:
                    raise SpecError(
                        f"{p.version}: the patched document's sha256 is {sha256_bytes(data)}, not the pinned "
                        f"{p.patched_sha256}; {target} left unchanged (re-pin with --patch)"
                    )
            _write_atomic(target, data)
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
    return _download(p.url, timeout, what=p.version), p.url


def _download(url: str, timeout: float, what: str) -> bytes:
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


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
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


write_atomic = _write_atomic
"""Public name for other stages (release records) that need the same atomic write."""


# ----------------------------------------------------------------------------------------- pin
def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def _tag_from_url(url: str) -> str | None:
    """The git ref in a raw.githubusercontent.com URL (`/<owner>/<repo>/<ref>/<path>`), else None."""
    parts = urllib.parse.urlsplit(url)
    segments = parts.path.strip("/").split("/")
    if parts.netloc == "raw.githubusercontent.com" and len(segments) >= 4:
        return segments[2]
    return None


def pin(
    version: str,
    source: str | Path,
    *,
    pins_path: Path = PINS_PATH,
    synced_dir: Path | None = SYNCED_DIR,
    tag: str | None = None,
    today: datetime.date | None = None,
    timeout: float = DOWNLOAD_TIMEOUT,
    patch: Path | None = None,
) -> Pin:
    """Pin `version` to the document at `source` (a local path or an http(s) URL), adding or moving it.

    Records the sha256, the URL (only when `source` is a URL), the tag (given, or read from a
    raw.githubusercontent.com URL) and today's date, saves the pins file and, when `synced_dir` is
    given, stores the document as the synced copy so it can be validated at once. The document must
    be JSON (it is synced as `<version>.json`). `patch`: an RFC 6902 JSON Patch, copied beside the
    pins file and applied to the synced copy (the pin records both hashes).
    """
    if not is_valid_version(version):
        raise SpecError(f"invalid version {version!r}: expected e.g. '2.24' or 'latest'")
    text = str(source)
    if _is_url(text):
        data, url = _download(text, timeout, what=version), text
    else:
        path = Path(source)
        try:
            data, url = path.read_bytes(), None
        except OSError as e:
            raise SpecError(f"{version}: cannot read {path}: {e.strerror or e}") from None
    _check_json(data, version, text)
    synced, patch_ref, patched_sha = data, None, None
    if patch is not None:
        synced = apply_patch(data, patch, version)
        patch_ref, patched_sha = f"{PATCHES}/{version}.json", sha256_bytes(synced)
    pins = load_pins(pins_path) if pins_path.exists() else {}
    new = Pin(
        version=version,
        sha256=sha256_bytes(data),
        url=url,
        source=tag if tag is not None else (_tag_from_url(url) if url else None),
        pinned=today or datetime.date.today(),
        channel=channel_for(version),
        patch=patch_ref,
        patched_sha256=patched_sha,
    )
    if patch is not None:
        _write_atomic(pins_path.parent / f"{PATCHES}/{version}.json", patch.read_bytes())
    else:
        (pins_path.parent / PATCHES / f"{version}.json").unlink(missing_ok=True)
    pins[version] = new
    save_pins(pins, pins_path)
    if synced_dir is not None:
        _write_atomic(synced_path(version, synced_dir), synced)
    return new


def _check_json(data: bytes, version: str, text: str) -> None:
    """A pinned document must be JSON (bounded: no depth blow-up, no NaN), with a pointer when too deep."""
    try:
        parse(data, Path(f"{version}.json"), text)
    except GenerationError as e:
        [d] = e.diagnostics
        where = f" at {d.pointer}" if d.pointer and d.pointer not in d.message else ""
        raise SpecError(
            f"{version}: {text} is not a JSON document that can be pinned: {d.code}: {d.message}{where}; "
            "pinned documents are stored as <version>.json"
        ) from None
