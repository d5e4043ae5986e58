"""The communication protocol editor: availability per actor with the shared hours drawn live,
reporting, reply time, meetings, which tool serves what, and the helpdesks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import time
from html import escape

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import Cadence, ProtocolActor
from vipdesk.services.preparation.overlap import OverlapReport, Slot
from vipdesk.services.preparation.protocol import (
    AvailabilityForm,
    ProtocolForm,
    load_protocol,
    overlap_of,
    save_protocol,
    validate,
)
from vipdesk.ui import theme, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import problem_text
from vipdesk.ui.preparation.overlap_chart import OverlapChart
from vipdesk.ui.record_editor import RecordEditor
from vipdesk.ui.widgets import TimeZoneCombo


def describe_slot(slot: Slot) -> list[str]:
    """The slot in the reference zone, then where it falls for each actor and when."""
    lines = [
        tr("Every {weekday}, {start}–{end} ({zone})").format(
            weekday=when.weekday(slot.weekday),
            start=f"{slot.start:%H:%M}",
            end=f"{slot.end:%H:%M}",
            zone=slot.zone,
        )
    ]
    actors = list(dict.fromkeys(t.actor for t in slot.local))
    for actor in actors[1:]:
        runs = [t for t in slot.local if t.actor == actor]
        parts = [
            f"{when.weekday(t.start.isoweekday(), short=True)} {t.start:%H:%M}–{t.end:%H:%M}"
            + (
                ""
                if len(runs) == 1
                else tr(" ({first} to {last})").format(
                    first=when.day_of_month(t.first), last=when.day_of_month(t.last)
                )
            )
            for t in runs
        ]
        lines.append(f"{actor} ({runs[0].zone}): {'; '.join(parts)}")
    return lines


class AvailabilityRow:
    """The widgets of one actor's line in the grid."""

    def __init__(self, actor: ProtocolActor) -> None:
        self.actor = actor
        self.zone = TimeZoneCombo()
        self.zone.setMinimumContentsLength(16)
        self.days = [QCheckBox(when.weekday(n, narrow=True)) for n in range(1, 8)]
        for box, name in zip(self.days, map(when.weekday, range(1, 8)), strict=True):
            box.setAccessibleName(
                tr("{label} works on {name}").format(name=name, label=shown(actor.label))
            )
            box.setToolTip(name)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.start.setAccessibleName(tr("{label} starts at").format(label=shown(actor.label)))
        self.end.setAccessibleName(tr("{label} ends at").format(label=shown(actor.label)))

    def show(self, slot: AvailabilityForm) -> None:
        self.zone.set_current_data(slot.zone)
        for n, box in enumerate(self.days, start=1):
            box.setChecked(n in slot.weekdays)
        self.start.setTime(QTime(slot.start.hour, slot.start.minute) if slot.start else QTime(9, 0))
        self.end.setTime(QTime(slot.end.hour, slot.end.minute) if slot.end else QTime(17, 0))

    def read(self) -> AvailabilityForm:
        def as_time(value: QTime) -> time:
            return time(value.hour(), value.minute())

        return AvailabilityForm(
            self.actor,
            self.zone.zone(),
            frozenset(n for n, box in enumerate(self.days, start=1) if box.isChecked()),
            as_time(self.start.time()),
            as_time(self.end.time()),
        )


class AvailabilityGrid(QWidget):
    """Time zone, working days and hours of student, mentor and tutor."""

    changed = Signal()  # fed by the widgets' own signals (see AnswerInput on PySide emit)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for column, text in enumerate(
            ("", tr("Time zone"), tr("Working days"), tr("From"), tr("To"))
        ):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, column)
        self.rows: dict[ProtocolActor, AvailabilityRow] = {}
        for line, actor in enumerate(ProtocolActor, start=1):
            row = AvailabilityRow(actor)
            days = QHBoxLayout()
            days.setSpacing(2)
            for box in row.days:
                days.addWidget(box)
                box.toggled.connect(self.changed)
            grid.addWidget(QLabel(shown(actor.label)), line, 0)
            grid.addWidget(row.zone, line, 1)
            grid.addLayout(days, line, 2)
            grid.addWidget(row.start, line, 3)
            grid.addWidget(row.end, line, 4)
            row.zone.currentIndexChanged.connect(self.changed)
            row.zone.editTextChanged.connect(self.changed)
            row.start.timeChanged.connect(self.changed)
            row.end.timeChanged.connect(self.changed)
            self.rows[actor] = row
        grid.setColumnStretch(1, 1)

    def show_form(self, form: ProtocolForm) -> None:
        for actor, row in self.rows.items():
            row.show(form.of(actor) or AvailabilityForm(actor, None))

    def read(self) -> list[AvailabilityForm]:
        return [row.read() for row in self.rows.values()]


