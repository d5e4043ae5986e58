"""The Evaluations tab: typed in, sent as a fillable PDF and read back after a preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields
from tests.helpers.questionnaires import best_answers, filled_values, required_texts
from vipdesk.db import Database
from vipdesk.documents.agreement.form import document_properties, open_pdf
from vipdesk.models import EvaluationStage, ReadinessParty
from vipdesk.services.evaluations.forms import export_questionnaire
from vipdesk.services.evaluations.questionnaires import Kind, questionnaire_for
from vipdesk.services.evaluations.records import placement_evaluations
from vipdesk.services.mail.languages import PlacementLanguages
from vipdesk.ui.evaluations import travel
from vipdesk.ui.evaluations.answers_dialog import AnswersDialog
from vipdesk.ui.evaluations.panel import EvaluationsPanel


@pytest.fixture
def placement(db: Database) -> int:
    form = make_placement(db, make_world(db))
    assert form.id is not None
    return form.id


def _panel(qtbot: QtBot, db: Database, pid: int) -> EvaluationsPanel:
    panel = EvaluationsPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(pid, "VIP-2027-00001")
    return panel


def test_the_dialog_asks_for_the_respondent_and_every_required_answer(qtbot: QtBot) -> None:
    questionnaire = questionnaire_for(Kind.FINAL, ReadinessParty.COMPANY, ("Analyse data",))
    dialog = AnswersDialog(questionnaire, "VIP-2027-00001")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button is not None
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.respondent_error.isVisible()
    assert any(b.error.isVisible() for b in dialog.blocks if b.item.required)
    dialog.respondent.setText("Jürgen Weiß")
    answers = best_answers(questionnaire) | required_texts(questionnaire, "Thorough.")
    for block in dialog.blocks:
        if block.item.key in answers:
            block.input.set_value(answers[block.item.key])
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answers() == answers


def test_a_returned_questionnaire_is_previewed_then_stored(
    qtbot: QtBot, db: Database, placement: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = export_questionnaire(db, placement, Kind.MIDTERM, ReadinessParty.STUDENT)
    returned = tmp_path / "back.pdf"
    returned.write_bytes(fill_fields(exported.pdf, filled_values(exported.form)))
    panel = _panel(qtbot, db, placement)
    assert "Not yet given" in panel.summary.text()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(returned), ""))
    )
    shown: list[int] = []

    def accept(dialog: travel.ReviewDialog) -> int:
        shown.append(dialog.model.rowCount())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(travel.ReviewDialog, "exec", accept)
    panel.import_button.click()
    assert shown == [len(exported.form.questions)]  # every answer seen before storing
    [stored] = placement_evaluations(db, placement)
    assert (stored.stage, stored.party) == (EvaluationStage.MIDTERM, ReadinessParty.STUDENT)
    assert panel.model.rowCount() == 1


def test_another_placements_file_is_refused_with_one_line(
    qtbot: QtBot,
    db: Database,
    placement: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    other = make_placement(db, make_world(db, "Other Host Ltd"))
    assert other.id is not None
    exported = export_questionnaire(db, other.id, Kind.FINAL, ReadinessParty.COMPANY)
    returned = tmp_path / "other.pdf"
    returned.write_bytes(fill_fields(exported.pdf, filled_values(exported.form)))
    panel = _panel(qtbot, db, placement)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(returned), ""))
    )
    panel.import_button.click()
    kind, text = message_boxes.shown[-1]
    assert kind == "warning" and "\n" not in text.strip()
    assert placement_evaluations(db, placement) == []


def test_a_questionnaire_is_exported_in_the_language_chosen(
    qtbot: QtBot, db: Database, placement: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mid-term.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )

    def choose_polish(dialog: travel.ChoiceDialog) -> int:
        assert dialog.language_combo.isVisibleTo(dialog)  # offered for what goes out
        dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.MIDTERM.value))
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findText("Polski"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(travel.ChoiceDialog, "exec", choose_polish)
    panel = _panel(qtbot, db, placement)
    panel.export_button.click()
    properties = document_properties(open_pdf(target.read_bytes(), target.name))
    assert properties["VipdeskLanguage"] == "pl"
    assert properties["VipdeskQuestionnaire"].startswith("evaluation_midterm_")


def test_the_language_offered_is_the_respondents_until_another_is_chosen(qtbot: QtBot) -> None:
    dialog = travel.ChoiceDialog(
        "E-mail a questionnaire", list(Kind), languages=PlacementLanguages("pl", "en+de")
    )
    qtbot.addWidget(dialog)

    def respondent(party: ReadinessParty) -> str:
        dialog.party.setCurrentIndex(dialog.party.findData(party.value))
        return dialog.language

    assert respondent(ReadinessParty.STUDENT) == "pl"
    assert respondent(ReadinessParty.COMPANY) == "de"
    assert respondent(ReadinessParty.INSTITUTION) == "en"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("it"))
    assert dialog.language == "it"
