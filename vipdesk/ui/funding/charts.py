"""QPainter charts for the funding tab (PySide6-Essentials has no QtCharts).

`BarChart` draws cost per participant by group, a value label over each bar; a click on a bar
emits its index so the items behind it can be listed. `BudgetBars` draws each source's spending
against what it was awarded, red where it is overspent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar: "Blended"
    value: Decimal  # its height
    text: str  # over the bar: "1,234.50 EUR"
    caption: str = ""  # small, under the label: "12 participants"


@dataclass(frozen=True)
class BudgetBar:
    label: str
    budget: Decimal
    spent: Decimal
    text: str  # "spent of awarded"


def _small(widget: QWidget, factor: float = 0.9) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * factor))
    return font


class BarChart(QWidget):
    """Vertical bars with a value label each; the empty text shows when there is nothing."""

    bar_clicked = Signal(int)

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.empty_text = empty_text
        self.bars: list[Bar] = []
        self.chosen: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(420, 230)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 110)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.chosen = None
        data = self.has_data()
        description = "; ".join(f"{shown(b.label)}: {b.text}" for b in bars)
        self.setAccessibleDescription(description if data else self.empty_text)
        self.setToolTip(tr("Click a bar to list the cost items behind it.") if data else "")
        self.update()

    def has_data(self) -> bool:
        return any(b.value > 0 for b in self.bars)

    def _geometry(self) -> tuple[QRectF, float, float]:
        line = self.fontMetrics().height()
        plot = QRectF(8, 2 * line + 10, self.width() - 16, self.height() - 5 * line - 14)
        column = plot.width() / max(1, len(self.bars))
        return plot, column, line

    def bar_at(self, x: float) -> int | None:
        plot, column, _line = self._geometry()
        if not self.bars or not plot.left() <= x < plot.right():
            return None
        return min(len(self.bars) - 1, int((x - plot.left()) // column))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().x())
        if index is not None and self.has_data():
            self.chosen = index
            self.update()
            self.bar_clicked.emit(index)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(self.foregroundRole())
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(_small(self))
        plot, column, line = self._geometry()
        if not self.has_data():
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
            painter.end()
            return
        top = max(b.value for b in self.bars)
        scale = (plot.height() - line - 4) / float(top) if top > 0 else 0.0
        painter.setPen(QPen(theme.colour("track")))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        # Each text within its own column: "12 Teilnehmende" under six narrow years ran into
        # its neighbours; cut short, it ends in "…" (the tooltip says it whole).
        metrics, room = painter.fontMetrics(), int(column) - 4

        def fitted(text: str) -> str:
            return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)

        for index, bar in enumerate(self.bars):
            x = plot.left() + index * column
            height = float(bar.value) * scale
            width = min(column * 0.6, 90.0)
            rect = QRectF(x + (column - width) / 2, plot.bottom() - height, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                theme.colour("chosen") if index == self.chosen else theme.colour("bar")
            )
            painter.drawRect(rect)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x, rect.top() - line - 2, column, line),
                Qt.AlignmentFlag.AlignCenter,
                fitted(bar.text),
            )
            painter.drawText(
                QRectF(x, plot.bottom() + 3, column, line),
                Qt.AlignmentFlag.AlignCenter,
                fitted(shown(bar.label)),
            )
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                QRectF(x, plot.bottom() + line + 3, column, line),
                Qt.AlignmentFlag.AlignCenter,
                fitted(bar.caption),
            )
        painter.end()


class BudgetBars(QWidget):
    """One horizontal bar per source: the share of the award spent, red beyond it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[BudgetBar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(tr("Budget against actual per funding source"))

    def set_bars(self, bars: list[BudgetBar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{shown(b.label)}: {b.text}" for b in bars))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() * 2 + 10

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self.bars)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        """Every bar's row: the funding tab puts the bars in a scroll area, which shrinks its
        widget down to this and would otherwise cut the last sources off unreachably."""
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_small(self))
        line = painter.fontMetrics().height()
        text_colour = self.palette().color(self.foregroundRole())
        if not self.bars:
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, tr("No funding sources yet.")
            )
            painter.end()
            return
        width = self.width() - 16
        for index, bar in enumerate(self.bars):
            top = 4 + index * self._row_height()
            painter.setPen(text_colour)
            label = painter.fontMetrics().elidedText(
                shown(bar.label), Qt.TextElideMode.ElideRight, int(width * 0.55)
            )
            painter.drawText(QRectF(8, top, width * 0.55, line), Qt.AlignmentFlag.AlignLeft, label)
            over = bar.spent > bar.budget
            painter.setPen(theme.colour("bad") if over else theme.colour("muted"))
            painter.drawText(
                QRectF(8 + width * 0.55, top, width * 0.45, line),
                Qt.AlignmentFlag.AlignRight,
                bar.text,
            )
            track = QRectF(8, top + line + 2, width, 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour("track"))
            painter.drawRoundedRect(track, 3, 3)
            share = 1.0 if bar.budget <= 0 and bar.spent > 0 else 0.0
            if bar.budget > 0:
                share = min(1.0, float(bar.spent / bar.budget))
            painter.setBrush(theme.colour("bad") if over else theme.colour("good"))
            painter.drawRoundedRect(QRectF(track.left(), track.top(), width * share, 8), 3, 3)
        painter.end()
