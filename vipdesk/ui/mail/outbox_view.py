"""The outbox: every message, newest first, with what became of it.

The same view serves the main window's Outbox tab (every message) and a placement's Mail tab
(that placement's). Queued messages can be sent now or cancelled; failed ones retried (after
the settings or the address were put right); any one read again or saved as .eml.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, current_user
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.models import MailState
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import eml_name
from vipdesk.services.mail.outbox import OutboxRow
from vipdesk.ui import theme, when
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.mail.sending import MailSender
from vipdesk.ui.phrases import error_text, sentence_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder

EMPTY = tr(
    "No e-mail yet. Messages sent from a placement (agreements, questionnaires, reminders) "
    "show here."
)


def _what_happened(row: OutboxRow) -> str:
    """Why a message failed, in the interface's language where it was kept as a phrase (the
    server's own words stay as they came); the server's reply once sent."""
    if row.failure_phrase is not None:
        return sentence_text(row.failure_phrase)
    return row.failure or row.server_reply


def _when(row: OutboxRow) -> str:
    moment = row.sent_at or row.queued_at
    return when.moment(moment)


def _state(row: OutboxRow) -> str:
    if row.state is MailState.FAILED and row.attempts > 1:
        return tr("Failed ({attempts} tries)").format(attempts=row.attempts)
    if row.state is MailState.FAILED:  # not a failed tool test's word ("Nicht bestanden")
        return tr("Failed", "a message that could not be sent")
    return shown(row.state.label)


class OutboxView(QWidget):
    changed = Signal()

    def __init__(self, db: Database, *, per_placement: bool = False, lazy: bool = False) -> None:
        super().__init__()
        self._db = db
        self.per_placement = per_placement  # a placement's Mail tab: empty until one is shown
        self.placement_id: int | None = None
        self.model: RowsTableModel[OutboxRow] = RowsTableModel(
            [
                Column(tr("When"), _when),
                Column(tr("State"), _state, alarm=lambda r: r.state is MailState.FAILED),
                Column(tr("Placement"), lambda r: r.reference),
                Column(tr("To"), lambda r: r.to_text),
                Column(tr("Subject"), lambda r: r.subject),
                Column(tr("What happened"), _what_happened),
            ],
            lambda r: r.id,
            self,
        )
        self.table = make_table(self.model, tr("Outbox"), tr("Every e-mail and what became of it"))
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self.show_message())
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.box_style("quiet", padding=10))
        self.summary = QLabel()
        self.send_button = QPushButton(tr("&Send queued now"))
        self.retry_button = QPushButton(tr("Re&try"))
        self.cancel_button = QPushButton(tr("&Cancel sending"))
        self.show_button = QPushButton(tr("&Read…"))
        self.eml_button = QPushButton(tr("Save as .&eml…"))
        # Three to a row: the same view fills a placement's narrow Mail tab.
        buttons = QGridLayout()
        buttons.setSpacing(4)
        for number, button in enumerate(
            (self.send_button, self.retry_button, self.cancel_button, self.show_button,
             self.eml_button)
        ):  # fmt: skip
            buttons.addWidget(button, number // 3, number % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.mailer = MailSender(db, self)
        self.mailer.sent.connect(lambda _r: self.reload())
        self.send_button.clicked.connect(self.send_queued)
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button.clicked.connect(self.cancel)
        self.show_button.clicked.connect(self.show_message)
        self.eml_button.clicked.connect(self.save_eml)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self._stale = True
        if not lazy:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def show_placement(self, placement_id: int | None) -> None:
        self.placement_id = placement_id
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        try:
            rows = (
                outbox.outbox_rows(self._db, placement_id=self.placement_id)
                if (self.placement_id is not None or not self.property("per_placement"))
                else []
            )
        except VipdeskError as exc:
            rows = []
            self.empty.setText(theme.span("error", error_text(exc)))
        else:
            self.empty.setText(EMPTY)
        self.model.set_rows(rows)
        fit_columns(self.table, 4)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        queued = sum(r.state is MailState.QUEUED for r in rows)
        failed = sum(r.state is MailState.FAILED for r in rows)
        parts = [tr("%Ln message(s)", "", len(rows))]
        if queued:
            parts.append(tr("%n still queued", "", queued))
        if failed:
            parts.append(theme.span("error", tr("%n failed", "", failed)))
        self.summary.setText(" · ".join(parts))
        self._update()

    def selected_rows(self) -> list[OutboxRow]:
        return [self.model.rows[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _update(self) -> None:
        chosen = self.selected_rows()
        states = {r.state for r in chosen}
        self.retry_button.setEnabled(bool(states & {MailState.FAILED, MailState.CANCELLED}))
        self.cancel_button.setEnabled(bool(states & {MailState.QUEUED, MailState.FAILED}))
        self.show_button.setEnabled(len(chosen) == 1)
        self.eml_button.setEnabled(len(chosen) == 1)
        self.send_button.setEnabled(any(r.state is MailState.QUEUED for r in self.model.rows))

    # --- actions ---------------------------------------------------------------------------

    def send_queued(self) -> None:
        ids = [r.id for r in self.model.rows if r.state is MailState.QUEUED]
        if ids:
            self.mailer.send(ids)

    def retry(self) -> None:
        ids = [r.id for r in self.selected_rows()]
        if outbox.retry(self._db, ids, current_user()):
            self.reload()
            self.changed.emit()
            self.mailer.send(ids)

    def cancel(self) -> None:
        if outbox.cancel(self._db, [r.id for r in self.selected_rows()], current_user()):
            self.reload()
            self.changed.emit()

    def show_message(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1:
            return
        try:
            message = outbox.stored_message(self._db, chosen[0].id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Outbox"), error_text(exc))
            return
        body = message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        row = chosen[0]
        header = (
            tr("From: {value}\nTo: {value2}\n").format(value=message["From"], value2=message["To"])
            + (tr("Cc: {value}\n").format(value=message["Cc"]) if message["Cc"] else "")
            + tr("Subject: {value}\n").format(value=message["Subject"])
            + (
                tr("Attached: {join}\n").format(join=", ".join(row.attachments))
                if row.attachments
                else ""
            )
            + tr("State: {state}").format(state=_state(row))
            + (f" — {_what_happened(row)}" if (row.failure or row.server_reply) else "")
        )
        dialog = QDialog(self)
        dialog.setWindowTitle(row.subject)
        dialog.resize(680, 520)
        view = QPlainTextEdit(f"{header}\n\n{text}")
        view.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def save_eml(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) != 1:
            return
        row = chosen[0]
        unsent = row.state is not MailState.SENT
        suggested = default_folder() / eml_name(row.subject)
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save the message"), str(suggested), tr("E-mail (*.eml)")
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".eml") else Path(f"{path}.eml")
        try:
            data = outbox.stored_message(self._db, row.id, unsent=unsent).as_bytes()
            write_atomically(target, data)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Save the message"), error_text(exc))
