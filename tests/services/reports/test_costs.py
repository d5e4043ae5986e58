"""What each source paid for the selected placements, summed by the database, against the
cost report's own split of every item."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers.funding_world import add_mixed_costs, make_funding_world
from vipdesk.db import Database
from vipdesk.models import CostCategory
from vipdesk.services.funding.costs import (
    CostReport,
    by_country,
    by_mode,
    by_source,
    by_year,
    cost_report,
)
from vipdesk.services.reports.costs import paid_by_source
from vipdesk.services.reports.data import cost_data
from vipdesk.services.reports.filters import load_placement_details


@pytest.mark.parametrize("selected", ["all", "virtual", "virtual and physical", "none"])
def test_paid_equals_the_split_of_every_item(any_db: Database, selected: str) -> None:
    w = make_funding_world(any_db)
    gbp = add_mixed_costs(any_db, w)
    wanted = {
        "all": {w.virtual, w.blended, w.physical},
        "virtual": {w.virtual},
        "virtual and physical": {w.virtual, w.physical},
        "none": set(),
    }[selected]
    report = cost_report(any_db)
    narrowed = [p for p in report.parts if p.placement_id in wanted]
    naive: dict[int | None, tuple[Decimal, int]] = {}
    for source_id in (w.erasmus, gbp, None):  # None: no funding source
        parts = [p for p in narrowed if p.source_id == source_id]
        if parts:
            naive[source_id] = (
                sum((p.amount for p in parts), Decimal(0)),
                len({p.placement_id for p in parts}),
            )
    paid, problems = paid_by_source(any_db, wanted)
    assert {s: (p.total, p.placements) for s, p in paid.items()} == naive
    assert problems == report.said
    assert len(problems) == 2  # the USD item, and the share of a year without placements
    if selected == "all":
        names = {w.erasmus: "Erasmus", gbp: "Turing"}
        assert [(a.total, a.participants) for a in by_source(report, names)[:2]] == [
            (paid[w.erasmus].total, paid[w.erasmus].placements),
            (paid[gbp].total, paid[gbp].placements),
        ]


@pytest.mark.parametrize("selected", ["all", "virtual and physical"])
def test_cost_data_equals_the_cost_report_narrowed(any_db: Database, selected: str) -> None:
    """Each placement's sums, the averages and the sources, from the database's sums, against
    the cost report's split of every item into parts."""
    w = make_funding_world(any_db)
    gbp = add_mixed_costs(any_db, w)
    wanted = {w.virtual, w.physical} if selected != "all" else {w.virtual, w.blended, w.physical}
    details = [d for d in load_placement_details(any_db) if d.id in wanted]
    data = cost_data(any_db, details)
    report = cost_report(any_db)
    narrowed = CostReport(
        report.base,
        {i: c for i, c in report.placements.items() if i in wanted},
        [p for p in report.parts if p.placement_id in wanted],
        report.problems,
    )
    for detail, sums in data.rows:
        cost = report.placements[detail.id]
        assert (sums.direct, sums.shared, sums.total) == (cost.direct, cost.shared, cost.total)
        for category, amount in zip(data.categories, data.by_category(sums), strict=True):
            assert amount == sum(p.amount for p in cost.parts if p.category is category)
        assert sums.participant == cost.facts.participant
    assert data.categories == [c for c in CostCategory if c in {p.category for p in narrowed.parts}]
    assert data.by_mode == by_mode(narrowed)
    assert data.by_year == by_year(narrowed)
    assert data.by_country == by_country(narrowed)
    assert data.by_source == by_source(
        narrowed, {w.erasmus: "Erasmus+ KA131 2026", gbp: "Turing Scheme"}
    )
    assert data.problems == report.said
