"""Two parts of the student editor: the languages table and the equity flags panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.models import CEFR_LEVELS
from vipdesk.services.people.equity import EQUITY_FLAGS, EquityForm
from vipdesk.ui.i18n import tr
from vipdesk.ui.widgets import name_for_screen_readers

_LEVEL_NAMES = {"native": tr("Native")}


class LanguagesTable(QWidget):
    """Languages with their CEFR level; Add and Remove below the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        name_for_screen_readers(
            self.table, tr("Languages"), tr("Each language with its CEFR level")
        )
        self.table.setHorizontalHeaderLabels([tr("Language"), tr("Level (CEFR)")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        # Room for the header and three languages; more scroll.
        self.table.setFixedHeight(header.sizeHint().height() + 3 * rows.defaultSectionSize() + 4)
        self.add_button = QPushButton(tr("Add language"), self)
        self.remove_button = QPushButton(tr("Remove"), self)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def languages(self) -> list[tuple[str, str]]:
        """(language, level) per row; rows left completely empty are ignored."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            language = item.text() if item is not None else ""
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            level = str(combo.currentData() or "")
            if language.strip() or level:
                out.append((language, level))
        return out

    def set_languages(self, languages: list[tuple[str, str]]) -> None:
        self.table.setRowCount(0)
        for language, level in languages:
            self.add_row(language, level)

    def add_row(self, language: str = "", level: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(language))
        combo = QComboBox(self.table)
        combo.addItem("", "")
        for code in CEFR_LEVELS:
            combo.addItem(_LEVEL_NAMES.get(code, code), code)
        combo.setCurrentIndex(max(combo.findData(level), 0))
        self.table.setCellWidget(row, 1, combo)
        return row

    def _on_add(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _on_remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)


EQUITY_LABELS = {
    "disability": tr("Disability or health condition"),
    "fewer_opportunities": tr("Economic, social or geographic obstacles"),
    "migrant_or_refugee": tr("Migrant or refugee background"),
    "working_or_carer": tr("Working student or carer"),
}
EQUITY_NOTE = tr(
    "Special-category personal data (GDPR art. 9): record only what the student declared, e.g. "
    "for an Erasmus+ inclusion top-up. Kept apart from the student record, never shown in lists "
    "or exports; the history notes only that it changed."
)


class EquityPanel(QWidget):
    """A collapsed 'Sensitive' section; `opened` fires whenever it is expanded, so that the
    flags are read from the database only when someone looks at them."""

    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setText(tr("Sensitive: equity flags"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._on_toggled)
        self.content = QWidget(self)
        note = QLabel(EQUITY_NOTE, self.content)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark); font-style: italic;")
        self.boxes = {name: QCheckBox(EQUITY_LABELS[name], self.content) for name in EQUITY_FLAGS}
        grid = QGridLayout()
        for n, box in enumerate(self.boxes.values()):
            grid.addWidget(box, n // 2, n % 2)
        self.note = QPlainTextEdit(self.content)
        self.note.setAccessibleName(tr("Note on the grant's grounds"))
        self.note.setPlaceholderText(tr("Note (only what is needed for the grant)"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(18, 0, 0, 0)
        inner.addWidget(note)
        inner.addLayout(grid)
        inner.addWidget(self.note)
        self.content.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.content)

    @property
    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def value(self, student_id: int) -> EquityForm:
        return EquityForm(
            student_id,
            **{name: box.isChecked() for name, box in self.boxes.items()},
            note=self.note.toPlainText(),
        )

    def set_value(self, form: EquityForm) -> None:
        for name, box in self.boxes.items():
            box.setChecked(bool(getattr(form, name)))
        self.note.setPlainText(form.note)

    def _on_toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.content.setVisible(on)
        if on:
            self.opened.emit()
