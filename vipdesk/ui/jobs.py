"""Long work off the UI thread: a QRunnable around a plain `work(progress, should_cancel)`
function, a progress dialog with a Cancel button that stops it, and `JobDialog`, the base of
the dialogs that start such work (import, export, batch agreements).

The work itself (an export, an import) lives below `vipdesk/ui` and is tested without Qt; this
module only carries its progress and result back to the UI thread as signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.errors import VipdeskError
from vipdesk.services.jobs import CancelledError, Progress, ShouldCancel
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import keep_contents_width

log = logging.getLogger(__name__)

Work = Callable[[Progress, ShouldCancel], Any]


class JobSignals(QObject):
    """Emitted from the worker thread, delivered (queued) in the thread that made the job."""

    progress = Signal(int, int, str)  # done, total (0: unknown), what is happening
    done = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    finished = Signal()  # after any of the three above


class Job(QRunnable):
    """Deleted by the pool when `run` returns; its Python side (and signals) live on in
    `_KEEPER` until the UI thread has seen `finished`."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        signals = self.signals
        try:
            result = self._work(
                lambda done, total, what: signals.progress.emit(done, total, what),
                self._cancel.is_set,
            )
        except CancelledError:
            signals.cancelled.emit()
        except VipdeskError as exc:
            signals.failed.emit(error_text(exc))
        except Exception:  # a bug: logged with its traceback, told plainly
            log.exception("A background job failed")
            signals.failed.emit("Something went wrong (the details are in the log).")
        else:
            signals.done.emit(result)
        signals.finished.emit()


class _Keeper(QObject):
    """Holds running jobs, so that a job outlives the dialog that started it and its signals
    object is released in the UI thread (a slot of this object runs there), never in the
    worker's."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[JobSignals, Job] = {}

    def keep(self, job: Job) -> None:
        self.jobs[job.signals] = job
        job.signals.finished.connect(self._release)

    def _release(self) -> None:
        self.jobs.pop(self.sender(), None)  # type: ignore[call-overload]


_KEEPER: _Keeper | None = None


def _keeper() -> _Keeper:
    global _KEEPER
    if _KEEPER is None:
        _KEEPER = _Keeper()
    return _KEEPER


class JobRunner(QObject):
    """Runs one job at a time with a progress dialog and a Cancel button.

    The outcome goes to the callbacks given to `start`, through this object's own slots: if
    the widget that owns the runner is deleted meanwhile, they are simply not called.
    """

    def __init__(self, parent: QWidget, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = pool or QThreadPool.globalInstance()
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None
        self._callbacks: tuple[Callable[[Any], None], Callable[[str], None], Callable[[], None]]
        self._when_idle: list[Callable[[], None]] = []

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(
        self,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
        on_cancelled: Callable[[], None],
    ) -> Job:
        job = Job(work)
        dialog = QProgressDialog(title, tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs finish without a flash of a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        self._callbacks = (on_done, on_failed, on_cancelled)
        job.signals.progress.connect(self._on_progress)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        job.signals.finished.connect(self._on_finished)
        self.job, self.dialog = job, dialog
        _keeper().keep(job)
        self._pool.start(job)
        return job

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call now, or when the running job has finished."""
        if self.busy:
            self._when_idle.append(callback)
        else:
            callback()

    def cancel(self) -> None:
        job, dialog = self.job, self.dialog
        if job is None:
            return
        job.cancel()
        if dialog is not None:
            # QProgressDialog hides itself on Cancel; stay in view until the job has stopped.
            dialog.setLabelText(tr("Stopping… nothing will be changed."))
            button = dialog.findChild(QPushButton)
            if button is not None:
                button.setEnabled(False)
            if dialog.wasCanceled():
                dialog.show()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        dialog = self.dialog
        if dialog is None or (self.job is not None and self.job.cancel_requested):
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        counted = (
            with_counts(tr(" ({done:,} of {total:,})"), done=done, total=total) if total else ""
        )
        dialog.setLabelText(f"{what}{counted}…")

    # The progress dialog goes first, so that a message about the outcome is not behind it.

    def _on_done(self, result: object) -> None:
        self._close()
        self._callbacks[0](result)

    def _on_failed(self, message: str) -> None:
        self._close()
        self._callbacks[1](message)

    def _on_cancelled(self) -> None:
        self._close()
        self._callbacks[2]()

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_finished(self) -> None:
        self._close()
        self.job = None
        waiting, self._when_idle = self._when_idle, []
        for callback in waiting:
            callback()


def delete_when_closed(dialog: QDialog, runner: JobRunner) -> None:
    """Delete `dialog` once it is closed and its job (if any) has stopped."""
    dialog.finished.connect(lambda _result: runner.when_idle(dialog.deleteLater))


class JobDialog(QDialog):
    """A dialog whose action runs as a job: progress with Cancel while it runs, and one clear
    outcome when it ends.

    A subclass lays out `message` and `buttons`, adds its action with `add_action` and starts the
    work with `run_job`. While the job runs the action is disabled; when it ends the action is
    enabled again if `action_allowed()`. A cancel says `cancelled_text` in `message`; a failure
    says `failure_lead` and the message there and shows it once in a box titled
    `failure_title`. Closing the dialog while a job runs cancels it.
    """

    failure_title = tr("It was not done")
    failure_lead = ""  # rich text before a failure's message in the dialog
    cancelled_text = tr("Cancelled: nothing was changed.")

    def __init__(self, parent: QWidget | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.runner = JobRunner(self, pool)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.action_button: QPushButton | None = None

    def add_action(self, text: str) -> QPushButton:
        """The button that starts the job, beside Close."""
        self.action_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        return self.action_button

    def action_allowed(self) -> bool:
        """Whether the action may run again once a job has ended."""
        return True

    def lay_out_form(self, intro: str, form: QFormLayout) -> None:
        """The layout of a dialog that is a form: what it does, the form, the message, and the
        buttons at the foot."""
        label = QLabel(intro)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        keep_contents_width(self)

    def run_job(
        self,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run `work` with a progress dialog titled `title`; `on_done(result)` when it has
        succeeded, `on_failed(message)` (by default: say it, once) when it has failed."""
        if self.action_button is not None:
            self.action_button.setEnabled(False)

        def done(result: Any) -> None:
            self._job_ended()
            on_done(result)

        def failed(message: str) -> None:
            self._job_ended()
            (on_failed or self._say_failure)(message)

        self.runner.start(title, work, done, failed, self._on_cancelled)

    def _job_ended(self) -> None:
        if self.action_button is not None:
            self.action_button.setEnabled(self.action_allowed())

    def _say_failure(self, message: str) -> None:
        self.message.setText(f"{self.failure_lead}{message}")
        QMessageBox.warning(self, self.failure_title, message)

    def _on_cancelled(self) -> None:
        self._job_ended()
        self.message.setText(self.cancelled_text)

    def reject(self) -> None:
        if self.runner.busy:
            self.runner.cancel()  # stopped work leaves nothing behind (see each job)
        super().reject()
