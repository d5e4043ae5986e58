"""Help → Keyboard shortcuts, and menus a keyboard user can walk: a letter or a key for each."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.accessibility import unnamed
from vipdesk.db import Database
from vipdesk.ui.help.keyboard import KeyboardDialog, menu_keys
from vipdesk.ui.shell.main_window import MainWindow


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    return window


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _menus(window: MainWindow) -> list[QMenu]:
    menus = []
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop()
        if isinstance(menu, QMenu):
            menus.append(menu)
            pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    return menus


def test_every_menu_entry_has_its_own_letter(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    bar = [a.text() for a in window.menuBar().actions()]
    assert all(_mnemonic(t) for t in bar)
    assert max(Counter(_mnemonic(t) for t in bar).values()) == 1
    for menu in _menus(window):
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        missing = [t for t in texts if _mnemonic(t) is None]
        assert missing == [], menu.title()
        twice = [m for m, n in Counter(_mnemonic(t) for t in texts).items() if n > 1]
        assert twice == [], f"{menu.title()}: {twice} in {texts}"


def test_the_dialog_lists_each_shortcut_of_the_menus(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    dialog = KeyboardDialog(window)
    qtbot.addWidget(dialog)
    listed = dialog.shortcuts()
    for key in (QKeySequence.StandardKey.New, QKeySequence.StandardKey.Find):
        text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        assert text in listed
    assert "F1" in listed and "Ctrl+S" in listed
    assert {what for _menu, _key, what in menu_keys(window)} >= {"New placement", "User guide"}
    assert unnamed(dialog) == []


def test_help_offers_it(qtbot: QtBot, db: Database) -> None:
    window = _window(qtbot, db)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert isinstance(help_menu, QMenu)
    assert "&Keyboard shortcuts" in [a.text() for a in help_menu.actions()]
