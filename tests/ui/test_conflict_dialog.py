"""The dialog that shows both versions when someone else saved first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from vipdesk.ui.conflict_dialog import ConflictChoice, ConflictDialog

ROWS = [("Title", "Anna's title", "Ben's title"), ("Hours per week", "20", "20")]


def make(qtbot: QtBot) -> ConflictDialog:
    dialog = ConflictDialog("ben", ROWS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, f"no item at {row}, {column}"
    return item


def test_shows_both_versions_and_marks_the_differences(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    table = dialog.table
    header = table.horizontalHeaderItem(2)
    assert header is not None and header.text() == "Saved by ben"
    assert [cell(table, 0, c).text() for c in range(3)] == list(ROWS[0])
    differing = cell(table, 0, 1).background().color().name()
    same = cell(table, 1, 1).background().color().name()
    assert differing != same


def test_each_button_returns_its_choice(qtbot: QtBot) -> None:
    for button, choice in (
        ("reload_button", ConflictChoice.RELOAD),
        ("keep_button", ConflictChoice.KEEP_MINE),
        ("cancel_button", ConflictChoice.CANCEL),
    ):
        dialog = make(qtbot)
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        assert dialog.choice is choice
        assert not dialog.isVisible()


def test_escape_goes_back_to_editing(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is ConflictChoice.CANCEL
