"""Long work off the UI thread: results, user errors, bugs and cancelling come back as signals,
and the dialogs that run it show progress, stop on Cancel and say once what went wrong."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QFormLayout, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.jobs import held_pool, press_cancel
from vipdesk.errors import VipdeskError
from vipdesk.services.jobs import Progress, ShouldCancel, Steps
from vipdesk.ui.jobs import Job, JobDialog, JobRunner, Work, delete_when_closed


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


# --- the dialogs that run jobs ---------------------------------------------------------------


class CountingDialog(JobDialog):
    """The smallest job dialog: Count runs `work`; what it returned is kept in `counted`."""

    failure_title = "Nothing was counted"
    cancelled_text = "Cancelled: nothing was counted."

    def __init__(self, work: Work, pool: QThreadPool | None = None) -> None:
        super().__init__(None, pool)
        self.counted: list[object] = []
        self._work = work
        self.count_button = self.add_action("Count")
        self.count_button.clicked.connect(self.count)
        self.lay_out_form("Counts to four, slowly.", QFormLayout())

    def count(self) -> None:
        self.message.setText("Counting…")
        self.run_job("Counting", self._work, self.counted.append)


def waiting_after(step: int, go_on: threading.Event, reached: threading.Event) -> Work:
    """Four steps that wait after `step` until `go_on` is set (`reached` says they wait)."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> int:
        steps = Steps(4, "Counting", progress, should_cancel, every=1)
        for n in range(1, 5):
            steps.step()
            if n == step:
                reached.set()
                go_on.wait(10)
        return steps.done

    return work


def test_a_job_dialog_shows_progress_and_the_result(qtbot: QtBot) -> None:
    go_on, reached = threading.Event(), threading.Event()
    dialog = CountingDialog(waiting_after(2, go_on, reached))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.count_button, Qt.MouseButton.LeftButton)
    assert dialog.runner.dialog is not None
    progress: QProgressDialog = dialog.runner.dialog
    qtbot.waitUntil(reached.is_set, timeout=5_000)
    qtbot.waitUntil(lambda: "(2 of 4)" in progress.labelText(), timeout=5_000)
    assert progress.labelText() == "Counting (2 of 4)…"
    assert (progress.maximum(), progress.value()) == (4, 2)
    assert not dialog.count_button.isEnabled()  # one job at a time
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=5_000)
    assert dialog.counted == [4]
    assert dialog.count_button.isEnabled()


def test_cancel_stops_the_job_and_says_so(qtbot: QtBot, message_boxes: MessageBoxes) -> None:
    go_on, reached = threading.Event(), threading.Event()
    dialog = CountingDialog(waiting_after(1, go_on, reached))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.count()
    qtbot.waitUntil(reached.is_set, timeout=5_000)
    press_cancel(dialog.runner.dialog)
    assert dialog.runner.job is not None and dialog.runner.job.cancel_requested
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=5_000)
    assert dialog.counted == []  # stopped after the first step: no result
    assert dialog.message.text() == "Cancelled: nothing was counted."
    assert dialog.count_button.isEnabled()  # it may be tried again
    assert message_boxes.shown == []  # a cancel is no failure
    assert dialog.isVisible()


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (VipdeskError("The disk is full."), "The disk is full."),
        (KeyError("a bug"), "Something went wrong (the details are in the log)."),
    ],
)
def test_a_failure_is_one_clear_message_and_the_dialog_closes(
    qtbot: QtBot, message_boxes: MessageBoxes, error: Exception, said: str
) -> None:
    def work(_p: Progress, _c: ShouldCancel) -> None:
        raise error

    dialog = CountingDialog(work)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.count()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=5_000)
    assert message_boxes.shown == [("warning", said)]  # once, in a box titled for the dialog
    assert dialog.message.text() == said
    assert dialog.count_button.isEnabled()
    next(b for b in dialog.buttons.buttons() if b.text() == "Close").click()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_closing_a_job_dialog_cancels_its_job(qtbot: QtBot) -> None:
    with held_pool() as (pool, release):
        dialog = CountingDialog(counting, pool)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.count()
        job = dialog.runner.job
        dialog.reject()
        assert job is not None and job.cancel_requested
        assert not dialog.isVisible()
        release.set()
        qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=5_000)
    assert dialog.counted == []
