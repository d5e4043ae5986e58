"""The placement editor's Preparation tab: readiness of student, host and institution at a glance.

One box per party with its status, score and date, what blocks it, and the buttons that start,
resume or repeat its questionnaire.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.preparation.protocol import ProtocolSummary, protocol_summary
from vipdesk.services.preparation.questionnaires import ReadinessLevel
from vipdesk.services.preparation.readiness import (
    PartyReadiness,
    placement_readiness,
    suggested_respondents,
)
from vipdesk.services.preparation.tools import ToolsSummary, tools_summary
from vipdesk.ui import theme, when
from vipdesk.ui.evaluations.travel import export_to_file, import_returned
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.preparation.overlap_chart import hours_text
from vipdesk.ui.preparation.protocol_editor import ProtocolEditor
from vipdesk.ui.preparation.questionnaire_words import flag_words, theme_label
from vipdesk.ui.preparation.readiness_summary import SummaryDialog, level_badge
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard
from vipdesk.ui.preparation.tool_tests import ToolTestDialog
from vipdesk.ui.preparation.tools_wizard import ToolsWizard
from vipdesk.ui.texts.tools import tool_text
from vipdesk.ui.widgets import language_combo


class PartyBox(QGroupBox):
    """One party's readiness; the buttons ask the panel to act with the party's value."""

    start_requested = Signal(str)
    result_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, party: ReadinessParty, parent: QWidget | None = None) -> None:
        super().__init__(shown(party.label), parent)
        self.party = party
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setWordWrap(True)
        self.start_button = QPushButton(self)
        self.result_button = QPushButton(tr("Result…"), self)
        self.result_button.setToolTip(tr("Scores per theme, blocking answers and advice"))
        self.start_button.clicked.connect(lambda: self.start_requested.emit(party.value))
        self.result_button.clicked.connect(lambda: self.result_requested.emit(party.value))
        self.export_button = QPushButton(tr("Export as PDF…"), self)
        self.export_button.setToolTip(
            tr("The questionnaire as a fillable PDF to send to the party")
        )
        self.export_button.clicked.connect(lambda: self.export_requested.emit(party.value))
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.result_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.reasons)
        layout.addLayout(buttons)

    def show_readiness(self, state: PartyReadiness) -> None:
        latest = state.latest
        if latest is None or latest.completed_at is None:
            self.status.setText(level_badge(state.level, tr("Not assessed")))
        else:
            score = "—" if state.score is None else f"{state.score}/100"
            earlier = (
                tr(" · {earlier} earlier").format(earlier=state.earlier) if state.earlier else ""
            )
            self.status.setText(
                f"{level_badge(state.level)}&nbsp; <b>{score}</b> · "
                f"{when.day(latest.completed_at.astimezone())} · {escape(latest.respondent)}"
                f"{earlier}"
            )
        lines: list[tuple[str, str]] = []
        if state.assessment is not None:
            red = theme.hex_of("level.blocked")
            amber = theme.hex_of("level.needs_attention")
            qid = state.assessment.questionnaire_id
            version = state.assessment.questionnaire_version
            for flag in state.assessment.critical:
                question, answer = flag_words(qid, version, flag)
                text = tr("Blocks: “{question}” {answer}").format(question=question, answer=answer)
                lines.append((red, text))
            lines += [
                (
                    amber,
                    tr("Low: {label} ({score})").format(
                        label=theme_label(qid, version, t), score=t.score
                    ),
                )
                for t in state.assessment.low_themes
            ]
        if state.open is not None:
            what = tr("Re-assessment") if latest else tr("Questionnaire")
            lines.append(
                (
                    theme.hex_of("muted"),
                    tr("{what} started {started_at} by {respondent}, not finished").format(
                        what=what,
                        started_at=when.day(state.open.started_at.astimezone()),
                        respondent=state.open.respondent,
                    ),
                )
            )
        self.reasons.setText(
            "<br>".join(f"<span style='color:{c}'>{escape(t)}</span>" for c, t in lines)
        )
        self.reasons.setVisible(bool(lines))
        if state.open is not None:
            self.start_button.setText(tr("Resume questionnaire…"))
            self.start_button.setToolTip(
                tr(
                    "Started {started_at} by {respondent}; continues at the first unanswered page"
                ).format(
                    started_at=when.day(state.open.started_at.astimezone()),
                    respondent=state.open.respondent,
                )
            )
        elif latest is not None:
            self.start_button.setText(tr("Re-assess…"))
            self.start_button.setToolTip(
                tr("A new questionnaire; the earlier result stays in history")
            )
        else:
            self.start_button.setText(tr("Start questionnaire…"))
            self.start_button.setToolTip("")
        self.result_button.setEnabled(latest is not None)


class ProtocolBox(QGroupBox):
    """The communication protocol in three lines: saved or not, shared hours, warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Communication protocol"), parent)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(theme.text_style("level.needs_attention"))
        self.edit_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)

    def show_summary(self, summary: ProtocolSummary) -> None:
        form, report = summary.form, summary.report
        lines = []
        if summary.saved:
            who = tr(" by {name}").format(name=escape(form.updated_by)) if form.updated_by else ""
            reports = in_sentence(form.reporting.label, noun=False)  # "wöchentlich"
            written = tr("<b>Written</b>{who} · reports {label}, replies within {reply_hours} h")
            lines.append(written.format(who=who, label=reports, reply_hours=form.reply_hours))
            self.edit_button.setText(tr("Edit protocol…"))
        else:
            lines.append(tr("Not written yet: availability, reporting, reply times, meetings."))
            self.edit_button.setText(tr("Write protocol…"))
        if report is not None and report.minimum:
            low, high = min(report.minimum.values()), max(report.maximum.values())
            shared = tr("{hours_text} shared a working day").format(
                hours_text=hours_text(low, high)
            )
            lines.append(
                tr("Shared hours: {shared}").format(shared=shared)
                if summary.saved
                else tr(
                    "With office hours (Monday to Friday, 9:00–17:00) for everyone: {shared}."
                ).format(shared=shared)
            )
            if summary.saved and report.slot is not None:
                slot = report.slot
                lines.append(
                    tr("Meeting: every {weekday}, {start} ({zone})").format(
                        weekday=when.weekday(slot.weekday),
                        start=f"{slot.start:%H:%M}",
                        zone=escape(slot.zone),
                    )
                )
        self.status.setText("<br>".join(lines))
        warnings = report.warnings if report is not None else ()
        self.warnings.setText("\n".join(f"⚠ {problem_text(w)}" for w in warnings))
        self.warnings.setVisible(bool(warnings))


