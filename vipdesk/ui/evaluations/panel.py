"""The placement editor's Evaluations tab: mid-term and final evaluations by the student, the
host mentor and the academic tutor; typed in, or sent as a fillable PDF and read back.

A returned file is shown answer by answer before anything is stored; a file of another
placement, a foreign PDF, an altered question set or a damaged file is refused with one line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.documents.agreement.form import read_pdf_bytes
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.models import EvaluationStage, ReadinessParty
from vipdesk.services.evaluations.forms import (
    AnswerLine,
    ReturnedReview,
    export_questionnaire,
    review_returned,
    store_returned,
)
from vipdesk.services.evaluations.questionnaires import (
    NAME_OF_PARTY,
    RESPONDENT_LABELS,
    Kind,
    questionnaire_for,
)
from vipdesk.services.evaluations.records import (
    EvaluationView,
    placement_evaluations,
    planned_outcomes,
    record_evaluation,
)
from vipdesk.ui import theme
from vipdesk.ui.evaluations.answers_dialog import AnswersDialog
from vipdesk.ui.funding.dialogs import fit_columns, make_table, selected_id
from vipdesk.ui.funding.table_model import Column, RowsTableModel

PDF_FILES = "PDF files (*.pdf);;All files (*)"


def _outcomes(evaluation: EvaluationView) -> str:
    if not evaluation.outcomes_planned:
        return ""
    return f"{evaluation.outcomes_reached} of {evaluation.outcomes_planned}"


class ChoiceDialog(QDialog):
    """Which questionnaire: the kind (readiness, mid-term, final) and the party."""

    def __init__(self, title: str, kinds: list[Kind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(kind.label, kind.value)
        self.party = QComboBox()
        for party, label in RESPONDENT_LABELS.items():
            self.party.addItem(label, party.value)
        form = QFormLayout(self)
        form.addRow("&Questionnaire:", self.kind)
        form.addRow("&Answered by:", self.party)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[Kind, ReadinessParty]:
        return Kind(self.kind.currentData()), ReadinessParty(self.party.currentData())


class ReviewDialog(QDialog):
    """What a returned questionnaire holds, question by question, before it is stored."""

    def __init__(self, review: ReturnedReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Returned: {review.title}")
        about = QLabel(
            f"{review.name}: answered by <b>{review.respondent}</b> "
            f"({RESPONDENT_LABELS[review.party].lower()}). Check the answers, then store them."
        )
        about.setWordWrap(True)
        self.model: RowsTableModel[AnswerLine] = RowsTableModel(
            [
                Column("Question", lambda line: line.question),
                Column("Answer", lambda line: line.answer or "(no answer)"),
            ],
            lambda line: None,
            self,
        )
        self.model.set_rows(list(review.lines))
        self.table = make_table(self.model, "Answers", "Each question and the answer read")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.store_button = buttons.addButton(
            "&Store these answers", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        fit_columns(self.table, 0)


class EvaluationsPanel(QWidget):
    changed = Signal(int)  # placement id: an evaluation was stored

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.placement_id: int | None = None
        self.reference = ""
        self.evaluations: list[EvaluationView] = []
        self._stale = False
        self.placeholder = QLabel("Save the placement first to record its evaluations.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(theme.text_style("muted"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RowsTableModel[EvaluationView] = RowsTableModel(
            [
                Column("Stage", lambda e: e.stage.label),
                Column("By", lambda e: RESPONDENT_LABELS[e.party]),
                Column("Respondent", lambda e: e.respondent),
                Column("Score", lambda e: "" if e.score is None else str(e.score), True),
                Column("Outcomes reached", _outcomes),
                Column("Recorded", lambda e: f"{e.recorded_at.astimezone():%d %b %Y}"),
                Column("How", lambda e: e.source.label),
            ],
            lambda e: e.id,
            self,
        )
        self.table = make_table(self.model, "Evaluations", "Each evaluation, newest first")
        self.table.doubleClicked.connect(lambda _i: self._on_view())
        self.enter_button = QPushButton("&Enter evaluation…")
        self.view_button = QPushButton("&View…")
        self.export_button = QPushButton("E&xport questionnaire…")
        self.export_button.setToolTip("A fillable PDF for the student, the mentor or the tutor")
        self.import_button = QPushButton("&Import returned…")
        self.import_button.setToolTip("Read a filled-in questionnaire PDF back, answer by answer")
        for button, slot in ((self.enter_button, self._on_enter), (self.view_button, self._on_view),
                             (self.export_button, self._on_export),
                             (self.import_button, self._on_import)):  # fmt: skip
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.enter_button, self.view_button, self.export_button,
                       self.import_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.summary)
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.view_button.setEnabled(self._chosen() is not None)
        )
        self.show_placement(None)

    def show_placement(self, placement_id: int | None, reference: str = "") -> None:
        self.placement_id, self.reference = placement_id, reference
        self.placeholder.setVisible(placement_id is None)
        self.body.setVisible(placement_id is not None)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        if self.placement_id is None:
            return
        try:
            self.evaluations = placement_evaluations(self.db, self.placement_id)
        except VipdeskError as exc:
            self.summary.setText(theme.span("error", str(exc)))
            return
        self.model.set_rows(self.evaluations)
        fit_columns(self.table, 2)
        given = {(e.stage, e.party) for e in self.evaluations}
        missing = [
            f"{stage.label.lower()} by the {RESPONDENT_LABELS[party].lower()}"
            for stage in EvaluationStage
            for party in ReadinessParty
            if (stage, party) not in given
        ]
        self.summary.setText(
            "Every evaluation is in."
            if not missing
            else "Not yet given: " + ", ".join(missing) + "."
        )
        self.view_button.setEnabled(False)

    def _chosen(self) -> EvaluationView | None:
        chosen = selected_id(self.table)
        return next((e for e in self.evaluations if e.id == chosen), None)

    def _stored(self) -> None:
        self.refresh()
        if self.placement_id is not None:
            self.changed.emit(self.placement_id)

    # --- actions ---------------------------------------------------------------------------

    def _on_enter(self) -> None:
        if self.placement_id is None:
            return
        choice = ChoiceDialog("Enter an evaluation", [Kind.MIDTERM, Kind.FINAL], self)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        kind, party = choice.chosen()
        try:
            outcomes = planned_outcomes(self.db, self.placement_id)
            questionnaire = questionnaire_for(kind, party, outcomes)
        except VipdeskError as exc:
            QMessageBox.warning(self, "Cannot start the evaluation", str(exc))
            return
        dialog = AnswersDialog(questionnaire, self.reference, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        stage = kind.stage
        assert stage is not None
        try:
            record_evaluation(
                self.db,
                self.placement_id,
                stage,
                party,
                dialog.respondent.text(),
                dialog.answers(),
                outcomes=outcomes,
            )
        except VipdeskError as exc:
            QMessageBox.warning(self, "Evaluation not stored", str(exc))
            return
        self._stored()

    def _on_view(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        heading = f"{chosen.stage.label} by the {RESPONDENT_LABELS[chosen.party].lower()}"
        AnswersDialog(chosen.questionnaire, heading, respondent=chosen.respondent,
                      answers=chosen.answers, read_only=True, parent=self).exec()  # fmt: skip

    def _on_export(self) -> None:
        if self.placement_id is None:
            return
        choice = ChoiceDialog("Export a questionnaire", list(Kind), self)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        kind, party = choice.chosen()
        name = f"{self.reference or 'placement'}-{kind.value}-{NAME_OF_PARTY[party]}.pdf"
        target, _filter = QFileDialog.getSaveFileName(self, "Save the questionnaire", name,
                                                      PDF_FILES)  # fmt: skip
        if not target:
            return
        try:
            exported = export_questionnaire(self.db, self.placement_id, kind, party)
            write_atomically(Path(target), exported.pdf)
        except (VipdeskError, OSError) as exc:
            QMessageBox.warning(self, "Questionnaire not saved", str(exc))

    def _on_import(self) -> None:
        if self.placement_id is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, "Returned questionnaire", "",
                                                      PDF_FILES)  # fmt: skip
        if not chosen:
            return
        path = Path(chosen)
        try:
            review = review_returned(self.db, read_pdf_bytes(path), path.name,
                                     placement_id=self.placement_id)  # fmt: skip
        except VipdeskError as exc:
            QMessageBox.warning(self, "Not a questionnaire of this placement", str(exc))
            return
        if ReviewDialog(review, self).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            store_returned(self.db, review)
        except VipdeskError as exc:
            QMessageBox.warning(self, "Answers not stored", str(exc))
            return
        self._stored()
