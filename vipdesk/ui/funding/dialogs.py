"""Dialogs opened from the funding tab: all cost items, and exchange rates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.funding.costs import load_facts
from vipdesk.services.funding.currency import (
    RateRow,
    base_currency,
    import_rates_csv,
    list_rates,
    set_rates,
)
from vipdesk.services.funding.sources import CostForm, delete_cost, list_costs, list_sources
from vipdesk.ui import theme, when
from vipdesk.ui.funding.cost_editor import CostEditor
from vipdesk.ui.funding.table_model import ID_ROLE, Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.money_fields import CurrencyCombo, format_money
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.tables import ColumnFitter, elide_headings
from vipdesk.ui.widgets import DateField, ErrorLabel, name_for_screen_readers


def make_table(model: QAbstractItemModel, name: str, description: str) -> QTableView:
    """A read-only table of rows, named for screen readers."""
    table = QTableView()
    name_for_screen_readers(table, name, description)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    elide_headings(table.horizontalHeader())
    return table


def fit_columns(table: QTableView, stretch: int) -> None:
    """Columns as wide as their contents while the width allows, one taking spare room; the
    table never scrolls sideways (see `vipdesk.ui.tables`)."""
    fitter = table.findChild(ColumnFitter)
    if isinstance(fitter, ColumnFitter):
        fitter.stretch = stretch
        fitter.fit()
    else:
        ColumnFitter(table, stretch)


def selected_id(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].data(ID_ROLE) if rows else None


def for_whom(form: CostForm, references: dict[int, str]) -> str:
    if form.placement_id is not None:
        return references.get(form.placement_id, "One placement")
    if form.share_year is not None:
        mode = f" {in_sentence(form.share_mode.label)}" if form.share_mode else ""
        return tr("Shared: all{mode} of {share_year} ({label})").format(
            mode=mode, share_year=form.share_year, label=in_sentence(form.rule.label)
        )
    return tr("Shared: {count} placements ({label})").format(
        count=len(form.shared_with), label=in_sentence(form.rule.label)
    )


class CostsDialog(QDialog):
    """Every cost item, with New, Edit and Delete. `changed` fires after each change."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(tr("Cost items"))
        self.resize(1180, 560)
        names = {s.id: s.name for s in list_sources(db)}
        references = {i: f.reference for i, f in load_facts(db).items()}
        self.model: RowsTableModel[CostForm] = RowsTableModel(
            [
                Column(tr("Date"), lambda c: when.day(c.spent_on) if c.spent_on else ""),
                Column(tr("Description"), lambda c: c.description),
                Column(tr("Category"), lambda c: shown(c.category.label)),
                Column(
                    tr("Amount"), lambda c: format_money(c.amount or Decimal(0), c.currency), True
                ),
                Column(tr("Funding source"), lambda c: names.get(c.source_id or -1, "—")),
                Column(tr("For"), lambda c: for_whom(c, references)),
            ],
            lambda c: c.id,
            self,
        )
        self.table = make_table(
            self.model, tr("Cost items"), tr("The placement's costs, one per row")
        )
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        self.empty = QLabel(tr("No cost items yet. Add the first with New…."))
        self.new_button = QPushButton(tr("New…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.delete_button = QPushButton(tr("Delete…"))
        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            self.model.set_rows(list_costs(self.db))
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cost items not loaded"), error_text(exc))
            return
        self.empty.setVisible(not self.model.rows)
        self.table.resizeColumnsToContents()

    def _edit(self, cost_id: int | None) -> None:
        editor = CostEditor(self.db, cost_id, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def _on_new(self) -> None:
        self._edit(None)

    def _on_edit(self) -> None:
        cost_id = selected_id(self.table)
        if cost_id is not None:
            self._edit(cost_id)

    def _on_delete(self) -> None:
        cost_id = selected_id(self.table)
        row = self.model.row_of(cost_id)
        if cost_id is None or row is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Delete cost item"),
            tr("Delete {description}?").format(description=self.model.rows[row].description),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_cost(self.db, cost_id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cost item not deleted"), error_text(exc))
        self.reload()
        self.changed.emit()


class RatesDialog(QDialog):
    """Exchange rates against the base currency: the list, one rate added, or a CSV imported."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.base = base_currency(db)
        self.setWindowTitle(tr("Exchange rates"))
        self.resize(560, 520)
        intro = QLabel(
            tr(
                "Units of a currency worth 1 {base}, valid from a date until the next "
                "rate. A cost is converted at the latest rate on or before its date."
            ).format(base=self.base)
        )
        intro.setWordWrap(True)
        self.model: RowsTableModel[RateRow] = RowsTableModel(
            [
                Column(tr("Currency"), lambda r: r.currency),
                Column(tr("Valid from"), lambda r: when.day(r.valid_from)),
                Column(
                    tr("Rate (per 1 {base})").format(base=self.base),
                    lambda r: f"{r.rate.normalize():f}",
                    True,
                ),
            ],
            lambda r: None,
            self,
        )
        self.table = make_table(self.model, tr("Exchange rates"), tr("Stored rates, newest first"))
        self.currency = CurrencyCombo()
        self.currency.set_code("USD")
        self.valid_from = DateField()
        name_for_screen_readers(self.valid_from, tr("Valid from"))
        self.rate_text = QLineEdit()
        self.rate_text.setAccessibleName(tr("Rate"))
        self.rate_text.setPlaceholderText("e.g. 1.0825")
        self.add_button = QPushButton(tr("Add rate"))
        self.add_button.clicked.connect(self._on_add)
        self.import_button = QPushButton(tr("Import CSV…"))
        self.import_button.setToolTip(tr("Lines of date,currency,rate, e.g. 2026-01-01,USD,1.0825"))
        self.import_button.clicked.connect(self._on_import)
        self.error = ErrorLabel()
        self.stored = QLabel()
        self.stored.setStyleSheet(theme.text_style("success"))
        row = QHBoxLayout()
        row.addWidget(self.currency)
        row.addWidget(self.valid_from)
        row.addWidget(self.rate_text, 1)
        row.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("Add a rate: currency, valid from, rate")))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.stored)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(list_rates(self.db))
        self.table.resizeColumnsToContents()

    def _on_add(self) -> None:
        self.error.clear_message()
        try:
            day = self.valid_from.value()
            rate = Decimal(self.rate_text.text().strip().replace(",", "."))
        except ValueError as exc:
            self.error.show_message(error_text(exc))
            return
        except InvalidOperation:
            self.error.show_message(tr("Type the rate as a number, e.g. 1.0825."))
            return
        if day is None:
            self.error.show_message(tr("Enter the date the rate is valid from."))
            return
        self.add_rates(lambda: set_rates(self.db, [(self.currency.code(), day, rate)]))

    def _on_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Import exchange rates"), "", tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self.error.clear_message()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.error.show_message(
                tr("{name} could not be read: {exc}").format(exc=error_text(exc), name=path.name)
            )
            return
        self.add_rates(lambda: import_rates_csv(self.db, text))

    def add_rates(self, store: Callable[[], int]) -> None:
        self.stored.clear()
        try:
            count = store()
        except ValidationError as exc:
            self.error.show_message("\n".join(problem_text(p) for p in exc.problems))
            return
        except VipdeskError as exc:
            self.error.show_message(error_text(exc))
            return
        self.stored.setText(tr("Stored %n rate(s).", "", count))
        self.reload()
        self.changed.emit()
