"""Choosing tools in the wizard, recording tests in the plan, and the Preparation tab's summary."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from tests.helpers.labels import visible_entities
from vipdesk.db import Database
from vipdesk.models import ProtocolActor, ToolTestResult
from vipdesk.services.preparation.tools import load_choices, load_test_plan, save_choices
from vipdesk.ui.preparation.panel import PreparationPanel
from vipdesk.ui.preparation.tool_tests import ToolTestDialog
from vipdesk.ui.preparation.tools_wizard import ToolsWizard


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    return placement.id


def choose(wizard: ToolsWizard, purpose: str, tool_key: str) -> None:
    combo = wizard.choice.rows[purpose].combo
    combo.setCurrentIndex(combo.findData(tool_key))


def test_choose_tools_with_the_guides_advice(qtbot: QtBot, db: Database, placement_id: int) -> None:
    save_choices(db, placement_id, {"reporting": "email"})
    wizard = ToolsWizard(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.choice.rows["reporting"].value() == "email"  # what was chosen before
    choose(wizard, "meetings", "zoom")
    choose(wizard, "questions", "whatsapp")
    choose(wizard, "documents", "sharepoint")
    notes = wizard.choice.rows["questions"].notes.text()
    assert "private phone numbers" in notes
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    check = wizard.check
    assert "Zoom: meetings face to face" in check.summary.text()
    assert "WhatsApp is a private app" in check.warnings.text()
    assert "non-task talk" in check.warnings.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert load_choices(db, placement_id) == {
        "meetings": "zoom",
        "questions": "whatsapp",
        "reporting": "email",
        "documents": "sharepoint",
    }


def test_record_tests_in_the_plan(qtbot: QtBot, db: Database, placement_id: int) -> None:
    save_choices(db, placement_id, {"meetings": "zoom"})
    dialog = ToolTestDialog(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(dialog)
    dialog.show()
    student, mentor, tutor = dialog.lines
    student.result.setCurrentIndex(student.result.findData("passed"))
    assert student.tested_on.value() == date.today()  # filled in when a result is chosen
    mentor.result.setCurrentIndex(mentor.result.findData("failed"))
    qtbot.keyClicks(mentor.note, "Company blocks Zoom: Teams instead")
    tutor.result.setCurrentIndex(tutor.result.findData("passed"))
    tutor.tested_on.line.setText("2027-02-30")
    assert not dialog.save()
    assert "2027-02-30" in dialog.banner.text() and dialog.banner.isVisible()
    plan = {s.actor: s for s in load_test_plan(db, placement_id)}
    assert plan[ProtocolActor.STUDENT].result is ToolTestResult.PASSED
    assert plan[ProtocolActor.MENTOR].note == "Company blocks Zoom: Teams instead"
    assert not plan[ProtocolActor.MENTOR].open
    assert plan[ProtocolActor.TUTOR].open
    tutor.tested_on.line.setText("2027-02-03")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not any(s.open for s in load_test_plan(db, placement_id))
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_preparation_tab_shows_what_blocks_the_agreement(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(_panel: PreparationPanel, dialog: QDialog) -> None:
        opened.append(type(dialog).__name__)
        qtbot.addWidget(dialog)
        if isinstance(dialog, ToolsWizard):
            dialog.show()
            choose(dialog, "meetings", "jitsi")
            dialog.next()
            dialog.next()  # Finish

    monkeypatch.setattr(PreparationPanel, "open_editor", fake_open)
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id)
    box = panel.tools
    assert "No tools chosen yet" in box.status.text()
    assert not box.tests_button.isEnabled() and not box.blocking.isVisibleTo(box)
    qtbot.mouseClick(box.choose_button, Qt.MouseButton.LeftButton)
    assert "Jitsi Meet · tested 0 of 3" in box.status.text()
    assert "Jitsi Meet: not tested with the student" in box.blocking.text()
    assert box.tests_button.isEnabled()
    qtbot.mouseClick(box.tests_button, Qt.MouseButton.LeftButton)
    assert opened == ["ToolsWizard", "ToolTestDialog"]


def test_a_choice_saved_by_someone_else_meanwhile_is_explained_and_finish_again_keeps_mine(  # type: ignore[no-untyped-def]
    qtbot, db: Database, placement_id: int, message_boxes: MessageBoxes
) -> None:
    wizard = ToolsWizard(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(wizard)
    wizard.show()
    save_choices(db, placement_id, {"meetings": "zoom"}, "anna")  # a colleague, meanwhile
    choose(wizard, "meetings", "teams")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    [text] = message_boxes.texts("warning")
    assert "after you opened it" in text and "Zoom" in text
    assert load_choices(db, placement_id) == {"meetings": "zoom"}  # theirs, not overwritten
    assert wizard.isVisible() and wizard.choice.rows["meetings"].value() == "teams"
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)  # having seen theirs: keep mine
    assert load_choices(db, placement_id) == {"meetings": "teams"}


def test_hints_and_notes_show_apostrophes_not_entities(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    wizard = ToolsWizard(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(wizard)
    wizard.show()
    notes = set()
    for row in wizard.choice.rows.values():
        for index in range(row.combo.count()):
            row.combo.setCurrentIndex(index)  # every tool's notes, in turn
            assert visible_entities(wizard) == []
            notes.add(row.notes.text())
    assert any("host's tenant" in text for text in notes)
