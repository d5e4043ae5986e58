"""The placement editor's Costs tab: the placement's own cost items, its share of shared ones,
the total in the base currency, and the Erasmus+ grant calculator."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.funding.costs import CostPart, cost_report
from vipdesk.ui import theme, when
from vipdesk.ui.funding.cost_editor import CostEditor
from vipdesk.ui.funding.dialogs import fit_columns, make_table, selected_id
from vipdesk.ui.funding.grant_calculator import GrantCalculator
from vipdesk.ui.funding.problem_texts import problem_texts
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.money_fields import format_money
from vipdesk.ui.phrases import error_text


class CostsPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.placement_id: int | None = None
        self.base = "EUR"
        self.placeholder = QLabel(tr("Save the placement first to record its costs."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(mid); font-size: 14px;")
        self.body = QWidget()
        self.model: RowsTableModel[CostPart] = RowsTableModel([], lambda p: p.item_id, self)
        self.table = make_table(
            self.model, tr("Costs"), tr("The costs of this placement, one per row")
        )
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.text_style("warning"))
        self.new_button = QPushButton(tr("New cost item…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        self.grant = GrantCalculator(db)
        self.grant.recorded.connect(lambda _id: self.refresh())
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.total)
        body.addWidget(self.table, 1)
        body.addWidget(self.problems)
        body.addLayout(buttons)
        body.addWidget(self.grant, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)
        self._stale = False
        self.show_placement(None)

    def show_placement(self, placement_id: int | None) -> None:
        self.placement_id = placement_id
        self.placeholder.setVisible(placement_id is None)
        self.body.setVisible(placement_id is not None)
        # The costs are worked out over every placement: only when this tab is looked at,
        # so that opening a placement stays instant.
        self._stale = True
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        self._stale = False
        if self.placement_id is not None:
            self.refresh()
            self.grant.show_placement(self.placement_id)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._load()
        super().showEvent(event)

    def refresh(self) -> None:
        if self.placement_id is None:
            return
        try:
            report = cost_report(self.db)
        except VipdeskError as exc:
            self.total.setText(theme.span("error", error_text(exc)))
            return
        self.base = report.base
        cost = report.placements.get(self.placement_id)
        parts = cost.parts if cost else []
        self.model.columns = [
            Column(tr("Date"), lambda p: when.day(p.spent_on)),
            Column(tr("Cost item"), lambda p: p.description),
            Column("", lambda p: tr("shared") if p.shared else tr("direct")),
            Column(
                tr("Amount ({base})").format(base=report.base),
                lambda p: format_money(p.amount, report.base),
                True,
            ),
        ]
        self.model.set_rows(sorted(parts, key=lambda p: (p.spent_on, p.item_id)))
        fit_columns(self.table, 1)
        if not parts:
            self.total.setText(tr("No costs recorded for this placement yet."))
        else:
            direct = sum((p.amount for p in parts if not p.shared), Decimal(0))
            shared = sum((p.amount for p in parts if p.shared), Decimal(0))
            self.total.setText(
                tr(
                    "<b>Total {format_money}</b> — direct {format_money2}, share of shared "
                    "costs {format_money3}"
                ).format(
                    format_money=format_money(direct + shared, report.base),
                    format_money2=format_money(direct, report.base),
                    format_money3=format_money(shared, report.base),
                )
            )
        problems = problem_texts(report.problems, report.said)
        self.problems.setText(tr("Not counted anywhere yet: ") + "; ".join(problems))
        self.problems.setVisible(bool(report.problems))

    def _on_new(self) -> None:
        editor = CostEditor(self.db, None, self, placement_id=self.placement_id)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _on_edit(self) -> None:
        cost_id = selected_id(self.table)
        if cost_id is None:
            return
        if CostEditor(self.db, cost_id, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
