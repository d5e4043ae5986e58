"""Budget against actual, summed by the database, against the same sums made item by item."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from tests.helpers.funding_world import add_mixed_costs, make_funding_world
from vipdesk.db import Database
from vipdesk.models import CostCategory, CostItem, FundingSource
from vipdesk.services.funding.budget import budget_report
from vipdesk.services.funding.currency import MissingRateError, load_rates

D = Decimal


def naive_spent(db: Database) -> tuple[dict[tuple[int, CostCategory], Decimal], int]:
    """Each source's spending by category, every item loaded and converted on its own; and how
    many items had no rate."""
    rates = load_rates(db)
    spent: dict[tuple[int, CostCategory], Decimal] = {}
    missing = 0
    with db.session() as session:
        currency = dict(session.execute(select(FundingSource.id, FundingSource.currency)).all())
        for item in session.scalars(select(CostItem).where(CostItem.source_id.is_not(None))):
            assert item.source_id is not None
            try:
                value = rates.convert(
                    item.amount, item.currency, currency[item.source_id], item.spent_on
                )
            except MissingRateError:
                missing += 1
                continue
            key = (item.source_id, item.category)
            spent[key] = spent.get(key, D(0)) + value
    return spent, missing


def test_sql_sums_equal_item_by_item_sums(any_db: Database) -> None:
    w = make_funding_world(any_db)
    gbp = add_mixed_costs(any_db, w)
    spent, missing = naive_spent(any_db)
    report = budget_report(any_db)
    by_line = {
        (line.source_id, line.category): line.spent
        for lines in report.lines.values()
        for line in lines
    }
    assert by_line == spent
    for row in report.sources:
        assert row.spent == sum(v for (s, _c), v in spent.items() if s == row.source_id)
    assert [r.source_id for r in report.sources] == [w.erasmus, gbp]
    assert len(report.problems) == missing == 1
    assert report.problems[0].startswith("Turing Scheme: Laptop: There is no exchange rate for USD")
    # Exactly in cents: a float sum of the 0.10s would be off by a fraction of a cent.
    assert all(v == v.quantize(D("0.01")) for v in by_line.values())


def test_sql_sums_are_whole_cents_in_the_sources_currency(any_db: Database) -> None:
    w = make_funding_world(any_db)
    gbp = add_mixed_costs(any_db, w)
    lines = {(line.source_id, line.category): line for line in budget_report(any_db).lines[gbp]}
    travel = lines[(gbp, CostCategory.TRAVEL)]
    assert (travel.currency, travel.budget, travel.budgeted) == ("GBP", D("400.00"), True)
    assert travel.spent.as_tuple().exponent == -2
