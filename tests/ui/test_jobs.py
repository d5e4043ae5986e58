"""Long work off the UI thread: results, user errors, bugs and cancelling come back as signals."""

from __future__ import annotations

import logging

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.jobs import held_pool
from vipdesk.errors import VipdeskError
from vipdesk.services.jobs import Progress, ShouldCancel, Steps
from vipdesk.ui.jobs import Job, JobRunner, delete_when_closed


def counting(progress: Progress, should_cancel: ShouldCancel) -> int:
    steps = Steps(1000, "Counting", progress, should_cancel, every=100)
    for _ in range(1000):
        steps.step()
    return steps.done


def test_a_job_reports_progress_and_its_result(qtbot: QtBot) -> None:
    job = Job(counting)
    seen: list[tuple[int, int, str]] = []
    job.signals.progress.connect(lambda *args: seen.append(args))
    with qtbot.waitSignal(job.signals.done) as done:
        QThreadPool.globalInstance().start(job)
    assert done.args == [1000]
    qtbot.waitUntil(lambda: len(seen) == 11)
    assert seen[0] == (0, 1000, "Counting") and seen[-1] == (1000, 1000, "Counting")


def test_a_user_error_becomes_its_message(qtbot: QtBot) -> None:
    def work(_p: Progress, _c: ShouldCancel) -> None:
        raise VipdeskError("The disk is full.")

    job = Job(work)
    with qtbot.waitSignal(job.signals.failed) as failed:
        QThreadPool.globalInstance().start(job)
    assert failed.args == ["The disk is full."]


def test_a_bug_is_logged_and_told_plainly(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def work(_p: Progress, _c: ShouldCancel) -> None:
        raise KeyError("oops")

    job = Job(work)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(job.signals.failed) as failed:
        QThreadPool.globalInstance().start(job)
    assert "Something went wrong" in failed.args[0]
    assert "KeyError" in caplog.text


def test_the_runner_cancels_and_closes_its_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    outcome: list[str] = []
    with held_pool() as (pool, release):
        runner = JobRunner(parent, pool)
        runner.start(
            "Counting",
            counting,
            lambda r: outcome.append(f"done {r}"),
            outcome.append,
            lambda: outcome.append("cancelled"),
        )
        assert runner.busy and runner.dialog is not None
        cancel = runner.dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()
        assert "Stopping" in runner.dialog.labelText()
        assert not cancel.isEnabled()
        release.set()
        qtbot.waitUntil(lambda: not runner.busy)
    assert outcome == ["cancelled"]
    assert runner.dialog is None


def test_a_job_outlives_the_widget_that_started_it(qtbot: QtBot) -> None:
    from vipdesk.ui import jobs

    parent = QWidget()
    outcome: list[str] = []
    with held_pool() as (pool, release):
        runner = JobRunner(parent, pool)
        job = runner.start("Counting", counting, lambda r: outcome.append("done"), print, print)
        parent.deleteLater()  # the dialog is closed and deleted while its job waits
        qtbot.waitUntil(lambda: not shiboken6.isValid(parent))
        release.set()
        qtbot.waitUntil(lambda: job.signals not in jobs._keeper().jobs, timeout=5000)
    assert outcome == []  # nobody left to tell: nothing is called on a deleted widget


def test_delete_when_closed_waits_for_the_job(qtbot: QtBot) -> None:
    dialog = QDialog()
    with held_pool() as (pool, release):
        runner = JobRunner(dialog, pool)
        delete_when_closed(dialog, runner)
        runner.start("Counting", counting, print, print, print)
        dialog.reject()
        qtbot.wait(50)
        assert shiboken6.isValid(dialog)  # still running: not yet
        release.set()
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
