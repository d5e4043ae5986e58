"""The main window as a coordinator meets it: first start, finding, opening, deleting."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_student, make_world
from tests.helpers.worklist import set_record
from vipdesk.db import Database
from vipdesk.errors import DatabaseUnavailableError
from vipdesk.models import Status
from vipdesk.services.placements import catalogue
from vipdesk.services.placements.lifecycle import change_status
from vipdesk.services.placements.records import load_placement
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_window(qtbot: QtBot, db: Database, settings: QSettings) -> MainWindow:
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def editors(window: MainWindow) -> list[PlacementEditor]:
    return [e for e in window.findChildren(PlacementEditor) if e.isVisible()]


def test_first_start_shows_what_to_do(qtbot: QtBot, db: Database, settings: QSettings) -> None:
    window = open_window(qtbot, db, settings)
    view = window.placements_view
    assert view.stack.currentWidget() is view.empty_state
    qtbot.mouseClick(view.empty_state.new_button, Qt.MouseButton.LeftButton)
    assert len(editors(window)) == 1
    with qtbot.waitSignal(window.demo_requested):
        qtbot.mouseClick(view.empty_state.demo_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def filled(db: Database) -> Database:
    world = make_world(db)
    make_placement(db, world, title="Data analyst intern")
    second = make_student(db, "Zoë", "Lefèvre")
    make_placement(db, world, student_id=second, title="UX research intern")
    third = make_placement(db, world, title="Marketing assistant")
    from vipdesk.services.placements.checklist import set_done

    set_done(db, third.id, "selection", True)  # type: ignore[arg-type]
    change_status(db, third.id, Status.PREPARING, third.version)  # type: ignore[arg-type]
    return db


def test_search_filters_as_you_type(qtbot: QtBot, filled: Database, settings: QSettings) -> None:
    window = open_window(qtbot, filled, settings)
    view = window.placements_view
    assert view.model.rowCount() == 3
    qtbot.keyClicks(view.search_box, "lefevre")  # accents and case do not matter
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.data(view.model.index(0, 1)) == "Zoë Lefèvre"
    assert view.shown_label.text() == "1 shown"
    view.search_box.clear()
    qtbot.keyClicks(view.search_box, "intern")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)


def test_status_list_counts_and_filters(
    qtbot: QtBot, filled: Database, settings: QSettings
) -> None:
    window = open_window(qtbot, filled, settings)
    view = window.placements_view
    texts = [view.status_list.item(i).text() for i in range(view.status_list.count())]
    assert texts[0] == "All placements  (3)"
    assert "Draft  (2)" in texts
    assert "Preparing  (1)" in texts
    view.status_list.setCurrentRow(texts.index("Preparing  (1)"))
    assert view.model.rowCount() == 1
    view.mode_filter.setCurrentIndex(view.mode_filter.findText("Blended"))
    assert view.model.rowCount() == 0


def test_ctrl_f_and_enter_open_a_placement(
    qtbot: QtBot, filled: Database, settings: QSettings
) -> None:
    window = open_window(qtbot, filled, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.placements_view.search_box.hasFocus()
    table = window.placements_view.table
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    opened = editors(window)
    assert len(opened) == 1
    assert opened[0].current_form()[0].id == window.placements_view.model.placement_id(1)


def test_saving_in_the_editor_updates_the_list(
    qtbot: QtBot, filled: Database, settings: QSettings
) -> None:
    window = open_window(qtbot, filled, settings)
    view = window.placements_view
    first_id = view.model.placement_id(0)
    editor = window.open_placement(first_id)
    assert editor is not None
    editor.fields.title.setText("Renamed")
    stored = load_placement(filled, first_id)  # type: ignore[arg-type]
    editor.fields.planned_start.set_value(stored.planned_start.replace(year=2030))  # type: ignore[union-attr]
    editor.fields.planned_end.set_value(stored.planned_end.replace(year=2030))  # type: ignore[union-attr]
    assert editor.save()
    assert view.year_filter.findText("2030") >= 0
    assert view.table.currentIndex().row() == view.model.row_of(first_id)  # type: ignore[arg-type]


def test_delete_asks_first(
    qtbot: QtBot, filled: Database, settings: QSettings, message_boxes: MessageBoxes
) -> None:
    window = open_window(qtbot, filled, settings)
    view = window.placements_view
    view.table.selectRow(0)
    doomed = view.current_placement_id()
    message_boxes.answers = [QMessageBox.StandardButton.No]
    window.delete_action.trigger()
    assert view.model.rowCount() == 3
    message_boxes.answers = [QMessageBox.StandardButton.Yes]
    window.delete_action.trigger()
    assert view.model.rowCount() == 2
    assert view.model.row_of(doomed) is None  # type: ignore[arg-type]
    assert len(catalogue.load_rows(filled)) == 2
    assert "cannot be undone" in message_boxes.texts()[0]


def test_window_layout_is_remembered(qtbot: QtBot, db: Database, settings: QSettings) -> None:
    window = open_window(qtbot, db, settings)
    window.resize(720, 560)  # inside the offscreen 800x600 screen
    qtbot.waitUntil(lambda: window.width() < 800)
    arranged = window.size()  # what the user left, within the window's minimum size
    window.placements_view.table.horizontalHeader().resizeSection(1, 333)
    window.close()
    again = open_window(qtbot, db, settings)
    assert again.size() == arranged
    assert again.placements_view.table.horizontalHeader().sectionSize(1) == 333


def test_a_lost_connection_shows_a_message_and_retry_works(
    qtbot: QtBot, filled: Database, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, filled, settings)
    real_load = catalogue.PlacementCatalogue.load

    def unreachable(db: Database, **_kwargs: object) -> NoReturn:
        raise DatabaseUnavailableError("The database at server cannot be reached.")

    monkeypatch.setattr(catalogue.PlacementCatalogue, "load", staticmethod(unreachable))
    window.refresh_action.trigger()
    assert window.banner_row.isVisible()
    assert "cannot be reached" in window.banner.text()
    assert window.placements_view.model.rowCount() == 3  # what was shown stays
    monkeypatch.setattr(catalogue.PlacementCatalogue, "load", real_load)
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert not window.banner_row.isVisible()


def test_people_tabs_read_their_lists_when_first_opened(
    qtbot: QtBot, filled: Database, settings: QSettings
) -> None:
    window = open_window(qtbot, filled, settings)
    assert window.students_view.model.rowCount() == 0  # not read at start-up
    window.tabs.setCurrentWidget(window.students_view)
    assert window.students_view.model.rowCount() == 2
    window.tabs.setCurrentWidget(window.institutions_view)
    assert window.institutions_view.model.rowCount() == 1


# --- the Today tab and the work list ---------------------------------------------------------


@pytest.fixture
def due(db: Database) -> tuple[Database, int, int]:
    """One placement still ongoing ten days after its end, one starting in five days."""
    today = date.today()
    world = make_world(db)
    ended = make_placement(
        db, world, planned_start=today - timedelta(days=100), planned_end=today - timedelta(days=10)
    )
    weeks = timedelta(weeks=12)
    soon, later = today + timedelta(days=5), today + timedelta(days=200)
    starting = make_placement(db, world, planned_start=soon, planned_end=soon + weeks)
    make_placement(db, world, planned_start=later, planned_end=later + weeks, title="Later")
    assert ended.id is not None and starting.id is not None
    set_record(db, ended.id, status=Status.ONGOING)
    return db, ended.id, starting.id


def test_today_is_the_first_tab_with_its_counts(
    qtbot: QtBot, due: tuple[Database, int, int], settings: QSettings
) -> None:
    window = open_window(qtbot, due[0], settings)
    assert window.tabs.currentWidget() is window.today_view
    assert window.tabs.tabText(0) == "&Today (2)"
    assert window.statusBar().currentMessage().startswith("2 due · 1 overdue · 3 placements · ")
    assert window.today_view.summary.text() == "2 items: 1 overdue, 1 this week"


def test_a_work_item_opens_its_placement_on_the_right_tab(
    qtbot: QtBot, due: tuple[Database, int, int], settings: QSettings
) -> None:
    db, ended_id, starting_id = due
    window = open_window(qtbot, db, settings)
    view = window.today_view
    row = view.model.row_of(starting_id, "start_blocked")
    assert row is not None
    view.table.selectRow(row)
    view.open_button.click()
    (editor,) = editors(window)
    assert editor.current_form()[0].id == starting_id
    assert editor.side.currentWidget() is editor.preparation
    # The records change while it is open; closing it brings the list up to date.
    moved = date.today() + timedelta(days=60)
    set_record(db, starting_id, planned_start=moved, planned_end=moved + timedelta(weeks=12))
    editor.close()
    assert window.tabs.tabText(0) == "&Today (1)"
    assert view.model.row_of(starting_id, "start_blocked") is None
    assert view.model.row_of(ended_id, "past_end") is not None


def test_the_placements_list_shows_the_next_step_first_and_filters(
    qtbot: QtBot, due: tuple[Database, int, int], settings: QSettings
) -> None:
    db, ended_id, starting_id = due
    window = open_window(qtbot, db, settings)
    view = window.placements_view
    model = view.model
    assert [model.placement_id(r) for r in range(2)] == [ended_id, starting_id]
    text = model.data(model.index(0, catalogue.Column.NEXT_STEP))
    assert text == "Still ongoing after its planned end · 9 days overdue"
    assert model.data(model.index(2, catalogue.Column.NEXT_STEP)) == ""
    assert view.attention_filter.text() == "Needs attention (2)"
    view.attention_filter.setChecked(True)
    assert model.rowCount() == 2
    assert view.shown_label.text() == "2 shown"
