"""The Monitoring tab: entries checked beside their fields, the rhythm, the recognition."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.monitoring import END, START, log, monitored_placement
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.models import Cadence, EntryKind
from vipdesk.services.monitoring.cadence import rhythm
from vipdesk.services.monitoring.log import EntryForm, monitoring_view, save_entry
from vipdesk.services.monitoring.recognition import load_recognition
from vipdesk.services.trash.bin import recently_deleted, restore_deleted
from vipdesk.ui.monitoring.entry_editor import EntryEditor
from vipdesk.ui.monitoring.panel import MonitoringPanel, rhythm_text
from vipdesk.ui.monitoring.recognition_editor import RecognitionEditor

AS_OF = END - timedelta(days=20)


def _panel(qtbot: QtBot, db: Database, pid: int) -> MonitoringPanel:
    panel = MonitoringPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(pid)
    return panel


def test_a_meeting_outside_the_period_is_refused_beside_its_date(
    qtbot: QtBot, db: Database
) -> None:
    pid = monitored_placement(db)
    view = monitoring_view(db, pid, as_of=AS_OF)
    editor = EntryEditor(db, view, EntryForm(pid, held_on=START - timedelta(days=3)))
    qtbot.addWidget(editor)
    editor.participants.setText("student, mentor")
    editor.save_button.click()
    assert editor.result() != QDialog.DialogCode.Accepted
    assert "outside the placement's period" in editor._errors["held_on"].text()
    assert monitoring_view(db, pid, as_of=AS_OF).entries == []
    editor.held_on.set_value(START + timedelta(days=2))
    editor.concern.setChecked(True)  # a concern needs a follow-up
    editor.save_button.click()
    assert "follow" in editor._errors["follow_up"].text().lower()
    editor.follow_up.setPlainText("Coordinator calls the student.")
    editor.save_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    [stored] = monitoring_view(db, pid, as_of=AS_OF).entries
    assert stored.concern and stored.follow_up == "Coordinator calls the student."


def test_the_tab_lists_the_log_and_the_rhythm_of_meetings(qtbot: QtBot, db: Database) -> None:
    pid = monitored_placement(db)
    save_entry(db, EntryForm(pid, EntryKind.KICKOFF, START, "student, mentor, tutor"),
               today=AS_OF)  # fmt: skip
    panel = _panel(qtbot, db, pid)
    assert panel.model.rowCount() == 1
    text = panel.summary.text()
    assert "Meetings (weekly): 1 of" in text and "overdue since" in text  # weeks since
    states = {panel.rhythm.rows[i][1] for i in range(panel.rhythm.rowCount())}
    assert "missed" in states and any(s.startswith("met on") for s in states)


def test_the_rhythm_of_meetings_reads_in_polish(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    pid = monitored_placement(db)
    save_entry(db, EntryForm(pid, EntryKind.KICKOFF, START, "student, mentor, tutor"),
               today=AS_OF)  # fmt: skip
    with interface_in("pl", tmp_path):
        panel = _panel(qtbot, db, pid)
        states = {panel.rhythm.rows[i][1] for i in range(panel.rhythm.rowCount())}
    assert "pominięte" in states and "missed" not in states


def test_open_concerns_are_counted_in_words(qtbot: QtBot, db: Database) -> None:
    pid = monitored_placement(db)
    log(db, pid, EntryKind.MENTOR_MEETING, START + timedelta(days=7), concern=True)
    panel = _panel(qtbot, db, pid)
    assert "1 concern open" in panel.summary.text()
    log(db, pid, EntryKind.MENTOR_MEETING, START + timedelta(days=14), concern=True)
    panel.refresh()
    assert "2 concerns open" in panel.summary.text()


def test_deleting_an_entry_asks_and_can_be_undone(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = monitored_placement(db)
    save_entry(db, EntryForm(pid, EntryKind.KICKOFF, START, "student, mentor"), today=AS_OF)
    panel = _panel(qtbot, db, pid)
    panel.table.selectRow(0)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: yes))
    panel.delete_button.click()
    assert panel.model.rowCount() == 0
    [deleted] = recently_deleted(db)
    restore_deleted(db, deleted.id)
    panel.refresh()
    assert panel.model.rowCount() == 1


def test_a_grade_off_its_scale_is_refused_and_nothing_stored(qtbot: QtBot, db: Database) -> None:
    pid = monitored_placement(db)
    editor = RecognitionEditor(db, pid, START, date(2027, 1, 30))
    qtbot.addWidget(editor)
    editor.credits.setText("12")  # 10 planned
    editor.scale.setCurrentIndex(editor.scale.findData("ects"))
    editor.grade.setText("A+")
    editor.save_button.click()
    assert "not on the ECTS" in editor._errors["grade"].text()
    assert "say why" in editor._errors["credits_awarded"].text()
    assert load_recognition(db, pid).credits_awarded is None
    editor.grade.setText("B")
    editor.reason.setText("Extra module agreed with the tutor")
    editor.outcomes.setPlainText("Plans and organises own work\n\nWorks in an international team")
    editor.transcript_on.set_value(date(2027, 1, 20))
    editor.certificate_on.set_value(date(2027, 1, 10))
    editor.save_button.click()
    stored = load_recognition(db, pid)
    assert (stored.credits_awarded, stored.grade) == (Decimal(12), "B")
    assert stored.outcomes_achieved == (
        "Plans and organises own work",
        "Works in an international team",
    )
    assert stored.missing() == []


def test_the_rhythm_reads_as_the_command_line_words_it() -> None:
    start, end, last = date(2026, 10, 5), date(2026, 12, 25), date(2026, 11, 23)
    held = rhythm(start, end, Cadence.WEEKLY, [start, last], last + timedelta(days=10))
    assert rhythm_text(held, "Mentor meetings") == held.describe("Mentor meetings")
    assert rhythm_text(held, "Meetings").endswith("; overdue since 30 Nov 2026")
