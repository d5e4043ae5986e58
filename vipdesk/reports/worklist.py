"""The work list as a spreadsheet (`vipdesk due --out FILE.xlsx [--language L]`): one row per
item, most urgent first, in the chosen language (`services.worklist.wording` for the work
list's own texts, the reports' catalogue for those every report shares); dates stay dates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from vipdesk.documents.report_language import Text, number, report_language, t
from vipdesk.documents.report_sheets import NO_SENSITIVE_DATA, Col, write_filters_sheet, write_table
from vipdesk.documents.spreadsheets import DATE_FORMAT
from vipdesk.documents.workbook_files import discard, new_workbook, save_workbook
from vipdesk.languages import ENGLISH
from vipdesk.services.worklist.due import Urgency, WorkList
from vipdesk.services.worklist.wording import Wording, details

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
_SHARED = frozenset({"Reference", "Student", "Host", "Status"})  # the reports' catalogue's


def write_work_list(
    worklist: WorkList, path: Path, made_at: datetime | None = None, language: str = ENGLISH
) -> None:
    """Write the list to `path` atomically in `language`: a Filters sheet saying for which day,
    then the items.

    Raises:
        VipdeskError: no such language, or the file cannot be written (open elsewhere, disk
            full, no folder).
    """
    wording = Wording(language)
    with report_language(wording.language):
        _write(worklist, path, made_at or datetime.now(), wording)


def _write(worklist: WorkList, path: Path, made_at: datetime, wording: Wording) -> None:
    def text(english: str, **values: str) -> Text:
        return Text(wording.text(english, **values))

    title, day = text(TITLE), wording.day(worklist.as_of)
    wb = new_workbook(title, text("What is due on {day}", day=day))
    try:
        ahead = text("{count} days", count=number(worklist.within)) if worklist.within else None
        urgencies = {u: text(u.label) for u in Urgency}
        write_filters_sheet(
            wb,
            text("{title} on {day}", title=title, day=day),
            [(text("As of"), day), (text("Looking ahead"), ahead or text("none"))],
            [
                *((urgencies[u], worklist.counts.get(u, 0)) for u in Urgency),
                (text("Snoozed (not listed)"), worklist.snoozed),
            ],
            t(NO_SENSITIVE_DATA),
            text("{title}: one row per item, most urgent first.", title=title),
            made_at,
        )
        cols = [
            col if col.title in _SHARED else Col(text(col.title), col.number_format, col.width)
            for col in COLS
        ]
        rows = [
            [
                urgencies[item.urgency],
                item.due,
                item.since,
                item.reference,
                item.student,
                item.host,
                t(item.status.label),
                wording.text(item.what),
                details(item, wording) or item.details,
                wording.text(item.action),
            ]
            for item in worklist.items
        ]
        write_table(wb, title, cols, rows)
        save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
