"""The cost item editor: what was paid, when, from which source, and which placements it is for.

A cost is for one placement, or shared among the placements of a year (optionally of one mode)
or among placements chosen one by one, split by its allocation rule. Staff time may be entered
as hours times an hourly rate instead of an amount.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import AllocationRule, CostCategory, Mode
from vipdesk.services.funding.costs import load_facts
from vipdesk.services.funding.sources import (
    CostForm,
    SourcePeriod,
    list_sources,
    load_cost,
    save_cost,
    staff_amount,
    validate_cost,
)
from vipdesk.ui import when
from vipdesk.ui.funding.source_editor import not_unreadable, read_date, read_money
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.money_fields import CurrencyCombo, MoneyField, format_money
from vipdesk.ui.record_editor import RecordEditor, combo_problem
from vipdesk.ui.widgets import DateField, SearchableCombo, name_for_screen_readers

ONE, YEAR, CHOSEN = 0, 1, 2


class ForWhom(QWidget):
    """One placement, the placements of a year (and mode), or placements ticked in a list."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        facts = sorted(load_facts(db).values(), key=lambda f: f.reference)
        self.kind = QButtonGroup(self)
        buttons = QHBoxLayout()
        for number, text in enumerate(
            (tr("One placement"), tr("Shared by year"), tr("Shared, chosen"))
        ):
            button = QRadioButton(text)
            self.kind.addButton(button, number)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.placement = SearchableCombo()
        for f in facts:
            self.placement.addItem(f"{f.reference} · {shown(f.mode.label)} · {f.country}", f.id)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.mode = QComboBox()
        self.mode.addItem(tr("All modes"), None)
        for mode in Mode:
            self.mode.addItem(shown(mode.label), mode)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(tr("Year")))
        year_row.addWidget(self.year)
        year_row.addWidget(QLabel(tr("Mode")))
        year_row.addWidget(self.mode)
        year_row.addStretch(1)
        self.year_box = QWidget()
        self.year_box.setLayout(year_row)
        year_row.setContentsMargins(0, 0, 0, 0)
        self.chosen = QListWidget()
        name_for_screen_readers(
            self.chosen, tr("Placements sharing it"), tr("Tick the placements that share the cost")
        )
        self.chosen.setMaximumHeight(140)
        for f in facts:
            item = QListWidgetItem(f"{f.reference} · {shown(f.mode.label)} · {when.month(f.start)}")
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.chosen.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        for widget in (self.placement, self.year_box, self.chosen):
            layout.addWidget(widget)
        self.kind.idToggled.connect(lambda _id, _on: self._show_kind())

    def _show_kind(self) -> None:
        kind = self.kind.checkedId()
        self.placement.setVisible(kind == ONE)
        self.year_box.setVisible(kind == YEAR)
        self.chosen.setVisible(kind == CHOSEN)

    def set_form(self, form: CostForm) -> None:
        kind = ONE if form.placement_id or not form.shared else CHOSEN
        if form.share_year is not None:
            kind = YEAR
            self.year.setValue(form.share_year)
        self.kind.button(kind).setChecked(True)
        self.placement.set_current_data(form.placement_id)
        self.mode.setCurrentIndex(max(0, self.mode.findData(form.share_mode)))
        for row in range(self.chosen.count()):
            item = self.chosen.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in form.shared_with
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._show_kind()

    def apply(self, form: CostForm, problems: list[FieldProblem]) -> CostForm:
        kind = self.kind.checkedId()
        if kind == ONE:
            problems += combo_problem("shared_with", self.placement, tr("a placement"))
            value = self.placement.current_data()
            return replace(
                form,
                placement_id=int(str(value)) if value is not None else None,
                shared_with=[],
                share_year=None,
                share_mode=None,
            )
        if kind == YEAR:
            mode = self.mode.currentData()
            return replace(
                form,
                placement_id=None,
                shared_with=[],
                share_year=self.year.value(),
                share_mode=mode,
            )
        ticked = [
            int(self.chosen.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.chosen.count())
            if self.chosen.item(r).checkState() == Qt.CheckState.Checked
        ]
        return replace(
            form, placement_id=None, shared_with=sorted(ticked), share_year=None, share_mode=None
        )


