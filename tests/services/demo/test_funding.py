"""The demo's money: sources with budget lines, direct and shared costs in several currencies,
rates for every day paid, and reports that add up to something on both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import BudgetLine, CostItem, CostShare, FundingSource, Placement, Status
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.funding.budget import budget_report
from vipdesk.services.funding.costs import cost_report

TODAY = date(2026, 12, 4)
STARTED = {Status.ONGOING, Status.EVALUATING, Status.COMPLETED}


def test_every_started_placement_has_costs_and_every_source_a_budget(any_db: Database) -> None:
    generate_demo(any_db, 150, seed=3, today=TODAY)
    with any_db.session() as s:
        items = list(s.scalars(select(CostItem)))
        sources = list(s.scalars(select(FundingSource)))
        lines = list(s.scalars(select(BudgetLine)))
        statuses = {
            pid: status for pid, status in s.execute(select(Placement.id, Placement.status))
        }
        shared_by_name = s.scalar(select(CostShare.id).limit(1))
    direct = [i for i in items if i.placement_id is not None]
    with_costs = {i.placement_id for i in direct}
    assert with_costs == {pid for pid, status in statuses.items() if status in STARTED}
    assert any(i.share_year is not None for i in items)  # a year's licences, training
    assert shared_by_name is not None  # a workshop shared by the placements that took part
    assert {i.currency for i in items} >= {"EUR", "USD", "GBP"}
    assert all(i.spent_on <= TODAY for i in items)
    assert len(sources) >= 5 and {s.kind.value for s in sources} >= {"programme", "institution"}
    assert lines and all(line.amount > 0 for line in lines)

    costs = cost_report(any_db)
    assert costs.problems == []  # a rate for every currency on every day paid
    started = [c for pid, c in costs.placements.items() if statuses[pid] in STARTED]
    assert all(c.direct > 0 for c in started)
    assert any(c.shared > 0 for c in costs.placements.values())
    budgets = budget_report(any_db)
    assert budgets.problems == []
    overspent = [row for row in budgets.sources if row.overspent]
    assert 0 < len(overspent) < len(budgets.sources) / 2  # realistic: most stay within
