"""The Erasmus+ grant of one placement, line by line, and the button that records it as a cost."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.funding.currency import format_money
from vipdesk.services.funding.grants import (
    GrantLine,
    GrantOptions,
    GrantResult,
    available_years,
    grant_for_placement,
    record_grant,
)
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.table_model import Column, RowsTableModel


class GrantCalculator(QGroupBox):
    """Emits `recorded` with the new cost item's id after "Record as cost item"."""

    recorded = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Erasmus+ grant", parent)
        self.db = db
        self.placement_id: int | None = None
        self.result: GrantResult | None = None
        self.call_year = QComboBox()
        for year in available_years():
            self.call_year.addItem(f"Call {year}", year)
        self.call_year.setCurrentIndex(self.call_year.count() - 1)
        self.fewer = QCheckBox("Fewer opportunities")
        self.green = QCheckBox("Green travel")
        self.travel_days = QSpinBox()
        self.travel_days.setRange(0, 4)
        self.travel_days.setSuffix(" travel days")
        self.distance = QSpinBox()
        self.distance.setRange(0, 20000)
        self.distance.setSingleStep(50)
        self.distance.setSuffix(" km")
        self.distance.setSpecialValueText("distance not given")
        self.distance.setToolTip("For short blended stays: travel support by distance band")
        options = QFormLayout()
        options.addRow("Call year:", self.call_year)
        checks = QHBoxLayout()
        checks.addWidget(self.fewer)
        checks.addWidget(self.green)
        checks.addStretch(1)
        options.addRow("Top-ups:", checks)
        travel = QHBoxLayout()
        travel.addWidget(self.travel_days)
        travel.addWidget(self.distance)
        travel.addStretch(1)
        options.addRow("Travel:", travel)
        self.model: RowsTableModel[GrantLine] = RowsTableModel(
            [
                Column("Line", lambda g: g.label),
                Column("Quantity", lambda g: f"{g.quantity} {g.unit}", True),
                Column("Rate", lambda g: f"{g.rate:,.2f}", True),
                Column("Amount", lambda g: f"{g.amount:,.2f}", True),
            ],
            lambda g: None,
            self,
        )
        self.table = make_table(self.model)
        self.table.setMinimumHeight(150)
        fit_columns(self.table, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.record_button = QPushButton("Record as cost item")
        self.record_button.setToolTip(
            "Save what is paid to the student as a cost of this placement"
        )
        self.record_button.clicked.connect(self._on_record)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.call_year.currentIndexChanged.connect(self.calculate)
        for box in (self.fewer, self.green):
            box.toggled.connect(self.calculate)
        for spin in (self.travel_days, self.distance):
            spin.valueChanged.connect(self.calculate)

    def options(self) -> GrantOptions:
        return GrantOptions(
            call_year=int(self.call_year.currentData()),
            fewer_opportunities=self.fewer.isChecked(),
            green_travel=self.green.isChecked(),
            travel_days=self.travel_days.value(),
            distance_km=self.distance.value() or None,
        )

    def show_placement(self, placement_id: int | None) -> None:
        self.placement_id = placement_id
        self.calculate()

    def calculate(self) -> None:
        self.result = None
        self.model.set_rows([])
        if self.placement_id is None or self.call_year.count() == 0:
            self.summary.setText("There are no grant rates to calculate with.")
            self.record_button.setEnabled(False)
            return
        try:
            result = grant_for_placement(self.db, self.placement_id, self.options())
        except VipdeskError as exc:
            self.summary.setText(f"<span style='color:#b3261e'>{exc}</span>")
            self.record_button.setEnabled(False)
            return
        self.result = result
        self.model.set_rows(list(result.lines))
        if result.note:
            self.summary.setText(result.note)
        else:
            group = f", country group {result.group}" if result.group else ""
            text = (
                f"{result.physical_days} physical days{group}. "
                f"<b>To the student: {format_money(result.student_total, result.currency)}</b>"
            )
            if result.total != result.student_total:
                text += f" · in all {format_money(result.total, result.currency)}"
            self.summary.setText(text)
        self.record_button.setEnabled(result.student_total > 0)

    def _on_record(self) -> None:
        if self.placement_id is None or self.result is None:
            return
        try:
            saved = record_grant(self.db, self.placement_id, self.result, spent_on=date.today())
        except VipdeskError as exc:
            QMessageBox.warning(self, "Grant not recorded", str(exc))
            return
        assert saved.id is not None
        self.recorded.emit(saved.id)
