"""The message before it goes: recipients, subject and text, editable; the files attached.

Send stores the message in the outbox (then the caller sends it in the background). Without a
mail server set, the message opens in the computer's mail program as a draft (.eml), or is
saved as a file; both carry the attachments.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, current_user, data_dir
from vipdesk.documents.files import write_atomically
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import (
    Draft,
    address_text,
    check_draft,
    eml_bytes,
    eml_name,
    parse_addresses,
)
from vipdesk.services.mail.settings import MailSettings, load_mail_settings
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder
from vipdesk.ui.widgets import ErrorLabel, add_field, name_for_screen_readers

NO_SERVER = tr(
    "No mail server is set (Settings → E-mail): open the message in your mail program, or "
    "save it as a file. It is not kept in the outbox."
)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, n // 1024)} KB"


class ComposeDialog(QDialog):
    """Shows a draft for the coordinator to check; `queued_ids` holds what Send queued."""

    def __init__(self, db: Database, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._draft = draft
        self.settings: MailSettings = load_mail_settings(db)
        self.queued_ids: list[int] = []
        self.setWindowTitle(tr("E-mail"))
        self.resize(720, 620)
        form = QFormLayout()
        self.to = QLineEdit(address_text(draft.to))
        self.to_error = add_field(form, tr("To"), self.to, required=True)
        self.cc = QLineEdit(address_text(draft.cc))
        self.cc_error = add_field(form, tr("Cc"), self.cc)
        self.subject = QLineEdit(draft.subject)
        self.subject_error = add_field(form, tr("Subject"), self.subject, required=True)
        self.body = QPlainTextEdit(draft.body)
        self.body.setTabChangesFocus(True)
        name_for_screen_readers(self.body, tr("Message"))
        self.attachments = QListWidget()
        for attachment in draft.attachments:
            self.attachments.addItem(f"{attachment.file_name} ({_size(len(attachment.data))})")
        rows = max(1, min(4, len(draft.attachments)))
        self.attachments.setFixedHeight(self.attachments.sizeHintForRow(0) * rows + 8)
        name_for_screen_readers(
            self.attachments, tr("Attached files"), tr("The files sent with it")
        )
        self.attachments_label = QLabel(tr("Attached:"))
        self.attachments_error = ErrorLabel(self)
        for widget in (self.attachments, self.attachments_label):
            widget.setVisible(bool(draft.attachments))
        self.sender_line = QLabel()
        self.sender_line.setWordWrap(True)
        if self.settings.configured:
            self.sender_line.setText(tr("From {sender}").format(sender=self.settings.sender))
        else:
            self.sender_line.setText(NO_SERVER)
            self.sender_line.setStyleSheet(theme.box_style("warning"))
        self.problem = ErrorLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(tr("&Send"))
        self.open_button = QPushButton(tr("&Open in mail program"))
        self.save_button = QPushButton(tr("Save as .&eml…"))
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self._on_send)
        self.open_button.clicked.connect(self._on_open)
        self.save_button.clicked.connect(self._on_save)
        self.send_button.setVisible(self.settings.configured)
        (self.send_button if self.settings.configured else self.open_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sender_line)
        layout.addLayout(form)
        body_label = QLabel(tr("&Message:"))
        body_label.setBuddy(self.body)
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.attachments_label)
        layout.addWidget(self.attachments)
        layout.addWidget(self.attachments_error)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    # --- the draft as edited ---------------------------------------------------------------

    def edited(self) -> Draft | None:
        """The draft with the coordinator's changes; None, with each problem shown, if wrong."""
        errors = {
            "recipients": self.to_error,
            "cc": self.cc_error,
            "subject": self.subject_error,
            "attachments": self.attachments_error,
        }
        for label in (*errors.values(), self.problem):
            label.clear_message()
        try:
            to = parse_addresses(self.to.text(), "recipients")
            cc = parse_addresses(self.cc.text(), "cc")
            draft = replace(
                self._draft, to=to, cc=cc, subject=self.subject.text(), body=self.body.toPlainText()
            )
            check_draft(draft)
        except ValidationError as exc:
            for problem in exc.problems:
                errors.get(problem.field, self.problem).show_message(problem_text(problem))
            return None
        return draft

    def eml(self) -> bytes | None:
        draft = self.edited()
        if draft is None:
            return None
        try:
            sender, reply_to = self.settings.addresses()
            return eml_bytes(draft, sender, reply_to)
        except VipdeskError as exc:
            self.problem.show_message(error_text(exc))
            return None

    # --- the three ways out ----------------------------------------------------------------

    def _on_send(self) -> None:
        draft = self.edited()
        if draft is None:
            return
        try:
            sender, reply_to = self.settings.addresses()
            self.queued_ids = [
                outbox.queue(self._db, draft, sender, reply_to=reply_to, user=current_user())
            ]
        except VipdeskError as exc:
            self.problem.show_message(error_text(exc))
            return
        self.accept()

    def _file_name(self) -> str:
        return eml_name(self.subject.text())

    def _on_save(self) -> None:
        data = self.eml()
        if data is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save the message"),
            str(default_folder() / self._file_name()),
            tr("E-mail (*.eml)"),
        )
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".eml") else Path(f"{chosen}.eml")
        try:
            write_atomically(path, data)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Save the message"), error_text(exc))
            return
        self.accept()

    def _on_open(self) -> None:
        data = self.eml()
        if data is None:
            return
        folder = data_dir() / "outgoing"
        path = folder / self._file_name()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        except (OSError, VipdeskError) as exc:
            QMessageBox.warning(self, tr("Open in mail program"), error_text(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self,
                tr("Open in mail program"),
                tr(
                    "No mail program opened it. The message is saved as {path}: attach or "
                    "open it from there."
                ).format(path=path),
            )
        self.accept()
