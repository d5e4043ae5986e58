"""Budget against actual: what each funding source was awarded and spent, by budget line.

A source's spending is in its own currency and counts every cost charged to it, converted item
by item at the rate of the item's date (`RateTable.convert`, cent-rounded per item). The sums
are made by the database: costs already in the source's currency are added up as whole cents
with GROUP BY, and only the items in another currency (a few in a hundred) come to Python to be
converted. At 100,000 placements the Funding tab and the funding report read a handful of rows
instead of every cost item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import BigInteger, ColumnElement, cast, func, select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.models import CostCategory, CostItem, FundingSource
from vipdesk.phrase import Phrase
from vipdesk.services.funding.currency import MissingRateError, RateTable, load_rates

ZERO = Decimal("0.00")


def cents(amount: ColumnElement[Decimal]) -> ColumnElement[int]:
    """An amount as whole cents, exact on SQLite (which keeps NUMERIC as REAL) and PostgreSQL:
    sums of cents are whole numbers, sums of amounts on SQLite are floats."""
    return cast(func.round(amount * 100), BigInteger)


def sum_cents(amount: ColumnElement[Decimal]) -> ColumnElement[int]:
    """The SUM of an amount's cents, as a whole number on both databases (PostgreSQL makes the
    SUM of a bigint a numeric, which would come back as a Decimal per row)."""
    return cast(func.sum(cents(amount)), BigInteger)


def from_cents(value: int | Decimal | None) -> Decimal:
    """Whole cents (a SUM: int on SQLite, Decimal on PostgreSQL) as an amount: 2100 → 21.00."""
    return Decimal(int(value or 0)).scaleb(-2)


@dataclass(frozen=True)
class BudgetRow:
    """One source (or one budget line of it) in the source's own currency."""

    label: str
    currency: str
    budget: Decimal
    spent: Decimal
    source_id: int
    category: CostCategory | None = None
    budgeted: bool = True  # False: spending in a category the source has no budget line for

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.spent

    @property
    def overspent(self) -> bool:
        """Spent beyond a budget; spending where no budget was set is not "overspent"."""
        return self.budgeted and self.spent > self.budget

    @property
    def state(self) -> str:
        """In words, for tables and reports: "overspent", "no budget line" or ""."""
        if self.overspent:
            return "overspent"
        return "" if self.budgeted else "no budget line"


@dataclass
class BudgetReport:
    sources: list[BudgetRow]
    lines: dict[int, list[BudgetRow]]
    problems: list[str]
    said: list[Phrase] = field(default_factory=list)  # `problems`, each kept as a phrase


Spent = dict[int, dict[CostCategory, Decimal]]  # source id → category → spent


def _spent_in_own_currency(session: Session) -> Spent:
    """Costs in their source's currency, summed by source and category in SQL."""
    item, source = CostItem.__table__.c, FundingSource.__table__.c
    query = (
        select(item.source_id, item.category, sum_cents(item.amount))
        .join_from(CostItem.__table__, FundingSource.__table__, source.id == item.source_id)
        .where(item.currency == source.currency)
        .group_by(item.source_id, item.category)
    )
    spent: Spent = {}
    for source_id, category, total in session.execute(query):
        spent.setdefault(source_id, {})[category] = from_cents(total)
    return spent


def _add_converted(
    session: Session, spent: Spent, sources: Iterable[FundingSource], rates: RateTable
) -> list[Phrase]:
    """Costs in another currency than their source's, converted one by one into `spent`;
    returns those without a rate, as problems, in the order of the sources."""
    item, source = CostItem.__table__.c, FundingSource.__table__.c
    query = (
        select(
            item.source_id,
            item.amount,
            item.currency,
            item.spent_on,
            item.category,
            item.description,
        )
        .join_from(CostItem.__table__, FundingSource.__table__, source.id == item.source_id)
        .where(item.currency != source.currency)
        .order_by(item.id)
    )
    by_source = {s.id: s for s in sources}
    problems: dict[int, list[Phrase]] = {}
    for source_id, amount, currency, spent_on, category, description in session.execute(query):
        target = by_source[source_id]
        try:
            value = rates.convert(amount, currency, target.currency, spent_on)
        except MissingRateError as exc:
            said = Phrase(
                "{source}: {cost}: {problem}",
                {"source": target.name, "cost": description, "problem": exc.phrase},
            )
            problems.setdefault(source_id, []).append(said)
            continue
        sums = spent.setdefault(source_id, {})
        sums[category] = sums.get(category, ZERO) + value
    return [p for s in sources for p in problems.get(s.id, [])]


def budget_report(db: Database) -> BudgetReport:
    """Awarded against spent for each source, and each of its budget lines."""
    rates = load_rates(db)
    with db.session() as session:
        sources = session.scalars(
            select(FundingSource)
            .options(selectinload(FundingSource.budget_lines))
            .order_by(FundingSource.period_start, FundingSource.name)
        ).all()
        spent = _spent_in_own_currency(session)
        said = _add_converted(session, spent, sources, rates)
        report = BudgetReport([], {}, [p.english() for p in said], said)
        for source in sources:
            sums = spent.get(source.id, {})
            report.sources.append(
                BudgetRow(
                    source.name,
                    source.currency,
                    source.amount_awarded,
                    sum(sums.values(), ZERO),
                    source.id,
                )
            )
            budgets = {line.category: line.amount for line in source.budget_lines}
            report.lines[source.id] = [
                BudgetRow(
                    category.label,
                    source.currency,
                    budgets.get(category, ZERO),
                    sums.get(category, ZERO),
                    source.id,
                    category,
                    budgeted=category in budgets,
                )
                for category in CostCategory
                if category in budgets or category in sums
            ]
    return report
