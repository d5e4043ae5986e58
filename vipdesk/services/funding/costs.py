"""What placements cost: direct items plus shares of shared items, in the base currency.

Cost per participant is derived, never entered: each cost item is converted to the base
currency at the rate of its date, then split among its placements by its rule so that the parts
add up to the item exactly. Averages by mode, year, host country and funding source, and budget
against actual per source, are read from that one split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vipdesk.db import Database
from vipdesk.documents.report_language import current_language
from vipdesk.errors import VipdeskError
from vipdesk.models import (
    AllocationRule,
    CostCategory,
    CostItem,
    Mode,
    Organisation,
    Placement,
    Status,
)
from vipdesk.phrase import Day, Phrase
from vipdesk.services.funding.allocation import AllocationError, allocate
from vipdesk.services.funding.currency import MissingRateError, RateTable, load_rates, money
from vipdesk.services.refdata import country_name

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PlacementFacts:
    id: int
    reference: str
    mode: Mode
    status: Status
    start: date
    end: date
    country: str
    credits: Decimal

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def days(self) -> int:
        """The days the placement runs, first and last included: its funded days for sharing."""
        return (self.end - self.start).days + 1

    @property
    def participant(self) -> bool:
        return self.status is not Status.CANCELLED


@dataclass(frozen=True)
class CostPart:
    """The part of one cost item that falls to one placement, in the base currency."""

    item_id: int
    placement_id: int
    amount: Decimal
    shared: bool
    category: CostCategory
    description: str
    source_id: int | None
    spent_on: date


@dataclass
class PlacementCost:
    facts: PlacementFacts
    parts: list[CostPart] = field(default_factory=list)

    @property
    def direct(self) -> Decimal:
        return sum((p.amount for p in self.parts if not p.shared), ZERO)

    @property
    def shared(self) -> Decimal:
        return sum((p.amount for p in self.parts if p.shared), ZERO)

    @property
    def total(self) -> Decimal:
        return self.direct + self.shared


@dataclass
class CostReport:
    base: str
    placements: dict[int, PlacementCost]
    parts: list[CostPart]
    problems: list[str]
    said: list[Phrase] = field(default_factory=list)  # `problems`, each kept as a phrase

    def parts_behind(
        self, placement_ids: Iterable[int], source_id: int | None = -1
    ) -> list[CostPart]:
        """The parts of cost items behind a figure (all sources unless one is given)."""
        wanted = set(placement_ids)
        return [
            p
            for p in self.parts
            if p.placement_id in wanted and (source_id == -1 or p.source_id == source_id)
        ]


def weights_for(rule: AllocationRule, placements: list[PlacementFacts]) -> list[Decimal]:
    if rule is AllocationRule.FUNDED_DAYS:
        return [Decimal(p.days) for p in placements]
    if rule is AllocationRule.CREDITS:
        return [p.credits for p in placements]
    return [Decimal(1)] * len(placements)


def load_facts(db: Database) -> dict[int, PlacementFacts]:
    """What sharing needs of every placement, read as plain columns: 100,000 ORM objects
    with their hosts would take seconds."""
    query = (
        select(
            Placement.id,
            Placement.reference,
            Placement.mode,
            Placement.status,
            Placement.planned_start,
            Placement.planned_end,
            Organisation.country,
            Placement.ects_credits,
        )
        .join(Organisation, Organisation.id == Placement.host_id)
        .order_by(Placement.id)
    )
    with db.session() as session:
        return {
            pid: PlacementFacts(pid, ref, mode, status, start, end, country, credits or Decimal(0))
            for pid, ref, mode, status, start, end, country, credits in session.execute(query)
        }


class ShareGroups:
    """The participants among whom shared items of a year (and a mode) are split, each group
    found once: a report at 100,000 placements otherwise scanned them all for every item."""

    def __init__(self, facts: dict[int, PlacementFacts]) -> None:
        self._facts = facts
        self._groups: dict[tuple[int | None, Mode | None], list[PlacementFacts]] = {}

    def of(self, year: int | None, mode: Mode | None) -> list[PlacementFacts]:
        found = self._groups.get((year, mode))
        if found is None:
            found = [
                f
                for f in self._facts.values()
                if f.participant and f.year == year and (mode is None or f.mode is mode)
            ]
            self._groups[(year, mode)] = found
        return found


def _targets(
    item: CostItem, facts: dict[int, PlacementFacts], groups: ShareGroups
) -> list[PlacementFacts]:
    if item.placement_id is not None:
        return [facts[item.placement_id]]
    if item.shares:
        return [facts[s.placement_id] for s in sorted(item.shares, key=lambda s: s.placement_id)]
    return groups.of(item.share_year, item.share_mode)


def split_item(
    item: CostItem,
    facts: dict[int, PlacementFacts],
    rates: RateTable,
    groups: ShareGroups | None = None,
) -> list[CostPart]:
    """The parts of one item (`groups`: the share groups of `facts`, kept between items).

    Raises:
        MissingRateError: no rate for the item's currency on its date.
        AllocationError: nobody to share among, or every weight is zero.
    """
    whole = rates.to_base(item.amount, item.currency, item.spent_on)
    targets = _targets(item, facts, groups or ShareGroups(facts))
    amounts = allocate(whole, weights_for(item.rule, targets))
    shared = item.placement_id is None
    return [
        CostPart(
            item.id, t.id, a, shared, item.category, item.description, item.source_id, item.spent_on
        )
        for t, a in zip(targets, amounts, strict=True)
    ]


def cost_problem(description: str, spent_on: date, why: VipdeskError) -> Phrase:
    """Why a cost item is left out of the figures: "Flight (04 Dec 2026): There is no
    exchange rate …", as the Funding tab and the reports say it."""
    problem = why.phrase or str(why)
    return Phrase(
        "{cost} ({day}): {problem}",
        {"cost": description, "day": Day(spent_on, padded=True), "problem": problem},
    )


