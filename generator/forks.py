"""Work done in forked children, at most one per core at a time, while this process goes on.

`generate` builds the IRs of the versions one after another (a changelog needs the IRs before it)
and hands each version's rendering, formatting and writing to a child as soon as its IRs exist. A
fork inherits everything built so far for free: nothing is pickled on the way in, only the result
and the stages the child reported on the way out (a child forked per task, not a pool made at the
start, whose workers would miss every IR built after them). Where `fork` is not the safe default
(anything but Linux), or for a single task, the work runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing import connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

R = TypeVar("R")

# `progress(version, stage, when)`: a stage of a version starts at `when` (time.perf_counter(), one clock
# for every process); stages `validated`, `built`, `done` and `unchanged` end the version's current stage.
Progress = Callable[[str, str, float], None]
Event = tuple[str, str, float]


class Forks(Generic[R]):
    """Runs tasks `work(progress) -> R`, each in a forked child when `parallel`, else here. A child's
    stages reach `progress` when it ends; an exception in a child is raised here, by `finish`."""

    def __init__(self, progress: Progress, parallel: bool) -> None:
        self.progress = progress
        self.slots = (os.cpu_count() or 1) if parallel and sys.platform == "linux" else 0
        self.results: dict[int, R] = {}
        self.running: dict[int, tuple[str, BaseProcess, Connection]] = {}

    def submit(self, key: int, name: str, work: Callable[[Progress], R]) -> None:
        """Start `work` (named `name` in messages); its result will be `results[key]`."""
        if not self.slots:
            self.results[key] = work(self.progress)
            return
        while len(self.running) >= self.slots:  # a slot frees when any child ends, not the oldest
            ready = connection.wait([receive for _, _, receive in self.running.values()])
            self._collect(next(key for key, (_, _, receive) in self.running.items() if receive in ready))
        receive, send = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(target=_child, args=(name, work, send), name=name)
        process.start()
        send.close()
        self.running[key] = (name, process, receive)

    def finish(self) -> dict[int, R]:
        """Wait for every child; the results by key."""
        for key in list(self.running):
            self._collect(key)
        return self.results

    def _collect(self, key: int) -> None:
        name, process, receive = self.running.pop(key)
        try:
            result, events, error = receive.recv()
        except EOFError:
            result, events, error = None, [], RuntimeError(f"{name}: the process doing it died")
        finally:
            receive.close()
            process.join()
        for event in events:
            self.progress(*event)
        if error is not None:
            raise error
        self.results[key] = result


def _child(name: str, work: Callable[[Progress], object], send: Connection) -> None:
    """A forked child: run the task, its stages recorded for the parent to report."""
    events: list[Event] = []
    try:
        send.send((work(lambda version, stage, when: events.append((version, stage, when))), events, None))
    except BaseException as error:  # noqa: BLE001 - raised again in the parent, where it is reported
        try:
            send.send((None, events, error))
        except Exception:  # an exception that does not pickle still ends the parent's wait
            send.send((None, events, RuntimeError(f"{name}: {error!r}")))
    finally:
        send.close()
