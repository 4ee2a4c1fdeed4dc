"""Build a generated package's wheel and sdist, byte for byte the same for the same inputs.

The setuptools backend runs through `build.ProjectBuilder` in this interpreter (no isolated
environment, so no download) with `SOURCE_DATE_EPOCH` set from the pin's date: the wheel's entries
are then sorted and dated by it. The sdist is rewritten the same way (sorted entries, fixed owner,
modes and dates, a gzip header without a name or time). `SHA256SUMS` lists every artifact of a dist/.
"""

from __future__ import annotations

import datetime
import gzip
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from .specs import Pin, sha256_file

__all__ = ["BuildError", "build_package", "source_date_epoch", "write_checksums", "SUMS"]

SUMS = "SHA256SUMS"
_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a zip entry can carry
_SKIPPED = ("FINGERPRINT",)  # generator bookkeeping, not part of the distribution


class BuildError(Exception):
    """The backend failed; the message carries its output."""


def source_date_epoch(pin: Pin) -> int:
    """The timestamp every artifact carries: midnight UTC of the pin's date (1980-01-01 without one)."""
    if pin.pinned is None:
        return _ZIP_EPOCH
    moment = datetime.datetime.combine(pin.pinned, datetime.time(), tzinfo=datetime.timezone.utc)
    return max(_ZIP_EPOCH, int(moment.timestamp()))


def build_package(package: Path, out: Path, epoch: int) -> list[Path]:
    """Build the sdist and the wheel of the package in `package` into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    from build import ProjectBuilder  # imported here: only `release` and `bundle` build

    with tempfile.TemporaryDirectory(prefix="runai-sdkgen-build-") as tmp:
        source = Path(tmp) / "src"
        shutil.copytree(package, source, ignore=shutil.ignore_patterns(*_SKIPPED))
        _normalise_tree(source, epoch)
        builder = ProjectBuilder(source, python_executable=sys.executable, runner=_Runner(epoch))
        built = Path(tmp) / "dist"
        try:
            sdist = Path(builder.build("sdist", built))
            wheel = Path(builder.build("wheel", built))
        except Exception as e:  # noqa: BLE001 - build wraps backend failures in several types
            raise BuildError(f"building {package.name} failed: {e}{_backend_output(e)}") from None
        _normalise_sdist(sdist, epoch)
        results = []
        for artifact in (sdist, wheel):
            target = out / artifact.name
            shutil.copyfile(artifact, target)
            results.append(target)
    return results


def _backend_output(error: BaseException) -> str:
    """The last lines the backend printed, when `error` (or the error it wraps) carries them."""
    cause = getattr(error, "exception", error)
    output = getattr(cause, "output", None) or b""
    lines = output.decode("utf-8", "replace").strip().splitlines()[-20:] if isinstance(output, bytes) else []
    return "".join("\n  " + line for line in lines)


class _Runner:
    """Runs the backend quietly, with the fixed timestamp and hash seed."""

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def __call__(
        self, cmd: Sequence[str], cwd: str | None = None, extra_environ: Mapping[str, str] | None = None
    ) -> None:
        env = {**os.environ, **(extra_environ or {}), "SOURCE_DATE_EPOCH": str(self.epoch), "PYTHONHASHSEED": "0"}
        subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)


def _normalise_tree(root: Path, epoch: int) -> None:
    """Same modes and dates whatever the umask and the clock were when the package was written."""
    for path in sorted(root.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
        os.utime(path, (epoch, epoch))


def _normalise_sdist(path: Path, epoch: int) -> None:
    """Rewrite a .tar.gz with sorted members, no owner, fixed modes and dates."""
    with tarfile.open(path, "r:gz") as source:
        members = sorted(source.getmembers(), key=lambda m: m.name)
        contents = {m.name: source.extractfile(m).read() if m.isfile() else None for m in members}  # type: ignore[union-attr]
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=epoch) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as target:
            for member in members:
                member.mtime = epoch
                member.uid = member.gid = 0
                member.uname = member.gname = ""
                member.mode = 0o755 if member.isdir() else 0o644
                member.pax_headers = {}
                data = contents[member.name]
                target.addfile(member, io.BytesIO(data) if data is not None else None)
    path.write_bytes(buffer.getvalue())


def write_checksums(dist: Path) -> Path:
    """Write `dist/SHA256SUMS` (sha256sum format) for every wheel and sdist in `dist`."""
    lines = []
    for artifact in sorted(dist.iterdir()):
        if artifact.name.endswith((".whl", ".tar.gz")):
            lines.append(f"{sha256_file(artifact)}  {artifact.name}\n")
    target = dist / SUMS
    target.write_text("".join(lines), encoding="utf-8")
    return target
