"""The Status tab: a refused move with its fix buttons, the override, reasons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import answer_message_boxes
from tests.helpers.evidence import complete_readiness
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database, current_user
from vipdesk.models import ReadinessParty, Status
from vipdesk.services.placements.checklist import Basis, checklist_state, set_done
from vipdesk.services.placements.history import record_history
from vipdesk.services.placements.leads import set_office_leads
from vipdesk.services.placements.lifecycle import change_status
from vipdesk.services.placements.records import load_placement
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.placements.status_dialogs import ReasonDialog, RefusalDialog


def _preparing(db: Database) -> int:
    created = make_placement(db, make_world(db))
    assert created.id is not None and created.version is not None
    set_done(db, created.id, "selection", True, "tester")
    change_status(db, created.id, Status.PREPARING, created.version, "tester")
    return created.id


def _editor(qtbot: QtBot, db: Database, placement_id: int) -> PlacementEditor:
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


class Answers:
    """What the patched dialogs do when shown: refusal → fix a place or override; reason."""

    def __init__(self) -> None:
        self.refusals: list[RefusalDialog] = []
        self.fix_index: int | None = 0
        self.override = False
        self.reason: str | None = None
        self.reason_prompts: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    seen = Answers()

    def refusal_exec(dialog: RefusalDialog) -> int:
        seen.refusals.append(dialog)
        if seen.override:
            assert dialog.override_button.isVisibleTo(dialog)
            dialog.override_button.click()
        elif seen.fix_index is not None:
            dialog.fix_buttons[seen.fix_index].click()
        return int(dialog.result())

    def reason_exec(dialog: ReasonDialog) -> int:
        seen.reason_prompts.append(dialog.line.text())
        if seen.reason is None:
            return int(QDialog.DialogCode.Rejected)
        dialog.line.setText(seen.reason)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(RefusalDialog, "exec", refusal_exec)
    monkeypatch.setattr(ReasonDialog, "exec", reason_exec)
    return seen


def test_a_refused_move_lists_every_reason_and_opens_the_place_to_fix_it(
    qtbot: QtBot, db: Database, answers: Answers
) -> None:
    placement_id = _preparing(db)
    complete_readiness(db, placement_id, ReadinessParty.STUDENT, changes={"own_device": "no"})
    editor = _editor(qtbot, db, placement_id)
    panel = editor.checklist
    assert "critical flag open" in panel.notes["readiness_student"].text()
    assert panel.blocking_label.text() == (
        "6 things block “Agreement sent”: 5 items marked below; and no agreement version has "
        "been sent for signature: no agreement drafted yet"
    )

    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    dialog = answers.refusals[-1]
    labels = [b.text() for b in dialog.fix_buttons]
    assert labels == ["Open Preparation"] * 5 + ["Open Agreement"]
    assert not dialog.override_button.isVisibleTo(dialog)  # not an office lead
    assert editor.side.currentWidget() is editor.preparation  # the first fix: readiness

    answers.fix_index = 5
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert editor.side.currentWidget() is editor.agreement
    assert load_placement(db, placement_id).status is Status.PREPARING


def test_an_office_lead_moves_anyway_with_a_reason_in_the_history(
    qtbot: QtBot, db: Database, answers: Answers
) -> None:
    placement_id = _preparing(db)
    set_office_leads(db, [current_user()], "setup")
    editor = _editor(qtbot, db, placement_id)
    answers.override = True
    answers.reason = None  # first the lead thinks again: nothing moves
    qtbot.mouseClick(editor.checklist.next_button, Qt.MouseButton.LeftButton)
    assert load_placement(db, placement_id).status is Status.PREPARING

    answers.reason = "paper agreement signed at the partner meeting"
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.checklist.next_button, Qt.MouseButton.LeftButton)
    assert load_placement(db, placement_id).status is Status.AGREEMENT_SENT
    assert "Agreement sent" in editor.checklist.status_label.text()
    override = next(
        line for line in record_history(db, "placement", placement_id) if line.action == "override"
    )
    assert override.changes["reason"] == [None, "paper agreement signed at the partner meeting"]


def test_ticking_an_evidence_item_by_hand_asks_for_a_reason(
    qtbot: QtBot, db: Database, answers: Answers
) -> None:
    placement_id = _preparing(db)
    complete_readiness(db, placement_id, ReadinessParty.COMPANY)
    editor = _editor(qtbot, db, placement_id)
    panel = editor.checklist
    assert not panel.checkboxes["readiness_company"].isEnabled()  # the records tick it
    assert "✓ questionnaire completed 03 Dec 2026, no critical flag" in (
        panel.notes["readiness_company"].text()
    )

    answers.reason = None  # cancelled: nothing ticked, the box goes back
    qtbot.mouseClick(panel.checkboxes["readiness_student"], Qt.MouseButton.LeftButton)
    assert not panel.checkboxes["readiness_student"].isChecked()
    assert answers.reason_prompts == ["done outside vipdesk: "]

    answers.reason = "done outside vipdesk: paper questionnaire"
    qtbot.mouseClick(panel.checkboxes["readiness_student"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "paper questionnaire" in panel.notes["readiness_student"].text())
    assert "Ticked by" in panel.notes["readiness_student"].text()
    state = {s.item.key: s for s in checklist_state(db, placement_id)}["readiness_student"]
    assert (state.basis, state.detail) == (Basis.HAND, answers.reason)


def test_the_reason_dialog_needs_more_than_the_usual_start(qtbot: QtBot) -> None:
    dialog = ReasonDialog("Tick by hand", "Why?", "done outside vipdesk: ")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.line, "paper questionnaire")
    assert ok.isEnabled()
    assert dialog.reason == "done outside vipdesk: paper questionnaire"


def test_a_refusal_that_is_not_about_records_is_a_plain_warning(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = answer_message_boxes(monkeypatch)
    placement_id = _preparing(db)
    editor = _editor(qtbot, db, placement_id)
    editor._form.version = 99  # someone saved meanwhile
    editor.mover.request(editor._form, Status.AGREEMENT_SENT)
    assert boxes.texts("warning") and "changed" in boxes.texts("warning")[0]
