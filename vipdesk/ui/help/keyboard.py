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

from vipdesk.ui.i18n import tr
from vipdesk.ui.widgets import name_for_screen_readers

ELSEWHERE = (
    (tr("Anywhere"), "F1", tr("The user guide, at the section of what you are looking at")),
    (
        tr("Anywhere"),
        tr("Alt + underlined letter"),
        tr("The menu, button, tab or field of that letter"),
    ),
    (tr("Anywhere"), tr("Tab / Shift+Tab"), tr("The next / previous control")),
    (tr("Tables"), tr("Enter"), tr("Open the selected placement or record")),
    (tr("Tables"), tr("Arrow keys, Page Up/Down"), tr("Move through the rows")),
    (tr("Tab bars"), tr("Ctrl+Tab / Ctrl+Shift+Tab"), tr("The next / previous tab")),
    (tr("Placement editor"), "Ctrl+S", tr("Save the placement")),
    (tr("Placement editor"), tr("Esc"), tr("Close; unsaved changes are asked about")),
    (tr("Pickers"), tr("Down, then Enter"), tr("List the matches of what you typed and take one")),
    (tr("Date fields"), tr("Type the date"), tr("YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY")),
    (tr("Text boxes"), tr("Tab"), tr("Moves on (a text box never keeps Tab)")),
    (tr("Wizards"), tr("Alt+N / Alt+B"), tr("Next / Back page")),
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
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = [*menu_keys(window), *ELSEWHERE]
        self.table = QTableWidget(len(rows), 3, self)
        name_for_screen_readers(
            self.table, tr("Keyboard shortcuts"), tr("Where, which keys, what they do")
        )
        self.table.setHorizontalHeaderLabels([tr("Where"), tr("Keys"), tr("What")])
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
