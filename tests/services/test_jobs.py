"""Long work without Qt: progress reported every so many steps, cancelling, the paused collector."""

from __future__ import annotations

import gc

import pytest

from vipdesk.services.jobs import CancelledError, Steps, never, no_progress, paused_gc


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.seen: list[tuple[int, int, str]] = []
        self.polls = 0
        self.cancel_after = cancel_after

    def progress(self, done: int, total: int, what: str) -> None:
        self.seen.append((done, total, what))

    def should_cancel(self) -> bool:
        self.polls += 1
        return self.cancel_after is not None and self.polls > self.cancel_after


def test_progress_at_the_start_every_n_steps_and_at_the_end() -> None:
    rec = Recorder()
    steps = Steps(10, "Zählen 李", rec.progress, rec.should_cancel, every=4)
    for _ in range(10):
        steps.step()
    steps.finish()
    assert [done for done, _, _ in rec.seen] == [0, 4, 8, 10]
    assert {(total, what) for _, total, what in rec.seen} == {(10, "Zählen 李")}
    assert steps.done == 10


def test_a_big_step_crossing_a_boundary_reports_once() -> None:
    rec = Recorder()
    steps = Steps(1000, "Rows", rec.progress, every=100)
    steps.step(250)
    steps.step(40)
    assert rec.seen == [(0, 1000, "Rows"), (250, 1000, "Rows")]


def test_cancelling_is_polled_at_start_and_at_each_report() -> None:
    with pytest.raises(CancelledError, match=r"^Stopped: nothing was changed\.$"):
        Steps(5, "x", should_cancel=lambda: True)
    rec = Recorder(cancel_after=1)  # the first poll (at the start) says go on
    steps = Steps(100, "x", rec.progress, rec.should_cancel, every=10)
    for _ in range(9):
        steps.step()
    assert rec.polls == 1  # no report yet: not asked again
    with pytest.raises(CancelledError):
        steps.step()


def test_every_below_one_counts_as_one_and_an_unknown_total_is_zero() -> None:
    rec = Recorder()
    steps = Steps(0, "Reading", rec.progress, every=0)
    steps.step()
    steps.step()
    assert rec.seen == [(0, 0, "Reading"), (1, 0, "Reading"), (2, 0, "Reading")]


def test_without_callbacks_nothing_is_reported_and_nothing_stops() -> None:
    steps = Steps(3, "quiet")
    steps.step(3)
    steps.finish()
    assert never() is False
    no_progress(1, 2, "x")  # accepts and ignores


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
