"""Start and stop a Prism mock server (`node_modules/.bin/prism`, from `npm ci` at the repo root)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
# Start-up budget: Prism parses and dereferences the whole document before it listens, so the wait
# scales with the document's size and with how busy the machine is (a loaded 2-core CI machine took
# over 120 s for 2.24 once). The process is watched throughout: an early exit fails at once.
START_SECONDS_BASE = 60.0
START_SECONDS_PER_MB = 90.0
# Responses generated from the schemas (json-schema-faker), seeded so a run reproduces. The static
# mode answers with the documents' own examples, and ~100 operations per version have examples
# that violate their schemas: Prism rejects its own answer (500) and the client is never exercised.
MODE = ("--dynamic", "--seed", "runai-sdkgen-contract")


class PrismError(RuntimeError):
    """Prism did not start, or exited early."""


def prism_binary() -> Path | None:
    return PRISM if PRISM.exists() else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrismServer:
    """One `prism mock [--errors]` process on a loopback port; `wait()` polls until it answers."""

    def __init__(self, document: Path, log: Path, port: int | None = None, *, errors: bool = True) -> None:
        self.document = document
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.started = time.monotonic()
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = log.open("wb")
        binary = prism_binary()
        if binary is None:
            raise PrismError(f"{PRISM} is missing: run `npm ci` at the repository root")
        self.process = subprocess.Popen(
            [
                str(binary),
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                *(["--errors"] if errors else []),  # without: the body it made up, even when it breaks the document
                *MODE,
                "-v",
                "warn",
                str(document),
            ],
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so stop() ends node and its children only
        )

    def start_budget(self) -> float:
        """Seconds to wait for the first answer: grows with the document's size and the load average."""
        megabytes = self.document.stat().st_size / 1e6
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
        return (START_SECONDS_BASE + START_SECONDS_PER_MB * megabytes) * max(1.0, load)

    def wait(self, timeout: float | None = None) -> float:
        """Poll until Prism answers any HTTP request; the seconds it took since start.

        The budget counts from the start, and a server started early (the next version's, while the
        current one is tested) is polled at least once even when that took longer than the budget.
        """
        timeout = self.start_budget() if timeout is None else timeout
        deadline = self.started + timeout
        while True:
            if self.process.poll() is not None:
                raise PrismError(
                    f"prism exited with {self.process.returncode} before answering; " f"log: {self.log}\n{self._tail()}"
                )
            try:
                httpx.get(self.base_url + "/", timeout=1.0)
                return time.monotonic() - self.started
            except httpx.TransportError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.25)
        raise PrismError(
            f"prism did not answer on {self.base_url} within {timeout:.0f} s; log: {self.log}\n" f"{self._tail()}"
        )

    def _tail(self) -> str:
        self._log_file.flush()
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log_file.close()


@contextlib.contextmanager
def prism(document: Path, log: Path, *, errors: bool = True) -> Iterator[PrismServer]:
    server = PrismServer(document, log, errors=errors)
    try:
        server.wait()
        yield server
    finally:
        server.stop()
