"""Today's "Send reminders…": every reminder due, listed before anything is queued.

The list comes from the work list's rules (`services.mail.reminders`); the coordinator sees
to whom each goes and about what, then sends them all through the outbox in the background
(progress and Cancel), or saves them as .eml files when there is no mail server.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, current_user
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import Draft, address_text, eml_bytes, eml_name
from vipdesk.services.mail.reminders import ReminderPlan
from vipdesk.services.mail.settings import MailSettings
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import error_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder


class RemindersDialog(QDialog):
    """`queued_ids`: what Send queued (the caller sends them in the background)."""

    def __init__(
        self,
        db: Database,
        plan: ReminderPlan,
        settings: MailSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.plan = plan
        self.settings = settings
        self.queued_ids: list[int] = []
        self.setWindowTitle(tr("Send reminders"))
        self.resize(900, 560)
        count = len(plan.drafts)
        notes = [tr("<b>%n reminder(s)</b> due today.", "", count)]
        if plan.reminded_lately:
            notes.append(
                tr("{reminded_lately} item(s) were reminded in the last 7 days.").format(
                    reminded_lately=plan.reminded_lately
                )
            )
        if plan.without_address:
            notes.append(
                tr("No e-mail address for {join}.").format(join=", ".join(plan.without_address[:5]))
            )
        if not settings.configured:
            notes.append(tr("No mail server is set (Settings → E-mail): save them as .eml files."))
        self.about = QLabel(" ".join(notes))
        self.about.setWordWrap(True)
        self.model: RowsTableModel[Draft] = RowsTableModel(
            [
                Column(tr("Placement"), lambda d: d.reference),
                Column(tr("To"), lambda d: address_text(d.to)),
                Column(tr("Subject"), lambda d: d.subject),
            ],
            lambda d: None,
            self,
        )
        self.model.set_rows(plan.drafts)
        self.table = make_table(
            self.model, tr("Reminders"), tr("Each reminder, to whom and about what")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(tr("&Send %n reminder(s)", "", count))
        self.save_button = QPushButton(tr("Save as .&eml files…"))
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setVisible(settings.configured)
        self.send_button.setEnabled(bool(count))
        self.save_button.setEnabled(bool(count) and bool(settings.sender_address))
        self.send_button.clicked.connect(self._on_send)
        self.save_button.clicked.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_columns(self.table, 2)

    def _on_send(self) -> None:
        try:
            reply_to = self.settings.reply_address
            self.queued_ids = outbox.queue_many(
                self._db,
                self.plan.drafts,
                self.settings.sender,
                reply_to=reply_to,
                user=current_user(),
            )
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Send reminders"), error_text(exc))
            return
        self.accept()

    def _on_save(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Save the reminders in"), str(default_folder())
        )
        if not chosen:
            return
        try:
            reply_to = self.settings.reply_address
            for number, draft in enumerate(self.plan.drafts, 1):
                name = eml_name(draft.subject, number)
                write_atomically(
                    Path(chosen) / name, eml_bytes(draft, self.settings.sender, reply_to)
                )
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Save the reminders"), error_text(exc))
            return
        self.accept()
