"""Columns that fit the table: as wide as their contents while there is room, never wider.

Qt's ResizeToContents keeps every column at its content's width, so a table of nine columns in
a narrow tab scrolls sideways while a column of short words wastes nothing. Here the widths are
shared out like water: each column gets what it needs if that is under a fair share of what is
left, the wide ones split the rest (and elide; the model's tooltip shows the whole text), and one
chosen column takes any room to spare. It runs again when the table is resized or refilled.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from vipdesk.ui import theme


def share_widths(natural: list[int], available: int, stretch: int) -> list[int]:
    """Widths for columns that want `natural`, to fill `available` exactly when they can."""
    if sum(natural) <= available:
        widths = list(natural)
        widths[stretch] += available - sum(natural)
        return widths
    widths = [0] * len(natural)
    pending = sorted(range(len(natural)), key=lambda c: natural[c])
    left = available
    while pending:
        fair = left // len(pending)
        column = pending[0]
        if natural[column] <= fair:
            widths[column] = natural[column]
            left -= natural[column]
            pending.pop(0)
            continue
        for number, column in enumerate(pending):  # each wants more than its share: split evenly
            widths[column] = fair + (1 if number < left - fair * len(pending) else 0)
        break
    return widths


def elide_headings(header: QHeaderView) -> None:
    """A heading wider than its column ends in "…" (Qt's headers cut both ends of a centred
    text: "nterzeichnet vo" for "Unterzeichnet von")."""
    header.setTextElideMode(Qt.TextElideMode.ElideRight)


class ColumnFitter(QObject):
    """Keeps `table`'s columns fitted to its width; `stretch` takes spare room."""

    def __init__(self, table: QTableView, stretch: int) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        elide_headings(header)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        model.rowsInserted.connect(self.fit)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        count = table.model().columnCount()
        if count == 0:
            return
        natural = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)]
        available = table.viewport().width()
        for column, width in enumerate(
            share_widths(natural, available, min(self.stretch, count - 1))
        ):
            header.resizeSection(column, width)


class ProportionalColumns(QObject):
    """Columns keep their proportions of the table's width until the user drags one.

    For a long list whose contents change with every search (contents-sized columns would jump
    while typing): the default widths are shares of whatever width the window gives.
    """

    def __init__(
        self,
        table: QTableView,
        shares: Mapping[int, int],
        samples: Mapping[int, str] | None = None,
    ) -> None:
        """`samples`: columns as wide as their longest value ("VIP-2026-00000"), never cut;
        `shares`: the others' parts of what is left."""
        super().__init__(table)
        self.table = table
        self.shares = shares
        self.samples = samples or {}
        self.automatic = True
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        elide_headings(header)
        header.sectionResized.connect(self._on_resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.automatic:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        metrics = QFontMetrics(self.table.font())
        fixed = {
            column: max(metrics.horizontalAdvance(text), header.sectionSizeHint(column)) + 20
            for column, text in self.samples.items()
        }
        available = max(self.table.viewport().width() - sum(fixed.values()), 0)
        total = sum(self.shares.values())
        self._fitting = True
        try:
            for column, width in fixed.items():
                header.resizeSection(column, width)
            left = available
            for number, (column, share) in enumerate(self.shares.items()):
                last = number == len(self.shares) - 1
                width = left if last else available * share // total
                header.resizeSection(column, max(width, 0))
                left -= width
        finally:
            self._fitting = False

    def _on_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self.automatic = False  # the user's widths from now on


class ChipDelegate(QStyledItemDelegate):
    """A cell drawn as a chip: its word in its colour on a rounded quiet box, as in the editor's
    header card. The word is always written: the colour only repeats it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:  # selection and focus as every other cell
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        colour = foreground.color() if isinstance(foreground, QBrush) else foreground
        metrics = QFontMetrics(opt.font)
        rect = QRect(opt.rect.adjusted(4, 3, -4, -3))
        rect.setWidth(min(rect.width(), metrics.horizontalAdvance(text) + 14))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.box_colour("quiet"))
        painter.drawRoundedRect(QRectF(rect), 8, 8)
        painter.setPen(colour if isinstance(colour, QColor) else opt.palette.text().color())
        painter.setFont(opt.font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 10)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()
