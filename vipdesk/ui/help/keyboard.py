"""Help → Keyboard shortcuts: every key of the window's menus, and the keys inside its parts.

The menu part is read from the window's actions, so a new action with a shortcut is listed
without anyone remembering to; the keys of tables, editors and wizards are Qt's or set where
those are built, and listed here once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vipdesk.ui.widgets import name_for_screen_readers

ELSEWHERE = (
    ("Anywhere", "F1", "The user guide, at the section of what you are looking at"),
    ("Anywhere", "Alt + underlined letter", "The menu, button, tab or field of that letter"),
    ("Anywhere", "Tab / Shift+Tab", "The next / previous control"),
    ("Tables", "Enter", "Open the selected placement or record"),
    ("Tables", "Arrow keys, Page Up/Down", "Move through the rows"),
    ("Tab bars", "Ctrl+Tab / Ctrl+Shift+Tab", "The next / previous tab"),
    ("Placement editor", "Ctrl+S", "Save the placement"),
    ("Placement editor", "Esc", "Close; unsaved changes are asked about"),
    ("Pickers", "Down, then Enter", "List the matches of what you typed and take one"),
    ("Date fields", "Type the date", "YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY"),
    ("Text boxes", "Tab", "Moves on (a text box never keeps Tab)"),
    ("Wizards", "Alt+N / Alt+B", "Next / Back page"),
)


def plain(text: str) -> str:
    """An action's text as read: without the mnemonic's '&' and the ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def menu_keys(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, shortcut, what) for each action of the window's menus that has a shortcut."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in _actions(menu):
            shortcut = action.shortcut()
            if not shortcut.isEmpty():
                text = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
                rows.append((plain(menu.title()), text, plain(action.text())))
    return rows


def _actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _actions(submenu)
        elif not action.isSeparator():
            found.append(action)
    return found


class KeyboardDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [*menu_keys(window), *ELSEWHERE]
        self.table = QTableWidget(len(rows), 3, self)
        name_for_screen_readers(self.table, "Keyboard shortcuts", "Where, which keys, what they do")
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def shortcuts(self) -> list[str]:
        items = (self.table.item(row, 1) for row in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]
