"""A small week chart: hours that student, mentor and tutor share on each weekday.

The solid bar is the least over the placement, the pale part above it the most, so a week where
the clocks differ shows as a range. The dashed line marks the two hours a day worth having.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vipdesk.services.preparation.overlap import MIN_DAILY_OVERLAP_HOURS, OverlapReport
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr

DAY_LETTERS = (tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun"))


def hours_text(low: float, high: float) -> str:
    def one(value: float) -> str:
        return f"{value:g}" if value == int(value) else f"{value:.1f}"

    return f"{one(low)} h" if low == high else f"{one(low)}–{one(high)} h"


class OverlapChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum: dict[int, float] = {}
        self._maximum: dict[int, float] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Shared hours per weekday"))

    def sizeHint(self) -> QSize:
        return QSize(380, 170)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 170)

    def set_report(self, report: OverlapReport | None) -> None:
        self._minimum = dict(report.minimum) if report else {}
        self._maximum = dict(report.maximum) if report else {}
        self.setAccessibleDescription(
            "; ".join(
                f"{DAY_LETTERS[d - 1]} {hours_text(self._minimum[d], self._maximum[d])}"
                for d in sorted(self._minimum)
            )
            or tr("No shared hours to show")
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, top = metrics.horizontalAdvance("10 h") + 8, line + 4
        plot = QRectF(left, top, self.width() - left - 6, self.height() - top - line - 8)
        top_hours = max(8, math.ceil(max(self._maximum.values(), default=0)))
        scale = plot.height() / top_hours

        def y(hours: float) -> float:
            return plot.bottom() - hours * scale

        grid = QPen(theme.colour("grid"))
        text = self.palette().color(self.foregroundRole())
        for hours in range(0, top_hours + 1, 2):
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y(hours)), QPointF(plot.right(), y(hours)))
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                QRectF(0, y(hours) - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{hours} h",
            )
        column = plot.width() / 7
        for index, name in enumerate(DAY_LETTERS):
            day = index + 1
            x = plot.left() + index * column
            bar = QRectF(x + column * 0.2, 0, column * 0.6, 0)
            painter.setPen(text if day in self._minimum else theme.colour("idle"))
            painter.drawText(
                QRectF(x, plot.bottom() + 3, column, line), Qt.AlignmentFlag.AlignCenter, name
            )
            if day not in self._minimum:
                continue
            low, high = self._minimum[day], self._maximum[day]
            colour = theme.colour("bad" if low < MIN_DAILY_OVERLAP_HOURS else "good")
            pale = QColor(colour)
            pale.setAlpha(70)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pale)
            painter.drawRect(bar.adjusted(0, y(high), 0, y(low)))
            painter.setBrush(colour)
            painter.drawRect(bar.adjusted(0, y(low), 0, plot.bottom()))
            painter.setPen(text)
            painter.drawText(
                QRectF(x - 4, y(high) - line - 1, column + 8, line),
                Qt.AlignmentFlag.AlignCenter,
                hours_text(low, high),
            )
        dashed = QPen(theme.colour("bad"), 1, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        threshold = y(MIN_DAILY_OVERLAP_HOURS)
        painter.drawLine(QPointF(plot.left(), threshold), QPointF(plot.right(), threshold))
        painter.end()
