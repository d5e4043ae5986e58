"""What the costs and funding reports read, in bulk, for selected placements.

The placements come from `reporting.load_placement_details`, so every report holds the rows the
user saw in the list. The figures are those of the services that own them — cost shares as
`funding_costs` splits them, budget against actual from `budget_report` — but read with a few
queries for all placements at once: their per-placement readers would run 100,000 queries.
Money is summed by the database where it can be (`reports.costs`: whole cents with GROUP BY),
not part by part. The readiness and tools reports read theirs in `reports.readiness` and
`reports.tools`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vipdesk.db import Database
from vipdesk.models import CostCategory, FundingKind, Mode, Status
from vipdesk.phrase import Phrase
from vipdesk.services.funding.budget import BudgetRow, budget_report
from vipdesk.services.funding.costs import (
    ZERO,
    Average,
)
from vipdesk.services.funding.currency import base_currency
from vipdesk.services.funding.sources import list_sources
from vipdesk.services.jobs import paused_gc
from vipdesk.services.reports.costs import PlacementSums, paid_by_source, selected_costs
from vipdesk.services.reports.filters import PlacementDetail

# --- costs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostData:
    """Cost per participant of the selected placements, in the base currency."""

    base: str
    rows: list[tuple[PlacementDetail, PlacementSums]]
    overall: Average | None  # every selected participant (cancelled placements left out)
    by_mode: list[Average]
    by_year: list[Average]
    by_country: list[Average]
    by_source: list[Average]
    categories: list[CostCategory]  # those with any amount, in the enum's order
    problems: list[Phrase]  # cost items that could not be converted or shared

    def by_category(self, cost: PlacementSums) -> list[Decimal]:
        """The placement's costs in each of `categories`."""
        return [cost.categories.get(c, ZERO) for c in self.categories]


def source_names(db: Database) -> dict[int, str]:
    return {s.id: s.name for s in list_sources(db) if s.id is not None}


Rows = list[tuple[PlacementDetail, PlacementSums]]


def _averages(
    rows: Rows, key: Callable[[PlacementDetail], str], order: list[str] | None = None
) -> list[Average]:
    """Average total cost per participant (cancelled placements left out) in each group, as
    `funding_costs.average_by` makes them."""
    groups: dict[str, list[tuple[int, Decimal]]] = {}
    for d, sums in rows:
        if sums.participant:
            groups.setdefault(key(d), []).append((d.id, sums.total))
    labels = [label for label in order if label in groups] if order else sorted(groups)
    return [
        Average(
            label,
            len(groups[label]),
            sum((total for _, total in groups[label]), ZERO),
            tuple(sorted(pid for pid, _ in groups[label])),
        )
        for label in labels
    ]


def cost_data(db: Database, details: Sequence[PlacementDetail]) -> CostData:
    """The costs of the selected placements: summed by the database where they are direct and
    in the base currency, converted or split one item at a time otherwise (`selected_costs`),
    and averaged per group over those sums."""
    with paused_gc():  # 100,000s of sums: the cycle collector would pass over them again
        costs = selected_costs(db, {d.id: d.status is not Status.CANCELLED for d in details})
        rows = [(d, costs.sums[d.id]) for d in details]
        overall = _averages(rows, lambda _d: "All placements")
        names: list[tuple[int | None, str]] = [*source_names(db).items()]
        by_source = [
            Average(name, paid.placements, paid.total, tuple(sorted(costs.funded[sid])), sid)
            for sid, name in [*names, (None, "No funding source")]
            if (paid := costs.paid.get(sid)) is not None
        ]
        return CostData(
            base=base_currency(db),
            rows=rows,
            overall=overall[0] if overall else None,
            by_mode=_averages(rows, lambda d: d.mode.label, [m.label for m in Mode]),
            by_year=_averages(rows, lambda d: str(d.start.year)),
            by_country=_averages(rows, lambda d: d.country),
            by_source=by_source,
            categories=[c for c in CostCategory if c in costs.categories],
            problems=costs.problems,
        )


# --- funding -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFigures:
    """A funding source: awarded against spent in its own currency (all its costs), and what
    it paid for the selected placements in the base currency."""

    total: BudgetRow
    lines: list[BudgetRow]
    kind: FundingKind
    reference: str
    period_start: date
    period_end: date
    selected_spent: Decimal
    selected_placements: int


@dataclass(frozen=True)
class FundingData:
    base: str
    sources: list[SourceFigures]
    problems: list[Phrase]  # costs not converted: in the budget, then in what was paid


def funding_data(db: Database, placement_ids: Collection[int]) -> FundingData:
    """Every source's budget against actual, and what it paid for the selected placements
    (ids); summed by the database (`budget_report`, `paid_by_source`), not item by item."""
    budget = budget_report(db)
    paid, problems = paid_by_source(db, set(placement_ids))
    forms = {s.id: s for s in list_sources(db)}
    sources = []
    for row in budget.sources:
        form = forms[row.source_id]
        assert form.period_start is not None and form.period_end is not None  # NOT NULL
        share = paid.get(row.source_id)
        sources.append(
            SourceFigures(
                total=row,
                lines=budget.lines.get(row.source_id, []),
                kind=form.kind,
                reference=form.reference,
                period_start=form.period_start,
                period_end=form.period_end,
                selected_spent=share.total if share else ZERO,
                selected_placements=share.placements if share else 0,
            )
        )
    return FundingData(base_currency(db), sources, [*budget.said, *problems])
