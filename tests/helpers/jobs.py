"""A thread pool that holds its jobs until told to go: cancelling before a job runs, for sure."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRunnable, QThreadPool


class _Blocker(QRunnable):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self._release = release

    def run(self) -> None:
        self._release.wait(10)


@contextmanager
def held_pool() -> Iterator[tuple[QThreadPool, threading.Event]]:
    """A one-thread pool whose thread is busy until the event is set."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    release = threading.Event()
    pool.start(_Blocker(release))
    try:
        yield pool, release
    finally:
        release.set()
        pool.waitForDone(10_000)
