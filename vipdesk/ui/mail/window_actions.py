"""The main window's mail: the Outbox tab, Settings → E-mail, and mail coming back.

A received message (`.eml`) is opened from File → Import returned mail, or dropped on the
window: each agreement it carries opens in its placement's Agreement tab for review and the
recording of its signatures, each questionnaire is shown answer by answer before it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.mail import outbox
from vipdesk.services.mail.settings import load_mail_settings
from vipdesk.ui.i18n import tr
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.mail.outbox_view import OutboxView
from vipdesk.ui.mail.sending import MailSender
from vipdesk.ui.phrases import error_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder

if TYPE_CHECKING:
    from vipdesk.services.mail.incoming import ReceivedMail
    from vipdesk.ui.placements.editor import PlacementEditor

MAIL_FILES = tr("E-mail (*.eml);;All files (*)")
TITLE = tr("Import returned mail")


class MailActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        tabs: QTabWidget,
        open_placement: Callable[[int, str], PlacementEditor | None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._open_placement = open_placement
        self._changed = changed
        self.outbox = OutboxView(db, lazy=True)
        self.outbox.changed.connect(changed)
        self.resumer = MailSender(db, window)  # at start, quietly: the Outbox shows how it went
        self.resumer.quiet = True
        self.resumer.sent.connect(lambda _result: self.outbox.reload())
        tabs.addTab(self.outbox, tr("Out&box"))
        self.settings_action = QAction(tr("&E-mail…"), window)
        self.settings_action.setToolTip(tr("The mail server, the sender and the message templates"))
        self.settings_action.triggered.connect(self.edit_settings)
        self.import_action = QAction(tr("Import returned &mail (.eml)…"), window)
        self.import_action.triggered.connect(self.choose_mail)

    def resume(self) -> int:
        """At start: messages left queued, or claimed by a vipdesk that was closed or killed
        while sending, go out now in the background; how many. Nothing without a server."""
        try:
            outbox.release_abandoned(self._db)
            waiting = outbox.queued_ids(self._db)
            configured = load_mail_settings(self._db).configured
        except VipdeskError:
            return 0  # the database problem is shown by the window itself
        if waiting and configured:
            self.resumer.send(waiting)
        return len(waiting) if configured else 0

    def add_to(self, file_menu: QMenu, settings_menu: QMenu) -> None:
        file_menu.addAction(self.import_action)
        settings_menu.addAction(self.settings_action)

    def edit_settings(self) -> None:
        from vipdesk.ui.mail.settings_dialog import MailSettingsDialog  # late: first use only

        MailSettingsDialog(self._db, self._window).exec()

    def email_report(self, path: str, title: str) -> None:
        """A report just saved, in a message to whom the coordinator types (a funder)."""
        # late: the report's message is made only when one goes by e-mail
        from vipdesk.services.mail.messages import report_message
        from vipdesk.services.mail.settings import load_mail_settings

        file = Path(path)
        try:
            draft = report_message(
                self._db, title, file.name, file.read_bytes(), [], load_mail_settings(self._db)
            )
        except (OSError, VipdeskError) as exc:
            QMessageBox.warning(self._window, tr("E-mail the report"), error_text(exc))
            return
        compose = ComposeDialog(self._db, draft, self._window)
        if compose.exec() == QDialog.DialogCode.Accepted and compose.queued_ids:
            self.outbox.mailer.send(compose.queued_ids)

    def choose_mail(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self._window, TITLE, str(default_folder()), MAIL_FILES
        )
        if chosen:
            self.import_mail(Path(chosen))

    def import_mail(self, path: Path) -> ReceivedMail | None:
        """Take a received message apart and bring each document of ours to its place."""
        # late: reading PDFs loads reportlab and the questionnaires (~0.3 s), not at start
        from vipdesk.services.agreements.prefill import find_placement
        from vipdesk.services.mail.incoming import read_mail_file
        from vipdesk.ui.evaluations.travel import import_returned_bytes

        try:
            received = read_mail_file(path)
        except VipdeskError as exc:
            QMessageBox.warning(self._window, TITLE, error_text(exc))
            return None
        notes = [tr("Not ours, left alone: {name}").format(name=name) for name in received.others]
        for file in received.files:
            if file.kind == "questionnaire":
                if import_returned_bytes(self._window, self._db, file.data, file.name):
                    self._changed()
                continue
            try:
                placement_id = find_placement(self._db, file.reference)
            except VipdeskError as exc:
                notes.append(f"{file.name}: {exc}")
                continue
            editor = self._open_placement(placement_id, "agreement")
            if editor is None:
                continue
            if file.kind == "agreement":
                editor.agreement.steps.returned_file(file.data, file.name)
            else:
                notes.append(
                    tr(
                        "{name} is the {kind} of {reference}: record its signatures in the "
                        "Agreement tab (Record signature…)."
                    ).format(name=file.name, kind=file.kind, reference=file.reference)
                )
        if notes:
            QMessageBox.information(self._window, TITLE, "\n".join(notes))
        return received


def mail_files(paths: list[Path]) -> list[Path]:
    """The dropped files that may be mail (the rest is not for this drop)."""
    return [p for p in paths if p.suffix.lower() in (".eml", ".msg")]
