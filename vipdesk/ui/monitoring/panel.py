"""The placement editor's Monitoring tab: the log, the protocol's rhythm, concerns, recognition.

Reads one placement's entries only (an indexed query), when the tab is first looked at: the
tab opens at once whatever the number of placements and entries in the database.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.services.monitoring.cadence import Rhythm
from vipdesk.services.monitoring.log import (
    EntryForm,
    EntryRow,
    MonitoringView,
    attachment_of,
    delete_entry,
    monitoring_view,
)
from vipdesk.services.monitoring.recognition import load_recognition
from vipdesk.ui import theme, when
from vipdesk.ui.funding.dialogs import fit_columns, make_table, selected_id
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.monitoring.entry_editor import EntryEditor
from vipdesk.ui.monitoring.recognition_editor import RecognitionEditor
from vipdesk.ui.phrases import error_text
from vipdesk.ui.placements.evidence_texts import recognition_fields
from vipdesk.ui.typed import credits_text


def _concern(entry: EntryRow) -> str:
    if not entry.concern:
        return ""
    return (
        tr("open")
        if entry.resolved_on is None
        else tr("resolved {day}").format(day=when.day_of_month(entry.resolved_on))
    )


def rhythm_text(rhythm: Rhythm, what: str) -> str:
    """'Meetings (weekly): 8 of 10 expected met; overdue since 03 Dec 2026'."""
    text = tr("{what} ({cadence}): {met} of {expected} expected met").format(
        what=what, cadence=in_sentence(rhythm.cadence.label, noun=False), met=rhythm.met,
        expected=rhythm.expected,
    )  # fmt: skip
    if rhythm.overdue_since is not None:
        text += tr("; overdue since {day}").format(day=when.day(rhythm.overdue_since))
    return text


def _slot(rhythm: Rhythm, as_of: date) -> list[tuple[str, str, str]]:
    """(period, state, colour name) for each slot of a series, newest first."""
    rows = []
    for slot in rhythm.slots:
        period = f"{when.day_of_month(slot.start)} – {when.day(slot.end)}"
        if slot.met_on is not None:
            rows.append(
                (
                    period,
                    tr("met on {met_on}").format(met_on=when.day_of_month(slot.met_on)),
                    "success",
                )
            )
        elif slot.end >= as_of:
            rows.append((period, tr("not yet"), "muted"))
        else:
            rows.append((period, tr("missed"), "error"))
    return rows[::-1]


class MonitoringPanel(QWidget):
    changed = Signal(int)  # placement id: an entry or the recognition was saved

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.placement_id: int | None = None
        self.view: MonitoringView | None = None
        self._stale = False
        self.placeholder = QLabel(tr("Save the placement first to keep its monitoring log."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(theme.text_style("muted"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model: RowsTableModel[EntryRow] = RowsTableModel(
            [
                Column(tr("Date"), lambda e: when.day(e.held_on)),
                Column(tr("Kind"), lambda e: shown(e.kind.label)),
                Column(tr("Who"), lambda e: e.participants),
                Column(tr("Tool"), lambda e: e.tool),
                Column(tr("Min"), lambda e: str(e.minutes or ""), True),
                Column(tr("Concern"), _concern),
                Column(
                    tr("Note"), lambda e: e.note, tooltip=lambda e: e.note or shown(e.kind.label)
                ),
                Column(tr("File"), lambda e: e.attachment_name),
            ],
            lambda e: e.id,
            self,
        )
        self.table = make_table(
            self.model, tr("Monitoring log"), tr("Meetings, reports and checks")
        )
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        self.rhythm: RowsTableModel[tuple[str, str, str]] = RowsTableModel(
            [
                Column(tr("Expected"), lambda r: r[0]),
                Column(tr("Meeting"), lambda r: r[1], alarm=lambda r: r[2] == "error"),
            ],
            lambda r: None,
            self,
        )
        self.rhythm_table = make_table(
            self.rhythm,
            tr("Expected meetings"),
            tr("Each slot of the protocol's cadence: met or missed"),
        )
        self.new_button = QPushButton(tr("&New entry…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.delete_button = QPushButton(tr("De&lete"))
        self.file_button = QPushButton(tr("Save &file…"))
        for button, slot in ((self.new_button, self._on_new), (self.edit_button, self._on_edit),
                             (self.delete_button, self._on_delete),
                             (self.file_button, self._on_file)):  # fmt: skip
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recognition = QLabel()
        self.recognition.setWordWrap(True)
        self.recognition_button = QPushButton(tr("&Recognition…"))
        self.recognition_button.clicked.connect(self._on_recognition)
        group = QGroupBox(tr("Recognition"))
        row = QHBoxLayout(group)
        row.addWidget(self.recognition, 1)
        row.addWidget(self.recognition_button, 0, Qt.AlignmentFlag.AlignTop)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.rhythm_table)
        split.setSizes([400, 160])
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.summary)
        body.addWidget(split, 1)
        body.addLayout(buttons)
        body.addWidget(group)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.show_placement(None)

    # --- showing ---------------------------------------------------------------------------

    def show_placement(self, placement_id: int | None) -> None:
        self.placement_id = placement_id
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
            view = monitoring_view(self.db, self.placement_id)
            recognition = load_recognition(self.db, self.placement_id)
        except VipdeskError as exc:
            self.summary.setText(theme.span("error", error_text(exc)))
            return
        self.view = view
        self.model.set_rows(view.entries)
        fit_columns(self.table, 6)
        meetings = view.meetings
        self.rhythm.set_rows(_slot(meetings, view.as_of) if meetings else [])
        fit_columns(self.rhythm_table, 1)
        self.rhythm_table.setVisible(meetings is not None)
        lines = []
        for rhythm, what in (
            (meetings, tr("Meetings")),
            (view.reports, tr("Reports and reflections")),
        ):
            if rhythm is None:
                continue
            colour = "error" if rhythm.overdue_since else "success"
            lines.append(f"<span style='color:{theme.hex_of(colour)}'>"
                         f"{escape(rhythm_text(rhythm, what))}</span>")  # fmt: skip
        if meetings is None:
            lines.append(tr("No communication protocol yet: no rhythm of meetings to measure."))
        concerns = view.open_concerns
        if concerns:
            lines.append(theme.span("warning", tr("%n concern(s) open", "", concerns)))
        if not view.entries:
            lines.append(tr("Nothing logged yet: New entry… records the kick-off first."))
        self.summary.setText("<br>".join(lines))
        if not recognition.counts_toward_degree:
            self.recognition.setText(tr("No credits planned: nothing to recognise in the degree."))
        elif missing := recognition.missing_fields():
            fields = recognition_fields()
            self.recognition.setText(
                tr("Not complete yet: ") + ", ".join(fields[m] for m in missing) + "."
            )
        else:
            self.recognition.setText(
                tr(
                    "{credits_awarded} of {planned_credits} credits, grade {grade}, "
                    "transcript of {transcript_on}."
                ).format(
                    credits_awarded=credits_text(recognition.credits_awarded),
                    planned_credits=credits_text(recognition.planned_credits),
                    grade=recognition.grade,
                    transcript_on=(
                        when.day(recognition.transcript_on) if recognition.transcript_on else "—"
                    ),
                )
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._chosen()
        self.edit_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)
        self.file_button.setEnabled(chosen is not None and bool(chosen.attachment_name))

    def _chosen(self) -> EntryRow | None:
        entry_id = selected_id(self.table)
        if self.view is None or entry_id is None:
            return None
        return next((e for e in self.view.entries if e.id == entry_id), None)

    # --- actions ---------------------------------------------------------------------------

    def _edit(self, form: EntryForm) -> None:
        assert self.view is not None
        editor = EntryEditor(self.db, self.view, form, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._saved()

    def _saved(self) -> None:
        self.refresh()
        if self.placement_id is not None:
            self.changed.emit(self.placement_id)

    def _on_new(self) -> None:
        if self.view is not None:
            held = min(self.view.as_of, self.view.end)
            self._edit(EntryForm(self.view.placement_id, held_on=held))

    def _on_edit(self) -> None:
        chosen = self._chosen()
        if chosen is not None and self.view is not None:
            self._edit(chosen.form(self.view.placement_id))

    def _on_delete(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Delete the entry"),
            tr(
                "Delete the {label} of {held_on}? It can be restored from Edit "
                "→ Recently deleted for 30 days."
            ).format(label=in_sentence(chosen.kind.label), held_on=when.day(chosen.held_on)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_entry(self.db, chosen.id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Not deleted"), error_text(exc))
        self._saved()

    def _on_file(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        try:
            name, data = attachment_of(self.db, chosen.id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("No file"), error_text(exc))
            return
        target, _filter = QFileDialog.getSaveFileName(self, tr("Save the file"), name)
        if target:
            try:
                write_atomically(Path(target), data)
            except (OSError, VipdeskError) as exc:
                QMessageBox.warning(self, tr("Not saved"), error_text(exc))

    def _on_recognition(self) -> None:
        if self.view is None or self.placement_id is None:
            return
        editor = RecognitionEditor(self.db, self.placement_id, self.view.start, self.view.as_of,
                                   self)  # fmt: skip
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._saved()
