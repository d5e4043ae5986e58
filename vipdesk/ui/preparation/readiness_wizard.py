"""A readiness questionnaire as a wizard: who answers, one page per theme, then the result.

Every Next saves the page, so a questionnaire can be left half-way and resumed later at the
first page with an unanswered question. Finish records the response as completed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError, VipdeskError
from vipdesk.models import ReadinessParty
from vipdesk.services.preparation import readiness
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    Questionnaire,
    QuestionnaireLibrary,
    Theme,
    assess,
    default_library,
)
from vipdesk.services.preparation.readiness import ResponseState
from vipdesk.services.preparation.translated import translated
from vipdesk.ui import labels
from vipdesk.ui.help.window import HELP_TOPIC
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.preparation.answer_inputs import QuestionBlock
from vipdesk.ui.preparation.readiness_summary import SummaryView
from vipdesk.ui.theme import text_style


class IntroPage(QWizardPage):
    def __init__(
        self, questionnaire: Questionnaire, about: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(questionnaire.title)
        self.setSubTitle(questionnaire.respondent)
        self.about = QLabel(
            tr("<b>Placement:</b> {about}").format(about=escape(about)) if about else ""
        )
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setWordWrap(True)
        self.about.setVisible(bool(about))
        intro = QLabel(questionnaire.intro)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.respondent = QLineEdit()
        self.respondent.setMaxLength(200)
        self.respondent.setPlaceholderText(tr("Full name of the person answering"))
        self.registerField("respondent*", self.respondent)  # Next waits for a name
        self.error = QLabel()
        self.error.setStyleSheet(text_style("error"))
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        form = QFormLayout()
        caption = QLabel(tr("&Answered by:"))
        caption.setBuddy(self.respondent)
        form.addRow(caption, self.respondent)
        count = sum(1 for i in questionnaire.items if i.required)
        size = QLabel(
            tr(
                "{count} questions on {count2} pages, about {max} minutes. Each page is "
                "saved when you press Next: you can stop at any time and continue later."
            ).format(count=count, count2=len(questionnaire.themes), max=max(5, round(count * 0.4)))
        )
        size.setWordWrap(True)
        size.setStyleSheet(text_style("muted"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(size)


class ThemePage(QWizardPage):
    """The questions of one theme; Next is enabled once every required one is answered."""

    def __init__(
        self, questionnaire: Questionnaire, theme: Theme, first_number: int, page: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.theme = theme
        self._page = page
        self.setTitle(shown(theme.label))
        self.setSubTitle(theme.intro)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(10)
        self.blocks: list[QuestionBlock] = []
        for n, item in enumerate(questionnaire.items_of(theme.key), start=first_number):
            block = QuestionBlock(n, item)
            block.input.changed.connect(self._on_changed)
            column.addWidget(block)
            self.blocks.append(block)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first input
        scroll.setWidget(body)
        self.progress = QLabel()
        self.progress.setStyleSheet(text_style("muted"))
        self.progress.setIndent(column.contentsMargins().left())
        # Next is enabled once every required question is answered: a mandatory field holds
        # "yes" then. (Overriding isComplete() instead leaks a reference to True or False on
        # each call in PySide6 6.12, which crashes the interpreter once enough pages are seen.)
        self._gate = QLineEdit(self)
        self._gate.setVisible(False)
        if any(b.item.required for b in self.blocks):
            self.registerField(f"answered_{theme.key}*", self._gate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.progress)
        self._on_changed()

    def cleanupPage(self) -> None:
        """Back keeps this page's answers (Qt's default would clear its fields)."""

    def answers(self) -> dict[str, AnswerValue | None]:
        return {b.item.key: b.input.value() for b in self.blocks}

    def set_answers(self, answers: dict[str, AnswerValue]) -> None:
        for block in self.blocks:
            block.input.set_value(answers.get(block.item.key))
        self._on_changed()

    def focus_first_open(self) -> None:
        """Keyboard users start at the first unanswered question (else the first one)."""
        target = next(iter(self.unanswered()), None) or (self.blocks[0] if self.blocks else None)
        if target is not None:
            target.input.take_focus()

    def unanswered(self) -> list[QuestionBlock]:
        return [b for b in self.blocks if b.item.required and b.input.value() is None]

    def show_problems(self, problems: dict[str, str]) -> None:
        for block in self.blocks:
            block.show_problem(problems.get(block.item.key, ""))

    def _on_changed(self) -> None:
        required = [b for b in self.blocks if b.item.required]
        left = len(self.unanswered())
        self.progress.setText(
            f"{self._page} · "
            + tr("{value} of {count} answered — ").format(
                value=len(required) - left, count=len(required)
            )
            + (
                tr("answer every question marked * to go on.")
                if left
                else tr("press Next to save.")
            )
            if required
            else tr("{page} · Optional: leave empty if there is nothing to add.").format(
                page=self._page
            )
        )
        self._gate.setText("" if left else "1")  # hidden: Next needs it non-empty


class SummaryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Result"))
        self.setSubTitle(
            tr(
                "Press Finish to record this assessment. "
                "Until then you can go back and change answers."
            )
        )
        self.view = SummaryView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)


class ReadinessWizard(QWizard):
    """Fills one party's questionnaire for one placement; `completed` carries the response id."""

    completed = Signal(int)

    def __init__(
        self,
        db: Database,
        placement_id: int,
        party: ReadinessParty,
        respondent: str = "",
        *,
        about: str = "",
        library: QuestionnaireLibrary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty(HELP_TOPIC, "preparation")  # F1: its section of the user guide
        self._db = db
        self._placement_id = placement_id
        self._party = party
        self._library = library or default_library()
        self._state: ResponseState | None = readiness.open_response(db, placement_id, party)
        self._jumping = False
        english = (
            self._library.get(self._state.questionnaire_id, self._state.questionnaire_version)
            if self._state
            else self._library.for_party(party)
        )
        # Shown in the interface language where translated; stored and scored by key.
        self.questionnaire = translated(english, labels.language())
        self.setWindowTitle(tr("{party} readiness").format(party=shown(party.label)))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(760, 640)

        self.intro = IntroPage(self.questionnaire, about)
        self.addPage(self.intro)
        self.theme_pages: list[ThemePage] = []
        number = 1
        themes = self.questionnaire.themes
        for n, theme in enumerate(themes, start=1):
            page = ThemePage(
                self.questionnaire,
                theme,
                number,
                tr("Page {n} of {count}").format(n=n, count=len(themes)),
            )
            number += len(page.blocks)
            self.theme_pages.append(page)
            self.addPage(page)
        self.summary = SummaryPage()
        self.summary_id = self.addPage(self.summary)
        self.currentIdChanged.connect(self._on_page_changed)

        self.intro.respondent.setText(self._state.respondent if self._state else respondent)
        if self._state is not None:
            for page in self.theme_pages:
                page.set_answers(self._state.answers)
            self._resume()

    # --- state -----------------------------------------------------------------------------

    @property
    def response(self) -> ResponseState | None:
        return self._state

    def answers(self) -> dict[str, AnswerValue]:
        out: dict[str, AnswerValue] = {}
        for page in self.theme_pages:
            out.update({k: v for k, v in page.answers().items() if v is not None})
        return out

    def _resume(self) -> None:
        """Open at the first page with an unanswered question (the result when there is none)."""
        target = next((p for p in self.theme_pages if p.unanswered()), self.summary)
        self.restart()
        self._jumping = True
        try:
            while self.currentPage() is not target and self.currentId() != -1:
                self.next()
        finally:
            self._jumping = False

    # --- saving ----------------------------------------------------------------------------

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self._jumping:
            return True
        page = self.currentPage()
        if page is self.intro:
            return self._save_intro()
        if isinstance(page, ThemePage):
            return self._save(page.answers())
        if page is self.summary:
            return self._save({}, complete=True)
        return True

    def _save_intro(self) -> bool:
        name = self.intro.respondent.text()
        try:
            if self._state is None:
                self._state = readiness.start_response(
                    self._db, self._placement_id, self._party, name, library=self._library
                )
                if self._state.answers:  # someone else had started meanwhile: show theirs
                    for page in self.theme_pages:
                        page.set_answers(self._state.answers)
                return True
        except ValidationError as exc:
            self.intro.error.setText(error_text(exc))
            self.intro.error.setVisible(True)
            return False
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Not saved"), error_text(exc))
            return False
        return self._save({}, respondent=name)

    def _save(
        self,
        answers: dict[str, AnswerValue | None],
        *,
        respondent: str | None = None,
        complete: bool = False,
    ) -> bool:
        assert self._state is not None
        write = readiness.complete_response if complete else readiness.save_progress
        try:
            self._state = write(
                self._db,
                self._state.id,
                self._state.version,
                answers,
                respondent=respondent,
                library=self._library,
            )
        except ValidationError as exc:
            page = self.currentPage()
            if isinstance(page, ThemePage):
                page.show_problems({p.field: problem_text(p) for p in exc.problems})
            else:
                QMessageBox.warning(self, tr("Not saved"), error_text(exc))
            return False
        except ConflictError as exc:
            self._on_conflict(exc)
            return False
        except VipdeskError as exc:
            QMessageBox.warning(
                self,
                tr("Not saved"),
                tr("{exc}\nYour answers on this page are kept.").format(exc=error_text(exc)),
            )
            return False
        if complete:
            self.completed.emit(self._state.id)
        return True

    def _on_conflict(self, exc: ConflictError) -> None:
        theirs = exc.theirs
        QMessageBox.warning(
            self,
            tr("Changed by someone else"),
            tr("{exc} Their answers are shown now; check this page and press Next again.").format(
                exc=error_text(exc)
            ),
        )
        if isinstance(theirs, ResponseState):
            self._state = theirs
            for page in self.theme_pages:
                page.set_answers(theirs.answers)
            self.intro.respondent.setText(theirs.respondent)

    def _on_page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, ThemePage):
            page.focus_first_open()
        if page_id == self.summary_id:
            self.summary.view.show_assessment(assess(self.questionnaire, self.answers()))

    def reject(self) -> None:
        """Cancel or Escape: keep what was answered on this page, then close."""
        page = self.currentPage()
        if isinstance(page, ThemePage) and self._state is not None and not self._state.completed:
            stored = self._state.answers
            answers = page.answers()
            if any(stored.get(k) != v for k, v in answers.items()) and not self._save(answers):
                answer = QMessageBox.question(
                    self,
                    tr("Close without saving?"),
                    tr("This page could not be saved. Close anyway and lose its answers?"),
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if answer != QMessageBox.StandardButton.Discard:
                    return
        super().reject()
