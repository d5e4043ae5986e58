"""The agreement wizard's pages for the terms: protocol, roles, technology, recognition (Table B)
and the host's commitments (Table C)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.documents.agreement.content import (
    AgreementData,
    Recognition,
    RecognitionKind,
    Role,
    Tool,
)
from vipdesk.services.agreements.checks.problems import Problem
from vipdesk.services.agreements.checks.validation import CERTIFICATE_WEEKS
from vipdesk.services.agreements.drafting import default_roles
from vipdesk.ui.agreement.wizard.base import (
    SectionPage,
    text_box,
)
from vipdesk.ui.agreement.wizard.lists import ListEditor, TextRow, ToolRow, edit_signals, line_edit
from vipdesk.ui.agreement.wizard.programme_pages import SECTION
from vipdesk.ui.i18n import tr
from vipdesk.ui.money_fields import CurrencyCombo, MoneyField
from vipdesk.ui.phrases import error_text
from vipdesk.ui.typed import credits_text, parse_credits
from vipdesk.ui.widgets import ErrorLabel


def lines_of(box: QPlainTextEdit) -> tuple[str, ...]:
    """One item per non-empty line."""
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


class ProtocolPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["protocol"],
            tr(
                "When each actor is available, how and how often the trainee reports, how fast "
                "messages are answered, and who is the helpdesk for whom."
            ),
            parent,
        )
        self.lines: ListEditor[str] = ListEditor(
            lambda: TextRow(
                tr("Line"), tr("e.g. Weekly video call with the mentor, Mondays 10:00 CET")
            ),
            tr("&Add a line"),
            skip_blank=True,
        )
        self.column.addWidget(self.lines)
        self.add_list("protocol", self.lines)
        self.finish()

    def fill(self, data: AgreementData) -> None:
        self.lines.set_values(data.protocol)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        lines, _ = self.lines.read()
        return replace(data, protocol=tuple(lines)), []


class RoleBox(QGroupBox):
    """One actor's role: who it is and the duties, one per line, with the default to go back to."""

    def __init__(self, role: Role, default: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(role.title or role.actor.capitalize(), parent)
        self.role = role
        self.default = default
        self.name = line_edit(role.name, accessible=tr("{role}: name").format(role=self.title()))
        self.duties = text_box(5, tr("One duty per line"))
        self.duties.setAccessibleName(tr("{role}: duties").format(role=self.title()))
        self.duties.setPlainText("\n".join(role.duties))
        self.restore = QPushButton(tr("Restore default text"))
        self.restore.setAccessibleName(
            tr("Restore the default duties of the {role}").format(role=self.title().lower())
        )
        self.restore.setEnabled(bool(default))
        self.restore.setToolTip(
            tr("Replace the duties with the standard text") if default else tr("No standard text")
        )
        self.restore.clicked.connect(self._on_restore)
        self.error = ErrorLabel()
        name = QLabel(tr("Name:"))
        name.setBuddy(self.name)
        top = QHBoxLayout()
        top.addWidget(name)
        top.addWidget(self.name, 1)
        top.addWidget(self.restore)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.duties)
        layout.addWidget(self.error)
        QWidget.setTabOrder(self.name, self.duties)  # the duties before the button beside the name
        QWidget.setTabOrder(self.duties, self.restore)

    def _on_restore(self) -> None:
        self.duties.setPlainText("\n".join(self.default))
        self.duties.setFocus()

    def read(self) -> Role:
        return replace(self.role, name=self.name.text().strip(), duties=lines_of(self.duties))


class RolesPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["roles"],
            tr(
                "What the trainee, the mentor, the tutor and the coordinator undertake. One duty "
                "per line; edit freely, or restore the standard text."
            ),
            parent,
        )
        self.boxes: list[RoleBox] = []
        self.finish()

    def fill(self, data: AgreementData) -> None:
        """Roles are data (any actors, any number): one box each, built here."""
        for box in self.boxes:
            box.deleteLater()
        defaults = {r["actor"]: tuple(r["duties"]) for r in default_roles(data.document_language)}
        self.boxes = []
        self._errors.clear()
        self._targets.clear()
        for n, role in enumerate(data.roles):
            box = RoleBox(role, defaults.get(role.actor, ()))
            self.column.insertWidget(n, box)
            self.boxes.append(box)
            self._errors[f"roles.{n}.duties"] = box.error
            self._targets[f"roles.{n}.duties"] = box.duties
            for signal in edit_signals(box):
                signal.connect(self.changed)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        return replace(data, roles=tuple(box.read() for box in self.boxes)), []


class TechnologyPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["technology"],
            tr(
                "Which tool serves what, and whether it was tested with every actor before the "
                "start. Tools chosen in the preparation are listed already."
            ),
            parent,
        )
        self.tools: ListEditor[Tool] = ListEditor(ToolRow, tr("&Add a tool"))
        self.column.addWidget(self.tools)
        self.add_list("tools", self.tools)
        self.finish()

    def fill(self, data: AgreementData) -> None:
        self.tools.set_values(data.tools)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        tools, _ = self.tools.read()
        return replace(data, tools=tuple(tools)), []


