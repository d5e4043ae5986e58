"""The main window's commands that open a window of their own: Edit → Recently deleted and
Trusted certificates, File → Export agreements, Help → Keyboard shortcuts and About. Each
dialog's module is loaded on first use, not at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from vipdesk import __version__
from vipdesk.db import Database, describe_url
from vipdesk.ui.help.keyboard import KeyboardDialog
from vipdesk.ui.i18n import tr
from vipdesk.ui.jobs import delete_when_closed
from vipdesk.ui.placements.view import PlacementsView
from vipdesk.ui.trash.dialog import RecentlyDeletedDialog


class WindowDialogs(QObject):
    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        placements: PlacementsView,
        restored: Callable[[], None],
    ) -> None:
        """`restored` is called after a record came back from Recently deleted."""
        super().__init__(window)
        self._window = window
        self._db = db
        self._placements = placements
        self._restored = restored
        self.deleted_action = self._action(tr("&Recently deleted…"), self.recently_deleted)
        self.trust_action = self._action(tr("&Trusted certificates…"), self.trusted_certificates)
        self.export_agreements_action = self._action(
            tr("Export &agreements…"), self.export_agreements
        )
        self.keys_action = self._action(
            tr("&Keyboard shortcuts"), lambda: KeyboardDialog(window).exec()
        )
        self.about_action = self._action(tr("&About vipdesk"), self.about)

    def _action(self, text: str, run: Callable[[], Any]) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(lambda _checked=False: run())
        return action

    def recently_deleted(self) -> None:
        dialog = RecentlyDeletedDialog(self._db, self._window)
        dialog.restored.connect(lambda _kind: self._restored())
        dialog.exec()

    def trusted_certificates(self) -> None:
        # late: the dialog reads certificates through the signature services: first use only
        from vipdesk.ui.agreement.trust_dialog import TrustedCertificatesDialog

        TrustedCertificatesDialog(self._db, self._window).exec()

    def export_agreements(self) -> Any:
        """The batch export of what the placements list shows (its filters applied), with what
        is selected in it preselected."""
        # late: the batch export dialog (~40 ms) is needed on first use only, not at start-up
        from vipdesk.ui.agreement.batch_dialog import AgreementBatchDialog

        model = self._placements.model
        picked = self._placements.table.selectionModel().selectedRows()
        shown = [model.placement_id(row) for row in range(model.rowCount())]
        selected = [model.placement_id(index.row()) for index in picked]
        dialog = AgreementBatchDialog(
            self._db,
            [i for i in shown if i is not None],
            [i for i in selected if i is not None],
            self._window,
        )
        dialog.exported.connect(
            lambda folder, count: self._window.statusBar().showMessage(
                tr("Wrote %Ln agreement(s) to {folder}.", "", count).format(folder=folder), 8000
            )
        )
        delete_when_closed(dialog, dialog.runner)
        dialog.show()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self._window,
            tr("About vipdesk"),
            tr(
                "<b>vipdesk {version__}</b><br>Records, preparation and reporting for "
                "virtual and blended international work placements.<br><br>Database: "
                "{describe_url}"
            ).format(version__=__version__, describe_url=describe_url(self._db.url)),
        )
