"""`runai-sdkgen bundle VERSION --out DIR`: a wheelhouse a self-hosted site installs without internet.

    DIR/
      runai_client_v2_24-2.24.0-py3-none-any.whl   the released wheel (from the workspace's dist/)
      httpx-...whl, pydantic-...whl, ...            its dependency closure, for each target Python/platform
      requirements.lock                             name==version --hash=sha256:... for every file
      SHA256SUMS                                    every file, sha256sum format
      INSTALL.txt                                   the install line

The dependencies are downloaded by pip (`pip download --only-binary=:all:`), once per target
Python and platform (default: the running interpreter's). pip evaluates environment markers for the
interpreter it runs in, not for the target (`exceptiongroup; python_version < "3.11"` is skipped when
bundling for 3.10 from 3.12), so the closure is completed here: every wheel's `Requires-Dist` is
evaluated for the target, and what is missing is downloaded, until nothing is.
"""

from __future__ import annotations

import email.parser
import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

from . import artifacts, versioning
from .naming import distribution_name
from .workspace import Workspace

__all__ = ["BundleError", "Bundle", "bundle"]

LOCK = "requirements.lock"
INSTALL = "INSTALL.txt"
_MAX_ROUNDS = 10  # marker-gated dependencies pulled in per target; real closures need one or two
_PLATFORMS = {  # platform tag prefix -> (sys_platform, platform_system, os_name)
    "manylinux": ("linux", "Linux", "posix"),
    "musllinux": ("linux", "Linux", "posix"),
    "linux": ("linux", "Linux", "posix"),
    "macosx": ("darwin", "Darwin", "posix"),
    "win": ("win32", "Windows", "nt"),
}


class BundleError(Exception):
    """The bundle could not be made; the message says why."""


@dataclass(frozen=True)
class Bundle:
    """What `bundle` wrote."""

    directory: Path
    distribution: str
    package_version: str
    files: tuple[Path, ...]
    install: str

    def to_json(self) -> dict[str, object]:
        return {
            "directory": str(self.directory),
            "distribution": self.distribution,
            "package_version": self.package_version,
            "files": [p.name for p in self.files],
            "install": self.install,
        }


def bundle(
    ws: Workspace, version: str, out: Path, pythons: Sequence[str] = (), platforms: Sequence[str] = ()
) -> Bundle:
    """Write the wheelhouse of the released `version` into `out` (see the module docstring)."""
    wheel = _released_wheel(ws, version)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wheel, out / wheel.name)
    python_targets: list[str | None] = [*pythons] or [None]
    platform_targets: list[str | None] = [*platforms] or [None]
    for python in python_targets:
        for platform in platform_targets:
            _download([str(out / wheel.name)], out, python, platform)
            _complete(out, python, platform)
    files = tuple(sorted(p for p in out.iterdir() if p.name.endswith((".whl", ".tar.gz"))))
    _write_lock(files, out / LOCK)
    artifacts.write_checksums(out)
    name = distribution_name(version)
    install = f"pip install --no-index --find-links {out} {name}"
    (out / INSTALL).write_text(
        f"# Offline install of {name} {wheel.name.split('-')[1]}:\n{install}\n"
        f"# The same, with every file's hash checked:\n"
        f"pip install --no-index --find-links {out} --require-hashes -r {out / LOCK}\n",
        encoding="utf-8",
    )
    return Bundle(out, name, wheel.name.split("-")[1], files, install)


def _released_wheel(ws: Workspace, version: str) -> Path:
    record = versioning.load_records(ws.releases).get(version)
    if record is None:
        raise BundleError(f"{version} has not been released in {ws.root}; run: runai-sdkgen release {version}")
    stem = distribution_name(version).replace("-", "_")
    if not record.history:
        raise BundleError(f"{ws.releases}: {version} has no release history; run: runai-sdkgen release {version}")
    wheel = ws.dist / f"{stem}-{record.history[0].package_version}-py3-none-any.whl"
    if not wheel.is_file():
        raise BundleError(f"{wheel} is missing; run: runai-sdkgen release {version}")
    return wheel


def _download(requirements: Sequence[str], out: Path, python: str | None, platform: str | None) -> None:
    """pip download `requirements` (a wheel path or requirement strings) and their closure into `out`."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
    command += ["--only-binary=:all:", "--dest", str(out)]
    if python:
        command += ["--python-version", python]
    if platform:
        command += ["--platform", platform]
    command += requirements
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if done.returncode != 0:
        target = f"Python {python or 'current'}, platform {platform or 'current'}"
        tail = "\n".join(done.stdout.strip().splitlines()[-10:])
        raise BundleError(f"pip could not download the dependencies for {target}:\n{tail}")


def _complete(out: Path, python: str | None, platform: str | None) -> None:
    """Download the dependencies whose markers hold for the target but not for this interpreter."""
    env = _environment(python, platform)
    for _ in range(_MAX_ROUNDS):
        present = {_name_version(p)[0] for p in out.iterdir() if p.name.endswith((".whl", ".tar.gz"))}
        missing = sorted(
            {
                str(Requirement(f"{r.name}{r.specifier}"))
                for wheel in out.glob("*.whl")
                for r in _requires(wheel)
                if canonicalize_name(r.name) not in present and (r.marker is None or r.marker.evaluate(env))
            }
        )
        if not missing:
            return
        _download(missing, out, python, platform)
    raise BundleError(f"the dependency closure did not settle after {_MAX_ROUNDS} rounds")


def _environment(python: str | None, platform: str | None) -> dict[str, str]:
    """Marker variables for the target (this interpreter's, with the target's Python and platform)."""
    env = {key: str(value) for key, value in default_environment().items()}
    env["extra"] = ""
    if python:
        env["python_version"] = ".".join(python.split(".")[:2])
        env["python_full_version"] = python if python.count(".") >= 2 else f"{python}.0"
    if platform:
        prefix = next((p for p in _PLATFORMS if platform.startswith(p)), None)
        if prefix is not None:
            env["sys_platform"], env["platform_system"], env["os_name"] = _PLATFORMS[prefix]
        for machine in ("x86_64", "aarch64", "arm64", "amd64", "i686", "ppc64le", "s390x"):
            if platform.endswith(machine):
                env["platform_machine"] = "AMD64" if machine == "amd64" else machine
    return env


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        name = next((n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1), None)
        if name is None:
            return []
        metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def _name_version(path: Path) -> tuple[str, str]:
    """The normalised project name and version a wheel or sdist file name carries."""
    parsed = parse_wheel_filename(path.name)[:2] if path.name.endswith(".whl") else parse_sdist_filename(path.name)
    return str(parsed[0]), str(parsed[1])


def _write_lock(files: Sequence[Path], lock: Path) -> None:
    """`name==version --hash=...` per project, with the hash of every file the bundle holds for it."""
    hashes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in files:
        hashes[_name_version(path)].append(hashlib.sha256(path.read_bytes()).hexdigest())
    lines = []
    for (name, ver), digests in sorted(hashes.items()):
        lines.append(f"{name}=={ver} " + " ".join(f"--hash=sha256:{d}" for d in sorted(digests)))
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