def recognition_kind_text(kind: RecognitionKind) -> str:
    """Table B's kind of recognition (`RecognitionKind.label`) in the interface's language."""
    return {
        RecognitionKind.CURRICULUM: tr("Traineeship embedded in the curriculum"),
        RecognitionKind.VOLUNTARY: tr("Voluntary traineeship"),
        RecognitionKind.GRADUATE: tr("Traineeship of a recent graduate"),
    }[kind]


class RecognitionPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["recognition"],
            tr(
                "Table B: how the sending institution recognises the traineeship, and the "
                "trainee's insurance."
            ),
            parent,
        )
        form = self.new_form()
        kinds = QWidget()
        column = QVBoxLayout(kinds)
        column.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[RecognitionKind, QRadioButton] = {}
        mnemonic = {RecognitionKind.CURRICULUM: tr("&Embedded in the curriculum"),
                    RecognitionKind.VOLUNTARY: tr("&Voluntary traineeship"),
                    RecognitionKind.GRADUATE: tr("Recent &graduate")}  # fmt: skip
        for kind in RecognitionKind:
            button = QRadioButton(mnemonic[kind])
            button.setToolTip(recognition_kind_text(kind))
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            column.addWidget(button)
        self.credits = line_edit(placeholder="e.g. 15")
        self.credits.setMaximumWidth(120)
        self.grade = text_box(2)
        self.transcript = text_box(2)
        self.insurance = text_box(2)
        self.add_input(form, "recognition.kind", tr("Recognition"), kinds)
        self.add_input(form, "recognition.credits", tr("ECTS &credits"), self.credits)
        self.add_input(form, "recognition.grade", tr("G&rade"), self.grade)
        self.add_input(form, "recognition.transcript", tr("&Transcript"), self.transcript)
        self.add_input(form, "recognition.insurance", tr("&Insurance"), self.insurance)
        self.finish()

    def fill(self, data: AgreementData) -> None:
        r = data.recognition
        self.kind_buttons[r.kind].setChecked(True)
        self.credits.setText(credits_text(r.credits))
        self.grade.setPlainText(r.grade)
        self.transcript.setPlainText(r.transcript)
        self.insurance.setPlainText(r.insurance)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        problems: list[Problem] = []
        try:
            credits = parse_credits(self.credits.text())
        except ValueError as exc:
            credits = data.recognition.credits
            problems.append(self.problem("recognition.credits", error_text(exc)))
        kind = next(k for k, b in self.kind_buttons.items() if b.isChecked())
        recognition = Recognition(
            kind=kind,
            credits=credits,
            grade=self.grade.toPlainText().strip(),
            transcript=self.transcript.toPlainText().strip(),
            insurance=self.insurance.toPlainText().strip(),
        )
        return replace(data, recognition=recognition), problems


class HostPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["host"],
            tr("Table C: what the receiving organisation commits to."),
            parent,
        )
        form = self.new_form()
        self.paid = QCheckBox(tr("The organisation &pays a monthly allowance of"))
        self.amount = MoneyField()
        self.amount.setAccessibleName(tr("Monthly amount"))
        self.currency = CurrencyCombo()
        self.currency.setAccessibleName(tr("Currency"))
        money = QWidget()
        row = QHBoxLayout(money)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.paid)
        row.addWidget(self.amount)
        row.addWidget(self.currency)
        row.addStretch(1)
        self.in_kind = text_box(2, tr("e.g. a laptop, software licences, access to online tools"))
        self.insurance = text_box(2)
        self.weeks = QSpinBox()
        self.weeks.setRange(0, 52)
        self.weeks.setSuffix(tr(" weeks after the end"))
        self.weeks.setMaximumWidth(220)
        self.add_input(
            form,
            [("host.amount", self.amount), ("host.currency", self.currency)],
            tr("Financial support"),
            money,
        )
        self.add_input(form, "host.in_kind", tr("Support in &kind"), self.in_kind)
        self.add_input(form, "host.insurance", tr("&Insurance"), self.insurance)
        low, high = CERTIFICATE_WEEKS
        self.add_input(
            form, "host.certificate_weeks", tr("&Certificate within"), self.weeks, required=True
        )
        self.weeks.setToolTip(tr(
"The traineeship certificate is issued {low} to {high} weeks after the "
"end at the latest."
).format(low=low, high=high))  # fmt: skip
        self.paid.toggled.connect(self._on_paid)
        self.finish()

    def _on_paid(self, paid: bool) -> None:
        self.amount.setEnabled(paid)
        self.currency.setEnabled(paid)

    def fill(self, data: AgreementData) -> None:
        h = data.host
        self.paid.setChecked(h.financial_support)
        self.amount.set_value(h.amount)
        self.currency.set_code(h.currency)
        self.in_kind.setPlainText(h.in_kind)
        self.insurance.setPlainText(h.insurance)
        self.weeks.setValue(h.certificate_weeks)
        self._on_paid(h.financial_support)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        problems: list[Problem] = []
        paid = self.paid.isChecked()
        amount: Decimal | None
        try:
            amount = self.amount.value()
        except ValueError as exc:
            amount = data.host.amount
            if paid:
                problems.append(self.problem("host.amount", error_text(exc)))
        host = replace(
            data.host,
            financial_support=paid,
            amount=amount if paid else None,
            currency=self.currency.code() or data.host.currency,
            in_kind=self.in_kind.toPlainText().strip(),
            insurance=self.insurance.toPlainText().strip(),
            certificate_weeks=self.weeks.value(),
        )
        return replace(data, host=host), problems
