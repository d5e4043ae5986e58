"""The placement editor's Costs tab and its Erasmus+ grant calculator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.funding_world import FundingWorld, add_cost, make_funding_world
from vipdesk.db import Database
from vipdesk.models import CostCategory, Mode
from vipdesk.services.funding.costs import CostReport, cost_report
from vipdesk.services.funding.grant_tables import rate_table
from vipdesk.services.funding.sources import list_costs
from vipdesk.ui.funding import costs_panel
from vipdesk.ui.funding.costs_panel import CostsPanel
from vipdesk.ui.placements.editor import PlacementEditor

D = Decimal


def test_an_unsaved_placement_shows_the_empty_state(qtbot: QtBot, db: Database) -> None:
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()  # the costs are read when the tab is looked at
    assert panel.placeholder.isVisibleTo(panel) and not panel.body.isVisibleTo(panel)
    assert panel.placeholder.text() == "Save the placement first to record its costs."


def test_direct_items_and_shares_with_the_total(qtbot: QtBot, db: Database) -> None:
    world: FundingWorld = make_funding_world(db)
    add_cost(db, placement_id=world.virtual, source_id=world.erasmus)
    add_cost(db, description="Platform licence", amount=D("600.00"), share_year=2027)
    add_cost(db, description="Headset", amount=D("50.00"), placement_id=world.blended)
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()  # the costs are read when the tab is looked at
    panel.show_placement(world.virtual)
    rows = [(p.description, p.amount, p.shared) for p in panel.model.rows]
    assert rows == [("Laptop", D("900.00"), False), ("Platform licence", D("200.00"), True)]
    assert [panel.model.index(r, 2).data() for r in range(2)] == ["direct", "shared"]
    text = panel.total.text()
    assert "Total 1,100.00 EUR" in text and "share of shared costs 200.00 EUR" in text


def test_the_grant_of_45_physical_days_in_germany_is_recorded(qtbot: QtBot, db: Database) -> None:
    world = make_world(db)  # the host is in Germany
    placement = make_placement(
        db, world, mode=Mode.PHYSICAL, planned_start=date(2027, 4, 1), planned_end=date(2027, 5, 15)
    )
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()  # the costs are read when the tab is looked at
    panel.grant.call_year.setCurrentIndex(panel.grant.call_year.findData(2024))
    panel.show_placement(placement.id)
    model = panel.grant.model
    cells = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert cells == [
        ["Individual support", "1 month", "540.00", "540.00"],
        ["Individual support, extra days", "15 days", "18.00", "270.00"],
        ["Traineeship top-up", "1 month", "150.00", "150.00"],
        ["Traineeship top-up, extra days", "15 days", "5.00", "75.00"],
        ["Organisational support (participant 1)", "1 participant", "400.00", "400.00"],
    ]
    assert sum(D(row[3]) for row in cells[:4]) == D("1035.00")
    assert "45 physical days, country group 2" in panel.grant.summary.text()
    assert "To the student: 1,035.00 EUR" in panel.grant.summary.text()  # with the top-up
    assert "No costs recorded" in panel.total.text()
    panel.grant.record_button.click()
    (cost,) = list_costs(db)
    assert (cost.category, cost.amount, cost.placement_id) == (
        CostCategory.STUDENT_GRANT,
        D("1035.00"),
        placement.id,
    )
    assert [p.description for p in panel.model.rows] == [cost.description]
    assert "Total 1,035.00 EUR" in panel.total.text()


def test_a_virtual_placement_gets_no_grant(qtbot: QtBot, db: Database) -> None:
    placement = make_placement(db, make_world(db))
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()  # the costs are read when the tab is looked at
    panel.show_placement(placement.id)
    assert panel.grant.model.rowCount() == 0
    assert panel.grant.summary.text() == "A purely virtual placement gets no individual support."
    assert not panel.grant.record_button.isEnabled()


def test_the_placement_editor_has_a_costs_tab(qtbot: QtBot, db: Database) -> None:
    placement = make_placement(db, make_world(db))
    editor = PlacementEditor(db, placement.id)
    qtbot.addWidget(editor)
    tabs = [editor.side.tabText(i) for i in range(editor.side.count())]
    assert "Costs" in tabs
    assert editor.costs.placement_id == placement.id
    new = PlacementEditor(db)
    qtbot.addWidget(new)
    assert new.costs.placeholder.isVisibleTo(new.costs)


def test_costs_are_read_only_when_the_tab_is_shown(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counted(database: Database) -> CostReport:
        calls.append(1)
        return cost_report(database)

    monkeypatch.setattr(costs_panel, "cost_report", counted)
    placement = make_placement(db, make_world(db))
    editor = PlacementEditor(db, placement.id)
    qtbot.addWidget(editor)
    editor.show()
    assert calls == []  # opening a placement does not work out every placement's costs
    editor.side.setCurrentWidget(editor.costs)
    assert calls == [1]


def test_the_call_is_chosen_by_the_start_date(qtbot: QtBot, db: Database) -> None:
    placement = make_placement(db, make_world(db), mode=Mode.PHYSICAL)  # starts 1 Feb 2027
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.grant.call_year.currentText() == "By start date"
    assert not panel.grant.travel_days.isEnabled()  # travel days come with green travel
    panel.grant.green.setChecked(True)
    assert panel.grant.travel_days.isEnabled()
    panel.show_placement(placement.id)
    assert panel.grant.model.rowCount() == 0
    assert "No Erasmus+ rate table covers a start on 01 Feb 2027" in panel.grant.summary.text()
    assert not panel.grant.record_button.isEnabled()
    panel.grant.call_year.setCurrentIndex(panel.grant.call_year.findData(2024))
    assert panel.grant.model.rowCount() > 0 and panel.grant.record_button.isEnabled()


def test_a_zero_grant_and_the_guide_warnings_show(qtbot: QtBot, db: Database) -> None:
    # 2 Mar to 15 Apr 2026: 45 calendar days, one 30-day month and 14 days, under 2 months.
    placement = make_placement(
        db,
        make_world(db),
        mode=Mode.PHYSICAL,
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 4, 15),
    )
    panel = CostsPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(placement.id)
    summary = panel.grant.summary.text()
    assert "45 physical days (counted as 1 month and 14 days), country group 2" in summary
    assert "45 physical days is less than the 2 months a long-term traineeship needs" in summary
    panel.grant.zero.setChecked(True)
    labels = [panel.grant.model.index(r, 0).data() for r in range(panel.grant.model.rowCount())]
    assert labels == ["Organisational support (participant 1)"]
    assert panel.grant.summary.text().startswith(
        "A zero-grant participant gets no individual support from Erasmus+ EU funds."
    )
    assert panel.grant.summary.toolTip() == f"Source: {rate_table(2024).rule('zero_grant').source}"
    assert not panel.grant.record_button.isEnabled()
