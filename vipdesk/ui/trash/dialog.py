"""Edit → Recently deleted: placements and cost items deleted in the last 30 days, to restore."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.trash.bin import Deleted, recently_deleted, restore_deleted
from vipdesk.ui import when
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.spreadsheets.import_table_model import TextTableModel
from vipdesk.ui.tables import elide_headings
from vipdesk.ui.widgets import name_for_screen_readers

HEADERS = [tr("What"), tr("Record"), tr("Deleted"), tr("By"), tr("Days left")]


class RecentlyDeletedDialog(QDialog):
    """The list, newest first; Restore puts the selected record back as it was."""

    restored = Signal(str)  # the kind of record restored: placement, cost

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.entries: list[Deleted] = []
        self.setWindowTitle(tr("Recently deleted"))
        self.resize(760, 420)
        intro = QLabel(
            tr(
                "Placements and cost items deleted in the last 30 days. Restoring one brings it "
                "back with everything it had: checklist, questionnaires, protocol, tools, "
                "agreements and costs."
            )
        )
        intro.setWordWrap(True)
        self.model = TextTableModel(HEADERS)
        self.table = QTableView()
        name_for_screen_readers(
            self.table,
            tr("Recently deleted"),
            tr("What was deleted in the last 30 days"),
        )
        self.table.setModel(self.model)
        elide_headings(self.table.horizontalHeader())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = QLabel(tr("Nothing was deleted in the last 30 days."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            tr("&Restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        # Nothing to list: the message fills the table's place, the intro stays at the top.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            self.entries = recently_deleted(self._db)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Recently deleted"), error_text(exc))
            self.entries = []
        self.model.set_rows(
            HEADERS,
            [
                [
                    e.what,
                    shown(e.label),
                    when.moment(e.deleted_at),
                    e.deleted_by,
                    str(e.days_left),
                ]
                for e in self.entries
            ],
        )
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))
        if self.entries:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.entries))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.entries[rows[0].row()]
        try:
            restore_deleted(self._db, entry.id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Not restored"), error_text(exc))
            self.reload()
            return
        self.restored.emit(entry.kind)
        self.reload()
