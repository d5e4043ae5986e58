"""The protocol editor: live shared hours across time zones, saving, problems, conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import Button, MessageBoxes
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.models import Cadence, ProtocolActor
from vipdesk.services.preparation.protocol import load_protocol, save_protocol
from vipdesk.ui.preparation.panel import PreparationPanel
from vipdesk.ui.preparation.protocol_editor import ProtocolEditor

STUDENT, MENTOR, TUTOR = ProtocolActor


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(
        db, make_world(db), planned_start=date(2027, 3, 1), planned_end=date(2027, 4, 9)
    )
    assert placement.id is not None
    return placement.id


def open_editor(qtbot: QtBot, db: Database, placement_id: int) -> ProtocolEditor:
    editor = ProtocolEditor(db, placement_id, "VIP-2026-00001 · Data analyst intern")
    qtbot.addWidget(editor)
    editor.show()
    return editor


def pick_zone(editor: ProtocolEditor, actor: ProtocolActor, zone: str) -> None:
    combo = editor.grid.rows[actor].zone
    combo.setCurrentIndex(combo.findData(zone))  # as chosen from the drop-down


def test_the_shared_hours_follow_the_clocks_of_both_countries(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    editor = open_editor(qtbot, db, placement_id)
    assert "01 Mar 2027 to 09 Apr 2027" in editor.overlap.period.text()
    pick_zone(editor, MENTOR, "America/New_York")
    chart = editor.overlap.chart
    assert chart._minimum == dict.fromkeys(range(1, 6), 2.0)
    assert chart._maximum == dict.fromkeys(range(1, 6), 3.0)
    assert "Mon 2–3 h" in chart.accessibleDescription()
    slot = editor.overlap.slot.text()
    assert "Every Monday, 15:00–16:00 (Europe/Warsaw)" in slot
    assert "Mon 10:00–11:00 (15 Mar to 22 Mar)" in slot
    assert "America/New_York on 14 Mar" in editor.overlap.warnings.text()
    assert not chart.grab().isNull()  # paints

    qtbot.mouseClick(editor.grid.rows[STUDENT].days[4], Qt.MouseButton.LeftButton)  # no Fridays
    assert 5 not in chart._minimum
    editor.grid.rows[MENTOR].start.setTime(QTime(11, 0))
    assert chart._minimum[1] == 0.0
    assert "less than 2 hours" in editor.overlap.warnings.text()
    assert "No meeting time" in editor.overlap.slot.text()


def test_save_the_protocol(qtbot: QtBot, db: Database, placement_id: int) -> None:
    editor = open_editor(qtbot, db, placement_id)
    pick_zone(editor, MENTOR, "Asia/Tokyo")
    editor.reporting.setCurrentIndex(editor.reporting.findData("fortnightly"))
    editor.reply_hours.setValue(48)
    qtbot.keyClicks(editor.student_helpdesk, "ict-help@kuleuven.example (9-17 CET)")
    qtbot.keyClicks(editor.tools_note, "Teams for meetings, e-mail for reports")
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    stored = load_protocol(db, placement_id)
    assert stored.id is not None
    assert stored.reporting is Cadence.FORTNIGHTLY and stored.reply_hours == 48
    assert stored.student_helpdesk == "ict-help@kuleuven.example (9-17 CET)"
    assert stored.tools_note == "Teams for meetings, e-mail for reports"
    mentor = stored.of(MENTOR)
    assert mentor is not None and mentor.zone == "Asia/Tokyo"


def test_problems_are_shown_under_the_grid_and_nothing_is_saved(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    editor = open_editor(qtbot, db, placement_id)
    editor.grid.rows[TUTOR].end.setTime(QTime(8, 0))
    for box in editor.grid.rows[MENTOR].days:
        box.setChecked(False)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    message = editor._errors["availability"].text()
    assert "Company mentor: tick at least one working day." in message
    assert "Academic tutor: the day must end after it starts" in message
    assert load_protocol(db, placement_id).id is None
    assert editor.isVisible()


def test_a_save_by_someone_else_is_not_overwritten_silently(
    qtbot: QtBot, db: Database, placement_id: int, message_boxes: MessageBoxes
) -> None:
    editor = open_editor(qtbot, db, placement_id)
    theirs = load_protocol(db, placement_id)
    theirs.notes = "Mentor on holiday in week 3"
    save_protocol(db, theirs, "ben")
    editor.reply_hours.setValue(8)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # the answer: Cancel
    assert any("changed by ben" in text for text in message_boxes.texts("exec"))
    assert load_protocol(db, placement_id).reply_hours == 24
    message_boxes.exec_answer = Button.No  # "Keep mine"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert load_protocol(db, placement_id).reply_hours == 8


def test_the_preparation_tab_summarises_and_opens_the_protocol(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(_panel: PreparationPanel, editor: ProtocolEditor) -> None:
        qtbot.addWidget(editor)
        pick_zone(editor, MENTOR, "America/New_York")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(PreparationPanel, "open_editor", edit)
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id)
    box = panel.protocol
    assert box.edit_button.text() == "Write protocol…"
    assert "Not written yet" in box.status.text() and "8 h shared" in box.status.text()
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    assert box.edit_button.text() == "Edit protocol…"
    assert "2–3 h shared a working day" in box.status.text()
    assert "every Monday, 15:00 (Europe/Warsaw)" in box.status.text()
    assert "clocks change" in box.warnings.text()
