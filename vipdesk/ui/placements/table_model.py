"""The placements grid: a view onto the prepared catalogue, never one query per cell."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from vipdesk.models import Status
from vipdesk.services.placements.attention import NextSteps
from vipdesk.services.placements.catalogue import (
    COLUMN_TITLES,
    Column,
    Filter,
    PlacementCatalogue,
    PlacementRow,
)
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.today import rule_texts
from vipdesk.ui.today.table_model import urgency_colour

PLACEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


_Index = QModelIndex | QPersistentModelIndex


# The columns' titles on screen (the services' COLUMN_TITLES, in the interface's language).
_TITLES = (
    tr("Reference"),
    tr("Student"),
    tr("Host"),
    tr("Country"),
    tr("Mode"),
    tr("Status"),
    tr("Start"),
    tr("End"),
    tr("Mentor"),
    tr("Next step"),
)
assert len(_TITLES) == len(COLUMN_TITLES)


def _text(row: PlacementRow, column: int) -> str:
    match column:
        case Column.REFERENCE:
            return row.reference
        case Column.STUDENT:
            return row.student
        case Column.HOST:
            return row.host
        case Column.COUNTRY:
            return row.country
        case Column.MODE:
            return shown(row.mode.label)
        case Column.STATUS:
            return shown(row.status.label)
        case Column.START:
            return row.start.isoformat()
        case Column.END:
            return row.end.isoformat()
        case Column.MENTOR:
            return row.mentor
    return ""


class PlacementTableModel(QAbstractTableModel):
    def __init__(self, catalogue: PlacementCatalogue | None = None) -> None:
        super().__init__()
        self._catalogue = catalogue or PlacementCatalogue()
        self._filter = Filter()
        self._visible: list[int] = []
        self._counts: Counter[Status] = Counter()
        self._refilter()

    # --- what the view asks ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self._catalogue.row(self._visible[index.row()])
        if index.column() == Column.NEXT_STEP:
            return self._next_step(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (
            Column.REFERENCE,
            Column.HOST,
        ):
            return row.title
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == Column.STATUS:
            return theme.colour(f"status.{row.status.value}")
        if role == PLACEMENT_ID_ROLE:
            return row.id
        return None

    def _next_step(self, row: PlacementRow, role: int) -> Any:
        steps = self._catalogue.next_steps
        item = steps.items.get(row.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if item is None:
                return ""
            return f"{rule_texts.item_what(item)} · {rule_texts.due_text(item, steps.today)}"
        if item is None:
            return row.id if role == PLACEMENT_ID_ROLE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("{details}\nWhat to do: {action}.").format(
                details=item.details, action=rule_texts.item_action(item)
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return urgency_colour(item.urgency)
        if role == PLACEMENT_ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return _TITLES[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMN_TITLES):
            return
        self.layoutAboutToBeChanged.emit()
        self._catalogue.sort(Column(column), order == Qt.SortOrder.DescendingOrder)
        self._visible, self._counts = self._catalogue.query(self._filter)
        self.layoutChanged.emit()

    # --- what the window tells it ----------------------------------------------------------

    @property
    def catalogue(self) -> PlacementCatalogue:
        return self._catalogue

    @property
    def status_counts(self) -> Counter[Status]:
        return self._counts

    @property
    def current_filter(self) -> Filter:
        return self._filter

    def set_catalogue(self, catalogue: PlacementCatalogue) -> None:
        if catalogue.sort_order != self._catalogue.sort_order:
            catalogue.sort(*self._catalogue.sort_order)
        self.beginResetModel()
        self._catalogue = catalogue
        self._visible, self._counts = catalogue.query(self._filter)
        self.endResetModel()

    def set_next_steps(self, steps: NextSteps) -> None:
        """A new work list: the next-step column and, when it is the order, the rows' order."""
        self.beginResetModel()
        self._catalogue.set_next_steps(steps)
        self._visible, self._counts = self._catalogue.query(self._filter)
        self.endResetModel()

    def set_filter(self, flt: Filter) -> None:
        self._filter = flt
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._visible, self._counts = self._catalogue.query(self._filter)
        self.endResetModel()

    def placement_id(self, row: int) -> int | None:
        if 0 <= row < len(self._visible):
            return self._catalogue.row(self._visible[row]).id
        return None

    def row_of(self, placement_id: int) -> int | None:
        index = self._catalogue.index_of(placement_id)
        if index is None:
            return None
        try:
            return self._visible.index(index)
        except ValueError:
            return None

    def refresh_row(self, row: PlacementRow | None, placement_id: int) -> None:
        """Reflect one saved, created or deleted placement without reloading the rest."""
        if row is None:
            self._catalogue.remove(placement_id)
        else:
            self._catalogue.upsert(row)
        self._refilter()
