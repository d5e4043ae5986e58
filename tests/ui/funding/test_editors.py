"""The funding source and cost item editors: typed money, validation beside fields, saving."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.helpers.funding_world import FundingWorld, make_funding_world
from vipdesk.db import Database
from vipdesk.models import AllocationRule, CostCategory, FundingKind, Mode
from vipdesk.services.funding.sources import list_costs, list_sources
from vipdesk.ui.funding.cost_editor import CHOSEN, YEAR, CostEditor
from vipdesk.ui.funding.source_editor import SourceEditor
from vipdesk.ui.money_fields import parse_money

D = Decimal


@pytest.fixture
def world(db: Database) -> FundingWorld:
    return make_funding_world(db)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.50", D("1234.50")),
        ("1 234,50", D("1234.50")),
        ("1\u202f234,50", D("1234.50")),
        ("1,234.50", D("1234.50")),
        ("1.234,50", D("1234.50")),
        ("0,5", D("0.5")),
        ("", None),
    ],
)
def test_money_is_read_as_decimal(text: str, expected: Decimal | None) -> None:
    value = parse_money(text)
    assert value == expected
    assert value is None or isinstance(value, Decimal)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12,34.5,6", "1,,2"])
def test_unreadable_money_says_how_to_type_it(text: str) -> None:
    with pytest.raises(ValueError, match=r"Type it as 1234\.50 or 1 234,50"):
        parse_money(text)


def test_a_source_is_created_through_the_dialog(qtbot: QtBot, db: Database) -> None:
    editor = SourceEditor(db)
    qtbot.addWidget(editor)
    QTest.keyClicks(editor.name, "Foundation grant 2027")
    editor.kind.setCurrentIndex(editor.kind.findData(FundingKind.FOUNDATION))
    editor.currency.set_code("CHF")
    QTest.keyClicks(editor.amount, "12 500,00")
    QTest.keyClicks(editor.period_start.line, "2027-01-01")
    QTest.keyClicks(editor.period_end.line, "31.12.2027")
    QTest.keyClicks(editor.budget.fields[CostCategory.TRAINING], "1 000")
    editor.save_button.click()
    assert editor.result() == editor.DialogCode.Accepted
    (source,) = list_sources(db)
    assert (source.name, source.kind, source.currency) == (
        "Foundation grant 2027",
        FundingKind.FOUNDATION,
        "CHF",
    )
    assert source.amount_awarded == D("12500.00")
    assert (source.period_start, source.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert source.budget == {CostCategory.TRAINING: D("1000.00")}


def test_a_negative_amount_and_unknown_currency_are_refused_beside_the_fields(
    qtbot: QtBot, db: Database
) -> None:
    editor = SourceEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    QTest.keyClicks(editor.name, "Bad")
    editor.currency.set_code("EUX")
    QTest.keyClicks(editor.amount, "-5")
    QTest.keyClicks(editor.period_start.line, "2027-01-01")
    QTest.keyClicks(editor.period_end.line, "2027-12-31")
    editor.save_button.click()
    assert editor._errors["amount_awarded"].text() == "The amount awarded cannot be negative."
    assert editor._errors["amount_awarded"].isVisible()
    assert "'EUX' is not an ISO 4217" in editor._errors["currency"].text()
    assert list_sources(db) == []


def test_a_cost_is_created_through_the_dialog(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    editor = CostEditor(db, placement_id=world.blended)
    qtbot.addWidget(editor)
    editor.category.setCurrentIndex(editor.category.findData(CostCategory.CONNECTIVITY))
    QTest.keyClicks(editor.description, "Data package")
    QTest.keyClicks(editor.amount, "1 234,50")
    QTest.keyClicks(editor.spent_on.line, "2027-03-01")
    editor.source.setCurrentIndex(editor.source.findData(world.erasmus))
    editor.save_button.click()
    assert editor.result() == editor.DialogCode.Accepted
    (cost,) = list_costs(db)
    assert (cost.description, cost.amount, cost.currency) == ("Data package", D("1234.50"), "EUR")
    assert (cost.placement_id, cost.source_id) == (world.blended, world.erasmus)
    assert cost.category is CostCategory.CONNECTIVITY


def test_an_invalid_amount_is_refused_and_nothing_saved(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    editor = CostEditor(db, placement_id=world.virtual)
    qtbot.addWidget(editor)
    editor.show()
    QTest.keyClicks(editor.description, "Laptop")
    QTest.keyClicks(editor.amount, "12,34.5,6")
    QTest.keyClicks(editor.spent_on.line, "2027-01-15")
    editor.save_button.click()
    message = editor._errors["amount"].text()
    assert "is not an amount" in message and editor._errors["amount"].isVisible()
    assert "Enter the amount" not in message  # one message, not two
    editor.amount.clear()
    QTest.keyClicks(editor.amount, "-20")
    editor.save_button.click()
    assert editor._errors["amount"].text().startswith("The amount cannot be negative")
    assert list_costs(db) == []


def test_a_date_outside_the_source_period_is_refused(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    editor = CostEditor(db, placement_id=world.virtual)
    qtbot.addWidget(editor)
    QTest.keyClicks(editor.description, "Laptop")
    QTest.keyClicks(editor.amount, "900")
    QTest.keyClicks(editor.spent_on.line, "2029-01-15")
    editor.source.setCurrentIndex(editor.source.findData(world.erasmus))
    editor.save_button.click()
    assert "is outside the period of Erasmus+ KA131 2026" in editor._errors["spent_on"].text()
    assert list_costs(db) == []


def test_staff_time_as_hours_times_rate_shared_by_year(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    editor = CostEditor(db)
    qtbot.addWidget(editor)
    editor.category.setCurrentIndex(editor.category.findData(CostCategory.STAFF_TIME))
    QTest.keyClicks(editor.description, "Coordinator time")
    QTest.keyClicks(editor.hours, "7,5")
    QTest.keyClicks(editor.hourly_rate, "35")
    assert "262.50 EUR" in editor.staff_total.text()
    QTest.keyClicks(editor.spent_on.line, "2027-02-10")
    editor.for_whom.kind.button(YEAR).setChecked(True)
    editor.for_whom.year.setValue(2027)
    editor.for_whom.mode.setCurrentIndex(editor.for_whom.mode.findData(Mode.BLENDED))
    editor.rule.setCurrentIndex(editor.rule.findData(AllocationRule.FUNDED_DAYS))
    editor.save_button.click()
    (cost,) = list_costs(db)
    assert (cost.amount, cost.hours, cost.hourly_rate) == (D("262.50"), D("7.5"), D("35.00"))
    assert (cost.placement_id, cost.share_year, cost.share_mode) == (None, 2027, Mode.BLENDED)
    assert cost.rule is AllocationRule.FUNDED_DAYS


def test_a_cost_shared_among_chosen_placements(
    qtbot: QtBot, db: Database, world: FundingWorld
) -> None:
    editor = CostEditor(db)
    qtbot.addWidget(editor)
    QTest.keyClicks(editor.description, "Licences")
    QTest.keyClicks(editor.amount, "300")
    QTest.keyClicks(editor.spent_on.line, "2027-02-10")
    editor.for_whom.kind.button(CHOSEN).setChecked(True)
    for row in range(editor.for_whom.chosen.count()):
        item = editor.for_whom.chosen.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in (world.virtual, world.physical):
            item.setCheckState(Qt.CheckState.Checked)
    editor.save_button.click()
    (cost,) = list_costs(db)
    assert cost.shared_with == sorted([world.virtual, world.physical])
    reopened = CostEditor(db, cost.id)
    qtbot.addWidget(reopened)
    assert reopened.for_whom.kind.checkedId() == CHOSEN
    assert not reopened.is_dirty()
