"""Sending queued messages in the background, with progress and Cancel.

The outbox is sent by a job off the UI thread (`vipdesk.ui.jobs`): one connection for the
batch, each message marked as it goes. Cancel stops before the next message; what was not
sent stays queued. The outcome is told in one message box, the first failure's reason in it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from vipdesk.db import Database, current_user
from vipdesk.services.jobs import Progress, ShouldCancel
from vipdesk.services.mail.settings import load_mail_settings, password
from vipdesk.services.mail.smtp import SendResult, send_queued
from vipdesk.ui.i18n import tr
from vipdesk.ui.jobs import JobRunner
from vipdesk.ui.phrases import sentence_text


class MailSender(QObject):
    """Sends messages of the outbox for one window; `sent` after each batch (to refresh)."""

    sent = Signal(object)  # the SendResult

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self.runner = JobRunner(parent)
        self.quiet = False  # tests: no message box at the end

    def send(self, ids: list[int] | None = None) -> None:
        """Send `ids` (else every queued message) unless a batch is already going."""
        if self.runner.busy:
            return
        settings = load_mail_settings(self._db)
        secret = password(settings)
        user = current_user()

        def work(progress: Progress, should_cancel: ShouldCancel) -> SendResult:
            return send_queued(
                self._db,
                settings,
                secret,
                ids,
                progress=lambda done, total: progress(done, total, tr("Sending")),
                cancelled=should_cancel,
                user=user,
            )

        self.runner.start(tr("Sending e-mail"), work, self._done, self._failed, lambda: None)

    def _done(self, result: object) -> None:
        assert isinstance(result, SendResult)
        self.sent.emit(result)
        if self.quiet:
            return
        if result.failed:
            first_id = next(iter(result.failed))
            said = result.said.get(first_id)
            first = sentence_text(said) if said is not None else result.failed[first_id]
            QMessageBox.warning(
                self._parent,
                tr("Sending e-mail"),
                tr(
                    "{summary}.\n\n{first}\n\nThe Outbox keeps the failed messages: correct the "
                    "settings or the address, then Retry."
                ).format(first=first, summary=sent_summary(result)),
            )

    def _failed(self, message: str) -> None:
        if not self.quiet:
            QMessageBox.warning(self._parent, tr("Sending e-mail"), message)


def sent_summary(result: SendResult) -> str:
    """ "2 sent, 1 failed", in the interface's language."""
    parts = [tr("%n sent", "", len(result.sent))]
    if result.failed:
        parts.append(tr("%n failed", "", len(result.failed)))
    if result.left:
        parts.append(tr("%n still queued", "", result.left))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]
