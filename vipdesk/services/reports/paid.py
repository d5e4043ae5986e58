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
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.models import AllocationRule, CostItem, Mode, Placement, Status
from vipdesk.services.funding.allocation import AllocationError, allocate, check_weights
from vipdesk.services.funding.budget import ZERO, cents, from_cents
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

    def add_all(self, source_id: int, placement_ids: list[int], amount: Decimal) -> None:
        """`amount` paid for `placement_ids` together, every one of them wanted."""
        self.totals[source_id] = self.totals.get(source_id, ZERO) + amount
        self.funded.setdefault(source_id, set()).update(placement_ids)

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
        _shared(session, rates, tally)
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
    # 100,000s of rows: whole cents added as integers, made an amount once per source.
    wanted, cents_by_source = tally.wanted, dict.fromkeys(tally.totals, 0)
    for source_id, placement_id, total in session.execute(in_base).all():
        if placement_id in wanted:
            if source_id in cents_by_source:
                cents_by_source[source_id] += int(total)
            else:
                cents_by_source[source_id] = int(total)
                tally.funded.setdefault(source_id, set())
            tally.funded[source_id].add(placement_id)
    for source_id, total in cents_by_source.items():
        tally.totals[source_id] = tally.totals.get(source_id, ZERO) + from_cents(total)
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
    ).all():
        try:
            value = rates.to_base(amount, currency, spent_on)
        except MissingRateError as exc:
            tally.problem(item_id, text, spent_on, exc)
            continue
        tally.add(source_id, placement_id, value)


Member = tuple[int, date, date, Decimal | None]  # id, planned start and end, credits


def _shared(session: Session, rates: RateTable, tally: _Tally) -> None:
    """Shared items split as `split_item` splits them, reading only the placements of each
    year (and mode) shared among, once; when every one is selected, the whole amount is what
    their parts add up to, and nothing needs splitting."""
    items = session.scalars(
        select(CostItem)
        .options(selectinload(CostItem.shares))
        .where(CostItem.placement_id.is_(None))
        .order_by(CostItem.id)
    ).all()
    groups: dict[tuple[int, Mode | None], list[Member]] = {}
    for item in items:
        if item.shares:
            members = _listed(session, sorted(s.placement_id for s in item.shares))
        elif item.share_year is None:
            members = []
        else:
            key = (item.share_year, item.share_mode)
            if key not in groups:
                groups[key] = _year_group(session, *key)
            members = groups[key]
        weights = [_weight(item.rule, m) for m in members]
        try:
            whole = rates.to_base(item.amount, item.currency, item.spent_on)
            if item.source_id is None or all(m[0] in tally.wanted for m in members):
                check_weights(weights)  # a problem of the report even when no source paid
                if item.source_id is not None:
                    tally.add_all(item.source_id, [m[0] for m in members], whole)
                continue
            amounts = allocate(whole, weights)
        except (MissingRateError, AllocationError) as exc:
            tally.problem(item.id, item.description, item.spent_on, exc)
            continue
        for member, amount in zip(members, amounts, strict=True):
            tally.add(item.source_id, member[0], amount)


def _weight(rule: AllocationRule, member: Member) -> Decimal:
    # As `funding_costs.weights_for` weighs a placement.
    if rule is AllocationRule.FUNDED_DAYS:
        return Decimal((member[2] - member[1]).days + 1)
    if rule is AllocationRule.CREDITS:
        return member[3] or Decimal(0)
    return Decimal(1)


def _columns() -> Select[Any]:
    p = Placement.__table__.c
    return select(p.id, p.planned_start, p.planned_end, p.ects_credits).order_by(p.id)


def _year_group(session: Session, year: int, mode: Mode | None) -> list[Member]:
    """The participants (not cancelled) of a year, and of a mode if given, by id."""
    p = Placement.__table__.c
    query = _columns().where(
        p.status != Status.CANCELLED,
        p.planned_start >= date(year, 1, 1),
        p.planned_start < date(year + 1, 1, 1),
    )
    if mode is not None:
        query = query.where(p.mode == mode)
    return [tuple(row) for row in session.execute(query).all()]


def _listed(session: Session, ids: list[int]) -> list[Member]:
    """The placements a cost is shared among by name, cancelled or not."""
    return [tuple(row) for row in session.execute(_columns().where(Placement.id.in_(ids)))]
