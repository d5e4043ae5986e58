"""The Erasmus+ grant of one placement, line by line, and the button that records it as a cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from PySide6.QtCore import QLocale, Signal
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
from vipdesk.services.funding.grant_tables import available_years
from vipdesk.services.funding.grants import GrantLine, GrantOptions, GrantResult
from vipdesk.services.funding.placement_grant import grant_for_placement, record_grant
from vipdesk.ui import theme
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.grant_texts import (
    counted_text,
    line_text,
    note_text,
    quantity_text,
    warning_texts,
)
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.money_fields import format_money
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import name_for_screen_readers


def _source(line: GrantLine) -> str:
    return tr("Source: {source}").format(source=line.source)


class GrantCalculator(QGroupBox):
    """Emits `recorded` with the new cost item's id after "Record as cost item"."""

    recorded = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(tr("Erasmus+ grant"), parent)
        self.db = db
        self.placement_id: int | None = None
        self.result: GrantResult | None = None
        self.call_year = QComboBox()
        self.call_year.addItem(tr("By start date"), None)
        for year in available_years():
            self.call_year.addItem(tr("Call {year}").format(year=year), year)
        self.call_year.setToolTip(tr("The call whose project period covers the placement's start"))
        self.fewer = QCheckBox(tr("Fewer opportunities"))
        self.green = QCheckBox(tr("Green travel"))
        self.zero = QCheckBox(tr("Zero grant"))
        self.zero.setToolTip(tr("No individual support from Erasmus+ EU funds"))
        self.travel_days = QSpinBox()
        name_for_screen_readers(self.travel_days, tr("Travel days"))
        self.travel_days.setRange(0, 4)
        self.travel_days.setSuffix(tr(" travel days"))
        self.travel_days.setToolTip(tr("Extra days of individual support for green travel"))
        self.travel_days.setEnabled(False)
        self.green.toggled.connect(self.travel_days.setEnabled)
        self.distance = QSpinBox()
        name_for_screen_readers(self.distance, tr("Travel distance"))
        self.distance.setRange(0, 20000)
        self.distance.setSingleStep(50)
        self.distance.setSuffix(tr(" km"))
        self.distance.setSpecialValueText(tr("distance not given"))
        self.distance.setToolTip(
            tr("For short blended stays with fewer opportunities: travel support by distance band")
        )
        options = QFormLayout()
        options.addRow(tr("Call year:"), self.call_year)
        checks = QHBoxLayout()
        checks.addWidget(self.fewer)
        checks.addWidget(self.green)
        checks.addWidget(self.zero)
        checks.addStretch(1)
        options.addRow(tr("Top-ups:"), checks)
        travel = QHBoxLayout()
        travel.addWidget(self.travel_days)
        travel.addWidget(self.distance)
        travel.addStretch(1)
        options.addRow(tr("Travel:"), travel)
        self.model: RowsTableModel[GrantLine] = RowsTableModel(
            [
                # Every cell of a line shows where its rule comes from.
                Column(tr("Line"), line_text, tooltip=_source),
                Column(tr("Quantity"), quantity_text, True, tooltip=_source),
                Column(tr("Rate"), lambda g: _number(g.rate), True, tooltip=_source),
                Column(tr("Amount"), lambda g: _number(g.amount), True, tooltip=_source),
            ],
            lambda g: None,
            self,
        )
        self.table = make_table(
            self.model, tr("Grant lines"), tr("The grant line by line, with the rule of each")
        )
        self.table.setMinimumHeight(150)
        fit_columns(self.table, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.record_button = QPushButton(tr("Record as cost item"))
        self.record_button.setToolTip(
            tr("Save what is paid to the student as a cost of this placement")
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
        for box in (self.fewer, self.green, self.zero):
            box.toggled.connect(self.calculate)
        for spin in (self.travel_days, self.distance):
            spin.valueChanged.connect(self.calculate)

    def options(self) -> GrantOptions:
        year = self.call_year.currentData()
        green = self.green.isChecked()
        return GrantOptions(
            call_year=None if year is None else int(year),
            fewer_opportunities=self.fewer.isChecked(),
            green_travel=green,
            travel_days=self.travel_days.value() if green else 0,
            distance_km=self.distance.value() or None,
            zero_grant=self.zero.isChecked(),
        )

    def show_placement(self, placement_id: int | None) -> None:
        self.placement_id = placement_id
        self.calculate()

    def calculate(self) -> None:
        self.result = None
        self.model.set_rows([])
        if self.placement_id is None or self.call_year.count() == 1:
            self.summary.setText(tr("There are no grant rates to calculate with."))
            self.record_button.setEnabled(False)
            return
        try:
            result = grant_for_placement(self.db, self.placement_id, self.options())
        except VipdeskError as exc:
            self.summary.setText(theme.span("error", error_text(exc)))
            self.record_button.setEnabled(False)
            return
        self.result = result
        self.model.set_rows(list(result.lines))
        self.summary.setToolTip(
            tr("Source: {note_source}").format(note_source=result.note_source)
            if result.note_source
            else ""
        )
        if result.note and not result.lines:
            self.summary.setText(escape(note_text(result)))
        else:
            group = tr(", country group {group}").format(group=result.group) if result.group else ""
            counted = f" ({counted_text(result)})" if result.counted else ""
            text = tr(
                "{physical_days} physical days{counted}{group}. <b>To the student: "
                "{format_money}</b>"
            ).format(
                counted=counted,
                group=group,
                physical_days=result.physical_days,
                format_money=format_money(result.student_total, result.currency),
            )
            if result.note:
                text = f"{escape(note_text(result))} {text}"
            if result.total != result.student_total:
                text += tr(" · in all {format_money}").format(
                    format_money=format_money(result.total, result.currency)
                )
            for warning in warning_texts(result):
                text += "<br>" + theme.span("error", warning)
            self.summary.setText(text)
        self.record_button.setEnabled(result.student_total > 0)

    def _on_record(self) -> None:
        if self.placement_id is None or self.result is None:
            return
        try:
            saved = record_grant(self.db, self.placement_id, self.result, spent_on=date.today())
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Grant not recorded"), error_text(exc))
            return
        assert saved.id is not None
        self.recorded.emit(saved.id)


def _number(value: Decimal) -> str:
    """An amount with its cents, grouped the interface language's way: "1.234,50"."""
    return QLocale().toString(float(value), "f", 2)
