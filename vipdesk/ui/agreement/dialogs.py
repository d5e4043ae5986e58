"""Dialogs around the agreement's documents: what a returned PDF changed, the reason for an
amendment, and the traineeship certificate (its actual dates, then its content).

Like the signature dialogs, each is given its action as a callable and stays open when the
action refuses, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vipdesk.documents.agreement.certificate_content import CertificateData
from vipdesk.documents.agreement.form import CHECKBOXES
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.agreements.checks.validation import certificate_problems
from vipdesk.services.agreements.returns import ReturnedReview
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.ui import when
from vipdesk.ui.agreement.signature_dialogs import make_banner, show_banner
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.widgets import ErrorLabel, add_field


def _buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _lines(box: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(when.day_pattern())
    return edit


# --- a PDF returned by HR ------------------------------------------------------------------


def _value_text(field: str, value: str) -> str:
    """A returned field's value as the table shows it: the check box's yes or no in the
    interface's language, a dash for nothing."""
    if field in CHECKBOXES and value in ("yes", "no"):
        return tr("yes") if value == "yes" else tr("no")
    return value or "—"


class ReturnedPdfDialog(QDialog):
    """What HR changed, field by field, each with a box to accept it; and who signed in it.

    `apply(fields, parties)` gets the accepted fields and the parties whose digital signature
    is to be recorded; it raises when the changes cannot be taken over.
    """

    def __init__(
        self,
        name: str,
        review: ReturnedReview,
        recordable: Sequence[str],
        apply: Callable[[list[str], list[str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        self.setWindowTitle(tr("Returned PDF — {name}").format(name=name))
        changes = list(review.changes)
        if changes:
            intro = tr(
                "<b>{name}</b> differs from the agreement in %n field(s). Tick "
                "the changes to accept: they become a new version to send again; the "
                "others are left as they are.",
                "",
                len(changes),
            ).format(name=escape(name))
        else:
            intro = tr("<b>{name}</b> changes no field of the agreement.").format(name=escape(name))
        heading = QLabel(intro)
        heading.setWordWrap(True)
        self.table = QTableWidget(len(changes), 3)
        self.table.setHorizontalHeaderLabels(
            [tr("Field"), tr("In vipdesk"), tr("In the returned PDF")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, change in enumerate(changes):
            check = QTableWidgetItem(shown(change.label))
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked)
            check.setData(Qt.ItemDataRole.UserRole, change.field)
            self.table.setItem(row, 0, check)
            self.table.setItem(row, 1, QTableWidgetItem(_value_text(change.field, change.ours)))
            self.table.setItem(row, 2, QTableWidgetItem(_value_text(change.field, change.theirs)))
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(changes))
        signed = [str(p) for p in review.signed_parties]
        who = ", ".join(shown(PARTY_LABELS.get(p, p)) for p in signed)
        self.signed = QLabel(
            tr("Signed digitally in this file: <b>{who}</b>.").format(who=escape(who))
            if signed
            else tr("Nobody signed this file digitally.")
        )
        self.signed.setWordWrap(True)
        self.record_boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.signed)
        for party in recordable:
            box = QCheckBox(
                tr("Record the {value}'s digital signature").format(
                    value=in_sentence(PARTY_LABELS[party])
                )
            )
            box.setChecked(not changes)
            self.record_boxes[party] = box
            layout.addWidget(box)
        self.banner = make_banner()
        layout.addWidget(self.banner)
        layout.addWidget(_buttons(self, tr("&Accept selected"), self._on_ok))
        self.resize(720, 420 if changes else self.sizeHint().height())

    def _checks(self) -> list[QTableWidgetItem]:
        items = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        return [item for item in items if item is not None]

    def accepted_fields(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._checks()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_accepted(self, fields: Sequence[str]) -> None:
        for item in self._checks():
            wanted = item.data(Qt.ItemDataRole.UserRole) in fields
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def parties_to_record(self) -> list[str]:
        return [party for party, box in self.record_boxes.items() if box.isChecked()]

    def _on_ok(self) -> None:
        fields, parties = self.accepted_fields(), self.parties_to_record()
        if not fields and not parties:
            self.reject()
            return
        try:
            self._apply(fields, parties)
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        self.accept()


# --- amendment -----------------------------------------------------------------------------


class AmendDialog(QDialog):
    """Why the agreement is amended; `start(reason)` opens the amendment draft."""

    def __init__(self, start: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = start
        self.setWindowTitle(tr("Amend the agreement"))
        intro = QLabel(
            tr(
                "The signed agreement stays as it is. An amendment records what changes during the "
                "placement; all three parties sign it."
            )
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(tr("e.g. The project moved to a new team; hours reduced."))
        self.reason.setFixedHeight(5 * self.reason.fontMetrics().lineSpacing())
        form = QFormLayout()
        self.error = add_field(form, tr("Reason"), self.reason, required=True)
        self.banner = make_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(_buttons(self, tr("&Start amendment"), self._on_ok))
        self.resize(460, self.sizeHint().height())

    def _on_ok(self) -> None:
        try:
            self._start(self.reason.toPlainText())
        except ValidationError as exc:
            self.error.show_message(problem_text(exc.problems[0]))
            return
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        self.accept()


# --- the certificate -----------------------------------------------------------------------


class CertificateDatesDialog(QDialog):
    """The actual first and last day of the traineeship, the planned ones to start with."""

    def __init__(
        self,
        planned_start: date,
        planned_end: date,
        start: Callable[[date, date], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._start = start
        self.setWindowTitle(tr("Traineeship certificate"))
        intro = QLabel(
            tr(
                "The certificate states what really happened. When did the traineeship actually "
                "start and end?"
            )
        )
        intro.setWordWrap(True)
        self.actual_start = _date_edit(planned_start)
        self.actual_end = _date_edit(planned_end)
        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {
            "actual_start": add_field(form, tr("Actual start"), self.actual_start, required=True),
            "actual_end": add_field(form, tr("Actual end"), self.actual_end, required=True),
        }
        self.banner = make_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(_buttons(self, tr("&Continue"), self._on_ok))
        self.resize(420, self.sizeHint().height())

    def set_dates(self, start: date, end: date) -> None:
        self.actual_start.setDate(_qdate(start))
        self.actual_end.setDate(_qdate(end))

    def _on_ok(self) -> None:
        for error in self.errors.values():
            error.clear_message()
        try:
            self._start(_date(self.actual_start.date()), _date(self.actual_end.date()))
        except ValidationError as exc:
            for problem in exc.problems:
                self.errors.get(problem.field, self.errors["actual_end"]).show_message(
                    problem_text(problem)
                )
            return
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        self.accept()


class CertificateEditor(QDialog):
    """The certificate's content: tasks carried out, outcomes achieved, the mentor's word.

    With `save` None it only shows the certificate (a sent or signed one).
    """

    def __init__(
        self,
        data: CertificateData,
        save: Callable[[CertificateData], None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._save = save
        read_only = save is None
        self.setWindowTitle(
            tr("Traineeship certificate {version} — {reference}").format(
                version=data.version, reference=data.reference
            )
            + (tr(" (read only)") if read_only else "")
        )
        heading = QLabel(
            tr(
                "<b>{trainee_name}</b> at <b>{host_name}</b><br>Planned "
                "{planned_start} – {planned_end}, {hours_per_week} "
                "h/week, {label}"
            ).format(
                trainee_name=escape(data.trainee_name),
                host_name=escape(data.host_name),
                planned_start=when.day(data.planned_start),
                planned_end=when.day(data.planned_end),
                hours_per_week=data.hours_per_week,
                label=escape(in_sentence(data.mode.label, noun=False)),
            )
        )
        heading.setWordWrap(True)
        self.actual_start = _date_edit(data.actual_start)
        self.actual_end = _date_edit(data.actual_end)
        self.tasks = self._box(data.tasks, tr("One task per line"))
        self.outcomes = self._box(data.learning_outcomes, tr("One learning outcome per line"))
        self.evaluation = self._box(
            (data.evaluation,), tr("The mentor's evaluation of the trainee")
        )
        self.assessment = QLineEdit(data.assessment)
        self.assessment.setPlaceholderText(tr("Overall assessment or suggested grade (optional)"))
        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {
            "actual_start": add_field(form, tr("Actual start"), self.actual_start, required=True),
            "actual_end": add_field(form, tr("Actual end"), self.actual_end, required=True),
            "tasks": add_field(form, tr("Tasks carried out"), self.tasks),
            "learning_outcomes": add_field(form, tr("Learning outcomes achieved"), self.outcomes),
            "evaluation": add_field(form, tr("Mentor's evaluation"), self.evaluation),
            "assessment": add_field(form, tr("Assessment"), self.assessment),
        }
        for widget in (self.actual_start, self.actual_end, self.assessment):
            widget.setReadOnly(read_only)
        for box in (self.tasks, self.outcomes, self.evaluation):
            box.setReadOnly(read_only)
        self.banner = make_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        if read_only:
            close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            close.rejected.connect(self.reject)
            layout.addWidget(close)
        else:
            layout.addWidget(_buttons(self, tr("&Save"), self._on_save))
        self.resize(640, self.sizeHint().height())

    @staticmethod
    def _box(lines: Sequence[str], placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit("\n".join(lines))
        box.setTabChangesFocus(True)
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(12 + 5 * box.fontMetrics().lineSpacing())
        return box

    def certificate(self) -> CertificateData:
        """The certificate as edited."""
        return replace(
            self._data,
            actual_start=_date(self.actual_start.date()),
            actual_end=_date(self.actual_end.date()),
            tasks=_lines(self.tasks),
            learning_outcomes=_lines(self.outcomes),
            evaluation=self.evaluation.toPlainText().strip(),
            assessment=self.assessment.text().strip(),
        )

    def _on_save(self) -> None:
        for error in self.errors.values():
            error.clear_message()
        edited = self.certificate()
        assert self._save is not None
        try:
            problems = certificate_problems(edited)  # an empty evaluation was saved as is
            if problems:
                raise ValidationError(problems)
            self._save(edited)
        except ValidationError as exc:
            for problem in exc.problems:
                self.errors.get(problem.field, self.errors["evaluation"]).show_message(
                    problem_text(problem)
                )
            return
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        self.accept()
