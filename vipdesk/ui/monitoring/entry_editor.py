"""One entry of the monitoring log: a meeting, report, reflection, check or incident.

Every problem is shown beside its field and nothing is stored until all are fixed: a date
outside the placement's period, a concern without a follow-up, a file that is not what its name
says or is over 20 MB.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import EntryKind
from vipdesk.services.monitoring.attachments import MAX_ATTACHMENT_BYTES
from vipdesk.services.monitoring.log import EntryForm, MonitoringView, save_entry, validate_entry
from vipdesk.ui import when
from vipdesk.ui.funding.source_editor import read_date
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.record_editor import RecordEditor
from vipdesk.ui.widgets import DateField

FILES = tr("Reports and reflections (*.pdf *.docx *.png *.jpg *.jpeg);;All files (*)")
# Who usually takes part, offered when the kind is chosen for a new entry.
PARTICIPANTS = {
    EntryKind.KICKOFF: tr("student, mentor, tutor"),
    EntryKind.MENTOR_MEETING: tr("student, mentor"),
    EntryKind.TUTOR_COACHING: tr("student, tutor"),
    EntryKind.PROGRESS_REPORT: tr("student, mentor"),
    EntryKind.PEER_FEEDBACK: tr("student, colleagues"),
    EntryKind.REFLECTION: "student",
    EntryKind.WELLBEING: tr("student, coordinator"),
    EntryKind.INCIDENT: tr("student, mentor, coordinator"),
}


def _text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class EntryEditor(RecordEditor[EntryForm]):
    def not_saved_title(self) -> str:
        return tr("Monitoring entry not saved")

    def __init__(
        self, db: Database, view: MonitoringView, form: EntryForm, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.view = view
        self.kind = QComboBox()
        for kind in EntryKind:
            self.kind.addItem(shown(kind.label), kind.value)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.held_on = DateField()
        self.participants = QLineEdit()
        self.participants.setMaxLength(300)
        self.participants.setPlaceholderText(tr("e.g. student, mentor"))
        self.tool = QComboBox()
        self.tool.addItem("—", None)
        for key, name in sorted(view.tools.items(), key=lambda kv: kv[1]):
            self.tool.addItem(name, key)
        self.tool.setToolTip(tr("One of the tools chosen for this placement (Preparation tab)"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setSpecialValueText("—")
        self.note = _text_box(3)
        self.file_label = QLabel()
        self.file_button = QPushButton(tr("Attach a file…"))
        self.file_button.setToolTip(
            tr("A PDF, a Word document (.docx), a PNG or a JPEG, up to {value} MB").format(
                value=MAX_ATTACHMENT_BYTES // 2**20
            )
        )
        self.file_button.clicked.connect(self._on_attach)
        self.remove_file = QPushButton(tr("Remove"))
        self.remove_file.clicked.connect(self._on_remove_file)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.remove_file)
        self.concern = QCheckBox(tr("This raised a concern"))
        self.concern.toggled.connect(self._on_concern)
        self.follow_up = _text_box(2)
        self.resolved_on = DateField()
        self.resolution = _text_box(2)
        self._attachment: bytes | None = None
        self._attachment_name = ""
        self.add_field("kind", tr("Kind"), self.kind, required=True)
        self.add_field("held_on", tr("Date"), self.held_on, required=True)
        self.add_field("participants", tr("Who took part"), self.participants, required=True)
        self.add_field("tool_key", tr("Tool"), self.tool)
        self.add_field("minutes", tr("Duration"), self.minutes)
        self.add_field("note", tr("Note"), self.note)
        self.add_field("attachment", tr("File"), file_row)
        self.add_field("concern", tr("Concern"), self.concern)
        self.add_field("follow_up", tr("Follow-up"), self.follow_up)
        self.add_field("resolved_on", tr("Resolved on"), self.resolved_on)
        self.add_field("resolution", tr("Resolution"), self.resolution)
        self.finish_layout()
        self.start(form)

    def title_for(self, form: EntryForm) -> str:
        return (
            tr("{kind} of {day}").format(
                kind=shown(form.kind.label), day=when.day(form.held_on) if form.held_on else ""
            )
            if form.id
            else tr("New log entry")
        )

    def show_form(self, form: EntryForm) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(form.kind.value))
        self.kind.blockSignals(False)
        self.held_on.set_value(form.held_on)
        self.participants.setText(form.participants)
        self.tool.setCurrentIndex(max(self.tool.findData(form.tool_key), 0))
        self.minutes.setValue(form.minutes or 0)
        self.note.setPlainText(form.note)
        self._attachment, self._attachment_name = form.attachment, form.attachment_name
        self.concern.setChecked(form.concern)
        self.follow_up.setPlainText(form.follow_up)
        self.resolved_on.set_value(form.resolved_on)
        self.resolution.setPlainText(form.resolution)
        self._show_file()
        self._on_concern(form.concern)

    def read_form(self, base: EntryForm) -> tuple[EntryForm, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        form = replace(
            base,
            kind=EntryKind(self.kind.currentData()),
            held_on=read_date("held_on", self.held_on, problems),
            participants=self.participants.text(),
            tool_key=self.tool.currentData(),
            minutes=self.minutes.value() or None,
            note=self.note.toPlainText(),
            concern=self.concern.isChecked(),
            follow_up=self.follow_up.toPlainText(),
            resolved_on=read_date("resolved_on", self.resolved_on, problems),
            resolution=self.resolution.toPlainText(),
            attachment=self._attachment,
            attachment_name=self._attachment_name,
        )
        return form, problems

    def validate(self, form: EntryForm) -> list[FieldProblem]:
        view = self.view
        return validate_entry(form, view.start, view.end, view.tools, view.as_of)

    def store(self, form: EntryForm, *, overwrite: bool) -> EntryForm:
        if overwrite:
            form = replace(form, version=None)  # mine over theirs
        stored = save_entry(self.db, form, today=self.view.as_of)
        return stored.form(form.placement_id)

    # --- slots -----------------------------------------------------------------------------

    def _on_kind(self, _index: int) -> None:
        if self.baseline.id is None and not self.participants.isModified():
            self.participants.setText(PARTICIPANTS[EntryKind(self.kind.currentData())])

    def _on_concern(self, on: bool) -> None:
        for widget in (self.follow_up, self.resolved_on, self.resolution):
            widget.setEnabled(on)

    def _on_attach(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, tr("Attach a file"), "", FILES)
        if not chosen:
            return
        path = Path(chosen)
        try:
            if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                self._show_file(
                    tr("{name} is over {value} MB.").format(
                        name=path.name, value=MAX_ATTACHMENT_BYTES // 2**20
                    )
                )
                return
            self._attachment = path.read_bytes()
        except OSError as exc:
            self._show_file(
                tr("Cannot read {name}: {strerror}.").format(name=path.name, strerror=exc.strerror)
            )
            return
        self._attachment_name = path.name
        self._show_file()

    def _on_remove_file(self) -> None:
        self._attachment, self._attachment_name = None, ""
        self._show_file()

    def _show_file(self, problem: str = "") -> None:
        if problem:
            self.show_problems([FieldProblem("attachment", problem)])
        name = self._attachment_name
        self.file_label.setText(name or tr("No file"))
        self.remove_file.setEnabled(bool(name))
