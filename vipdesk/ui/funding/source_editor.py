"""The funding source editor: name, kind, currency, amount awarded, period and budget lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import CostCategory, FundingKind
from vipdesk.services.funding.sources import SourceForm, load_source, save_source, validate_source
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.money_fields import CurrencyCombo, MoneyField
from vipdesk.ui.phrases import error_text
from vipdesk.ui.record_editor import RecordEditor
from vipdesk.ui.widgets import DateField


def read_money(
    name: str, field: MoneyField, problems: list[FieldProblem], label: str = ""
) -> Decimal | None:
    """The field's amount; an unreadable one becomes a problem beside the field."""
    try:
        return field.value()
    except ValueError as exc:
        problems.append(FieldProblem(name, f"{label}: {exc}" if label else error_text(exc)))
        return None


def read_date(name: str, field: DateField, problems: list[FieldProblem]) -> date | None:
    try:
        return field.value()
    except ValueError as exc:
        problems.append(FieldProblem(name, error_text(exc)))
        return None


def not_unreadable(problems: list[FieldProblem], unreadable: set[str]) -> list[FieldProblem]:
    """Leave out 'enter the amount' where the field already says it could not be read."""
    return [p for p in problems if p.field not in unreadable]


class BudgetGrid(QWidget):
    """An amount per cost category; a category left empty has no budget line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[CostCategory, MoneyField] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, category in enumerate(CostCategory):
            field = MoneyField()
            field.setPlaceholderText(tr("none"))
            field.setMinimumWidth(110)
            row, column = divmod(number, 2)
            grid.addWidget(QLabel(shown(category.label)), row, column * 2)
            grid.addWidget(field, row, column * 2 + 1)
            self.fields[category] = field

    def set_budget(self, budget: dict[CostCategory, Decimal]) -> None:
        for category, field in self.fields.items():
            field.set_value(budget.get(category))

    def budget(self, problems: list[FieldProblem]) -> dict[CostCategory, Decimal]:
        result = {}
        for category, field in self.fields.items():
            amount = read_money("budget", field, problems, shown(category.label))
            if amount is not None:
                result[category] = amount
        return result


class SourceEditor(RecordEditor[SourceForm]):
    def not_saved_title(self) -> str:
        return tr("Funding source not saved")

    def __init__(
        self, db: Database, source_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.unreadable: set[str] = set()
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(tr("e.g. Erasmus+ KA131 2026"))
        self.kind = QComboBox()
        for kind in FundingKind:
            self.kind.addItem(shown(kind.label), kind)
        self.currency = CurrencyCombo()
        self.amount = MoneyField()
        self.period_start = DateField()
        self.period_end = DateField()
        self.reference = QLineEdit()
        self.reference.setMaxLength(100)
        self.reference.setPlaceholderText(tr("e.g. the grant agreement number"))
        self.budget = BudgetGrid()
        self.add_field("name", tr("Name", "not a person's"), self.name, required=True)
        self.add_field("kind", tr("Kind"), self.kind, required=True)
        self.add_field("currency", tr("Currency"), self.currency, required=True)
        self.add_field("amount_awarded", tr("Amount awarded"), self.amount, required=True)
        self.add_field("period_start", tr("Pays from"), self.period_start, required=True)
        self.add_field("period_end", tr("Pays until"), self.period_end, required=True)
        self.add_field("reference", tr("Reference"), self.reference)
        self.add_field("budget", tr("Budget lines"), self.budget)
        self.setMinimumWidth(720)
        self.finish_layout()
        self.start(load_source(db, source_id) if source_id else SourceForm())

    def title_for(self, form: SourceForm) -> str:
        return (
            tr("Funding source: {name}").format(name=form.name)
            if form.id
            else tr("New funding source")
        )

    def show_form(self, form: SourceForm) -> None:
        self.name.setText(form.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.currency.set_code(form.currency)
        self.amount.set_value(form.amount_awarded)
        self.period_start.set_value(form.period_start)
        self.period_end.set_value(form.period_end)
        self.reference.setText(form.reference)
        self.budget.set_budget(form.budget)

    def read_form(self, base: SourceForm) -> tuple[SourceForm, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        form = replace(
            base,
            name=self.name.text(),
            kind=self.kind.currentData(),
            currency=self.currency.code(),
            amount_awarded=read_money("amount_awarded", self.amount, problems),
            period_start=read_date("period_start", self.period_start, problems),
            period_end=read_date("period_end", self.period_end, problems),
            reference=self.reference.text(),
            budget=self.budget.budget(problems),
        )
        self.unreadable = {p.field for p in problems}
        return form, problems

    def validate(self, form: SourceForm) -> list[FieldProblem]:
        return not_unreadable(validate_source(form), self.unreadable)

    def store(self, form: SourceForm, *, overwrite: bool) -> SourceForm:
        if overwrite:
            form = replace(form, version=load_source(self.db, form.id).version) if form.id else form
        return save_source(self.db, form)
