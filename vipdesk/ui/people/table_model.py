"""Table models for the students, organisations, contacts and institutions lists.

One model class, parametrised by column specs. Rows are the NamedTuples of
`services.people_lists`; sorting and filtering work on that prepared Python data (no proxy
model), so that 100,000 students sort and filter as you type.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from vipdesk.ui.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row, on every column

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the row attribute shown
    numeric: bool = False


class StudentColumn(enum.IntEnum):
    NAME = 0
    EMAIL = 1
    NUMBER = 2
    NATIONALITY = 3
    INSTITUTION = 4
    PLACEMENTS = 5


class OrganisationColumn(enum.IntEnum):
    NAME = 0
    COUNTRY = 1
    CITY = 2
    SECTOR = 3
    SIZE = 4
    TIMEZONE = 5
    PLACEMENTS = 6


class ContactColumn(enum.IntEnum):
    NAME = 0
    ROLE = 1
    EMPLOYER = 2
    EMAIL = 3
    PHONE = 4
    TIMEZONE = 5


class InstitutionColumn(enum.IntEnum):
    NAME = 0
    ERASMUS_CODE = 1
    COUNTRY = 2
    CITY = 3
    TIMEZONE = 4
    STUDENTS = 5
    PLACEMENTS = 6


def _in_order(spec: Mapping[enum.IntEnum, Column]) -> tuple[Column, ...]:
    """The columns in the order of their constants (so that the two cannot drift apart)."""
    return tuple(column for _key, column in sorted(spec.items()))


STUDENT_COLUMNS = _in_order(
    {
        StudentColumn.NAME: Column(tr("Name"), "name"),
        StudentColumn.EMAIL: Column(tr("E-mail"), "email"),
        StudentColumn.NUMBER: Column(tr("Student no."), "student_number"),
        StudentColumn.NATIONALITY: Column(tr("Nationality"), "nationality"),
        StudentColumn.INSTITUTION: Column(tr("Institution"), "institution"),
        StudentColumn.PLACEMENTS: Column(tr("Placements"), "placements", numeric=True),
    }
)
ORGANISATION_COLUMNS = _in_order(
    {
        OrganisationColumn.NAME: Column(tr("Name", "not a person's"), "name"),
        OrganisationColumn.COUNTRY: Column(tr("Country"), "country"),
        OrganisationColumn.CITY: Column(tr("City"), "city"),
        OrganisationColumn.SECTOR: Column(tr("Sector"), "sector"),
        OrganisationColumn.SIZE: Column(tr("Size"), "size"),
        OrganisationColumn.TIMEZONE: Column(tr("Time zone"), "timezone"),
        OrganisationColumn.PLACEMENTS: Column(tr("Placements"), "placements", numeric=True),
    }
)
CONTACT_COLUMNS = _in_order(
    {
        ContactColumn.NAME: Column(tr("Name"), "name"),
        ContactColumn.ROLE: Column(tr("Role"), "role"),
        ContactColumn.EMPLOYER: Column(tr("Works at"), "employer"),
        ContactColumn.EMAIL: Column(tr("E-mail"), "email"),
        ContactColumn.PHONE: Column(tr("Phone"), "phone"),
        ContactColumn.TIMEZONE: Column(tr("Time zone"), "timezone"),
    }
)
INSTITUTION_COLUMNS = _in_order(
    {
        InstitutionColumn.NAME: Column(tr("Name", "not a person's"), "name"),
        InstitutionColumn.ERASMUS_CODE: Column(tr("Erasmus code"), "erasmus_code"),
        InstitutionColumn.COUNTRY: Column(tr("Country"), "country"),
        InstitutionColumn.CITY: Column(tr("City"), "city"),
        InstitutionColumn.TIMEZONE: Column(tr("Time zone"), "timezone"),
        InstitutionColumn.STUDENTS: Column(tr("Students"), "students", numeric=True),
        InstitutionColumn.PLACEMENTS: Column(tr("Placements"), "placements", numeric=True),
    }
)


class _Prepared(NamedTuple):
    row: Any  # a NamedTuple with an `id`
    texts: tuple[str, ...]  # what each column shows
    haystack: str  # the texts, case-folded, for the search


class RecordTableModel(QAbstractTableModel):
    """Rows of one list, sorted and filtered in Python; `ID_ROLE` gives a row's record id."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._all: list[_Prepared] = []
        self._shown: list[_Prepared] = []
        self._words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- what the views call -------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace all rows, keeping the current sort order and search text."""
        self.beginResetModel()
        self._all = [self._prepare(row) for row in rows]
        if self._sort is not None:
            self._sort_all(*self._sort)
        self._apply_filter()
        self.endResetModel()

    def filter(self, text: str) -> None:
        """Show only rows that contain every word of `text`, in any column, in any case."""
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._apply_filter()
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return " ".join(self._words)

    def total_count(self) -> int:
        """Rows before filtering."""
        return len(self._all)

    def record_id(self, row: int) -> int:
        return int(self._shown[row].row.id)

    def record(self, row: int) -> Any:
        """The row's NamedTuple as loaded."""
        return self._shown[row].row

    def row_of(self, record_id: int) -> int | None:
        for n, prepared in enumerate(self._shown):
            if prepared.row.id == record_id:
                return n
        return None

    # --- Qt overrides --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        prepared = self._shown[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return prepared.texts[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return prepared.row.id
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._shown[i.row()].row.id if i.isValid() else None for i in old]
        self._sort = (column, order)
        self._sort_all(column, order)
        self._apply_filter()
        rows = {prepared.row.id: n for n, prepared in enumerate(self._shown)}
        for index, record_id in zip(old, old_ids, strict=True):
            row = rows.get(record_id)
            new = self.index(row, index.column()) if row is not None else QModelIndex()
            self.changePersistentIndex(index, new)
        self.layoutChanged.emit()

    # --- helpers -------------------------------------------------------------------------

    def _prepare(self, row: Any) -> _Prepared:
        texts = tuple(_text(getattr(row, column.field)) for column in self.columns)
        return _Prepared(row, texts, "\x1f".join(texts).casefold())

    def _sort_all(self, column: int, order: Qt.SortOrder) -> None:
        name = self.columns[column].field
        if self.columns[column].numeric:
            self._all.sort(key=lambda p: getattr(p.row, name) or 0)
        else:
            # Empty values last in ascending order, like a spreadsheet.
            self._all.sort(key=lambda p: (not p.texts[column], p.texts[column].casefold()))
        if order == Qt.SortOrder.DescendingOrder:
            self._all.reverse()

    def _apply_filter(self) -> None:
        words = self._words
        if not words:
            self._shown = list(self._all)
        else:
            self._shown = [p for p in self._all if all(w in p.haystack for w in words)]


def _text(value: object) -> str:
    return "" if value is None else str(value)
