"""`vipdesk due [--within DAYS] [--as-of DATE] [--out due.xlsx [--language L]]`: what needs the
coordinator now.

Loaded by `vipdesk.cli` only when the command runs (its options are in `parsers`).
"""

from __future__ import annotations

import argparse
from datetime import date

from vipdesk.db import open_database
from vipdesk.errors import VipdeskError
from vipdesk.reports.worklist import write_work_list
from vipdesk.services.worklist.due import Urgency, WorkList, day_text, work_list

MAX_WITHIN = 366


def parse_as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise VipdeskError(
            f"--as-of: '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-04."
        ) from None


def run(args: argparse.Namespace, url: str) -> int:
    """Print the work list grouped by urgency, or write it to a spreadsheet with --out."""
    as_of = parse_as_of(args.as_of)
    if not 0 <= args.within <= MAX_WITHIN:
        raise VipdeskError(f"--within: choose from 0 to {MAX_WITHIN} days.")
    database = open_database(url)
    try:
        worklist = work_list(database, as_of, args.within)
    finally:
        database.dispose()
    if args.out is not None:
        write_work_list(worklist, args.out, language=args.language)
        print(f"Wrote the work list of {day_text(as_of)}: {_counted(worklist)} to {args.out}.")
        return 0
    print("\n".join(describe(worklist)))
    return 0


def _counted(worklist: WorkList) -> str:
    total = len(worklist.items)
    return f"{total:,} item{'s' if total != 1 else ''}"


def describe(worklist: WorkList) -> list[str]:
    """The list as text, grouped by urgency; each item on two lines."""
    ahead = f", looking {worklist.within} days ahead" if worklist.within else ""
    snoozed = f"; {worklist.snoozed:,} snoozed" if worklist.snoozed else ""
    if not worklist.items:
        return [f"Nothing is due on {day_text(worklist.as_of)}{ahead}: all is done{snoozed}."]
    counts = ", ".join(
        f"{worklist.counts[u]:,} {u.label.lower()}" for u in Urgency if worklist.counts[u]
    )
    lines = [
        f"Work list on {day_text(worklist.as_of)}{ahead}: {_counted(worklist)} ({counts}){snoozed}"
    ]
    for group, items in worklist.by_urgency().items():
        if not items:
            continue
        lines += ["", f"{group.label} ({len(items):,})"]
        for item in items:
            lines.append(
                f"  {item.reference}  {item.what} — {item.for_whom} · {item.when(worklist.as_of)}"
            )
            lines.append(f"      {item.details} → {item.action}.")
    return lines
