"""What the sending institution recognised: credits, grade on its scale, transcript, outcomes.

A grade that is not on the chosen scale, more credits than planned without a reason or a date
in the future is shown beside its field, and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.services.monitoring.recognition import (
    RecognitionForm,
    grading_scales,
    load_recognition,
    save_recognition,
    validate_recognition,
)
from vipdesk.ui.funding.source_editor import read_date
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.record_editor import RecordEditor
from vipdesk.ui.typed import credits_text, parse_credits
from vipdesk.ui.widgets import DateField


class RecognitionEditor(RecordEditor[RecognitionForm]):
    def not_saved_title(self) -> str:
        return tr("Recognition not saved")

    def __init__(
        self,
        db: Database,
        placement_id: int,
        start: date,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, parent)
        self._start, self._today = start, today
        self.credits = QLineEdit()
        self.credits.setMaximumWidth(120)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Only when more credits are awarded than planned"))
        self.scale = QComboBox()
        self.scale.addItem("—", "")
        for key, scale in grading_scales().items():
            self.scale.addItem(shown(scale.label), key)
        self.scale.currentIndexChanged.connect(self._on_scale)
        self.grade = QLineEdit()
        self.grade.setMaximumWidth(120)
        self.transcript_on = DateField()
        self.outcomes = QPlainTextEdit()
        self.outcomes.setTabChangesFocus(True)
        self.outcomes.setPlaceholderText(tr("One learning outcome achieved per line"))
        self.outcomes.setFixedHeight(self.outcomes.fontMetrics().lineSpacing() * 5 + 14)
        self.all_planned = QPushButton(tr("All planned outcomes achieved"))
        self.all_planned.clicked.connect(self._on_all_planned)
        self.certificate_on = DateField()
        self.add_field("credits_awarded", tr("Credits awarded (ECTS)"), self.credits)
        self.add_field("credits_reason", tr("Reason for more credits"), self.reason)
        self.add_field("grading_scale", tr("Grading scale"), self.scale)
        self.add_field("grade", tr("Grade"), self.grade)
        self.add_field("transcript_on", tr("Transcript of records of"), self.transcript_on)
        self.add_field("outcomes_achieved", tr("Learning outcomes achieved"), self.outcomes)
        self.form_layout.addRow("", self.all_planned)
        self.add_field(
            "certificate_received_on", tr("Certificate received on"), self.certificate_on
        )
        self.finish_layout()
        self.start(load_recognition(db, placement_id))

    def title_for(self, form: RecognitionForm) -> str:
        planned = (
            tr(" ({planned_credits} ECTS planned)").format(
                planned_credits=credits_text(form.planned_credits)
            )
            if form.planned_credits
            else ""
        )
        return tr("Recognition{planned}").format(planned=planned)

    def show_form(self, form: RecognitionForm) -> None:
        self.credits.setText(credits_text(form.credits_awarded))
        if form.planned_credits:
            self.credits.setPlaceholderText(
                tr("{credits} planned").format(credits=credits_text(form.planned_credits))
            )
        self.reason.setText(form.credits_reason)
        self.scale.setCurrentIndex(max(self.scale.findData(form.grading_scale), 0))
        self.grade.setText(form.grade)
        self.transcript_on.set_value(form.transcript_on)
        self.outcomes.setPlainText("\n".join(form.outcomes_achieved))
        self.all_planned.setEnabled(bool(form.planned_outcomes))
        self.certificate_on.set_value(form.certificate_received_on)
        self._on_scale(0)

    def read_form(self, base: RecognitionForm) -> tuple[RecognitionForm, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        credits: Decimal | None = None
        try:
            credits = parse_credits(self.credits.text())
        except ValueError as exc:
            problems.append(FieldProblem("credits_awarded", error_text(exc)))
        lines = (line.strip() for line in self.outcomes.toPlainText().splitlines())
        form = replace(
            base,
            credits_awarded=credits,
            credits_reason=self.reason.text(),
            grading_scale=str(self.scale.currentData() or ""),
            grade=self.grade.text().strip(),
            transcript_on=read_date("transcript_on", self.transcript_on, problems),
            outcomes_achieved=tuple(line for line in lines if line),
            certificate_received_on=read_date(
                "certificate_received_on", self.certificate_on, problems
            ),
        )
        return form, problems

    def validate(self, form: RecognitionForm) -> list[FieldProblem]:
        return validate_recognition(form, self._start, self._today)

    def store(self, form: RecognitionForm, *, overwrite: bool) -> RecognitionForm:
        if overwrite:
            form = replace(form, version=None)
        return save_recognition(self.db, form, today=self._today)

    def _on_scale(self, _index: int) -> None:
        scale = grading_scales().get(str(self.scale.currentData() or ""))
        if scale is None:
            self.grade.setPlaceholderText("")
        elif scale.grades:
            self.grade.setPlaceholderText(", ".join(scale.grades))
        else:
            self.grade.setPlaceholderText(
                tr("a number from {low} to {high}").format(low=scale.low, high=scale.high)
            )

    def _on_all_planned(self) -> None:
        self.outcomes.setPlainText("\n".join(self.baseline.planned_outcomes))