def cost_report(db: Database) -> CostReport:
    """Every placement's costs; items that cannot be split or converted are listed as problems."""
    facts = load_facts(db)
    rates = load_rates(db)
    with db.session() as session:
        # In batches: 100,000 items loaded at once would hold hundreds of megabytes.
        items = session.scalars(
            select(CostItem)
            .options(selectinload(CostItem.shares))
            .order_by(CostItem.id)
            .execution_options(yield_per=2000)
        )
        report = CostReport(rates.base, {i: PlacementCost(f) for i, f in facts.items()}, [], [])
        groups = ShareGroups(facts)
        for item in items:
            try:
                parts = split_item(item, facts, rates, groups)
            except (MissingRateError, AllocationError) as exc:
                said = cost_problem(item.description, item.spent_on, exc)
                report.problems.append(said.english())
                report.said.append(said)
                continue
            report.parts.extend(parts)
            for part in parts:
                report.placements[part.placement_id].parts.append(part)
    return report


# --- averages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Average:
    """Cost per participant of one group; `placement_ids` and `source_id` lead to the items."""

    label: str
    participants: int
    total: Decimal
    placement_ids: tuple[int, ...]
    source_id: int | None = -1

    @property
    def average(self) -> Decimal:
        return money(self.total / self.participants) if self.participants else ZERO


def average_by(
    report: CostReport, key: Callable[[PlacementFacts], str], order: list[str] | None = None
) -> list[Average]:
    """Average total cost per participant (cancelled placements left out) in each group."""
    groups: dict[str, list[PlacementCost]] = {}
    for cost in report.placements.values():
        if cost.facts.participant:
            groups.setdefault(key(cost.facts), []).append(cost)
    labels = [label for label in order if label in groups] if order else sorted(groups)
    return [
        Average(
            label,
            len(groups[label]),
            sum((c.total for c in groups[label]), ZERO),
            tuple(c.facts.id for c in groups[label]),
        )
        for label in labels
    ]


def by_mode(report: CostReport) -> list[Average]:
    return average_by(report, lambda f: f.mode.label, [m.label for m in Mode])


def by_year(report: CostReport) -> list[Average]:
    return average_by(report, lambda f: str(f.year))


def by_country(report: CostReport) -> list[Average]:
    return average_by(report, lambda f: country_name(f.country, current_language()))


def by_source(report: CostReport, names: dict[int, str]) -> list[Average]:
    """Per source: what it paid per placement it paid anything for."""
    rows = []
    for source_id, name in [*names.items(), (None, "No funding source")]:
        parts = [p for p in report.parts if p.source_id == source_id]
        ids = tuple(sorted({p.placement_id for p in parts}))
        if ids:
            total = sum((p.amount for p in parts), ZERO)
            rows.append(Average(name, len(ids), total, ids, source_id))
    return rows
