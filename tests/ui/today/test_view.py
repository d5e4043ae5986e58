"""The Today tab with a database: rows open the right tab, snooze from the row, all done."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.translations import interface_in
from tests.helpers.worklist import add_document, set_record
from vipdesk.db import Database
from vipdesk.models import DocumentKind, Snooze, Status
from vipdesk.services.worklist.due import work_list
from vipdesk.services.worklist.rules import load_rules
from vipdesk.ui.today.dialogs import RulesDialog, SnoozeDialog
from vipdesk.ui.today.table_model import Column
from vipdesk.ui.today.view import TodayView, summary

SENT = date(2027, 1, 4)
AS_OF = date(2027, 1, 25)


@pytest.fixture
def view(qtbot: QtBot, db: Database) -> TodayView:
    world = make_world(db)
    for start in (date(2027, 3, 1), date(2027, 3, 8)):
        form = make_placement(db, world, planned_start=start)
        assert form.id is not None
        set_record(db, form.id, status=Status.AGREEMENT_SENT)
        add_document(db, form.id, DocumentKind.AGREEMENT, SENT, signed=("student", "sending"))
    widget = TodayView(db)
    qtbot.addWidget(widget)
    widget.show_list(work_list(db, AS_OF))
    return widget


def focus_table(qtbot: QtBot, view: TodayView) -> None:
    """Shortcuts answer only in the active window."""
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)


def test_the_count_reads_in_the_language_with_its_own_words(
    view: TodayView, db: Database, tmp_path: Path
) -> None:
    """German writes the count with the word in lower case ("2 überfällig"), not the group's
    heading ("Überfällig"); Polish takes the form its number asks for."""
    worklist = work_list(db, AS_OF)
    with interface_in("de", tmp_path):
        german = summary(worklist)
    with interface_in("pl", tmp_path):
        polish = summary(worklist)
    assert german == "2 Einträge: 2 überfällig"
    assert polish.endswith(": 2 zaległe")


def test_the_list_is_grouped_and_counted(view: TodayView) -> None:
    assert view.heading.text() == "<h2>Today, Monday 25 January 2027</h2>"
    assert view.summary.text() == "2 items: 2 overdue"
    assert view.stack.currentWidget() is view.table
    assert view.table.columnSpan(0, 0) == view.model.columnCount()  # the heading row
    assert view.current_item() is not None  # the first item is selected, ready for Enter


def test_enter_opens_the_placement_on_the_tab_of_the_work(qtbot: QtBot, view: TodayView) -> None:
    item = view.current_item()
    assert item is not None
    focus_table(qtbot, view)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [item.placement_id, "agreement"]


def test_the_keyboard_moves_over_headings(qtbot: QtBot, view: TodayView) -> None:
    focus_table(qtbot, view)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 2
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.table.currentIndex().row() == 1  # not the heading at row 0


def test_snoozing_from_the_row(
    qtbot: QtBot, view: TodayView, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def accept(dialog: SnoozeDialog) -> int:
        assert dialog.until() == AS_OF + timedelta(days=7)  # proposed: a week on
        dialog.note_edit.setText("HR away until February")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SnoozeDialog, "exec", accept)
    item = view.current_item()
    assert item is not None
    focus_table(qtbot, view)
    with qtbot.waitSignal(view.changed), qtbot.waitSignal(view.message) as told:
        qtbot.keyClick(
            view.table,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert told.args == [
        f"Snoozed {item.reference} (agreement waiting for signatures) until 01 Feb 2027."
    ]
    with db.session() as s:
        row = s.query(Snooze).one()
        assert (row.placement_id, row.until, row.note) == (
            item.placement_id,
            AS_OF + timedelta(days=7),
            "HR away until February",
        )
    view.show_list(work_list(db, AS_OF))
    assert view.summary.text() == "1 item: 1 overdue · 1 snoozed"


def test_a_cancelled_snooze_changes_nothing(
    qtbot: QtBot, view: TodayView, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SnoozeDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    with qtbot.assertNotEmitted(view.changed):
        view.snooze_button.click()
    with db.session() as s:
        assert s.query(Snooze).count() == 0


def test_all_done_says_so(view: TodayView, db: Database) -> None:
    view.show_list(work_list(db, SENT))
    assert view.stack.currentWidget() is view.all_done
    assert "All is done" in view.all_done.text()
    assert view.summary.text() == "Nothing due."
    assert not view.open_button.isEnabled() and not view.snooze_button.isEnabled()


def test_the_rules_dialog_stores_day_counts(qtbot: QtBot, db: Database) -> None:
    dialog = RulesDialog(db)
    qtbot.addWidget(dialog)
    dialog.spins["agreement_unsigned"].setValue(30)
    dialog._on_save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert {r.key: r.days for r in load_rules(db)}["agreement_unsigned"] == 30
    again = RulesDialog(db)
    qtbot.addWidget(again)
    assert again.spins["agreement_unsigned"].value() == 30
    again.defaults_button.click()
    assert again.spins["agreement_unsigned"].value() == 14


@pytest.mark.parametrize("width", [1000, 1280, 1600])
def test_the_list_fits_the_window_and_never_scrolls_sideways(
    qtbot: QtBot, view: TodayView, width: int
) -> None:
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    assert header.length() <= view.table.viewport().width()
    assert not view.table.horizontalScrollBar().isVisible()
    # The long texts get what is left, and say in full on hover what the width hides.
    details = view.model.index(1, int(Column.DETAILS))
    assert header.sectionSize(int(Column.DETAILS)) >= 100
    assert view.model.data(details, Qt.ItemDataRole.ToolTipRole)
    # A reference is never cut: it is what the coordinator reads out on the phone.
    reference = view.model.index(1, int(Column.PLACEMENT)).data()
    needed = view.table.fontMetrics().horizontalAdvance(reference)
    assert header.sectionSize(int(Column.PLACEMENT)) > needed


def test_no_column_title_is_cut_off_in_a_long_worded_language(
    qtbot: QtBot, view: TodayView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """German's "Aufnehmende Organisation" was cut in a column shared out by proportion."""
    long_titles = {
        int(Column.HOST): "Aufnehmende Organisation",
        int(Column.STUDENT): "Studierende/r",
    }
    original = view.model.headerData

    def header_data(section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and section in long_titles:
            return long_titles[section]
        return original(section, orientation, role)

    monkeypatch.setattr(view.model, "headerData", header_data)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.table.resizeEvent(QResizeEvent(view.table.size(), view.table.size()))
    header = view.table.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for section, title in long_titles.items():
        assert header.sectionSize(section) >= metrics.horizontalAdvance(title), title
    assert header.length() <= view.table.viewport().width()