class OverlapView(QWidget):
    """The chart, the suggested meeting time and the warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = QLabel()
        self.chart = OverlapChart()
        self.slot = QLabel()
        self.slot.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(theme.box_style("warning"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.period)
        layout.addWidget(self.chart)
        layout.addWidget(self.slot)
        layout.addWidget(self.warnings)

    def show_report(self, form: ProtocolForm, report: OverlapReport | None) -> None:
        first, last = form.period
        self.period.setText(
            tr(
                "Shared working hours per weekday, {first} to {last}, in the student's days:"
            ).format(first=when.day(first), last=when.day(last))
        )
        self.chart.set_report(report)
        if report is None:
            self.slot.setText(tr("Fill in the student's time zone, days and hours to see them."))
            self.warnings.setVisible(False)
            return
        if report.slot is not None:
            first_line, *others = describe_slot(report.slot)
            self.slot.setText(
                tr("<b>Suggested {meeting_minutes}-minute meeting:</b> {first_line}").format(
                    meeting_minutes=form.meeting_minutes, first_line=escape(first_line)
                )
                + "".join(f"<br>{escape(line)}" for line in others)
            )
        else:
            self.slot.setText(tr("<b>No meeting time</b> fits every week: see below."))
        self.warnings.setText("<br>".join(f"⚠ {escape(problem_text(w))}" for w in report.warnings))
        self.warnings.setVisible(bool(report.warnings))


class ProtocolEditor(RecordEditor[ProtocolForm]):
    def not_saved_title(self) -> str:
        return tr("Communication protocol not saved")

    def __init__(
        self, db: Database, placement_id: int, heading: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self._heading = heading
        self._filling = False
        self.grid = AvailabilityGrid()
        self.overlap = OverlapView()
        self.reporting = QComboBox()
        self.meetings = QComboBox()
        for combo in (self.reporting, self.meetings):
            for cadence in Cadence:
                combo.addItem(shown(cadence.label), cadence.value)
        self.reply_hours = QSpinBox()
        self.reply_hours.setRange(1, 336)
        self.reply_hours.setSuffix(tr(" working hours"))
        self.meeting_minutes = QSpinBox()
        self.meeting_minutes.setRange(10, 240)
        self.meeting_minutes.setSingleStep(15)
        self.meeting_minutes.setSuffix(tr(" minutes"))
        self.tools_note = QPlainTextEdit()
        self.tools_note.setTabChangesFocus(True)
        self.tools_note.setPlaceholderText(
            tr(
                "e.g. Teams: weekly meeting and quick questions. E-mail: reports. "
                "Shared drive: deliverables. A chat group: non-task talk."
            )
        )
        self.tools_note.setFixedHeight(70)
        self.student_helpdesk = QLineEdit()
        self.student_helpdesk.setPlaceholderText(tr("Name, e-mail or phone, and hours"))
        self.staff_helpdesk = QLineEdit()
        self.staff_helpdesk.setPlaceholderText(tr("Name, e-mail or phone, and hours"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(50)

        self.add_field("availability", tr("Availability"), self.grid)
        self.add_field("overlap", tr("Shared hours"), self.overlap)
        self.add_field("reporting", tr("Reporting"), self.reporting)
        self.add_field("reply_hours", tr("Reply within"), self.reply_hours)
        self.add_field("meetings", tr("Meetings"), self.meetings)
        self.add_field("meeting_minutes", tr("Meeting length"), self.meeting_minutes)
        self.add_field("tools_note", tr("Which tool for what"), self.tools_note)
        self.add_field("student_helpdesk", tr("Helpdesk for the student"), self.student_helpdesk)
        self.add_field("staff_helpdesk", tr("Helpdesk for company staff"), self.staff_helpdesk)
        self.add_field("notes", tr("Notes"), self.notes)
        self.finish_layout()
        self.resize(900, 780)
        self.grid.changed.connect(self._refresh_overlap)
        self.meeting_minutes.valueChanged.connect(self._refresh_overlap)
        self.start(load_protocol(db, placement_id))

    # --- RecordEditor ----------------------------------------------------------------------

    def title_for(self, form: ProtocolForm) -> str:
        return (
            tr("Communication protocol — {heading}").format(heading=self._heading)
            if self._heading
            else tr("Communication protocol")
        )

    def show_form(self, form: ProtocolForm) -> None:
        self._filling = True  # one overlap at the end, not one per widget filled
        self.grid.show_form(form)
        self.reporting.setCurrentIndex(self.reporting.findData(form.reporting.value))
        self.meetings.setCurrentIndex(self.meetings.findData(form.meetings.value))
        self.reply_hours.setValue(form.reply_hours)
        self.meeting_minutes.setValue(form.meeting_minutes)
        self.tools_note.setPlainText(form.tools_note)
        self.student_helpdesk.setText(form.student_helpdesk)
        self.staff_helpdesk.setText(form.staff_helpdesk)
        self.notes.setPlainText(form.notes)
        self._filling = False
        self._refresh_overlap()

    def read_form(self, base: ProtocolForm) -> tuple[ProtocolForm, list[FieldProblem]]:
        form = replace(
            base,
            reporting=Cadence(self.reporting.currentData()),
            meetings=Cadence(self.meetings.currentData()),
            reply_hours=self.reply_hours.value(),
            meeting_minutes=self.meeting_minutes.value(),
            tools_note=self.tools_note.toPlainText(),
            student_helpdesk=self.student_helpdesk.text(),
            staff_helpdesk=self.staff_helpdesk.text(),
            notes=self.notes.toPlainText(),
            availability=self.grid.read(),
        )
        problems = [
            FieldProblem(
                "availability",
                tr("{label}: '{text}' is not a time zone.").format(
                    text=text, label=shown(row.actor.label)
                ),
            )
            for row in self.grid.rows.values()
            if (text := row.zone.currentText().strip()) and row.zone.zone() is None
        ]
        return form, problems

    def validate(self, form: ProtocolForm) -> list[FieldProblem]:
        return validate(form)

    def store(self, form: ProtocolForm, *, overwrite: bool) -> ProtocolForm:
        return save_protocol(self.db, form, overwrite=overwrite)

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        # The service names the actor ("availability.mentor"); the grid has one error line.
        super().show_problems([replace(p, field=p.field.partition(".")[0]) for p in problems])

    # --- live overlap ----------------------------------------------------------------------

    def _refresh_overlap(self) -> None:
        if self._baseline is None or self._filling:
            return
        form, _problems = self.read_form(self.baseline)
        self.overlap.show_report(form, overlap_of(form))
