"""`vipdesk grant --country DE --start … --end … --mode …`: an Erasmus+ grant, line by line.

No database: a quick answer, and for scripts (`--json`). Each line says what, how many, at what
rate, how much, and the Programme Guide rule it comes from. Bad input exits 2 with one line.
Loaded by `vipdesk.cli` only when the command runs (its options are in `parsers`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal

from vipdesk.errors import GrantInputError, VipdeskError
from vipdesk.models import Mode
from vipdesk.services.funding.grant_tables import table_for
from vipdesk.services.funding.grants import (
    GrantOptions,
    GrantResult,
    Stay,
    calculate_grant,
    month_days,
)

BAD_INPUT = 2


def _day(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise GrantInputError(
            f"{option}: '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02."
        ) from None


def stay_from(args: argparse.Namespace, start: date, end: date) -> Stay:
    """The physical stay the options describe."""
    mode = Mode(args.mode)
    if end < start:
        raise GrantInputError(f"--end {end} is before --start {start}.")
    if mode is Mode.BLENDED:
        if args.physical_days is None:
            raise GrantInputError("--physical-days: give a blended placement's physical days.")
        total = (end - start).days + 1
        if not 0 < args.physical_days <= total:
            raise GrantInputError(
                f"--physical-days: choose from 1 to {total}, the days from start to end."
            )
        return Stay(args.physical_days, args.physical_days)
    if args.physical_days is not None:
        raise GrantInputError(f"--physical-days is for blended placements, not {mode.value}.")
    if mode is Mode.VIRTUAL:
        return Stay(0, 0)
    return Stay((end - start).days + 1, month_days(start, end))


def options_from(args: argparse.Namespace) -> GrantOptions:
    if args.travel_days and not args.green_travel:
        raise GrantInputError("--travel-days: extra travel days come with --green-travel.")
    if args.travel_days < 0 or (args.distance_km is not None and args.distance_km < 0):
        raise GrantInputError("--travel-days and --distance-km cannot be negative.")
    if args.participant is not None and args.participant < 1:
        raise GrantInputError("--participant: the first participant of the year is 1.")
    return GrantOptions(
        call_year=args.call_year,
        fewer_opportunities=args.fewer_opportunities,
        green_travel=args.green_travel,
        travel_days=args.travel_days,
        distance_km=args.distance_km,
        participant_number=args.participant,
        zero_grant=args.zero_grant,
    )


def grant_from(args: argparse.Namespace) -> GrantResult:
    """The grant the command line asks for.

    Raises:
        VipdeskError: bad input (dates, days, country, no table for the start date).
    """
    start, end = _day("--start", args.start), _day("--end", args.end)
    stay = stay_from(args, start, end)
    options = options_from(args)
    table = table_for(start, args.call_year)
    return calculate_grant(table, Mode(args.mode), args.country, stay, options)


def run(args: argparse.Namespace) -> int:
    try:
        result = grant_from(args)
    except VipdeskError as exc:
        print(f"vipdesk: {exc}", file=sys.stderr)
        return BAD_INPUT
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    else:
        print("\n".join(describe(result)))
    return 0


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def describe(result: GrantResult) -> list[str]:
    """The grant as text: a heading, each line with its source under it, and the total."""
    group = f", country group {result.group}" if result.group else ""
    counted = f" ({result.counted})" if result.counted else ""
    lines = [
        f"Erasmus+ grant, call {result.call_year}: {result.physical_days} physical days"
        f"{counted}{group} ({result.national_agency})"
    ]
    if result.note:
        lines += [f"  {result.note}", f"      source: {result.note_source}"]
    width = max((len(x.label) for x in result.lines), default=0)
    for x in result.lines:
        quantity = f"{x.quantity} {x.unit}"
        lines.append(
            f"  {x.label:<{width}}  {quantity:>9}  × {_money(x.rate):>8}  = "
            f"{_money(x.amount):>9} {result.currency}"
            + ("" if x.to_student else "  (to the institution)")
        )
        lines.append(f"      source: {x.source}")
    lines += [f"  Note: {w}" for w in result.warnings]
    total = f"Total: {_money(result.total)} {result.currency}"
    if result.total != result.student_total:
        total += f" (to the student {_money(result.student_total)} {result.currency})"
    return [*lines, total]


def as_json(result: GrantResult) -> dict[str, object]:
    """For scripts: amounts as strings, so that no cent is lost to a float."""
    return {
        "call_year": result.call_year,
        "national_agency": result.national_agency,
        "currency": result.currency,
        "country_group": result.group,
        "physical_days": result.physical_days,
        "days_in_30_day_months": result.month_days,
        "lines": [
            {
                "label": x.label,
                "quantity": x.quantity,
                "unit": x.unit,
                "rate": f"{x.rate:.2f}",
                "amount": f"{x.amount:.2f}",
                "to_student": x.to_student,
                "rule": x.rule,
                "source": x.source,
            }
            for x in result.lines
        ],
        "total": f"{result.total:.2f}",
        "student_total": f"{result.student_total:.2f}",
        "note": result.note,
        "note_source": result.note_source,
        "warnings": list(result.warnings),
    }
