"""The Funding tab: sources with budget against actual, cost per participant, and drill-down.

Left, the funding sources and a bar per source for what it has spent of its award; right, the
average cost per participant by mode and by year. A click on a bar, or a selected source, lists
the cost items behind the figure underneath. Items that cannot be counted (no exchange rate,
nobody to share among) are named in a warning line rather than left out silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import FundingKind
from vipdesk.services.funding.budget import budget_report
from vipdesk.services.funding.costs import (
    Average,
    CostPart,
    CostReport,
    by_mode,
    by_year,
    cost_report,
)
from vipdesk.services.funding.sources import delete_source, list_sources
from vipdesk.ui import theme, when
from vipdesk.ui.funding.charts import Bar, BarChart, BudgetBar, BudgetBars
from vipdesk.ui.funding.dialogs import (
    CostsDialog,
    RatesDialog,
    fit_columns,
    make_table,
    selected_id,
)
from vipdesk.ui.funding.problem_texts import problem_texts
from vipdesk.ui.funding.source_editor import SourceEditor
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.money_fields import format_money
from vipdesk.ui.phrases import error_text


@dataclass(frozen=True)
class SourceRow:
    id: int
    name: str
    kind: FundingKind
    currency: str
    awarded: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.awarded - self.spent

    @property
    def overspent(self) -> bool:
        return self.spent > self.awarded


def bars_for(averages: list[Average], base: str) -> list[Bar]:
    """What a chart is given: one bar per group, its average cost per participant."""
    return [
        Bar(
            shown(a.label),
            a.average,
            format_money(a.average, base),
            tr("%Ln participant(s)", "", a.participants),
        )
        for a in averages
    ]


def _money(value: Decimal, currency: str) -> str:
    return format_money(value, currency)


SOURCE_COLUMNS: list[Column[SourceRow]] = [
    Column(tr("Name", "not a person's"), lambda r: r.name),
    Column(tr("Kind"), lambda r: shown(r.kind.label).split(" (")[0]),
    Column(tr("Currency"), lambda r: r.currency),
    Column(tr("Awarded"), lambda r: _money(r.awarded, r.currency), True),
    Column(tr("Spent"), lambda r: _money(r.spent, r.currency), True),
    Column(tr("Remaining"), lambda r: _money(r.remaining, r.currency), True, lambda r: r.overspent),
    Column("", lambda r: tr("overspent") if r.overspent else "", False, lambda r: r.overspent),
]


def part_columns(report: CostReport, names: dict[int, str]) -> list[Column[CostPart]]:
    def reference(p: CostPart) -> str:
        cost = report.placements.get(p.placement_id)
        return cost.facts.reference if cost else str(p.placement_id)

    return [
        Column(tr("Date"), lambda p: when.day(p.spent_on)),
        Column(tr("Cost item"), lambda p: p.description),
        Column(tr("Category"), lambda p: shown(p.category.label)),
        Column(tr("Placement"), reference),
        Column(tr("Share"), lambda p: tr("shared") if p.shared else tr("direct")),
        Column(tr("Source"), lambda p: names.get(p.source_id or -1, "—")),
        Column(
            tr("Amount ({base})").format(base=report.base),
            lambda p: _money(p.amount, report.base),
            True,
        ),
    ]


class FundingView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.report: CostReport | None = None
        self.modes: list[Average] = []
        self.years: list[Average] = []
        self.names: dict[int, str] = {}
        self.new_button = QPushButton(tr("New source…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.delete_button = QPushButton(tr("Delete…"))
        self.costs_button = QPushButton(tr("Cost items…"))
        self.rates_button = QPushButton(tr("Exchange rates…"))
        self.refresh_button = QPushButton(tr("Refresh"))
        top = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        top.addStretch(1)
        for button in (self.costs_button, self.rates_button, self.refresh_button):
            top.addWidget(button)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(theme.box_style("warning"))
        self.warning.setVisible(False)

        self.sources_model: RowsTableModel[SourceRow] = RowsTableModel(
            SOURCE_COLUMNS, lambda r: r.id, self
        )
        self.sources = make_table(
            self.sources_model, tr("Funding sources"), tr("Each source: budget, spent, left")
        )
        self.budget_bars = BudgetBars()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(tr("<b>Funding sources</b>")))
        left_layout.addWidget(self.sources, 1)
        left_layout.addWidget(QLabel(tr("<b>Spent of the amount awarded</b>")))
        # The sources and their bars share the height: with a dozen sources the bars took it
        # all, leaving the table a row and a half; now the bars scroll.
        bars = QScrollArea()
        bars.setWidget(self.budget_bars)
        bars.setWidgetResizable(True)
        bars.setFrameShape(QFrame.Shape.NoFrame)
        bars.setAccessibleName(tr("Budget against actual per funding source"))
        left_layout.addWidget(bars, 1)
        empty = tr("No costs recorded yet: add cost items to see the cost per participant.")
        self.mode_chart = BarChart(tr("Cost per participant by mode"), empty)
        self.year_chart = BarChart(tr("Cost per participant by year"), empty)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.mode_chart, 1)
        right_layout.addWidget(self.year_chart, 1)
        upper = QSplitter()
        upper.addWidget(left)
        upper.addWidget(right)
        upper.setSizes([700, 520])

        self.drill_title = QLabel(
            tr("Click a bar or select a source to list the cost items behind it.")
        )
        self.drill_title.setWordWrap(True)
        self.drill_model: RowsTableModel[CostPart] = RowsTableModel([], lambda p: p.item_id, self)
        self.drill = make_table(
            self.drill_model, tr("Details"), tr("What the chosen bar or source is made of")
        )
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.drill_title)
        lower_layout.addWidget(self.drill, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([480, 220])

        # A tab of the main window: it must not stop the window from being made small.
        self.setMinimumSize(360, 260)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.costs_button.clicked.connect(self._on_costs)
        self.rates_button.clicked.connect(self._on_rates)
        self.refresh_button.clicked.connect(self.reload)
        self.sources.doubleClicked.connect(lambda _i: self._on_edit())
        self.sources.selectionModel().selectionChanged.connect(self._on_source_selected)
        self.mode_chart.bar_clicked.connect(lambda i: self.show_behind(self.modes[i], "mode"))
        self.year_chart.bar_clicked.connect(lambda i: self.show_behind(self.years[i], "year"))
        self._loaded = False
        if not lazy:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        # Costs are also entered in the placement editor: read again each time the tab shows.
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._loaded = True
        try:
            sources = list_sources(self.db)
            budget = budget_report(self.db)
            report = cost_report(self.db)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Funding not loaded"), error_text(exc))
            return
        self.report = report
        self.names = {s.id: s.name for s in sources if s.id is not None}
        spent = {row.source_id: row.spent for row in budget.sources}
        rows = [
            SourceRow(
                s.id, s.name, s.kind, s.currency, s.amount_awarded, spent.get(s.id, Decimal(0))
            )
            for s in sources
            if s.id is not None and s.amount_awarded is not None
        ]
        keep = selected_id(self.sources)
        self.sources_model.set_rows(rows)
        fit_columns(self.sources, 0)
        self.budget_bars.set_bars(
            [
                BudgetBar(
                    r.name,
                    r.awarded,
                    r.spent,
                    tr("{spent} of {awarded}").format(
                        spent=_money(r.spent, r.currency), awarded=_money(r.awarded, r.currency)
                    )
                    + (tr(" — overspent") if r.overspent else ""),
                )
                for r in rows
            ]
        )
        self.modes, self.years = by_mode(report), by_year(report)
        self.mode_chart.set_bars(bars_for(self.modes, report.base))
        self.year_chart.set_bars(bars_for(self.years, report.base))
        counted = problem_texts(report.problems, report.said)
        problems = [
            *counted,
            *(p for p in problem_texts(budget.problems, budget.said) if p not in counted),
        ]
        if len(problems) == 1:
            self.warning.setText(tr("Not counted: {value}").format(value=problems[0]))
        else:
            self.warning.setText(tr("Not counted:\n• ") + "\n• ".join(problems))
        self.warning.setVisible(bool(problems))
        self.drill_model.set_rows([])
        if keep is not None and (row := self.sources_model.row_of(keep)) is not None:
            self.sources.selectRow(row)

    # --- drill-down ----------------------------------------------------------------------

    def show_parts(self, title: str, parts: list[CostPart]) -> None:
        assert self.report is not None
        self.drill_model.columns = part_columns(self.report, self.names)
        self.drill_model.set_rows(sorted(parts, key=lambda p: (p.spent_on, p.item_id)))
        total = sum((p.amount for p in parts), Decimal(0))
        count = len({p.item_id for p in parts})
        self.drill_title.setText(
            tr("<b>{title}</b>: %n cost item(s), {total} in all", "", count).format(
                title=title, total=format_money(total, self.report.base)
            )
        )
        fit_columns(self.drill, 1)

    def show_behind(self, average: Average, what: str) -> None:
        if self.report is None:
            return
        title = tr("{label} ({what}), {participants} participants").format(
            what=what, label=shown(average.label), participants=average.participants
        )
        self.show_parts(title, self.report.parts_behind(average.placement_ids))

    def _on_source_selected(self) -> None:
        source_id = selected_id(self.sources)
        if source_id is None or self.report is None:
            return
        parts = self.report.parts_behind(self.report.placements, source_id)
        self.show_parts(self.names.get(source_id, "Source"), parts)

    # --- commands ------------------------------------------------------------------------

    def _on_new(self) -> None:
        if SourceEditor(self.db, None, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _on_edit(self) -> None:
        source_id = selected_id(self.sources)
        if source_id is None:
            return
        try:
            editor = SourceEditor(self.db, source_id, self)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cannot open the funding source"), error_text(exc))
            self.reload()
            return
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _on_delete(self) -> None:
        source_id = selected_id(self.sources)
        if source_id is None:
            return
        name = self.names.get(source_id, "this source")
        answer = QMessageBox.question(
            self, tr("Delete funding source"), tr("Delete {name}?").format(name=name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_source(self.db, source_id)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Funding source not deleted"), error_text(exc))
        self.reload()

    def _on_costs(self) -> None:
        dialog = CostsDialog(self.db, self)
        dialog.changed.connect(self.reload)
        dialog.exec()

    def _on_rates(self) -> None:
        dialog = RatesDialog(self.db, self)
        dialog.changed.connect(self.reload)
        dialog.exec()
