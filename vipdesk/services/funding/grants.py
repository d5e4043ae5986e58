"""Erasmus+ traineeship grants, line by line, each line citing the rule it comes from.

Only physical days are funded: a physical placement's whole period, a blended placement's
physical periods; a purely virtual placement gets no individual support. A long stay is paid
by 30-day months (each whole calendar month is one) plus the days of an incomplete month at one
thirtieth of the monthly rate; a short blended stay (5 to 30 physical days) at the daily rates,
with top-up and travel support for participants with fewer opportunities. The rates and their
sources are in the call year's table (`grant_tables`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from vipdesk.errors import GrantInputError, VipdeskError
from vipdesk.models import Mode, PeriodKind
from vipdesk.phrase import Phrase
from vipdesk.services.funding.grant_tables import RateTable

CENT = Decimal("0.01")
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class GrantLine:
    label: str
    quantity: int
    unit: str
    rate: Decimal
    amount: Decimal
    to_student: bool = True
    rule: str = ""
    source: str = ""
    phrase: Phrase | None = None  # `label`, for the interface to word


@dataclass(frozen=True)
class GrantOptions:
    call_year: int | None = None  # None: the call whose project period covers the start
    fewer_opportunities: bool = False
    green_travel: bool = False
    travel_days: int = 0
    distance_km: int | None = None
    participant_number: int | None = None  # among the year's participants, for the tiers
    zero_grant: bool = False


@dataclass(frozen=True)
class Stay:
    """The physical part of a placement: its calendar days, and the same counted in 30-day
    months (1 Feb to 31 Mar is 59 days but two whole months, 60)."""

    days: int
    month_days: int


@dataclass(frozen=True)
class GrantResult:
    call_year: int
    currency: str
    group: str | None
    physical_days: int
    lines: tuple[GrantLine, ...]
    note: str = ""
    warnings: tuple[str, ...] = ()
    national_agency: str = ""
    note_source: str = ""  # the source of the rule behind `note`
    month_days: int = 0  # `physical_days` counted in 30-day months
    note_phrase: Phrase | None = None  # `note` and `warnings`, for the interface to word
    warning_phrases: tuple[Phrase, ...] = ()

    @property
    def counted(self) -> str:
        """How a long stay was counted when 30-day months make it differ from the calendar."""
        if self.month_days == self.physical_days:
            return ""
        months, days = divmod(self.month_days, 30)
        return f"counted as {months} {_plural(months, 'month')} and {days} {_plural(days, 'day')}"

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def student_total(self) -> Decimal:
        """What is paid to the student (organisational support goes to the institution)."""
        return sum((line.amount for line in self.lines if line.to_student), Decimal("0.00"))


def physical_days(
    mode: Mode, start: date, end: date, periods: list[tuple[PeriodKind, date, date]]
) -> int:
    """The funded days: only days spent physically abroad, first and last included."""
    return stay_of(mode, start, end, periods).days


def month_days(start: date, end: date) -> int:
    """Days from `start` to `end` (both included) counted in 30-day months.

    Each whole calendar month counts 30 days, February too: the 31st counts as the 30th and
    the last day of a month as its 30th.
    """
    first = min(start.day, 30)
    last = 30 if (end + _ONE_DAY).month != end.month else min(end.day, 30)
    return (end.year - start.year) * 360 + (end.month - start.month) * 30 + last - first + 1


def stay_of(
    mode: Mode, start: date, end: date, periods: list[tuple[PeriodKind, date, date]]
) -> Stay:
    """The physical stay of a placement: all of a physical one, a blended one's physical
    periods, nothing of a virtual one."""
    if mode is Mode.PHYSICAL:
        spans = [(start, end)]
    elif mode is Mode.BLENDED:
        spans = [(s, e) for k, s, e in periods if k is PeriodKind.PHYSICAL]
    else:
        spans = []
    return Stay(sum((e - s).days + 1 for s, e in spans), sum(month_days(s, e) for s, e in spans))


def organisational_support(table: RateTable, number: int) -> Decimal:
    """The rate for the `number`th participant of the year (1-based)."""
    for tier in table.settings("organisational_support")["tiers"]:
        if tier["up_to"] is None or number <= tier["up_to"]:
            return Decimal(tier["rate"])
    raise VipdeskError.said("The organisational support tiers of this call year end too early.")


def _cents(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def _plural(count: int, unit: str) -> str:
    return unit if count == 1 else f"{unit}s"


class _Lines:
    """Collects the lines of one grant, each with the source of its rule."""

    def __init__(self, table: RateTable) -> None:
        self.table = table
        self.lines: list[GrantLine] = []
        self.warnings: list[Phrase] = []

    def add(
        self,
        rule: str,
        label: Phrase,
        quantity: int,
        unit: str,
        rate: Decimal,
        amount: Decimal,
        *,
        to_student: bool = True,
    ) -> None:
        source = self.table.rule(rule).source
        self.lines.append(
            GrantLine(
                label.english(), quantity, unit, rate, amount, to_student, rule, source, label
            )
        )

    def warn(self, template: str, **values: object) -> None:
        self.warnings.append(Phrase(template, values))

    def per_month(self, rule: str, label: Phrase, monthly: Decimal, days: int) -> None:
        month = int(self.table.settings("incomplete_months")["month_days"])
        months, extra = divmod(days, month)
        daily = Fraction(monthly) / month
        if months:
            self.add(rule, label, months, _plural(months, "month"), monthly, monthly * months)
        if extra:
            self.add(
                "incomplete_months",
                Phrase("{line}, extra days", {"line": label}),
                extra,
                _plural(extra, "day"),
                _cents(daily),
                _cents(daily * extra),
            )


def _daily_rate(table: RateTable, day: int) -> Decimal:
    """The short-term rate of the `day`th day (days past the last band at the last rate)."""
    bands = table.settings("short_term_individual_support")["daily_rates"]
    for band in bands:
        if band["from_day"] <= day <= band["to_day"]:
            return Decimal(band["rate"])
    return Decimal(bands[-1]["rate"])


def _by_rate(table: RateTable, first: int, count: int) -> list[tuple[int, int, Decimal]]:
    """Days `first`.. `first + count - 1` grouped by daily rate: (from day, days, rate)."""
    groups: list[tuple[int, int, Decimal]] = []
    for day in range(first, first + count):
        rate = _daily_rate(table, day)
        if groups and groups[-1][2] == rate:
            start, n, _ = groups[-1]
            groups[-1] = (start, n + 1, rate)
        else:
            groups.append((day, 1, rate))
    return groups


def _short_term(out: _Lines, days: int, options: GrantOptions) -> None:
    table = out.table
    for first, count, rate in _by_rate(table, 1, days):
        label = Phrase(
            "Individual support, days {first}–{last}", {"first": first, "last": first + count - 1}
        )
        out.add("short_term_individual_support", label, count, "days", rate, rate * count)
    travel = table.settings("travel_support")
    if options.fewer_opportunities:
        for band in table.settings("short_term_fewer_opportunities_top_up")["bands"]:
            if band["from_day"] <= days <= band["to_day"]:
                amount = Decimal(band["amount"])
                label = Phrase("Fewer opportunities top-up, {days} physical days", {"days": days})
                out.add("short_term_fewer_opportunities_top_up", label, 1, "once", amount, amount)
    travel_paid = False
    if options.fewer_opportunities and options.distance_km is None:
        out.warn("Give the travel distance to add the travel support.")
    elif options.fewer_opportunities and options.distance_km is not None:
        km = options.distance_km
        for band in travel["bands"]:
            if band["from_km"] <= km and (band["to_km"] is None or km <= band["to_km"]):
                rate = Decimal(band["green" if options.green_travel else "standard"])
                label = (
                    Phrase("Green travel support, {km} km", {"km": km}) if options.green_travel
                    else Phrase("Travel support, {km} km", {"km": km})
                )  # fmt: skip
                out.add("travel_support", label, 1, "once", rate, rate)
                travel_paid = True
        if not travel_paid:
            out.warn("No travel support for {km} km: the bands start at 10 km.", km=km)
    elif options.distance_km is not None:
        out.warn("No travel support: it goes to {who} only.", who=travel["who"])
    if options.green_travel and not travel_paid:
        _green_once(out)
    if options.green_travel and options.travel_days:
        count = min(options.travel_days, int(table.settings("green_travel")["max_travel_days"]))
        for _first, n, rate in _by_rate(table, days + 1, count):
            out.add("green_travel_days", Phrase("Green travel days"), n, "days", rate, rate * n)


def _green_once(out: _Lines) -> None:
    once = Decimal(out.table.settings("green_travel")["once"])
    out.add("green_travel", Phrase("Green travel top-up"), 1, "once", once, once)


def _long_term(out: _Lines, group: str, days: int, options: GrantOptions) -> None:
    table = out.table
    monthly = Decimal(table.settings("individual_support")["monthly"][group])
    out.per_month("individual_support", Phrase("Individual support"), monthly, days)
    top_up = Decimal(table.settings("traineeship_top_up")["per_month"])
    out.per_month("traineeship_top_up", Phrase("Traineeship top-up"), top_up, days)
    per_month = monthly + top_up
    if options.fewer_opportunities:
        fewer = Decimal(table.settings("fewer_opportunities_top_up")["per_month"])
        fewer_label = Phrase("Fewer opportunities top-up")
        out.per_month("fewer_opportunities_top_up", fewer_label, fewer, days)
        per_month += fewer
    if options.green_travel:
        _green_once(out)
        if options.travel_days:
            # Travel days lengthen the funded stay: each is paid as a day of the stay, with
            # its top-ups.
            count = min(options.travel_days, int(table.settings("green_travel")["max_travel_days"]))
            daily = Fraction(per_month) / int(table.settings("incomplete_months")["month_days"])
            out.add(
                "green_travel_days",
                Phrase("Green travel days"),
                count,
                "days",
                _cents(daily),
                _cents(daily * count),
            )


def _duration_warnings(out: _Lines, stay: Stay) -> None:
    durations = out.table.settings("durations")
    short, long = durations["short_term"], durations["long_term"]
    if stay.month_days < long["min_days"]:
        out.warn(
            "{days} physical days is less than the {months} months a long-term traineeship "
            "needs; only a blended placement with {low} to {high} physical days is funded as "
            "short-term.",
            days=stay.days,
            months=long["min_days"] // 30,
            low=short["min_days"],
            high=short["max_days"],
        )
    elif stay.month_days > long["max_days"]:
        out.warn(
            "{days} physical days is more than the {months} months the Programme Guide funds "
            "in a study cycle.",
            days=stay.days,
            months=long["max_days"] // 30,
        )


def calculate_grant(
    table: RateTable, mode: Mode, country: str, stay: Stay | int, options: GrantOptions
) -> GrantResult:
    """The grant line by line for a physical stay (or a number of days) in `country`.

    Raises:
        GrantInputError: an unknown country, or a physical stay too short for any funding.
    """
    if isinstance(stay, int):
        stay = Stay(stay, stay)
    base = GrantResult(table.year, table.currency, None, 0, (), "", (), table.national_agency)
    if stay.days <= 0:
        said = Phrase("A purely virtual placement gets no individual support.")
        if mode is Mode.BLENDED:
            said = Phrase(
                "This blended placement has no physical period yet, so nothing is funded."
            )
        source = table.rule("virtual").source
        return replace(base, note=said.english(), note_source=source, note_phrase=said)
    group = table.country_group(country)
    short = table.settings("durations")["short_term"]
    if stay.days < short["min_days"]:
        raise GrantInputError.said(
            "{days} physical days is too short: the Programme Guide funds physical stays of "
            "{low} days or more ({low} to {high} in a blended placement).",
            days=stay.days,
            low=short["min_days"],
            high=short["max_days"],
        )
    out = _Lines(table)
    note: Phrase | None = None
    note_source = ""
    is_short = mode is Mode.BLENDED and stay.days <= short["max_days"]
    if not is_short:
        _duration_warnings(out, stay)
    if options.zero_grant:
        note = Phrase("A zero-grant participant gets no individual support from Erasmus+ EU funds.")
        note_source = table.rule("zero_grant").source
    elif is_short:
        _short_term(out, stay.days, options)
    else:
        _long_term(out, group, stay.month_days, options)
    zero_counts = bool(table.settings("zero_grant")["organisational_support"])
    if options.participant_number is not None and (zero_counts or not options.zero_grant):
        rate = organisational_support(table, options.participant_number)
        label = Phrase(
            "Organisational support (participant {number})", {"number": options.participant_number}
        )
        out.add("organisational_support", label, 1, "participant", rate, rate, to_student=False)
    return replace(
        base,
        group=group,
        physical_days=stay.days,
        month_days=stay.month_days,
        lines=tuple(out.lines),
        note=note.english() if note else "",
        warnings=tuple(w.english() for w in out.warnings),
        note_source=note_source,
        note_phrase=note,
        warning_phrases=tuple(out.warnings),
    )
