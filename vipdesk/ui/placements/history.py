"""The History tab of the placement editor: what happened, in sentences, grouped by day.

Each day is a heading, newest first; under it one row per event ('20:47  Status changed from
Preparing to Agreement sent by ana'). The stored entry behind a row (its fields, raw values and
exact time) is on demand: in the row's tooltip, and in the details pane under the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.services.placements.history import HistoryDay
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.placements.history_texts import day_heading, event_row, event_sentence
from vipdesk.ui.widgets import name_for_screen_readers

_DETAIL = Qt.ItemDataRole.UserRole + 1
EMPTY = tr("Nothing has been recorded for this placement yet.")
UNSAVED = tr("The history starts when the placement is first saved.")


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A list, not a tree: a list view wraps long sentences to its width.
        self.list = QListWidget()
        name_for_screen_readers(self.list, tr("History"), tr("What changed, newest first"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(1)
        self.list.currentItemChanged.connect(self._on_current_changed)

        self.empty = QLabel(EMPTY)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.text_style("muted") + " padding: 24px;")

        self.details_button = QToolButton()
        self.details_button.setText(tr("Stored details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(
            tr("Show the audit entry behind the selected line as stored")
        )
        self.details_button.toggled.connect(self._on_details_toggled)
        self.details = QPlainTextEdit()
        self.details.setTabChangesFocus(True)
        self.details.setAccessibleName(tr("Stored details"))
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(tr("Select a line to see the entry as stored."))
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.details.setFont(mono)
        self.details.setVisible(False)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.details_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        self._split = split
        self.show_days([])

    # --- showing ---------------------------------------------------------------------------

    def show_unsaved(self) -> None:
        self.show_days([], UNSAVED)

    def show_days(self, days: list[HistoryDay], empty_text: str = EMPTY) -> None:
        self.list.clear()
        self.details.clear()
        bold = QFont(self.list.font())
        bold.setBold(True)
        for number, day in enumerate(days):
            heading = QListWidgetItem(("\n" if number else "") + day_heading(day))
            heading.setFont(bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading is not a line to select
            self.list.addItem(heading)
            for event in day.events:
                row = QListWidgetItem(event_row(event))
                row.setToolTip(
                    tr("{text}\n\nAs stored:\n{detail}").format(
                        text=event_sentence(event), detail=event.detail
                    )
                )
                row.setData(_DETAIL, event.detail)
                self.list.addItem(row)
        self.empty.setText(empty_text)
        self.empty.setVisible(not days)
        self._split.setVisible(bool(days))
        self.details_button.setVisible(bool(days))

    def lines(self) -> list[str]:
        """What the tab shows, top to bottom: day headings and the rows under them."""
        return [self.list.item(i).text().strip() for i in range(self.list.count())]

    # --- slots -----------------------------------------------------------------------------

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        detail = current.data(_DETAIL) if current is not None else None
        self.details.setPlainText(str(detail) if detail else "")

    def _on_details_toggled(self, on: bool) -> None:
        self.details.setVisible(on)
