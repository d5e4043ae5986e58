"""The agreement wizard's pages for Table A: programme, tasks, learning."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from vipdesk.documents.agreement.content import AgreementData, Period, Task
from vipdesk.enums import CEFR_LEVELS, Mode, PeriodKind
from vipdesk.services.agreements.checks.problems import SECTIONS, Problem, span
from vipdesk.ui import theme
from vipdesk.ui.agreement.wizard.base import SectionPage, text_box
from vipdesk.ui.agreement.wizard.lists import (
    ListEditor,
    PeriodRow,
    TaskRow,
    TextRow,
    line_edit,
    set_line,
)
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import DateField

SECTION = {s.key: s for s in SECTIONS}


def read_date(
    field: DateField, name: str, kept: date, empty: str, problems: list[Problem], page: SectionPage
) -> date:
    """The typed date; else a problem, and the date `data` had (a dataclass needs one)."""
    try:
        value = field.value()
    except ValueError as exc:
        problems.append(page.problem(name, error_text(exc)))
        return kept
    if value is None:
        problems.append(page.problem(name, empty))
        return kept
    return value


class ProgrammePage(SectionPage):
    def __init__(
        self,
        placement_start: date | None,
        placement_end: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            SECTION["programme"],
            tr("Table A: the traineeship's title, period, hours and mode."),
            parent,
        )
        form = self.new_form()
        self.title_edit = line_edit()
        self.description = text_box(3, tr("What the traineeship is about, in two or three lines"))
        self.start = DateField()
        self.end = DateField()
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel(tr("to")))
        row.addWidget(self.end)
        planned = (
            tr("The placement's planned period: {span}.").format(
                span=span(placement_start, placement_end)
            )
            if placement_start and placement_end
            else ""
        )
        self.planned = QLabel(planned)
        self.planned.setStyleSheet(theme.text_style("muted"))
        row.addSpacing(12)
        row.addWidget(self.planned, 1)
        self.hours = QSpinBox()
        self.hours.setRange(0, 99)
        self.hours.setSuffix(tr(" hours"))
        self.hours.setMaximumWidth(140)
        self.mode = QComboBox()
        for mode in Mode:
            self.mode.addItem(shown(mode.label), mode.value)
        self.mode.setMaximumWidth(200)
        self.periods: ListEditor[Period] = ListEditor(self._new_period, tr("&Add a period"))
        self.add_input(form, "programme.title", tr("&Title"), self.title_edit, required=True)
        self.add_input(form, "programme.description", tr("&Description"), self.description)
        self.add_input(
            form,
            [("programme.start", self.start), ("programme.end", self.end)],
            tr("&Period"),
            dates,
            required=True,
        )
        self.add_input(
            form, "programme.hours_per_week", tr("&Hours per week"), self.hours, required=True
        )
        self.add_input(form, "programme.mode", tr("M&ode"), self.mode)
        self.add_input(form, "programme.periods", tr("Blended periods"), self.periods)
        self.add_list("programme.periods", self.periods)
        self._form = form
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.finish()

    def _new_period(self) -> PeriodRow:
        """A new period takes over where the last one ends, with the other kind, up to the
        programme's end: adding "virtual, then physical" needs only the dates between."""
        row = PeriodRow()
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError:
            start = end = None
        kind = PeriodKind.VIRTUAL
        if self.periods.rows:
            last, _ = self.periods.rows[-1].read()
            start = last.end + timedelta(days=1)
            kind = PeriodKind.PHYSICAL if last.kind is PeriodKind.VIRTUAL else PeriodKind.VIRTUAL
        row.kind.setCurrentIndex(row.kind.findData(kind.value))
        for edit, value in ((row.start, start), (row.end, end)):
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
        return row

    def _on_mode(self) -> None:
        holder = self.periods.parentWidget()  # the form row's field (see widgets.add_field)
        assert holder is not None
        self._form.setRowVisible(holder, self._mode() is Mode.BLENDED)

    def _mode(self) -> Mode:
        return Mode(self.mode.currentData())

    def fill(self, data: AgreementData) -> None:
        p = data.programme
        set_line(self.title_edit, p.title)
        self.description.setPlainText(p.description)
        self.start.set_value(p.start)
        self.end.set_value(p.end)
        self.hours.setValue(p.hours_per_week)
        self.mode.setCurrentIndex(self.mode.findData(p.mode.value))
        self.periods.set_values(p.periods)
        self._on_mode()

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        p = data.programme
        problems: list[Problem] = []
        first_day = tr("Enter the first day of the traineeship.")
        last_day = tr("Enter the last day of the traineeship.")
        start = read_date(self.start, "programme.start", p.start, first_day, problems, self)
        end = read_date(self.end, "programme.end", p.end, last_day, problems, self)
        periods, _unread = self.periods.read()
        mode = self._mode()
        programme = replace(
            p,
            title=self.title_edit.text().strip(),
            description=self.description.toPlainText().strip(),
            start=start,
            end=end,
            hours_per_week=self.hours.value(),
            mode=mode,
            periods=tuple(periods) if mode is Mode.BLENDED else (),
        )
        return replace(data, programme=programme), problems


class TasksPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(SECTION["tasks"], "", parent)
        self.tasks: ListEditor[Task] = ListEditor(TaskRow, tr("&Add a task"))
        self.column.addWidget(self.tasks)
        self.add_list("programme.tasks", self.tasks)
        self.finish()

    def enter(self, data: AgreementData) -> None:
        p = data.programme
        self.setSubTitle(
            tr(
                "What the trainee will do, what each task delivers and by when. "
                "Deadlines fall inside the period, {span}."
            ).format(span=span(p.start, p.end))
        )

    def fill(self, data: AgreementData) -> None:
        self.tasks.set_values(data.programme.tasks)
        self.enter(data)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        tasks, unread = self.tasks.read()
        problems = [
            self.problem(
                f"programme.tasks.{n}.deadline",
                tr("Task {value}'s deadline: {message}").format(message=message, value=n + 1),
            )
            for n, message in unread
        ]
        return replace(data, programme=replace(data.programme, tasks=tuple(tasks))), problems


class LearningPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["learning"],
            tr(
                "The knowledge, skills and competences to be acquired, how progress is followed "
                "and how the trainee is evaluated."
            ),
            parent,
        )
        form = self.new_form()
        self.outcomes: ListEditor[str] = ListEditor(
            lambda: TextRow(tr("Outcome"), tr("e.g. Builds churn models in Python")),
            tr("Add an o&utcome"),
            skip_blank=True,
        )
        self.monitoring = text_box(3, tr("Who follows the trainee's progress, how and how often"))
        self.evaluation = text_box(3, tr("Who evaluates the trainee, when and on what basis"))
        self.criteria: ListEditor[str] = ListEditor(
            lambda: TextRow(tr("Criterion"), tr("e.g. Quality and timeliness of the deliverables")),
            tr("Add a c&riterion"),
            skip_blank=True,
        )
        self.language = line_edit(placeholder=tr("e.g. English"))
        self.level = QComboBox()
        self.level.addItem(tr("level not yet known"), "")
        for level in CEFR_LEVELS:
            self.level.addItem(level, level)
        language = QWidget()
        row = QHBoxLayout(language)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.language, 1)
        row.addWidget(QLabel(tr("at level")))
        row.addWidget(self.level)
        self.add_input(
            form,
            "programme.learning_outcomes",
            tr("Learning &outcomes"),
            self.outcomes,
            required=True,
        )
        self.add_list("programme.learning_outcomes", self.outcomes)
        self.add_input(
            form,
            "programme.monitoring_plan",
            tr("&Monitoring plan"),
            self.monitoring,
            required=True,
        )
        self.add_input(
            form, "programme.evaluation_plan", tr("&Evaluation"), self.evaluation, required=True
        )
        self.add_input(form, "programme.evaluation_criteria", tr("Evaluation &criteria"),
                       self.criteria)  # fmt: skip
        self.add_list("programme.evaluation_criteria", self.criteria)
        self.add_input(
            form,
            [("programme.language", self.language), ("programme.language_level", self.level)],
            tr("&Language of work"),
            language,
        )
        self.finish()

    def fill(self, data: AgreementData) -> None:
        p = data.programme
        self.outcomes.set_values(p.learning_outcomes)
        self.monitoring.setPlainText(p.monitoring_plan)
        self.evaluation.setPlainText(p.evaluation_plan)
        self.criteria.set_values(p.evaluation_criteria)
        set_line(self.language, p.language)
        if self.level.findData(p.language_level) < 0:  # kept, for the check to point out
            self.level.addItem(p.language_level, p.language_level)
        self.level.setCurrentIndex(self.level.findData(p.language_level))

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        outcomes, _ = self.outcomes.read()
        criteria, _ = self.criteria.read()
        programme = replace(
            data.programme,
            learning_outcomes=tuple(outcomes),
            monitoring_plan=self.monitoring.toPlainText().strip(),
            evaluation_plan=self.evaluation.toPlainText().strip(),
            evaluation_criteria=tuple(criteria),
            language=self.language.text().strip(),
            language_level=str(self.level.currentData()),
        )
        return replace(data, programme=programme), []
