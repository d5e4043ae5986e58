"""The placement editor's Evaluations tab: mid-term and final evaluations by the student, the
host mentor and the academic tutor; typed in, or sent as a fillable PDF and read back.

A returned file is shown answer by answer before anything is stored; a file of another
placement, a foreign PDF, an altered question set or a damaged file is refused with one line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import EvaluationStage, ReadinessParty
from vipdesk.services.evaluations.questionnaires import RESPONDENT_LABELS, Kind, questionnaire_for
from vipdesk.services.evaluations.records import (
    EvaluationView,
    placement_evaluations,
    planned_outcomes,
    record_evaluation,
)
from vipdesk.services.mail.languages import languages_of
from vipdesk.services.mail.messages import questionnaire_request
from vipdesk.services.mail.settings import load_mail_settings
from vipdesk.ui import theme, when
from vipdesk.ui.evaluations.answers_dialog import AnswersDialog
from vipdesk.ui.evaluations.travel import ChoiceDialog, export_to_file, import_returned
from vipdesk.ui.funding.dialogs import fit_columns, make_table, selected_id
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.mail.sending import MailSender
from vipdesk.ui.phrases import error_text


def _outcomes(evaluation: EvaluationView) -> str:
    if not evaluation.outcomes_planned:
        return ""
    return tr("{reached} of {planned}").format(
        reached=evaluation.outcomes_reached, planned=evaluation.outcomes_planned
    )


class EvaluationsPanel(QWidget):
    changed = Signal(int)  # placement id: an evaluation was stored

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.placement_id: int | None = None
        self.reference = ""
        self.evaluations: list[EvaluationView] = []
        self._stale = False
        self.placeholder = QLabel(tr("Save the placement first to record its evaluations."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(theme.text_style("muted"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RowsTableModel[EvaluationView] = RowsTableModel(
            [
                Column(tr("Stage"), lambda e: shown(e.stage.label)),
                Column(tr("By"), lambda e: shown(RESPONDENT_LABELS[e.party])),
                Column(tr("Respondent"), lambda e: e.respondent),
                Column(tr("Score"), lambda e: "" if e.score is None else str(e.score), True),
                Column(tr("Outcomes reached"), _outcomes),
                Column(tr("Recorded"), lambda e: when.day(e.recorded_at.astimezone())),
                Column(tr("How"), lambda e: shown(e.source.label)),
            ],
            lambda e: e.id,
            self,
        )
        self.table = make_table(self.model, tr("Evaluations"), tr("Each evaluation, newest first"))
        self.table.doubleClicked.connect(lambda _i: self._on_view())
        self.enter_button = QPushButton(tr("&Enter evaluation…"))
        self.view_button = QPushButton(tr("&View…"))
        self.export_button = QPushButton(tr("E&xport questionnaire…"))
        self.export_button.setToolTip(tr("A fillable PDF for the student, the mentor or the tutor"))
        self.import_button = QPushButton(tr("&Import returned…"))
        self.import_button.setToolTip(
            tr("Read a filled-in questionnaire PDF back, answer by answer")
        )
        self.email_button = QPushButton(tr("E-mail &questionnaire…"))
        self.email_button.setToolTip(tr("Send the fillable PDF to the person who answers it"))
        self.mailer = MailSender(db, self)
        for button, slot in ((self.enter_button, self._on_enter), (self.view_button, self._on_view),
                             (self.export_button, self._on_export),
                             (self.email_button, self._on_email),
                             (self.import_button, self._on_import)):  # fmt: skip
            button.clicked.connect(slot)
        buttons = QGridLayout()  # three to a row: the side panel is narrow
        buttons.setSpacing(4)
        for number, button in enumerate((self.enter_button, self.view_button, self.export_button,
                                         self.email_button, self.import_button)):  # fmt: skip
            buttons.addWidget(button, number // 3, number % 3)
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
            self.summary.setText(theme.span("error", error_text(exc)))
            return
        self.model.set_rows(self.evaluations)
        fit_columns(self.table, 2)
        given = {(e.stage, e.party) for e in self.evaluations}
        missing = [
            tr("{label} by the {value}").format(
                label=in_sentence(stage.label), value=in_sentence(RESPONDENT_LABELS[party])
            )
            for stage in EvaluationStage
            for party in ReadinessParty
            if (stage, party) not in given
        ]
        self.summary.setText(
            tr("Every evaluation is in.")
            if not missing
            else tr("Not yet given: ") + ", ".join(missing) + "."
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
        choice = ChoiceDialog(tr("Enter an evaluation"), [Kind.MIDTERM, Kind.FINAL], self)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        kind, party = choice.chosen()
        try:
            outcomes = planned_outcomes(self.db, self.placement_id)
            questionnaire = questionnaire_for(kind, party, outcomes)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cannot start the evaluation"), error_text(exc))
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
            QMessageBox.warning(self, tr("Evaluation not stored"), error_text(exc))
            return
        self._stored()

    def _on_view(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        heading = tr("{label} by the {value}").format(
            label=shown(chosen.stage.label), value=in_sentence(RESPONDENT_LABELS[chosen.party])
        )
        AnswersDialog(chosen.questionnaire, heading, respondent=chosen.respondent,
                      answers=chosen.answers, read_only=True, parent=self).exec()  # fmt: skip

    def _on_export(self) -> None:
        if self.placement_id is None:
            return
        choice = ChoiceDialog(
            tr("Export a questionnaire"),
            list(Kind),
            self,
            languages=languages_of(self.db, self.placement_id),
        )
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        export_to_file(self, self.db, self.placement_id, self.reference, *choice.chosen(),
                       choice.language)  # fmt: skip

    def _on_email(self) -> None:
        if self.placement_id is None:
            return
        choice = ChoiceDialog(
            tr("E-mail a questionnaire"),
            list(Kind),
            self,
            languages=languages_of(self.db, self.placement_id),
        )
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        kind, party = choice.chosen()
        try:
            draft = questionnaire_request(
                self.db, self.placement_id, kind, party, load_mail_settings(self.db),
                language=choice.language,
            )  # fmt: skip
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("E-mail a questionnaire"), error_text(exc))
            return
        compose = ComposeDialog(self.db, draft, self)
        if compose.exec() == QDialog.DialogCode.Accepted and compose.queued_ids:
            self.mailer.send(compose.queued_ids)

    def _on_import(self) -> None:
        if self.placement_id is not None and import_returned(self, self.db, self.placement_id):
            self._stored()
