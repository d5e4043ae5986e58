"""What each funding source paid for the placements a report selected, in the base currency.

The same figures as `funding_costs.by_source` over the cost report narrowed to the selection
(each cost converted at its date's rate, shared costs split among all they are shared with), but
without splitting every cost item in Python: direct costs in the base currency are summed by
source and placement in SQL (whole cents), costs in another currency are converted one by one,
and only the shared items — a few per year — are split. At 100,000 placements that is a few
hundred thousand small rows instead of as many ORM objects and cost parts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.models import CostItem
from vipdesk.services.funding.allocation import AllocationError
from vipdesk.services.funding.budget import ZERO, cents, from_cents
from vipdesk.services.funding.costs import ShareGroups, load_facts, split_item
from vipdesk.services.funding.currency import MissingRateError, RateTable, load_rates


@dataclass(frozen=True)
class Paid:
    """What one source paid for the selected placements, and for how many of them."""

    total: Decimal
    placements: int


class _Tally:
    def __init__(self, wanted: Collection[int]) -> None:
        self.wanted = wanted
        self.totals: dict[int, Decimal] = {}
        self.funded: dict[int, set[int]] = {}
        self.problems: list[tuple[int, str]] = []  # (cost item id, what is wrong)

    def add(self, source_id: int | None, placement_id: int, amount: Decimal) -> None:
        if source_id is None or placement_id not in self.wanted:
            return
        self.totals[source_id] = self.totals.get(source_id, ZERO) + amount
        self.funded.setdefault(source_id, set()).add(placement_id)

    def problem(self, item_id: int, description: str, spent_on: object, exc: Exception) -> None:
        # Worded as `funding_costs.cost_report` words it.
        self.problems.append((item_id, f"{description} ({spent_on:%d %b %Y}): {exc}"))


def paid_by_source(db: Database, wanted: Collection[int]) -> tuple[dict[int, Paid], list[str]]:
    """Per source, what it paid for the placements `wanted` (ids); and, as problems in the order
    of the items, every cost item that could not be converted or shared."""
    rates = load_rates(db)
    tally = _Tally(wanted)
    with db.session() as session:
        _direct(session, rates, tally)
        _shared(db, session, rates, tally)
    paid = {
        source_id: Paid(total, len(tally.funded[source_id]))
        for source_id, total in tally.totals.items()
    }
    return paid, [text for _id, text in sorted(tally.problems)]


def _direct(session: Session, rates: RateTable, tally: _Tally) -> None:
    item = CostItem.__table__.c
    in_base = (
        select(item.source_id, item.placement_id, func.sum(cents(item.amount)))
        .where(
            item.placement_id.is_not(None),
            item.source_id.is_not(None),
            item.currency == rates.base,
        )
        .group_by(item.source_id, item.placement_id)
    )
    for source_id, placement_id, total in session.execute(in_base):
        tally.add(source_id, placement_id, from_cents(total))
    # Each converted and rounded on its own, as splitting them does; every source, or none,
    # since an item without a rate is a problem of the report whoever paid it.
    other = (
        select(
            item.id,
            item.source_id,
            item.placement_id,
            item.amount,
            item.currency,
            item.spent_on,
            item.description,
        )
        .where(item.placement_id.is_not(None), item.currency != rates.base)
        .order_by(item.id)
    )
    for item_id, source_id, placement_id, amount, currency, spent_on, text in session.execute(
        other
    ):
        try:
            value = rates.to_base(amount, currency, spent_on)
        except MissingRateError as exc:
            tally.problem(item_id, text, spent_on, exc)
            continue
        tally.add(source_id, placement_id, value)


def _shared(db: Database, session: Session, rates: RateTable, tally: _Tally) -> None:
    items = session.scalars(
        select(CostItem)
        .options(selectinload(CostItem.shares))
        .where(CostItem.placement_id.is_(None))
        .order_by(CostItem.id)
    ).all()
    if not items:
        return
    facts = load_facts(db)
    groups = ShareGroups(facts)
    for item in items:
        try:
            parts = split_item(item, facts, rates, groups)
        except (MissingRateError, AllocationError) as exc:
            tally.problem(item.id, item.description, item.spent_on, exc)
            continue
        for part in parts:
            tally.add(item.source_id, part.placement_id, part.amount)
