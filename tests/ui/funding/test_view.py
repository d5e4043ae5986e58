"""The Funding tab: sources with budget against actual, charts by mode and year, drill-down."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.helpers.funding_world import FundingWorld, add_cost, make_funding_world
from vipdesk.db import Database
from vipdesk.models import FundingKind
from vipdesk.services.funding.costs import by_mode, by_year, cost_report
from vipdesk.services.funding.currency import set_rates
from vipdesk.services.funding.sources import SourceForm, save_source
from vipdesk.ui.funding.charts import BarChart
from vipdesk.ui.funding.dialogs import CostsDialog, RatesDialog
from vipdesk.ui.funding.view import FundingView, bars_for

D = Decimal


@pytest.fixture
def world(db: Database) -> FundingWorld:
    world = make_funding_world(db)
    add_cost(db, placement_id=world.virtual, source_id=world.erasmus)  # 900 laptop
    add_cost(db, description="Platform licence", amount=D("600.00"), share_year=2027)
    return world


def click_bar(chart: BarChart, index: int) -> None:
    plot, column, _line = chart._geometry()
    x = int(plot.left() + column * (index + 0.5))
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, int(plot.center().y())))


def test_the_charts_get_the_averages_by_mode_and_year(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    view = FundingView(db)
    qtbot.addWidget(view)
    report = cost_report(db)
    assert view.mode_chart.bars == bars_for(by_mode(report), "EUR")
    assert view.year_chart.bars == bars_for(by_year(report), "EUR")
    assert [(b.label, b.value, b.text) for b in view.mode_chart.bars] == [
        ("Virtual", D("1100.00"), "1,100.00 EUR"),
        ("Blended", D("200.00"), "200.00 EUR"),
        ("Physical", D("200.00"), "200.00 EUR"),
    ]
    assert [(b.label, b.text, b.caption) for b in view.year_chart.bars] == [
        ("2027", "500.00 EUR", "3 participants")
    ]
    view.resize(1100, 700)
    assert not view.grab().isNull()
    assert not view.mode_chart.grab().isNull()


def test_the_sources_list_shows_budget_against_actual(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    add_cost(db, amount=D("4500.00"), placement_id=world.physical, source_id=world.erasmus)
    view = FundingView(db)
    qtbot.addWidget(view)
    model = view.sources_model
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[0] == "Erasmus+ KA131 2026"
    assert cells[3:] == ["5,000.00 EUR", "5,400.00 EUR", "-400.00 EUR", "overspent"]
    assert model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "overspent" in view.budget_bars.bars[0].text


def test_empty_charts_say_so(qtbot: QtBot, db: Database) -> None:
    make_funding_world(db)
    view = FundingView(db)
    qtbot.addWidget(view)
    assert not view.mode_chart.has_data()
    assert "No costs recorded yet" in view.mode_chart.accessibleDescription()
    view.resize(900, 600)
    assert not view.grab().isNull()


def test_a_click_on_a_bar_lists_the_items_behind_it(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    view = FundingView(db)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    click_bar(view.mode_chart, 0)  # virtual: the laptop and its share of the licence
    rows = [(p.description, p.amount, p.placement_id) for p in view.drill_model.rows]
    assert rows == [
        ("Laptop", D("900.00"), world.virtual),
        ("Platform licence", D("200.00"), world.virtual),
    ]
    assert "Virtual (mode)" in view.drill_title.text()
    assert "1,100.00 EUR in all" in view.drill_title.text()
    click_bar(view.mode_chart, 1)
    assert [p.placement_id for p in view.drill_model.rows] == [world.blended]


def test_selecting_a_source_lists_what_it_paid_for(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    view = FundingView(db)
    qtbot.addWidget(view)
    view.sources.selectRow(0)
    assert [p.description for p in view.drill_model.rows] == ["Laptop"]


def test_a_missing_exchange_rate_is_named_not_hidden(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    add_cost(db, description="Zoom licence", currency="USD", placement_id=world.blended)
    view = FundingView(db)
    qtbot.addWidget(view)
    assert view.warning.isVisibleTo(view)
    assert "Zoom licence (15 Jan 2027)" in view.warning.text()
    assert "no exchange rate for USD" in view.warning.text()
    set_rates(db, [("USD", date(2027, 1, 1), D("1.25"))])
    view.reload()
    assert not view.warning.isVisibleTo(view)
    assert view.mode_chart.bars[1].value == D("920.00")  # 200 + 900 USD / 1.25


def test_the_costs_dialog_lists_every_item(qtbot: QtBot, db: Database, world: FundingWorld) -> None:
    dialog = CostsDialog(db)
    qtbot.addWidget(dialog)
    texts = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert texts == ["Laptop", "Platform licence"]
    assert dialog.model.index(1, 5).data() == "Shared: all of 2027 (equally)"
    assert not dialog.empty.isVisibleTo(dialog)


def test_rates_are_added_and_imported_with_the_services_messages(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    dialog = RatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.currency.set_code("USD")
    QTest.keyClicks(dialog.valid_from.line, "2027-01-01")
    QTest.keyClicks(dialog.rate_text, "1.0825")
    dialog.add_button.click()
    assert dialog.model.rowCount() == 1 and dialog.stored.text() == "Stored 1 rate."
    bad = tmp_path / "rates.csv"
    bad.write_text("date,currency,rate\n2027-02-01,GBP,0.85\n2027-02-01,XYZ,1\n", "utf-8")
    dialog.import_file(bad)
    assert dialog.error.text() == "Line 3: 'XYZ' is not an ISO 4217 code."
    assert dialog.model.rowCount() == 1  # nothing stored from a file with a bad line
    good = tmp_path / "good.csv"
    good.write_text("2027-02-01,GBP,0.85\n2027-03-01,GBP,0.86\n", "utf-8")
    dialog.import_file(good)
    assert dialog.model.rowCount() == 3 and dialog.stored.text() == "Stored 2 rates."


def test_close_closes_the_rates_dialog(qtbot: QtBot, db: Database) -> None:
    # A label named `done` once hid QDialog.done(): Close crashed the app.
    dialog = RatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.findChild(QDialogButtonBox)
    assert close is not None
    close.rejected.emit()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_main_window_reads_the_funding_tab_when_it_is_first_shown(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    from vipdesk.ui.shell.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs.index("F&unding") == tabs.index("&Institutions") + 1
    assert window.funding_view.report is None  # not read at start-up
    window.tabs.setCurrentWidget(window.funding_view)
    assert window.funding_view.report is not None
    assert len(window.funding_view.mode_chart.bars) == 3


def test_a_dozen_sources_leave_the_table_its_rows_and_every_bar_within_reach(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    """The budget bars took all the height they wanted: the sources table kept a row and a
    half, and the bars past the bottom of the tab could not be reached."""
    for year in range(2015, 2026):
        save_source(
            db,
            SourceForm(name=f"Internationalisation fund {year}", kind=FundingKind.INSTITUTION,
                       currency="EUR", amount_awarded=D("1000.00"),
                       period_start=date(year, 1, 1), period_end=date(year, 12, 31)),
            "tester",
        )  # fmt: skip
    view = FundingView(db)
    qtbot.addWidget(view)
    view.resize(1264, 680)  # the tab in a 1280 x 800 window
    view.show()
    qtbot.waitUntil(lambda: view.sources.isVisible())
    rows = view.sources.viewport().height() // view.sources.verticalHeader().defaultSectionSize()
    assert rows >= 4
    bars = view.budget_bars
    assert len(bars.bars) == 12
    assert bars.height() == bars.sizeHint().height()  # all of it, in a scroll area
    assert bars.height() > bars.parentWidget().height()  # type: ignore[union-attr]
