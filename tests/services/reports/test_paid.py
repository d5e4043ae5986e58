"""What each source paid for the selected placements, summed by the database, against the
cost report's own split of every item."""

from __future__ import annotations

import pytest

from tests.helpers.funding_world import add_mixed_costs, make_funding_world
from vipdesk.db import Database
from vipdesk.services.funding.costs import by_source, cost_report
from vipdesk.services.reports.paid import paid_by_source


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
    naive = {}
    for source_id in (w.erasmus, gbp):
        parts = [p for p in narrowed if p.source_id == source_id]
        if parts:
            naive[source_id] = (sum(p.amount for p in parts), len({p.placement_id for p in parts}))
    paid, problems = paid_by_source(any_db, wanted)
    assert {s: (p.total, p.placements) for s, p in paid.items()} == naive
    assert problems == report.problems
    assert len(problems) == 2  # the USD item, and the share of a year without placements
    if selected == "all":
        names = {w.erasmus: "Erasmus", gbp: "Turing"}
        assert [(a.total, a.participants) for a in by_source(report, names)[:2]] == [
            (paid[w.erasmus].total, paid[w.erasmus].placements),
            (paid[gbp].total, paid[gbp].placements),
        ]
