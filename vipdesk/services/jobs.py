"""What long work (exports, imports) shares: progress reports and cancelling.

A long job is a plain function that takes a `Progress` callback and a `ShouldCancel` poll, so
that it runs and is tested without Qt; the UI wraps it in a QRunnable (`vipdesk.ui.jobs`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from vipdesk.errors import VipdeskError

Progress = Callable[[int, int, str], None]
"""Called with (done, total, what is happening); total 0 means "not known yet"."""

ShouldCancel = Callable[[], bool]
"""Polled between steps; True means stop now and leave nothing behind."""


class CancelledError(VipdeskError):
    """The user stopped the job; nothing was written or imported."""


def no_progress(_done: int, _total: int, _what: str) -> None:
    pass


def never() -> bool:
    return False


class Steps:
    """Counts work done, reports it every `every` steps and stops when asked to."""

    def __init__(
        self,
        total: int,
        what: str,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
        *,
        every: int = 500,
    ) -> None:
        self.total = total
        self.what = what
        self.done = 0
        self._progress = progress or no_progress
        self._should_cancel = should_cancel or never
        self._every = max(1, every)
        self._progress(0, total, what)
        self.check()

    def check(self) -> None:
        """Raise `CancelledError` when the user asked to stop."""
        if self._should_cancel():
            raise CancelledError("Stopped: nothing was changed.")

    def step(self, count: int = 1) -> None:
        before = self.done // self._every
        self.done += count
        if self.done // self._every != before:
            self._progress(self.done, self.total, self.what)
            self.check()

    def finish(self) -> None:
        self._progress(self.total, self.total, self.what)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many small objects are made that are not garbage
    (rows read, cells written): collecting passes over them again and again cost a tenth."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
