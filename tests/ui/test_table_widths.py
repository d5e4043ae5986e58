"""Issue 20: at 1280 x 800 no table scrolls sideways; columns share the width they are given."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.agreements import signed_agreement
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.services.placements.catalogue import Column
from vipdesk.ui import theme
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow
from vipdesk.ui.tables import share_widths


def test_columns_that_fit_get_what_they_need_and_one_takes_the_rest() -> None:
    assert share_widths([50, 80, 40], 300, stretch=1) == [50, 210, 40]


def test_columns_that_do_not_fit_share_and_the_narrow_keep_their_width() -> None:
    widths = share_widths([40, 400, 60, 300], 400, stretch=0)
    assert sum(widths) == 400
    assert widths[0] == 40 and widths[2] == 60  # under a fair share: untouched
    assert abs(widths[1] - widths[3]) <= 1  # the wide ones split what is left


def overflowing(root: QWidget) -> list[str]:
    QApplication.processEvents()
    return [
        f"{view.accessibleName()} by {view.horizontalScrollBar().maximum()} px"
        for view in root.findChildren(QAbstractItemView)
        if view.isVisible()
        and not isinstance(view, QHeaderView)
        and view.horizontalScrollBar().maximum() > 0
    ]


def test_no_table_scrolls_sideways_at_1280_by_800(qtbot: QtBot, db: Database) -> None:
    placement_id, _signed = signed_agreement(db)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    found = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        found[window.tabs.tabText(index)] = overflowing(window)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    for index in range(editor.side.count()):
        editor.side.setCurrentIndex(index)
        found[editor.side.tabText(index)] = overflowing(editor)
    assert {tab: views for tab, views in found.items() if views} == {}
    # and every tab of the editor shows, without scroll arrows
    assert editor.side.tabBar().sizeHint().width() <= editor.side.width()


def test_a_column_the_user_dragged_keeps_its_width(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    view = window.placements_view
    header = view.table.horizontalHeader()
    header.resizeSection(1, 333)  # as a drag does
    window.resize(1500, 800)
    QApplication.processEvents()
    assert header.sectionSize(1) == 333
    assert not view.columns.automatic


def test_the_status_is_a_chip_in_the_placements_list(qtbot: QtBot, db: Database) -> None:
    signed_agreement(db)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.placements_view)
    table = window.placements_view.table
    table.clearSelection()
    QApplication.processEvents()
    rect = table.visualRect(table.model().index(0, Column.STATUS))
    image = table.viewport().grab(rect).toImage()
    colours = {image.pixelColor(x, rect.height() // 2).name() for x in range(image.width())}
    assert theme.colours().boxes["quiet"].bg in colours  # the chip's box
    assert table.horizontalHeader().sectionSize(
        Column.REFERENCE
    ) >= table.fontMetrics().horizontalAdvance("VIP-2026-00000")  # a reference is never cut


def test_in_german_every_tab_of_the_editor_shows_and_headings_elide(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The German names do not fit beside their icons at 1280 pixels: the icons give way
    rather than the last tabs hiding behind scroll arrows, and come back when there is room.
    A heading wider than its column ends in "…" instead of losing both its ends."""
    placement_id, _signed = signed_agreement(db)
    with interface_in("de", tmp_path):
        editor = PlacementEditor(db, placement_id)
        qtbot.addWidget(editor)
        editor.resize(1280, 800)
        editor.show()
        QApplication.processEvents()
        bar = editor.side.tabBar()
        assert bar.sizeHint().width() <= editor.side.width()
        assert editor.side.tabIcon(0).isNull()
        editor.resize(1900, 800)
        QApplication.processEvents()
        assert not editor.side.tabIcon(0).isNull()  # room again: the icons are back
        for index in range(editor.side.count()):  # each tab builds its tables when shown
            editor.side.setCurrentIndex(index)
            QApplication.processEvents()
    headers = [view.horizontalHeader() for view in editor.findChildren(QTableView)]
    fitted = [h for h in headers if h.textElideMode() == Qt.TextElideMode.ElideRight]
    assert len(fitted) >= 3  # the documents, signatures and costs tables at least
