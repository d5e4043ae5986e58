"""What the placements a report selected cost, and what each funding source paid for them.

The same figures as `funding_costs.cost_report` narrowed to the selection (each cost converted
at its date's rate, shared costs split among all they are shared with) and its `by_source`, but
without splitting every cost item in Python: direct costs in the base currency are summed by
source and placement in SQL (whole cents), costs in another currency are converted one by one,
and only the shared items — a few per year — are split. At 100,000 placements that is a few
hundred thousand small rows instead of as many ORM objects and cost parts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import AllocationRule, CostCategory, CostItem, Mode, Placement, Status
from vipdesk.phrase import Phrase
from vipdesk.services.funding.allocation import AllocationError, allocate, check_weights
from vipdesk.services.funding.budget import ZERO, from_cents, sum_cents
from vipdesk.services.funding.costs import cost_problem
from vipdesk.services.funding.currency import MissingRateError, RateTable, load_rates


@dataclass(frozen=True)
class Paid:
    """What one source paid for the selected placements, and for how many of them."""

    total: Decimal
    placements: int


@dataclass
class PlacementSums:
    """A selected placement's costs in the base currency: its own, its shares of shared ones,
    and both by category."""

    participant: bool  # not cancelled
    direct: Decimal = ZERO
    shared: Decimal = ZERO
    categories: dict[CostCategory, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.direct + self.shared


class _Tally:
    def __init__(
        self, wanted: Collection[int], placements: dict[int, PlacementSums] | None = None
    ) -> None:
        self.wanted = wanted
        self.placements = placements  # None: sums by source only
        self.totals: dict[int | None, Decimal] = {}  # by source; None: no funding source
        self.funded: dict[int | None, set[int]] = {}
        self.categories: set[CostCategory] = set()  # of every part, selected or not
        self.problems: list[tuple[int, Phrase]] = []  # (cost item id, what is wrong)

    def add(
        self,
        source_id: int | None,
        placement_id: int,
        amount: Decimal,
        category: CostCategory,
        shared: bool,
    ) -> None:
        if placement_id not in self.wanted:
            return
        self.categories.add(category)
        self.totals[source_id] = self.totals.get(source_id, ZERO) + amount
        self.funded.setdefault(source_id, set()).add(placement_id)
        if self.placements is not None:
            sums = self.placements[placement_id]
            if shared:
                sums.shared += amount
            else:
                sums.direct += amount
            sums.categories[category] = sums.categories.get(category, ZERO) + amount

    def add_all(
        self, source_id: int | None, placement_ids: list[int], amount: Decimal, c: CostCategory
    ) -> None:
        """`amount` paid for `placement_ids` together, every one of them wanted."""
        self.categories.add(c)
        self.totals[source_id] = self.totals.get(source_id, ZERO) + amount
        self.funded.setdefault(source_id, set()).update(placement_ids)

    def problem(self, item_id: int, description: str, spent_on: date, exc: VipdeskError) -> None:
        self.problems.append((item_id, cost_problem(description, spent_on, exc)))

    def run(self, db: Database) -> list[Phrase]:
        """Read and sum every cost; returns the problems in the order of the items."""
        rates = load_rates(db)
        with db.session() as session:
            _direct(session, rates, self)
            _shared(session, rates, self)
        return [said for _id, said in sorted(self.problems, key=lambda p: p[0])]

    def paid(self) -> dict[int | None, Paid]:
        return {s: Paid(total, len(self.funded[s])) for s, total in self.totals.items()}


def paid_by_source(
    db: Database, wanted: Collection[int]
) -> tuple[dict[int | None, Paid], list[Phrase]]:
    """Per source (None: no source), what it paid for the placements `wanted` (ids); and, as
    problems in the order of the items, every cost item that could not be converted or shared."""
    tally = _Tally(wanted)
    problems = tally.run(db)
    return tally.paid(), problems


@dataclass(frozen=True)
class SelectedCosts:
    sums: dict[int, PlacementSums]  # by placement id
    paid: dict[int | None, Paid]  # by source
    funded: dict[int | None, set[int]]  # by source: the selected placements it paid for
    categories: set[CostCategory]  # of any cost part of a selected placement
    problems: list[Phrase]


def selected_costs(db: Database, placements: dict[int, bool]) -> SelectedCosts:
    """The costs of each placement in `placements` (id → whether it is a participant), what
    each source paid for them, and the problems of the cost report."""
    sums = {pid: PlacementSums(participant) for pid, participant in placements.items()}
    tally = _Tally(sums, sums)
    problems = tally.run(db)
    return SelectedCosts(sums, tally.paid(), tally.funded, tally.categories, problems)


def _direct(session: Session, rates: RateTable, tally: _Tally) -> None:
    item = CostItem.__table__.c
    in_base = (
        select(item.source_id, item.placement_id, item.category, sum_cents(item.amount))
        .where(item.placement_id.is_not(None), item.currency == rates.base)
        .group_by(item.source_id, item.placement_id, item.category)
    )
    rows = session.execute(in_base).all()
    if tally.placements is not None:
        for source_id, placement_id, category, total in rows:
            tally.add(source_id, placement_id, from_cents(total), category, False)
    else:
        # 100,000s of rows: whole cents added as integers, made an amount once per source.
        wanted, by_source = tally.wanted, dict.fromkeys(tally.totals, 0)
        for source_id, placement_id, _category, total in rows:
            if placement_id in wanted:
                if source_id in by_source:
                    by_source[source_id] += int(total)
                else:
                    by_source[source_id] = int(total)
                    tally.funded.setdefault(source_id, set())
                tally.funded[source_id].add(placement_id)
        for source_id, total in by_source.items():
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
            item.category,
        )
        .where(item.placement_id.is_not(None), item.currency != rates.base)
        .order_by(item.id)
    )
    for (
        item_id,
        source_id,
        placement_id,
        amount,
        currency,
        spent_on,
        text,
        category,
    ) in session.execute(other).all():
        try:
            value = rates.to_base(amount, currency, spent_on)
        except MissingRateError as exc:
            tally.problem(item_id, text, spent_on, exc)
            continue
        tally.add(source_id, placement_id, value, category, False)


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
            if tally.placements is None and all(m[0] in tally.wanted for m in members):
                check_weights(weights)
                tally.add_all(item.source_id, [m[0] for m in members], whole, item.category)
                continue
            amounts = allocate(whole, weights)
        except (MissingRateError, AllocationError) as exc:
            tally.problem(item.id, item.description, item.spent_on, exc)
            continue
        for member, amount in zip(members, amounts, strict=True):
            tally.add(item.source_id, member[0], amount, item.category, True)


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
