"""Erasmus+ traineeship grants from the rate tables of a call year (resources/grants/YEAR.json).

Only physical days are funded: a physical placement's whole period, a blended placement's
physical periods; a purely virtual placement gets no individual support. A long stay is paid
as full 30-day months plus extra days at one thirtieth of the monthly rate; a short blended
stay (5 to 30 physical days) at the daily rates plus travel support by distance band.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import CostCategory, Mode, PeriodKind, Placement, PlacementPeriod, Status
from vipdesk.resources import resources_dir
from vipdesk.services.funding.sources import CostForm, save_cost

CENT = Decimal("0.01")


@dataclass(frozen=True)
class GrantLine:
    label: str
    quantity: int
    unit: str
    rate: Decimal
    amount: Decimal
    to_student: bool = True


@dataclass(frozen=True)
class GrantOptions:
    call_year: int
    fewer_opportunities: bool = False
    green_travel: bool = False
    travel_days: int = 0
    distance_km: int | None = None
    participant_number: int | None = None  # among the year's participants, for the tiers


@dataclass(frozen=True)
class GrantResult:
    call_year: int
    currency: str
    group: str | None
    physical_days: int
    lines: tuple[GrantLine, ...]
    note: str = ""

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def student_total(self) -> Decimal:
        """What is paid to the student (organisational support goes to the institution)."""
        return sum((line.amount for line in self.lines if line.to_student), Decimal("0.00"))


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in (resources_dir() / "grants").glob("*.json"))


@cache
def rate_table(year: int) -> dict[str, Any]:
    path = resources_dir() / "grants" / f"{year}.json"
    if not path.is_file():
        raise VipdeskError(f"There are no Erasmus+ rates for the call year {year}.")
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def country_group(table: dict[str, Any], country: str) -> str:
    code = table.get("country_aliases", {}).get(country.upper(), country.upper())
    for group, members in table["country_groups"].items():
        if code in members:
            return str(group)
    raise VipdeskError(
        f"{country} is in none of the country groups of the {table['call_year']} rates."
    )


def physical_days(
    mode: Mode, start: date, end: date, periods: list[tuple[PeriodKind, date, date]]
) -> int:
    """The funded days: only days spent physically abroad, first and last included."""
    if mode is Mode.PHYSICAL:
        return (end - start).days + 1
    if mode is Mode.BLENDED:
        return sum((e - s).days + 1 for k, s, e in periods if k is PeriodKind.PHYSICAL)
    return 0


def organisational_support(table: dict[str, Any], number: int) -> Decimal:
    """The rate for the `number`th participant of the year (1-based)."""
    for tier in table["organisational_support"]:
        if tier["up_to"] is None or number <= tier["up_to"]:
            return Decimal(tier["rate"])
    raise VipdeskError("The organisational support tiers of this call year end too early.")


def _cents(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def _per_month(label: str, monthly: Decimal, days: int) -> list[GrantLine]:
    months, extra = divmod(days, 30)
    daily = Fraction(monthly) / 30
    lines = []
    if months:
        unit = "month" if months == 1 else "months"
        lines.append(GrantLine(label, months, unit, monthly, monthly * months))
    if extra:
        unit = "day" if extra == 1 else "days"
        lines.append(
            GrantLine(f"{label}, extra days", extra, unit, _cents(daily), _cents(daily * extra))
        )
    return lines


def _short_term(table: dict[str, Any], days: int, options: GrantOptions) -> list[GrantLine]:
    short = table["short_term"]
    lines = []
    for band in short["daily_rates"]:
        count = min(days, band["to_day"]) - band["from_day"] + 1
        if count > 0:
            rate = Decimal(band["rate"])
            label = f"Individual support, days {band['from_day']}–{band['to_day']}"
            lines.append(GrantLine(label, count, "days", rate, rate * count))
    if options.distance_km is not None:
        for band in short["travel_bands"]:
            if band["from_km"] <= options.distance_km and (
                band["to_km"] is None or options.distance_km <= band["to_km"]
            ):
                rate = Decimal(band["green" if options.green_travel else "standard"])
                kind = "Green travel" if options.green_travel else "Travel"
                label = f"{kind} support, {options.distance_km} km"
                lines.append(GrantLine(label, 1, "once", rate, rate))
    if options.green_travel and options.travel_days:
        rate = Decimal(short["daily_rates"][0]["rate"])
        lines.append(_travel_days(table, options.travel_days, rate))
    return lines


def _travel_days(table: dict[str, Any], asked: int, daily: Decimal) -> GrantLine:
    days = min(asked, int(table["green_travel"]["max_travel_days"]))
    return GrantLine("Green travel days", days, "days", daily, _cents(Fraction(daily) * days))


def calculate_grant(
    table: dict[str, Any], mode: Mode, country: str, days: int, options: GrantOptions
) -> GrantResult:
    """The grant line by line for `days` funded physical days in `country`."""
    year, currency = int(table["call_year"]), str(table["currency"])
    if days <= 0:
        note = "A purely virtual placement gets no individual support."
        if mode is Mode.BLENDED:
            note = "This blended placement has no physical period yet, so nothing is funded."
        return GrantResult(year, currency, None, 0, (), note)
    group = country_group(table, country)
    short = table["short_term"]
    lines: list[GrantLine] = []
    if mode is Mode.BLENDED and short["min_days"] <= days <= short["max_days"]:
        lines += _short_term(table, days, options)
    else:
        monthly = Decimal(table["monthly_rates"][group])
        tops = table["top_ups_per_month"]
        lines += _per_month("Individual support", monthly, days)
        lines += _per_month("Traineeship top-up", Decimal(tops["traineeship"]), days)
        if options.fewer_opportunities:
            lines += _per_month(
                "Fewer opportunities top-up", Decimal(tops["fewer_opportunities"]), days
            )
        if options.green_travel:
            once = Decimal(table["green_travel"]["once"])
            lines.append(GrantLine("Green travel top-up", 1, "once", once, once))
            if options.travel_days:
                lines.append(
                    _travel_days(table, options.travel_days, _cents(Fraction(monthly) / 30))
                )
    if options.participant_number is not None:
        rate = organisational_support(table, options.participant_number)
        label = f"Organisational support (participant {options.participant_number})"
        lines.append(GrantLine(label, 1, "participant", rate, rate, to_student=False))
    return GrantResult(year, currency, group, days, tuple(lines))


# --- with the database ---------------------------------------------------------------------


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
            raise NotFoundError("This placement no longer exists.")
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
            raise NotFoundError("This placement no longer exists.")
        mode, country = placement.mode, placement.host.country
        days = physical_days(
            mode, placement.planned_start, placement.planned_end, _periods(placement)
        )
    if options.participant_number is None and days > 0:
        number = participant_number(db, placement_id)
        options = replace(options, participant_number=number)
    return calculate_grant(rate_table(options.call_year), mode, country, days, options)


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
        raise VipdeskError("There is no grant to record: no physical days are funded.")
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
