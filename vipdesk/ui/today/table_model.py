"""The work list as a grid: a heading row per urgency (overdue, this week, later), then its items.

Heading rows are not enabled, so the keyboard moves from item to item over them.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from vipdesk.services.worklist.due import Urgency, WorkItem, WorkList
from vipdesk.ui import theme, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.today import rule_texts


class Column(IntEnum):
    WHEN = 0
    WHAT = 1
    PLACEMENT = 2
    STUDENT = 3
    HOST = 4
    DETAILS = 5
    ACTION = 6
    SINCE = 7


COLUMN_TITLES = (
    tr("When"),
    tr("What"),
    tr("Placement"),
    tr("Student"),
    tr("Host"),
    tr("Details"),
    tr("What to do"),
    tr("Since"),
)

WORK_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the WorkItem of a row (None on headings)
PLACEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def urgency_colour(urgency: Urgency) -> QColor:
    return theme.colour(f"urgency.{urgency.name.lower()}")


_Index = QModelIndex | QPersistentModelIndex
_Row = WorkItem | tuple[Urgency, int]  # an item, or a heading: the urgency and its count


class WorkTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[_Row] = []
        self._worklist: WorkList | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # --- what the view asks ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self.item(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, tuple):
            return self._heading(row, index.column(), role)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("{what}: {details}\nWhat to do: {action}.").format(
                what=rule_texts.item_what(row),
                details=row.details,
                action=rule_texts.item_action(row),
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.WHEN:
            return urgency_colour(row.urgency)
        if role == Qt.ItemDataRole.FontRole and column in (Column.WHEN, Column.WHAT):
            return self._bold if row.urgency is Urgency.OVERDUE else None
        if role == WORK_ITEM_ROLE:
            return row
        if role == PLACEMENT_ID_ROLE:
            return row.placement_id
        return None

    def _text(self, item: WorkItem, column: int) -> str:
        assert self._worklist is not None
        match column:
            case Column.WHEN:
                return rule_texts.due_text(item, self._worklist.as_of)
            case Column.WHAT:
                return rule_texts.item_what(item)
            case Column.PLACEMENT:
                return item.reference
            case Column.STUDENT:
                return item.student
            case Column.HOST:
                return item.host
            case Column.DETAILS:
                return rule_texts.item_details(item)
            case Column.ACTION:
                return rule_texts.item_action(item)
            case Column.SINCE:
                return when.day(item.since)
        return ""

    def _heading(self, heading: tuple[Urgency, int], column: int, role: int) -> Any:
        urgency, count = heading
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{rule_texts.urgency_label(urgency)} ({QLocale().toString(count)})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(urgency)
        if role == Qt.ItemDataRole.BackgroundRole:
            return theme.box_colour("quiet")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return COLUMN_TITLES[section]
        return None

    # --- what the tab tells it -------------------------------------------------------------

    def set_work_list(self, worklist: WorkList) -> None:
        rows: list[_Row] = []
        for urgency, items in worklist.by_urgency().items():
            if items:
                rows.append((urgency, len(items)))
                rows.extend(items)
        self.beginResetModel()
        self._worklist, self._rows = worklist, rows
        self.endResetModel()

    @property
    def work_list(self) -> WorkList | None:
        return self._worklist

    def item(self, row: int) -> WorkItem | None:
        """The item on a row; None for a heading or a row out of range."""
        if 0 <= row < len(self._rows):
            found = self._rows[row]
            return found if isinstance(found, WorkItem) else None
        return None

    def heading_rows(self) -> list[int]:
        return [i for i, row in enumerate(self._rows) if isinstance(row, tuple)]

    def row_of(self, placement_id: int, rule_key: str) -> int | None:
        for i, row in enumerate(self._rows):
            if isinstance(row, WorkItem) and (row.placement_id, row.rule_key) == (
                placement_id,
                rule_key,
            ):
                return i
        return None
