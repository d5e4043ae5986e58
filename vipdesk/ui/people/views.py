"""The lists of students, host organisations, contacts and institutions.

Each view: a search box that filters as you type, a New… button, a sortable table; Enter or a
double-click opens the editor, Delete asks and deletes. `changed` fires after any save or delete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.people.contacts import delete_contact
from vipdesk.services.people.lists import (
    contact_rows,
    institution_rows,
    organisation_rows,
    student_rows,
)
from vipdesk.services.people.organisations import delete_institution, delete_organisation
from vipdesk.services.people.students import delete_student
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import NAMES
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.institution_editor import InstitutionEditor
from vipdesk.ui.people.list_texts import list_texts
from vipdesk.ui.people.organisation_editor import OrganisationEditor
from vipdesk.ui.people.student_editor import StudentEditor
from vipdesk.ui.people.table_model import (
    CONTACT_COLUMNS,
    INSTITUTION_COLUMNS,
    ORGANISATION_COLUMNS,
    STUDENT_COLUMNS,
    Column,
    RecordTableModel,
)
from vipdesk.ui.phrases import error_text
from vipdesk.ui.record_editor import RecordEditor
from vipdesk.ui.tables import elide_headings
from vipdesk.ui.widgets import name_for_screen_readers

_OPEN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_DELETE_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}  # Backspace: the Mac "delete" key


class RecordListView(QWidget):
    """One list; subclasses say what it lists, how to load, edit and delete its records."""

    changed = Signal()

    kind: str  # which `list_texts` it shows: "students", "organisations", …
    columns: Sequence[Column] = ()
    load_rows: Callable[[Database], Sequence[Any]]
    delete_record: Callable[[Database, int], None]

    def __init__(self, db: Database, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        """With `lazy`, nothing is read until the list is first shown (a tab not opened yet)."""
        super().__init__(parent)
        self.db = db
        self._loaded = False
        self._lazy = lazy
        self.texts = list_texts(self.kind)
        self.search_box = QLineEdit(self)
        self.search_box.setAccessibleName(self.texts.search)
        self.search_box.setPlaceholderText(self.texts.search_hint)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search)
        self.new_button = QPushButton(tr("New…"), self)
        self.new_button.clicked.connect(self._on_new)
        self.model = RecordTableModel(self.columns, self)
        self.table = QTableView(self)
        name_for_screen_readers(self.table, self.texts.table, self.texts.table_hint)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        elide_headings(self.table.horizontalHeader())
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.installEventFilter(self)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); font-size: 14px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        if not lazy:
            self.reload()

    # --- what subclasses provide ---------------------------------------------------------

    def make_editor(self, record_id: int | None) -> RecordEditor[Any]:
        raise NotImplementedError

    # --- public --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.reload(force=True)
        super().showEvent(event)

    def reload(self, *, force: bool = False) -> None:
        """Read the list again from the database, keeping the selection, search and order."""
        if self._lazy and not self._loaded and not force and not self.isVisible():
            return  # read when first shown
        first = not self._loaded
        self._loaded = True
        keep = self.selected_id()
        try:
            rows = type(self).load_rows(self.db)
        except VipdeskError as exc:
            QMessageBox.warning(self, self.texts.not_loaded, error_text(exc))
            return
        self.model.set_rows(rows)
        if first:  # once the table is laid out: its width says how much room there is
            QTimer.singleShot(0, self._size_columns)
        if keep is not None:
            self.select_id(keep)
        self._update_state()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_editor(self, record_id: int | None) -> RecordEditor[Any] | None:
        """Open the editor (window-modal, without blocking) and return it."""
        try:
            editor = self.make_editor(record_id)
        except VipdeskError as exc:  # deleted meanwhile, database unavailable
            QMessageBox.warning(self, self.texts.cannot_open, error_text(exc))
            self.reload()
            return None
        editor.accepted.connect(lambda: self._on_saved(editor))
        editor.finished.connect(editor.deleteLater)
        editor.open()
        return editor

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        row = self.model.record(self.model.row_of(record_id) or 0)
        answer = QMessageBox.question(
            self,
            self.texts.delete,
            tr("Delete {name}? This cannot be undone.").format(name=row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            type(self).delete_record(self.db, record_id)
        except VipdeskError as exc:
            QMessageBox.warning(self, self.texts.not_deleted, error_text(exc))
            return
        self.reload()
        self.changed.emit()

    # --- Qt ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _OPEN_KEYS and self.selected_id() is not None:
                self.open_editor(self.selected_id())
                return True
            if key in _DELETE_KEYS:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    # --- slots and helpers ---------------------------------------------------------------

    def _on_new(self) -> None:
        self.open_editor(None)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_editor(self.model.record_id(index.row()))

    def _on_search(self, text: str) -> None:
        self.model.filter(text)
        self._update_state()

    def _on_saved(self, editor: RecordEditor[Any]) -> None:
        self.reload()
        if editor.saved_id is not None:
            self.select_id(editor.saved_id)
        self.changed.emit()

    def _update_state(self) -> None:
        total, shown = self.model.total_count(), self.model.rowCount()
        if total == 0:
            self.empty_label.setText(self.texts.empty)
        elif shown == 0:
            self.empty_label.setText(
                self.texts.no_match.format(text=self.search_box.text().strip())
            )
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)
        if total and shown < total:
            self.count_label.setText(
                self.texts.shown_of(total).format(shown=QLocale().toString(shown))
            )
        else:
            self.count_label.setText(self.texts.counted(total))

    def _size_columns(self) -> None:
        """Fit the columns to the first rows only: measuring 100,000 rows would take seconds."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)
        self.table.resizeColumnsToContents()
        wanted = [max(header.sectionSize(c), 80) for c in range(self.model.columnCount())]
        sizes = [min(width, 200) for width in wanted]
        # Room left in the window goes to the columns cut short (a long e-mail), in order,
        # rather than all to the last column.
        spare = self.table.viewport().width() - sum(sizes)
        for column, width in enumerate(wanted):
            grow = max(0, min(width - sizes[column], spare))
            sizes[column] += grow
            spare -= grow
        for column, size in enumerate(sizes):
            header.resizeSection(column, size)


class StudentsView(RecordListView):
    kind = "students"
    columns = STUDENT_COLUMNS
    load_rows = staticmethod(partial(student_rows, names=NAMES))
    delete_record = staticmethod(delete_student)

    def make_editor(self, record_id: int | None) -> RecordEditor[Any]:
        return StudentEditor(self.db, record_id, parent=self)


class OrganisationsView(RecordListView):
    kind = "organisations"
    columns = ORGANISATION_COLUMNS
    load_rows = staticmethod(partial(organisation_rows, names=NAMES))
    delete_record = staticmethod(delete_organisation)

    def make_editor(self, record_id: int | None) -> RecordEditor[Any]:
        return OrganisationEditor(self.db, record_id, parent=self)


class ContactsView(RecordListView):
    kind = "contacts"
    columns = CONTACT_COLUMNS
    load_rows = staticmethod(partial(contact_rows, names=NAMES))
    delete_record = staticmethod(delete_contact)

    def make_editor(self, record_id: int | None) -> RecordEditor[Any]:
        return ContactEditor(self.db, record_id, parent=self)


class InstitutionsView(RecordListView):
    kind = "institutions"
    columns = INSTITUTION_COLUMNS
    load_rows = staticmethod(partial(institution_rows, names=NAMES))
    delete_record = staticmethod(delete_institution)

    def make_editor(self, record_id: int | None) -> RecordEditor[Any]:
        return InstitutionEditor(self.db, record_id, parent=self)
