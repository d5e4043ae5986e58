"""The main window's spreadsheet work: File → Import (students, organisations, placements),
Save import template, and Export report to Excel, each dialog loaded on first use."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from vipdesk.db import Database
from vipdesk.languages import ENGLISH
from vipdesk.ui.i18n import tr
from vipdesk.ui.jobs import delete_when_closed
from vipdesk.ui.spreadsheets.kind_texts import kind_texts

if TYPE_CHECKING:
    from vipdesk.ui.placements.view import PlacementsView
    from vipdesk.ui.spreadsheets.export_dialog import ExportReportDialog
    from vipdesk.ui.spreadsheets.import_dialog import ImportDialog

IMPORT_KINDS = ("students", "organisations", "placements")


class SpreadsheetActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        placements: PlacementsView,
        imported: Callable[[], None],
        email_report: Callable[[str, str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._placements = placements
        self._imported = imported
        self._email_report = email_report
        self.import_actions: dict[str, QAction] = {}
        for kind in IMPORT_KINDS:
            action = QAction(kind_texts(kind).menu, window)
            action.triggered.connect(lambda _=False, k=kind: self.import_file(k))
            self.import_actions[kind] = action
        self.report_language = ENGLISH  # the last export's, offered by the next one
        self.export_report_action = QAction(tr("&Export report to Excel…"), window)
        self.export_report_action.triggered.connect(self.export_report)

    def add_to(self, file_menu: QMenu) -> None:
        templates = file_menu.addMenu(tr("Save import &template"))
        for kind in IMPORT_KINDS:
            templates.addAction(kind_texts(kind).template_menu, partial(self.save_template, kind))
        file_menu.insertActions(templates.menuAction(), list(self.import_actions.values()))
        file_menu.addAction(self.export_report_action)

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    def import_file(self, kind: str) -> ImportDialog:
        # late: the import dialog loads openpyxl (~0.2 s): on first use only
        from vipdesk.ui.spreadsheets.import_dialog import ImportDialog

        dialog = ImportDialog(self._db, kind, self._window)
        dialog.imported.connect(lambda _kind, _count: self._imported())
        delete_when_closed(dialog, dialog.runner)
        dialog.show()
        return dialog

    def _remember_language(self, dialog: ExportReportDialog, _path: str) -> None:
        self.report_language = dialog.language

    def save_template(self, kind: str) -> None:
        # late: the import dialog loads openpyxl (~0.2 s): on first use only
        from vipdesk.ui.spreadsheets.import_dialog import save_template_as

        path = save_template_as(self._window, kind)
        if path is not None:
            self._say(kind_texts(kind).saved_template.format(path=path))

    def export_report(self) -> ExportReportDialog:
        # late: the report dialog is needed on first use only, not at start-up
        from vipdesk.ui.spreadsheets.export_dialog import ExportReportDialog

        model = self._placements.model
        dialog = ExportReportDialog(
            self._db,
            model.current_filter,
            model.catalogue.years(),
            self._window,
            language=self.report_language,
        )
        dialog.exported.connect(lambda path: self._say(tr("Saved {path}.").format(path=path)))
        dialog.exported.connect(partial(self._remember_language, dialog))
        dialog.email_requested.connect(self._email_report)
        delete_when_closed(dialog, dialog.runner)
        dialog.show()
        return dialog
