"""The Erasmus+ grant of a stored placement: its physical stay, its place among the year's
participants (for the organisational support tiers), and the grant recorded as a cost item."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import CostCategory, Mode, PeriodKind, Placement, PlacementPeriod, Status
from vipdesk.services.funding.grant_tables import available_years, rate_table, table_for
from vipdesk.services.funding.grants import (
    GrantOptions,
    GrantResult,
    calculate_grant,
    physical_days,
    stay_of,
)
from vipdesk.services.funding.sources import CostForm, save_cost


def _periods(p: Placement) -> list[tuple[PeriodKind, date, date]]:
    return [(x.kind, x.start, x.end) for x in p.periods]


def participant_number(db: Database, placement_id: int) -> int | None:
    """The placement's place among the funded participants starting in its year, or None.

    Counted in the database: a physical placement, or a blended one with a physical period,
    starting that year before this one (by start date, then id), not cancelled.
    """
    with db.session() as session:
        mine = session.get(Placement, placement_id, options=[selectinload(Placement.periods)])
        if mine is None:
            raise NotFoundError.said("This placement no longer exists.")
        if mine.status is Status.CANCELLED or not physical_days(
            mine.mode, mine.planned_start, mine.planned_end, _periods(mine)
        ):
            return None
        year = mine.planned_start.year
        has_physical_period = (
            select(PlacementPeriod.id)
            .where(
                PlacementPeriod.placement_id == Placement.id,
                PlacementPeriod.kind == PeriodKind.PHYSICAL,
            )
            .exists()
        )
        earlier = session.scalar(
            select(func.count(Placement.id)).where(
                Placement.status != Status.CANCELLED,
                Placement.planned_start >= date(year, 1, 1),
                Placement.planned_start < date(year + 1, 1, 1),
                or_(
                    Placement.planned_start < mine.planned_start,
                    and_(
                        Placement.planned_start == mine.planned_start,
                        Placement.id < mine.id,
                    ),
                ),
                or_(
                    Placement.mode == Mode.PHYSICAL,
                    and_(Placement.mode == Mode.BLENDED, has_physical_period),
                ),
            )
        )
    return int(earlier or 0) + 1


def grant_for_placement(db: Database, placement_id: int, options: GrantOptions) -> GrantResult:
    """The grant of a stored placement; the participant number is worked out when not given."""
    with db.session() as session:
        placement = session.get(
            Placement,
            placement_id,
            options=[selectinload(Placement.periods), selectinload(Placement.host)],
        )
        if placement is None:
            raise NotFoundError.said("This placement no longer exists.")
        mode, country, start = placement.mode, placement.host.country, placement.planned_start
        stay = stay_of(mode, start, placement.planned_end, _periods(placement))
    if stay.days == 0 and options.call_year is None:
        # Nothing is funded whichever call: any table says so, with its source.
        table = rate_table(max(available_years()))
    else:
        table = table_for(start, options.call_year)
    if options.participant_number is None and stay.days > 0:
        number = participant_number(db, placement_id)
        options = replace(options, participant_number=number)
    return calculate_grant(table, mode, country, stay, options)


def record_grant(
    db: Database,
    placement_id: int,
    result: GrantResult,
    *,
    spent_on: date,
    source_id: int | None = None,
    user: str | None = None,
) -> CostForm:
    """Save what is paid to the student as a cost item of the placement."""
    if result.student_total <= 0:
        raise VipdeskError.said("There is no grant to record: no physical days are funded.")
    form = CostForm(
        category=CostCategory.STUDENT_GRANT,
        description=f"Erasmus+ grant {result.call_year}: {result.physical_days} physical days",
        amount=result.student_total,
        currency=result.currency,
        spent_on=spent_on,
        source_id=source_id,
        placement_id=placement_id,
    )
    return save_cost(db, form, user)
