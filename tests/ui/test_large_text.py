"""Issue 20: at 150 % text size the main window and the editor cut no label and no button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.agreements import signed_agreement
from vipdesk.db import Database
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    normal = qapp.font()
    large = qapp.font()
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    qapp.setFont(large)
    yield
    qapp.setFont(normal)


def cut(root: QWidget) -> list[str]:
    QApplication.processEvents()
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue  # wraps instead
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
            continue
        if widget.width() < widget.sizeHint().width() - 1:
            found.append(f"{widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}")
    return found


def test_nothing_is_cut_at_150_percent(qtbot: QtBot, db: Database, large_text: None) -> None:
    placement_id, _signed = signed_agreement(db)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    found = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        found[window.tabs.tabText(index)] = cut(window)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    for index in range(editor.side.count()):
        editor.side.setCurrentIndex(index)
        found[editor.side.tabText(index)] = cut(editor)
    assert {tab: widgets for tab, widgets in found.items() if widgets} == {}
    # Qt grows a window rather than cut its widgets: both must still fit a 1280 x 800 screen.
    for shown in (window, editor):
        needs = shown.minimumSizeHint()
        assert needs.width() <= 1280 and needs.height() <= 800, (type(shown).__name__, needs)