class CostEditor(RecordEditor[CostForm]):
    def not_saved_title(self) -> str:
        return tr("Cost item not saved")

    def __init__(
        self,
        db: Database,
        cost_id: int | None = None,
        parent: QWidget | None = None,
        *,
        placement_id: int | None = None,
    ) -> None:
        super().__init__(db, parent)
        self.unreadable: set[str] = set()
        self.sources = {s.id: s for s in list_sources(db)}
        self.category = QComboBox()
        for category in CostCategory:
            self.category.addItem(shown(category.label), category)
        self.description = QLineEdit()
        self.description.setMaxLength(200)
        self.description.setPlaceholderText(tr("e.g. Laptop for the student"))
        self.amount = MoneyField()
        self.currency = CurrencyCombo()
        self.spent_on = DateField()
        self.hours = MoneyField()
        self.hours.setPlaceholderText("e.g. 7.5")
        self.hourly_rate = MoneyField()
        self.staff_total = QLabel()
        self.staff_total.setStyleSheet("color: palette(mid);")
        self.source = QComboBox()
        self.source.addItem(tr("No funding source"), None)
        for source in self.sources.values():
            self.source.addItem(f"{source.name} ({source.currency})", source.id)
        self.invoice = QLineEdit()
        self.invoice.setMaxLength(100)
        self.for_whom = ForWhom(db)
        self.rule = QComboBox()
        for rule in AllocationRule:
            self.rule.addItem(shown(rule.label), rule)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.add_field("category", tr("Category"), self.category, required=True)
        self.add_field("description", tr("Description"), self.description, required=True)
        self.add_field("amount", tr("Amount"), self.amount, required=True)
        self.add_field("currency", tr("Currency"), self.currency, required=True)
        self.add_field("spent_on", tr("Date"), self.spent_on, required=True)
        self.add_field("hours", tr("Staff hours"), self.hours)
        self.add_field("hourly_rate", tr("Hourly rate"), self.hourly_rate)
        self.form_layout.addRow("", self.staff_total)
        self.add_field("source_id", tr("Funding source"), self.source)
        self.add_field("invoice_reference", tr("Invoice"), self.invoice)
        self.add_field("shared_with", tr("For"), self.for_whom, required=True)
        self.add_field("rule", tr("Share"), self.rule)
        self.add_field("notes", tr("Notes"), self.notes)
        self.setMinimumWidth(600)
        for field in (self.hours, self.hourly_rate):
            field.textChanged.connect(self._on_staff_changed)
        self.category.currentIndexChanged.connect(self._on_staff_changed)
        self.for_whom.kind.idToggled.connect(lambda _id, _on: self._on_kind_changed())
        self.finish_layout()
        form = load_cost(db, cost_id) if cost_id else CostForm(placement_id=placement_id)
        self.start(form)

    def title_for(self, form: CostForm) -> str:
        return (
            tr("Cost item: {description}").format(description=form.description)
            if form.id
            else tr("New cost item")
        )

    def show_form(self, form: CostForm) -> None:
        self.category.setCurrentIndex(max(0, self.category.findData(form.category)))
        self.description.setText(form.description)
        staff = form.hours is not None and form.hourly_rate is not None
        self.amount.set_value(None if staff and form.amount == staff_amount(form) else form.amount)
        self.currency.set_code(form.currency)
        self.spent_on.set_value(form.spent_on)
        self.hours.set_value(form.hours)
        self.hourly_rate.set_value(form.hourly_rate)
        self.source.setCurrentIndex(max(0, self.source.findData(form.source_id)))
        self.invoice.setText(form.invoice_reference)
        self.for_whom.set_form(form)
        self.rule.setCurrentIndex(max(0, self.rule.findData(form.rule)))
        self.notes.setPlainText(form.notes)
        self._on_staff_changed()
        self._on_kind_changed()

    def read_form(self, base: CostForm) -> tuple[CostForm, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        form = replace(
            base,
            category=self.category.currentData(),
            description=self.description.text(),
            amount=read_money("amount", self.amount, problems),
            currency=self.currency.code(),
            spent_on=read_date("spent_on", self.spent_on, problems),
            hours=read_money("hours", self.hours, problems),
            hourly_rate=read_money("hourly_rate", self.hourly_rate, problems),
            source_id=self.source.currentData(),
            invoice_reference=self.invoice.text(),
            rule=self.rule.currentData(),
            notes=self.notes.toPlainText(),
        )
        form = self.for_whom.apply(form, problems)
        self.unreadable = {p.field for p in problems}
        return form, problems

    def validate(self, form: CostForm) -> list[FieldProblem]:
        source = self.sources.get(form.source_id) if form.source_id else None
        period = None
        if source and source.period_start and source.period_end:
            period = SourcePeriod(source.name, source.period_start, source.period_end)
        return not_unreadable(validate_cost(form, period), self.unreadable)

    def store(self, form: CostForm, *, overwrite: bool) -> CostForm:
        if overwrite and form.id:
            form = replace(form, version=load_cost(self.db, form.id).version)
        return save_cost(self.db, form)

    def _on_staff_changed(self) -> None:
        try:
            hours, rate = self.hours.value(), self.hourly_rate.value()
        except ValueError:
            hours = rate = None
        total = staff_amount(CostForm(hours=hours, hourly_rate=rate))
        if total is None:
            self.staff_total.setText(
                tr("For staff time, enter the hours and hourly rate and leave the amount empty.")
            )
        else:
            self.staff_total.setText(
                tr("Staff time: {hours} h × {rate} = {format_money}").format(
                    hours=hours, rate=rate, format_money=format_money(total, self.currency.code())
                )
                + ("" if not self.amount.text().strip() else tr(" (the amount above is used)"))
            )

    def _on_kind_changed(self) -> None:
        self.rule.setEnabled(self.for_whom.kind.checkedId() != ONE)
