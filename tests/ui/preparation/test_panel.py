"""The Preparation tab: readiness per party at a glance, and the buttons to the questionnaires."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields
from tests.helpers.questionnaires import best_answers, filled_values, sample_questionnaire_form
from vipdesk.db import Database
from vipdesk.documents.questionnaire.content import read_returned_questionnaire
from vipdesk.documents.questionnaire.pdf import render_questionnaire
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.forms import export_questionnaire
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.preparation.questionnaires import default_library
from vipdesk.services.preparation.readiness import (
    PartyReadiness,
    complete_response,
    placement_readiness,
    start_response,
)
from vipdesk.ui import theme
from vipdesk.ui.evaluations import travel
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.preparation import panel as preparation_panel
from vipdesk.ui.preparation import readiness_summary
from vipdesk.ui.preparation.panel import PreparationPanel
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard

STUDENT, COMPANY = ReadinessParty.STUDENT, ReadinessParty.COMPANY


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    return placement.id


def complete(db: Database, placement_id: int, party: ReadinessParty, **changes: object) -> None:
    answers = {**best_answers(default_library().for_party(party)), **changes}
    started = start_response(db, placement_id, party, "Someone")
    complete_response(db, started.id, started.version, answers)  # type: ignore[arg-type]


def test_nothing_assessed_yet(qtbot: QtBot, db: Database, placement_id: int) -> None:
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    assert panel.placeholder.isVisibleTo(panel) and not panel.body.isVisibleTo(panel)
    panel.show_placement(placement_id)
    assert not panel.placeholder.isVisibleTo(panel)
    for box in panel.boxes.values():
        assert "Not assessed" in box.status.text()
        assert box.start_button.text() == "Start questionnaire…"
        assert not box.result_button.isEnabled()
    assert "Not everything is assessed" in panel.summary.text()


def test_start_opens_the_wizard_for_the_right_person_and_resume_follows(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, str]] = []

    def drive(_panel: PreparationPanel, wizard: ReadinessWizard) -> None:
        qtbot.addWidget(wizard)
        wizard.show()
        opened.append((wizard.intro.respondent.text(), wizard.intro.about.text()))
        wizard.next()  # the suggested name is kept: the student
        wizard.reject()

    monkeypatch.setattr(PreparationPanel, "open_wizard", drive)
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.boxes[STUDENT].start_button, Qt.MouseButton.LeftButton)
    [(respondent, about)] = opened
    assert respondent == "Łukasz Żółć"
    assert "Data analyst intern" in about
    box = panel.boxes[STUDENT]
    assert box.start_button.text() == "Resume questionnaire…"
    assert "by Łukasz Żółć, not finished" in box.reasons.text()


def test_results_are_coloured_explained_and_open_in_a_dialog(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    complete(db, placement_id, STUDENT, own_device="no")
    complete(db, placement_id, COMPANY)
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id)
    student, company = panel.boxes[STUDENT], panel.boxes[COMPANY]
    assert "Blocked" in student.status.text()
    assert theme.colours().boxes["error"].fg in student.status.text()
    assert "Blocks: “Do you have a computer of your own" in student.reasons.text()
    assert "Ready" in company.status.text() and "100/100" in company.status.text()
    assert not company.reasons.isVisibleTo(company)
    assert company.start_button.text() == "Re-assess…"
    assert "Something blocks the start" in panel.summary.text()

    shown: list[readiness_summary.SummaryDialog] = []

    def fake_exec(dialog: readiness_summary.SummaryDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(readiness_summary.SummaryDialog, "exec", fake_exec)
    qtbot.mouseClick(student.result_button, Qt.MouseButton.LeftButton)
    [dialog] = shown
    assert "Blocked" in dialog.view.status.text()
    assert "Arrange a loan laptop" in dialog.view.advice.text()


def test_the_placement_editor_has_a_preparation_tab(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    complete(db, placement_id, COMPANY)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    tabs = [editor.side.tabText(i) for i in range(editor.side.count())]
    assert "Preparation" in tabs
    editor.side.setCurrentWidget(editor.preparation)
    assert "Ready" in editor.preparation.boxes[COMPANY].status.text()
    new = PlacementEditor(db)
    qtbot.addWidget(new)
    assert new.preparation.placeholder.isVisibleTo(new.preparation)


def test_readiness_is_read_when_the_tab_is_shown(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counted(database: Database, pid: int) -> list[PartyReadiness]:
        calls.append(pid)
        return placement_readiness(database, pid)

    monkeypatch.setattr(preparation_panel, "placement_readiness", counted)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    assert calls == []  # opening a placement does not read readiness, protocol and tools
    editor.side.setCurrentWidget(editor.preparation)
    assert calls == [placement_id]
    assert "Not everything is assessed" in editor.preparation.summary.text()
    editor.fields.hours.setValue(21)
    assert editor.save()  # shown again after a save, while the tab is open
    assert calls == [placement_id, placement_id]
    editor.side.setCurrentIndex(0)
    assert editor.save()
    editor.side.setCurrentWidget(editor.preparation)  # stale since the save: read once more
    assert calls == [placement_id] * 3
    editor.side.setCurrentIndex(0)
    editor.side.setCurrentWidget(editor.preparation)  # nothing changed: not read again
    assert calls == [placement_id] * 3


def test_a_partys_questionnaire_goes_out_as_a_pdf_and_comes_back_after_a_preview(
    qtbot: QtBot,
    db: Database,
    placement_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id, "VIP-2027-00001")
    offered: list[str] = []
    target = tmp_path / "out.pdf"

    def save_as(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        offered.append(name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    qtbot.mouseClick(panel.boxes[COMPANY].export_button, Qt.MouseButton.LeftButton)
    assert offered == ["VIP-2027-00001-readiness-host.pdf"]
    returned = read_returned_questionnaire(target.read_bytes(), "out.pdf")
    assert returned.questionnaire_id == default_library().for_party(COMPANY).id

    exported = export_questionnaire(db, placement_id, Kind.READINESS, COMPANY)
    assert exported.form.questionnaire_id == returned.questionnaire_id
    back = tmp_path / "back.pdf"
    back.write_bytes(fill_fields(target.read_bytes(), filled_values(exported.form)))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(back), ""))
    )
    shown: list[int] = []

    def accept(dialog: travel.ReviewDialog) -> int:
        shown.append(dialog.model.rowCount())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(travel.ReviewDialog, "exec", accept)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert shown == [len(exported.form.questions)]  # every answer seen before storing
    state = {s.party: s for s in placement_readiness(db, placement_id)}[COMPANY]
    assert state.latest is not None and state.latest.completed_at is not None
    assert "Not assessed" not in panel.boxes[COMPANY].status.text()


def test_a_refused_file_says_why_in_one_line_and_stores_nothing(
    qtbot: QtBot,
    db: Database,
    placement_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    foreign = tmp_path / "foreign.pdf"
    foreign.write_bytes(render_questionnaire(sample_questionnaire_form()))  # not this database's
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(foreign), ""))
    )
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    kind, text = message_boxes.shown[-1]
    assert kind == "warning" and text.strip() and "\n" not in text.strip()
    assert all(s.latest is None for s in placement_readiness(db, placement_id))


def test_the_readiness_pdf_goes_out_in_the_language_chosen_above_the_parties(
    qtbot: QtBot, db: Database, placement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = PreparationPanel(db)
    qtbot.addWidget(panel)
    panel.show_placement(placement_id, "VIP-2027-00001")
    asked: list[tuple[object, ...]] = []
    monkeypatch.setattr(preparation_panel, "export_to_file", lambda *args: asked.append(args[4:]))
    assert panel.language_combo.currentText() == "English"
    panel.language_combo.setCurrentIndex(panel.language_combo.findText("Deutsch"))
    qtbot.mouseClick(panel.boxes[COMPANY].export_button, Qt.MouseButton.LeftButton)
    assert asked == [(Kind.READINESS, COMPANY, "de")]
