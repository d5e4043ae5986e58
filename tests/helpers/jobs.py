"""A thread pool that holds its jobs until told to go: cancelling before a job runs, for sure."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRunnable, QThreadPool
from PySide6.QtWidgets import QProgressDialog, QPushButton


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


def press_cancel(progress: QProgressDialog | None) -> None:
    """Press the Cancel button of a job's progress dialog, as a user would."""
    assert progress is not None, "no progress dialog is showing"
    button = progress.findChild(QPushButton)
    assert button is not None, "the progress dialog has no Cancel button"
    button.click()