class ToolsBox(QGroupBox):
    """Chosen tools, how far their testing is, and what still blocks sending the agreement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Tools"), parent)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.blocking = QLabel(self)
        self.blocking.setWordWrap(True)
        self.blocking.setStyleSheet(theme.text_style("level.blocked"))
        self.choose_button = QPushButton(tr("Choose tools…"), self)
        self.tests_button = QPushButton(tr("Test plan…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.tests_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.blocking)
        layout.addLayout(buttons)

    def show_summary(self, summary: ToolsSummary) -> None:
        chosen = list(dict.fromkeys(summary.choices.values()))
        if not chosen:
            self.status.setText(tr("No tools chosen yet: which tool serves meetings, questions, "
                                "reports, documents?"))  # fmt: skip
        else:
            done = sum(1 for s in summary.plan if not s.open)
            names = ", ".join(tool_text(k) for k in chosen)
            self.status.setText(
                tr("{names} · tested {done} of {count} (tool × person)").format(
                    names=names, done=done, count=len(summary.plan)
                )
                + (
                    tr(" · {count} tips in Choose tools").format(count=len(summary.warnings))
                    if summary.warnings
                    else ""
                )
            )
        self.blocking.setText(
            tr("Blocks “Agreement sent”:\n") + "\n".join(f"• {line}" for line in summary.blocking)
        )
        self.blocking.setVisible(bool(summary.blocking))
        self.tests_button.setEnabled(bool(chosen))


class PreparationPanel(QWidget):
    """Shows one placement's preparation; `changed` carries its id after a questionnaire."""

    changed = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._placement_id: int | None = None
        self._reference = ""
        self._states: dict[ReadinessParty, PartyReadiness] = {}
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.placeholder = QLabel(tr("Save the placement to start its preparation."))
        self.placeholder.setWordWrap(True)
        self.boxes: dict[ReadinessParty, PartyBox] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        self.import_button = QPushButton(tr("Import returned questionnaire…"))
        self.import_button.setToolTip(
            tr("Read a filled-in questionnaire PDF back, answer by answer")
        )
        self.import_button.clicked.connect(self._on_import)
        self.language_combo = language_combo(
            ENGLISH,
            tr(
                "“Export as PDF…” writes the questionnaire in this language (in English where it "
                "is not translated yet)"
            ),
            tr("Language of exported questionnaires"),
        )
        heading = QHBoxLayout()
        heading.addWidget(self.summary, 1)
        language_label = QLabel(tr("PDFs &in:"))
        language_label.setBuddy(self.language_combo)
        heading.addWidget(language_label, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.language_combo, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(heading)
        for party in ReadinessParty:
            box = PartyBox(party)
            box.start_requested.connect(self._on_start_requested)
            box.result_requested.connect(self._on_result_requested)
            box.export_requested.connect(self._on_export_requested)
            column.addWidget(box)
            self.boxes[party] = box
        self.protocol = ProtocolBox()
        self.protocol.edit_button.clicked.connect(self._on_protocol_clicked)
        column.addWidget(self.protocol)
        self.tools = ToolsBox()
        self.tools.choose_button.clicked.connect(self._on_choose_tools)
        self.tools.tests_button.clicked.connect(self._on_test_plan)
        column.addWidget(self.tools)
        column.addStretch(1)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setAccessibleName(tr("Preparation"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(scroll, 1)
        self.show_placement(None)

    def show_placement(self, placement_id: int | None, reference: str = "") -> None:
        self._placement_id, self._reference = placement_id, reference
        self.placeholder.setVisible(placement_id is None)
        self.body.setVisible(placement_id is not None)
        if placement_id is None:
            return
        try:
            states = placement_readiness(self._db, placement_id)
        except VipdeskError as exc:
            self.summary.setText(theme.span("error", error_text(exc)))
            return
        self._states = {s.party: s for s in states}
        for state in states:
            self.boxes[state.party].show_readiness(state)
        levels = [s.level for s in states]
        if ReadinessLevel.BLOCKED in levels:
            verdict = tr("Something blocks the start: see the critical answers below.")
        elif all(level is ReadinessLevel.READY for level in levels):
            verdict = tr("Student, host and institution are ready.")
        else:
            verdict = tr("Not everything is assessed or strong enough yet.")
        self.summary.setText(tr("<b>Readiness</b><br>{verdict}").format(verdict=verdict))
        try:
            self.protocol.show_summary(protocol_summary(self._db, placement_id))
            self.tools.show_summary(tools_summary(self._db, placement_id))
        except VipdeskError as exc:
            self.protocol.status.setText(escape(error_text(exc)))

    # --- slots -----------------------------------------------------------------------------

    def _on_start_requested(self, value: str) -> None:
        if self._placement_id is None:
            return
        party = ReadinessParty(value)
        try:
            context = suggested_respondents(self._db, self._placement_id)
            wizard = ReadinessWizard(
                self._db,
                self._placement_id,
                party,
                context.names[party],
                about=context.placement,
                parent=self,
            )
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Questionnaire"), error_text(exc))
            return
        self.open_wizard(wizard)
        self.show_placement(self._placement_id, self._reference)
        self.changed.emit(self._placement_id)

    def _on_export_requested(self, value: str) -> None:
        if self._placement_id is not None:
            language = str(self.language_combo.currentData())
            export_to_file(self, self._db, self._placement_id, self._reference, Kind.READINESS,
                           ReadinessParty(value), language)  # fmt: skip

    def _on_import(self) -> None:
        if self._placement_id is not None and import_returned(self, self._db, self._placement_id):
            self.show_placement(self._placement_id, self._reference)
            self.changed.emit(self._placement_id)

    def open_wizard(self, wizard: ReadinessWizard) -> None:
        """Modal, like every editor; a test replaces this to drive the wizard itself."""
        wizard.exec()

    def open_editor(self, editor: QDialog) -> None:
        """Modal; tests replace this to drive the dialog or wizard themselves."""
        editor.exec()

    def _on_choose_tools(self) -> None:
        self._open(lambda placement_id, heading: ToolsWizard(self._db, placement_id, heading, self))

    def _on_test_plan(self) -> None:
        self._open(
            lambda placement_id, heading: ToolTestDialog(self._db, placement_id, heading, self)
        )

    def _open(self, make: Callable[[int, str], QDialog]) -> None:
        """`make` gets the placement's id and its heading."""
        placement_id = self._placement_id
        if placement_id is None:
            return
        try:
            dialog = make(placement_id, suggested_respondents(self._db, placement_id).placement)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Preparation"), error_text(exc))
            return
        self.open_editor(dialog)
        self.show_placement(self._placement_id, self._reference)
        self.changed.emit(self._placement_id)

    def _on_protocol_clicked(self) -> None:
        self._open(
            lambda placement_id, heading: ProtocolEditor(self._db, placement_id, heading, self)
        )

    def _on_result_requested(self, value: str) -> None:
        state = self._states.get(ReadinessParty(value))
        if state is None or state.latest is None or state.assessment is None:
            return
        latest = state.latest
        answered = latest.completed_at.astimezone() if latest.completed_at else latest.started_at
        heading = tr(
            "<b>{label}</b> — answered by {respondent} on {when} "
            "(questionnaire version {questionnaire_version})"
        ).format(
            when=when.day(answered),
            label=escape(shown(state.party.label)),
            respondent=escape(latest.respondent),
            questionnaire_version=latest.questionnaire_version,
        )
        title = tr("{party} readiness").format(party=shown(state.party.label))
        SummaryDialog(title, heading, state.assessment, self).exec()
