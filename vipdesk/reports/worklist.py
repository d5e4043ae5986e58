"""The work list as a spreadsheet (`vipdesk due --out FILE.xlsx`): one row per item, most
urgent first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from vipdesk.documents.report_sheets import NO_SENSITIVE_DATA, Col, write_filters_sheet, write_table
from vipdesk.documents.spreadsheets import DATE_FORMAT
from vipdesk.documents.workbook_files import discard, new_workbook, save_workbook
from vipdesk.services.worklist.due import Urgency, WorkList, day_text

TITLE = "Work list"
COLS = (
    Col("Urgency"),
    Col("Due", DATE_FORMAT),
    Col("Since", DATE_FORMAT),
    Col("Reference"),
    Col("Student"),
    Col("Host"),
    Col("Status"),
    Col("What", width=36),
    Col("Details", width=60),
    Col("What to do", width=48),
)


def write_work_list(worklist: WorkList, path: Path, made_at: datetime | None = None) -> None:
    """Write the list to `path` atomically: a Filters sheet saying for which day, then the items.

    Raises:
        VipdeskError: the file cannot be written (open elsewhere, disk full, no folder).
    """
    wb = new_workbook(TITLE, f"What is due on {day_text(worklist.as_of)}")
    try:
        look_ahead = f"{worklist.within} days" if worklist.within else "none"
        write_filters_sheet(
            wb,
            f"{TITLE} on {day_text(worklist.as_of)}",
            [("As of", day_text(worklist.as_of)), ("Looking ahead", look_ahead)],
            [
                *((u.label, worklist.counts.get(u, 0)) for u in Urgency),
                ("Snoozed (not listed)", worklist.snoozed),
            ],
            NO_SENSITIVE_DATA,
            f"{TITLE}: one row per item, most urgent first.",
            made_at or datetime.now(),
        )
        rows = [
            [
                item.urgency.label,
                item.due,
                item.since,
                item.reference,
                item.student,
                item.host,
                item.status.label,
                item.what,
                item.details,
                item.action,
            ]
            for item in worklist.items
        ]
        write_table(wb, TITLE, COLS, rows)
        save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
