"""An evaluation questionnaire on one page: typed in with the respondent, or shown as stored.

The questions are the readiness wizard's blocks (the same inputs and checks), grouped by theme
under headings; Save refuses while a required question is unanswered, with the reason under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vipdesk.services.preparation.questionnaires import AnswerValue, Questionnaire
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.preparation.answer_inputs import QuestionBlock


class AnswersDialog(QDialog):
    def __init__(
        self,
        questionnaire: Questionnaire,
        heading: str,
        *,
        respondent: str = "",
        answers: Mapping[str, AnswerValue] | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.questionnaire = questionnaire
        self.setWindowTitle(questionnaire.title)
        about = QLabel(f"<b>{escape(heading)}</b><br>{escape(questionnaire.intro)}")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        self.respondent = QLineEdit(respondent)
        self.respondent.setMaxLength(200)
        self.respondent.setPlaceholderText(tr("Full name of the person answering"))
        self.respondent.setReadOnly(read_only)
        self.respondent_error = QLabel()
        self.respondent_error.setStyleSheet(theme.text_style("error"))
        self.respondent_error.setVisible(False)
        form = QFormLayout()
        caption = QLabel(tr("&Answered by:"))
        caption.setBuddy(self.respondent)
        form.addRow(caption, self.respondent)
        form.addRow("", self.respondent_error)
        body = QWidget()
        column = QVBoxLayout(body)
        self.blocks: list[QuestionBlock] = []
        number = 1
        for topic in questionnaire.themes:
            title = QLabel(f"<h3>{escape(shown(topic.label))}</h3>")
            title.setTextFormat(Qt.TextFormat.RichText)
            column.addWidget(title)
            for item in questionnaire.items_of(topic.key):
                block = QuestionBlock(number, item)
                number += 1
                if answers and item.key in answers:
                    block.input.set_value(answers[item.key])
                block.input.setEnabled(not read_only)
                column.addWidget(block)
                self.blocks.append(block)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first answer
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close
            if read_only
            else QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 680)

    def answers(self) -> dict[str, AnswerValue]:
        found: dict[str, AnswerValue] = {}
        for block in self.blocks:
            value = block.input.value()
            if value is not None and value != "":
                found[block.item.key] = value
        return found

    def _on_save(self) -> None:
        missing = False
        name = self.respondent.text().strip()
        self.respondent_error.setText(
            "" if name else tr("Enter the name of the person who answers.")
        )
        self.respondent_error.setVisible(not name)
        given = self.answers()
        first: QuestionBlock | None = None
        for block in self.blocks:
            if block.item.required and block.item.key not in given:
                block.show_problem(tr("Answer this question: it is required."))
                first = first or block
                missing = True
        if first is not None:
            first.input.take_focus()
        if name and not missing:
            self.accept()
