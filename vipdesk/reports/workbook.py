"""The skeleton every Excel report shares, so that a report module holds only what is its own.

A report describes its workbook as a `ReportBook` (its title, counts and notes for the first
sheet, a function that writes its summary, one that writes its detail sheets, how many steps
those take). `write_book` writes it always the same way: the "Filters" sheet (which filters made
the report, what it holds and leaves out), the summary, the detail sheets with progress steps
and cancel checks, and an atomic save; on a failure or a cancel the half-made workbook is
discarded and no file, not even a temporary one, is left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from vipdesk.db import Database
from vipdesk.documents.report_language import number, report_language, t
from vipdesk.documents.report_sheets import (
    FILTERS_SHEET,
    NO_SENSITIVE_DATA,
    Col,
    write_filters_sheet,
)
from vipdesk.documents.workbook_files import discard, new_workbook, save_workbook
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportKind, ReportOptions
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc
from vipdesk.services.reports.filters import PlacementDetail, ReportFilter, load_placement_details

Step = Callable[[int], None]
"""Told how many more rows (steps) a detail sheet has written."""


@dataclass(frozen=True)
class ReportBook:
    """What one report's workbook holds; `write_book` writes it.

    Attributes:
        title: the report's title, on the first sheet and in the file's properties.
        subject: a line for the file's properties.
        counts: (label, number) for the first sheet, e.g. the placements in the report.
        sheets: a sentence for the first sheet naming the other sheets and what they hold.
        summary: writes the summary sheet (second) into the workbook.
        details: writes the detail sheets, calling `step` as rows are written.
        steps: the steps `details` takes in all (progress shows "n of steps").
        what: what the progress says is happening, e.g. "Writing costs".
        records: how many records the report lists (the command line and the UI say it).
        every: report progress (and check for a cancel) every so many steps.
        sensitive: what the first sheet says about special-category data in the file.
        notes: more (label, text) lines for the first sheet, e.g. how amounts are counted.
    """

    title: str
    subject: str
    counts: Sequence[tuple[str, Any]]
    sheets: str
    summary: Callable[[Workbook], None]
    details: Callable[[Workbook, Step], None]
    steps: int
    what: str
    records: int
    every: int = 2000
    sensitive: str = NO_SENSITIVE_DATA
    notes: Sequence[tuple[str, str]] = ()


# The first columns of every detail sheet with a row per placement, and their values.
PLACEMENT_COLS = (
    Col("Reference"),
    Col("Student"),
    Col("Host"),
    Col("Country"),
    Col("Mode"),
    Col("Status"),
)


def placement_cells() -> Callable[[PlacementDetail], list[Any]]:
    """A function giving a placement's values for `PLACEMENT_COLS`; the labels are looked up
    once, not for each of 100,000s of rows."""
    modes, statuses = {m: t(m.label) for m in Mode}, {s: t(s.label) for s in Status}

    def cells(d: PlacementDetail) -> list[Any]:
        return [d.reference, d.student, d.host, d.country, modes[d.mode], statuses[d.status]]

    return cells


def placements_line(count: int) -> str:
    """The line under a summary's title that says how many placements the report holds."""
    return t(
        "{count} placements; the filters that chose them are on the {sheet} sheet.",
        count=number(count),
        sheet=t(FILTERS_SHEET),
    )


def write_book(
    path: Path,
    book: ReportBook,
    flt: ReportFilter = ReportFilter(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> None:
    """Write `book`, made of the records `flt` chose, to `path` atomically (`atomic_file`).

    Raises:
        CancelledError: `should_cancel` said stop; no file was written.
        VipdeskError: the file cannot be written (open elsewhere, disk full, no folder).
    """
    steps = Steps(book.steps, book.what, progress, should_cancel, every=book.every)
    wb = new_workbook(t(book.title), t(book.subject))
    try:
        write_filters_sheet(
            wb,
            book.title,
            flt.described(),
            book.counts,
            t(book.sensitive),
            book.sheets,
            made_at or datetime.now(),
            book.notes,
        )
        book.summary(wb)
        with paused_gc():
            book.details(wb, steps.step)
            steps.check()
            save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
    steps.finish()


Gather = Callable[[Database, Sequence[PlacementDetail], ReportOptions, ShouldCancel], ReportBook]
"""Reads what a report needs about the selected placements, and describes its workbook."""


def workbook_report(
    name: str, title: str, gather: Gather, *, sensitive: bool = False
) -> ReportKind:
    """A report kind that selects the placements by the user's filters, hands them to `gather`
    and writes the book it returns; its records are the book's.

    `sensitive`: the report can hold equity flags, so they are read when the user allows it.
    """

    def build(
        db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
    ) -> int:
        with report_language(options.language):  # the countries are named in it too
            details = load_placement_details(
                db,
                options.filter,
                include_sensitive=sensitive and options.include_sensitive,
                should_cancel=cancel,
            )
            book = gather(db, details, options, cancel)
            write_book(path, book, options.filter, progress=progress, should_cancel=cancel)
        return book.records

    return ReportKind(name, title, build)
