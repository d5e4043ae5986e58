"""A read-only grid of text, for the import preview and its list of problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from vipdesk.ui import theme

_Index = QModelIndex | QPersistentModelIndex


class TextTableModel(QAbstractTableModel):
    """Rows of strings under fixed headers; a row may carry a text colour."""

    def __init__(self, headers: Sequence[str] = ()) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._colours: list[str | None] = []

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        colours: Sequence[str | None] | None = None,
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(row) for row in rows]
        self._colours = list(colours) if colours is not None else [None] * len(self._rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole and self._colours[index.row()]:
            return theme.colour(self._colours[index.row()] or "")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return section + 1

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]
