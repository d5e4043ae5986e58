"""The fields of a placement: building them, filling them, reading them back with problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from vipdesk.errors import FieldProblem
from vipdesk.models import Mode, PeriodKind
from vipdesk.services.placements.lookups import Choice, PickerChoices
from vipdesk.services.placements.records import PeriodForm, PlacementForm, changed_fields
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text, part_text, problem_text
from vipdesk.ui.typed import credits_text, parse_credits
from vipdesk.ui.widgets import (
    DateField,
    ErrorLabel,
    RecordPicker,
    SearchPicker,
    add_field,
    name_for_screen_readers,
)

T = TypeVar("T")


def HINTS(fields: PlacementFormWidget) -> dict[QWidget, str]:
    """The one-line hint of each field whose meaning is not plain from its label."""
    return {
        fields.mode: tr(
            "Virtual: online only. Blended: online with a physical stay abroad (give "
            "its periods below). Physical: on site at the host."
        ),
        fields.mentor: tr("Who supervises the trainee's work at the host; signs the certificate"),
        fields.tutor: tr("Who follows the learning at the sending institution and recognises it"),
        fields.institution: tr(
            "The trainee's university, which sends and recognises the placement"
        ),
        fields.planned_start: tr("The agreed first day; the agreement and grant count from it"),
        fields.planned_end: tr("The agreed last day; an extension is an amendment"),
        fields.hours: tr("Agreed working hours a week (1 to 60), as the agreement states them"),
        fields.credits: tr(
            "ECTS the placement is worth in the degree; empty when it does not count "
            "(then no recognition is needed to complete it)"
        ),
        fields.notes: tr("Internal notes of the office: never printed on the agreement"),
    }


class PeriodTable(QWidget):
    """The physical and virtual periods of a blended placement."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        name_for_screen_readers(
            self.table,
            tr("Periods"),
            tr("The placement's virtual and physical periods: kind, start, end"),
        )
        self.table.setHorizontalHeaderLabels([tr("Kind"), tr("Start"), tr("End")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        add = QPushButton(tr("Add period"))
        remove = QPushButton(tr("Remove period"))
        add.clicked.connect(lambda: self.add_period(None))
        remove.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_period(self, period: PeriodForm | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for k in PeriodKind:
            kind.addItem(shown(k.value.capitalize()), k.value)  # a mode's name: "Physical"
        start, end = DateField(), DateField()
        if period is not None:
            kind.setCurrentIndex(kind.findData(period.kind.value))
            start.set_value(period.start)
            end.set_value(period.end)
        kind.currentIndexChanged.connect(lambda _i: self.edited.emit())
        start.edited.connect(self.edited)
        end.edited.connect(self.edited)
        self.table.setCellWidget(row, 0, kind)
        self.table.setCellWidget(row, 1, start)
        self.table.setCellWidget(row, 2, end)
        self.table.setRowHeight(row, 34)
        if period is None:
            self.edited.emit()

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def set_periods(self, periods: list[PeriodForm]) -> None:
        self.table.setRowCount(0)
        for period in periods:
            self.add_period(period)

    def periods(self) -> tuple[list[PeriodForm], list[str]]:
        out: list[PeriodForm] = []
        problems: list[str] = []
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, 0)
            start = self.table.cellWidget(row, 1)
            end = self.table.cellWidget(row, 2)
            assert isinstance(kind, QComboBox)
            assert isinstance(start, DateField) and isinstance(end, DateField)
            try:
                out.append(PeriodForm(PeriodKind(kind.currentData()), start.value(), end.value()))
            except ValueError as exc:
                problems.append(
                    tr("Period {value}: {exc}").format(exc=error_text(exc), value=row + 1)
                )
        return out, problems


Search = Callable[[str], list[Choice]]


class PlacementFormWidget(QWidget):
    """All the editable fields; `read()` turns them into a form plus input problems.

    Students and hosts are many (100,000 and thousands): their pickers search as you type and
    are given only the chosen record's label, so that opening a placement loads no long list.
    """

    edited = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        student_search: Search | None = None,
        host_search: Search | None = None,
    ) -> None:
        super().__init__(parent)
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, str] = {}  # each field's name as its row shows it
        self.student = SearchPicker(student_search or (lambda _t: []), tr("New student…"))
        self.host = SearchPicker(
            host_search or (lambda _t: []),
            tr("New host…"),
            placeholder=tr("Type part of its name or country (↓ lists them)"),
            browse=True,
        )
        self.institution = RecordPicker(tr("New institution…"))
        self.mentor = RecordPicker(tr("New mentor…"))
        self.tutor = RecordPicker(tr("New tutor…"))
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.mode = QComboBox()
        for mode in Mode:
            self.mode.addItem(shown(mode.label), mode.value)
        self.planned_start = DateField()
        self.planned_end = DateField()
        self.hours = QSpinBox()
        self.hours.setRange(1, 60)
        self.hours.setSuffix(" h")
        self.credits = QLineEdit()
        self.credits.setPlaceholderText(tr("e.g. 7.5 (empty if none)"))
        self.credits.setMaximumWidth(180)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        for text_box in (self.description, self.notes):
            text_box.setTabChangesFocus(True)  # Tab moves on: a keyboard user is not trapped
        self.periods = PeriodTable()
        for widget, hint in HINTS(self).items():
            widget.setToolTip(hint)

        people = QGroupBox(tr("Who"))
        form = QFormLayout(people)
        self._add(form, "student_id", tr("Student"), self.student, required=True)
        self._add(form, "host_id", tr("Host organisation"), self.host, required=True)
        self._add(form, "mentor_id", tr("Company mentor"), self.mentor)
        self._add(form, "institution_id", tr("Sending institution"), self.institution,
                  required=True)  # fmt: skip
        self._add(form, "tutor_id", tr("Academic tutor"), self.tutor)

        plan = QGroupBox(tr("Placement"))
        form = QFormLayout(plan)
        self._add(form, "title", tr("Title"), self.title, required=True)
        self._add(form, "mode", tr("Mode"), self.mode, required=True)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.planned_start)
        row.addWidget(self.planned_end)
        self._add(form, "planned_start", tr("Planned start and end"), dates, required=True)
        self.errors["planned_end"] = self.errors["planned_start"]
        self._add(form, "hours_per_week", tr("Hours per week"), self.hours, required=True)
        self._add(form, "ects_credits", tr("ECTS credits"), self.credits)
        self._add(form, "description", tr("Description"), self.description)
        # What a conflict or a problem calls the fields that share a row or have none.
        self.labels |= {
            "planned_start": tr("Planned start"),
            "planned_end": tr("Planned end"),
            "periods": tr("Periods"),
            "notes": tr("Notes"),
        }

        self.periods_box = QGroupBox(tr("Blended: physical and virtual periods"))
        box = QVBoxLayout(self.periods_box)
        box.addWidget(self.periods)
        self.errors["periods"] = ErrorLabel()
        box.addWidget(self.errors["periods"])

        notes = QGroupBox(tr("Notes"))
        box = QVBoxLayout(notes)
        box.addWidget(self.notes)
        self.errors["notes"] = ErrorLabel()
        box.addWidget(self.errors["notes"])  # a note too long says so under it

        layout = QVBoxLayout(self)
        for group in (people, plan, self.periods_box, notes):
            layout.addWidget(group)
        layout.addStretch(1)  # spare height stays below the groups, not inside the last one

        for signal in (
            self.student.changed,
            self.host.changed,
            self.institution.changed,
            self.mentor.changed,
            self.tutor.changed,
            self.title.textEdited,
            self.mode.currentIndexChanged,
            self.planned_start.edited,
            self.planned_end.edited,
            self.hours.valueChanged,
            self.credits.textEdited,
            self.description.textChanged,
            self.notes.textChanged,
            self.periods.edited,
        ):
            signal.connect(self._on_edited)
        self.mode.currentIndexChanged.connect(self._update_periods_visibility)
        self._update_periods_visibility()

    def _add(
        self, form: QFormLayout, name: str, label: str, widget: QWidget, *, required: bool = False
    ) -> None:
        self.errors[name] = add_field(form, label, widget, required=required)
        self.labels[name] = label

    def _on_edited(self, *_args: object) -> None:
        self.edited.emit()

    def _update_periods_visibility(self) -> None:
        self.periods_box.setVisible(self.mode.currentData() == Mode.BLENDED.value)

    def fill(self, form: PlacementForm, choices: PickerChoices) -> None:
        """Show a form; `choices` are what its pickers offer (read with the form)."""
        widgets: list[QWidget] = [self, self.description, self.notes]
        for w in widgets:
            w.blockSignals(True)
        self.student.set_current(form.student_id, choices.student)
        self.host.set_current(form.host_id, choices.host)
        for picker, options, chosen in (
            (self.institution, choices.institutions, form.institution_id),
            (self.mentor, choices.mentors, form.mentor_id),
            (self.tutor, choices.tutors, form.tutor_id),
        ):
            picker.set_choices(options)
            picker.set_current_id(chosen)
        self.title.setText(form.title)
        self.title.setCursorPosition(0)  # a long title shows its start, not its end
        self.mode.setCurrentIndex(self.mode.findData(form.mode.value))
        self.planned_start.set_value(form.planned_start)
        self.planned_end.set_value(form.planned_end)
        self.hours.setValue(form.hours_per_week or 20)
        self.credits.setText(credits_text(form.ects_credits))
        self.description.setPlainText(form.description)
        self.notes.setPlainText(form.notes)
        self.periods.set_periods(form.periods)
        for w in widgets:
            w.blockSignals(False)
        self._update_periods_visibility()

    def read(self, base: PlacementForm) -> tuple[PlacementForm, list[FieldProblem]]:
        """The form as typed, on top of `base`'s identity; problems for what is unreadable."""
        problems: list[FieldProblem] = []

        def parse(name: str, read: Callable[[], T]) -> T | None:
            try:
                return read()
            except ValueError as exc:
                problems.append(FieldProblem(name, error_text(exc)))
                return None

        for name, picker, unmatched in (
            ("student_id", self.student, tr("No student matches what you typed: pick one from "
                                            "the list or create a new one.")),
            ("host_id", self.host, tr("No host organisation matches what you typed: pick one "
                                      "from the list or create a new one.")),
            ("institution_id", self.institution, tr("No institution matches what you typed: "
                                                    "pick one from the list or create a new one.")),
            ("mentor_id", self.mentor, tr("No mentor matches what you typed: pick one from the "
                                          "list or create a new one.")),
            ("tutor_id", self.tutor, tr("No tutor matches what you typed: pick one from the list "
                                        "or create a new one.")),
        ):  # fmt: skip
            if picker.has_unmatched_text():
                problems.append(FieldProblem(name, unmatched))
        periods, period_problems = self.periods.periods()
        problems.extend(FieldProblem("periods", p) for p in period_problems)
        form = PlacementForm(
            id=base.id,
            version=base.version,
            reference=base.reference,
            status=base.status,
            updated_by=base.updated_by,
            student_id=self.student.current_id(),
            host_id=self.host.current_id(),
            institution_id=self.institution.current_id(),
            mode=Mode(self.mode.currentData()),
            title=self.title.text(),
            description=self.description.toPlainText(),
            planned_start=parse("planned_start", self.planned_start.value),
            planned_end=parse("planned_end", self.planned_end.value),
            hours_per_week=self.hours.value(),
            ects_credits=parse("ects_credits", lambda: parse_credits(self.credits.text())),
            mentor_id=self.mentor.current_id(),
            tutor_id=self.tutor.current_id(),
            notes=self.notes.toPlainText(),
            periods=periods if self.mode.currentData() == Mode.BLENDED.value else [],
        )
        return form, problems

    def conflict_rows(
        self,
        mine: PlacementForm,
        theirs: PlacementForm,
        record_label: Callable[[str, int], str | None],
    ) -> list[tuple[str, str, str]]:
        """(field, my value, their value) for each field the two versions differ in, as the
        conflict table shows them; `record_label(kind, id)` names a linked record."""

        def text(name: str, value: object) -> str:
            if name in _LINKS and isinstance(value, int):
                return record_label(_LINKS[name], value) or tr("(deleted since)")
            if name == "periods" and isinstance(value, list):
                return "; ".join(_period_text(p) for p in value) or "—"
            if hasattr(value, "label"):
                return str(shown(value.label))
            return "—" if value in (None, "") else part_text(value)

        return [
            (self.labels.get(name, name), text(name, getattr(mine, name)),
             text(name, getattr(theirs, name)))
            for name in changed_fields(mine, theirs)
        ]  # fmt: skip

    def show_problems(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Put each message beside its field; return those that have no field here."""
        for label in self.errors.values():
            label.clear_message()
        shown: dict[ErrorLabel, list[str]] = {}
        unplaced: list[FieldProblem] = []
        for problem in problems:
            placed = self.errors.get(problem.field)
            if placed is None:
                unplaced.append(problem)
            else:
                shown.setdefault(placed, []).append(problem_text(problem))
        for label, messages in shown.items():
            label.show_message("\n".join(dict.fromkeys(messages)))
        return unplaced


# The fields that link a record, and the kind of record each names.
_LINKS = {
    "student_id": "student",
    "host_id": "organisation",
    "institution_id": "institution",
    "mentor_id": "contact",
    "tutor_id": "contact",
}


def _period_text(period: PeriodForm) -> str:
    """A blended period in the interface's words: "Virtuell 05.01.2026 - 31.03.2026"."""
    start, end = (part_text(day) if day else "—" for day in (period.start, period.end))
    return f"{shown(period.kind.value.capitalize())} {start} – {end}"  # as the period table
