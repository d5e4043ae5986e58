"""What the costs, funding, readiness and tools reports read in bulk: the same figures the
per-placement readers give, for the selected placements only, with shared costs still split
among everyone they are shared with."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.helpers.funding_world import add_cost, make_funding_world
from tests.helpers.report_world import only
from vipdesk.db import Database
from vipdesk.models import (
    CostCategory,
    Mode,
)
from vipdesk.services.reports.data import cost_data, funding_data
from vipdesk.services.reports.filters import load_placement_details

D = Decimal


def test_costs_of_the_selection_keep_shared_items_split_among_all(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, placement_id=w.virtual, amount=D("900.00"), source_id=w.erasmus)
    add_cost(db, category=CostCategory.SOFTWARE, amount=D("100.00"), share_year=2027)
    details = only(load_placement_details(db), w.virtual)
    data = cost_data(db, details)
    ((detail, cost),) = data.rows
    assert detail.id == w.virtual
    assert (cost.direct, cost.shared) == (D("900.00"), D("33.34"))  # a third of 100.00
    assert data.categories == [CostCategory.EQUIPMENT, CostCategory.SOFTWARE]
    assert data.by_category(cost) == [D("900.00"), D("33.34")]
    assert data.overall is not None
    assert (data.overall.participants, data.overall.total) == (1, D("933.34"))
    assert [a.label for a in data.by_mode] == [Mode.VIRTUAL.label]
    assert [(a.label, a.total) for a in data.by_source] == [
        ("Erasmus+ KA131 2026", D("900.00")),
        ("No funding source", D("33.34")),
    ]
    assert data.base == "EUR" and data.problems == []


def test_nothing_selected_is_no_figure(db: Database) -> None:
    make_funding_world(db)
    data = cost_data(db, [])
    assert (data.rows, data.overall, data.by_mode, data.categories) == ([], None, [], [])
    assert [s.selected_placements for s in funding_data(db, set()).sources] == [0]


def test_funding_shows_all_spent_and_what_the_selection_took(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, placement_id=w.virtual, amount=D("900.00"), source_id=w.erasmus)
    add_cost(db, placement_id=w.physical, amount=D("4500.00"), source_id=w.erasmus)
    add_cost(db, placement_id=w.physical, amount=D("5.00"), currency="USD", source_id=w.erasmus)
    data = funding_data(db, [d.id for d in only(load_placement_details(db), w.virtual)])
    (source,) = data.sources
    assert (source.total.spent, source.total.overspent) == (D("5400.00"), True)
    assert (source.selected_spent, source.selected_placements) == (D("900.00"), 1)
    assert (source.period_start, source.period_end) == (date(2026, 6, 1), date(2028, 5, 31))
    assert [line.category for line in source.lines] == [CostCategory.EQUIPMENT]
    assert len(data.problems) == 2  # the USD item, in the budget and in the costs
    assert all("no exchange rate for USD" in p.english() for p in data.problems)
