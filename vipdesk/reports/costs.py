"""Cost per participant: overall and by mode, year, host country and funding source.

Sheets: "Filters" (what made the report), "Summary" (key figures, the averages by group and
charts) and "Placements" (one row per placement: direct, shared and total costs, and the costs
by category). Amounts are in the base currency, as `funding_costs` converts and shares them;
cancelled placements are listed but, as there, not counted as participants.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.spreadsheets import (
    DATE_FORMAT,
    NO_SENSITIVE_DATA,
    TITLE_FONT,
    WHOLE,
    Col,
    SheetRows,
    bar_chart,
    discard,
    fit_widths,
    header_cells,
    money_format,
    new_workbook,
    print_fitting_width,
    problems_note,
    save_workbook,
    styled,
    write_filters_sheet,
    write_table,
)
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportKind, ReportOptions
from vipdesk.services.funding.costs import ZERO, Average
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc
from vipdesk.services.reports.data import CostData, cost_data
from vipdesk.services.reports.filters import ReportFilter, load_placement_details

TITLE = "Cost per participant"
SUMMARY_SHEET, DETAIL_SHEET = "Summary", "Placements"
GROUPS = ("Mode", "Year (planned start)", "Host country", "Funding source")


def build(
    db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
) -> int:
    details = load_placement_details(db, options.filter, should_cancel=cancel)
    data = cost_data(db, details)
    write_costs_report(path, data, options.filter, progress=progress, should_cancel=cancel)
    return len(data.rows)


REPORT = ReportKind("costs", TITLE, build)


def write_costs_report(
    path: Path,
    data: CostData,
    flt: ReportFilter = ReportFilter(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> None:
    """Write the report to `path` atomically.

    Raises:
        CancelledError: `should_cancel` said stop; no file was written.
        VipdeskError: the file cannot be written.
    """
    steps = Steps(len(data.rows), "Writing costs", progress, should_cancel, every=2000)
    wb = new_workbook(TITLE, f"Cost per participant in {data.base}, by group and by placement")
    try:
        participants = data.overall.participants if data.overall else 0
        write_filters_sheet(
            wb,
            TITLE,
            flt.described(),
            [
                ("Placements in this report", len(data.rows)),
                ("Participants", participants),
            ],
            NO_SENSITIVE_DATA,
            f"{SUMMARY_SHEET}: key figures, cost per participant by group, charts. "
            f"{DETAIL_SHEET}: one row per placement with its costs.",
            made_at or datetime.now(),
            [
                (
                    "Amounts",
                    f"In {data.base}, converted at the rate of each cost's date. Shared costs "
                    "are split among every placement they are shared with, selected or not; "
                    "cancelled placements are not counted as participants.",
                ),
                *problems_note(data.problems),
            ],
        )
        _summary_sheet(wb, data)
        with paused_gc():
            _detail_sheet(wb, data, steps)
            steps.check()
            save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
    steps.finish()


def _summary_sheet(wb: Any, data: CostData) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    money = money_format(data.base)
    labels = [a.label for a in (*data.by_country, *data.by_source)]
    fit_widths(ws, [max([28, *map(len, labels)]), 13, 17, 21])
    print_fitting_width(ws, landscape=True)
    sheet = SheetRows(ws)
    sheet.append([styled(ws, f"{TITLE}: key figures", font=TITLE_FONT)])
    sheet.append([f"Amounts in {data.base}. The filters that chose the placements are on the "
                  "Filters sheet."])  # fmt: skip
    sheet.append()
    overall = data.overall
    direct = sum((c.direct for _, c in data.rows if c.facts.participant), ZERO)
    shared = sum((c.shared for _, c in data.rows if c.facts.participant), ZERO)
    sheet.append(header_cells(ws, ["Key figure", "Value"]))
    for label, value, fmt in (
        ("Participants", overall.participants if overall else 0, WHOLE),
        ("Total cost", overall.total if overall else ZERO, money),
        ("Cost per participant", overall.average if overall else None, money),
        ("Direct costs", direct, money),
        ("Shares of shared costs", shared, money),
    ):
        sheet.append([label, None if value is None else styled(ws, value, number_format=fmt)])
    blocks: dict[str, tuple[int, int]] = {}
    groups: tuple[list[Average], ...] = (
        data.by_mode,
        data.by_year,
        data.by_country,
        data.by_source,
    )
    for title, averages in zip(GROUPS, groups, strict=True):
        sheet.append()
        blocks[title] = sheet.table(
            [title, "Participants", f"Total cost ({data.base})", "Cost per participant"],
            # Years as numbers, so that they sort and filter as years.
            [
                (
                    int(a.label) if title == GROUPS[1] else a.label,
                    a.participants,
                    a.total,
                    a.average,
                )
                for a in averages
            ],
            [None, WHOLE, money, money],
        )
    for title, anchor in (("Mode", "F4"), ("Year (planned start)", "F22")):
        bar_chart(
            ws,
            f"Cost per participant by {title.split(' (')[0].lower()} ({data.base})",
            blocks[title],
            [4],
            anchor,
            axis_title=data.base,
            horizontal=title == "Mode",
            number_format="#,##0",
        )


def _detail_sheet(wb: Any, data: CostData, steps: Steps) -> None:
    write_table(wb, DETAIL_SHEET, *detail_table(data), steps.step)


def detail_table(data: CostData) -> tuple[list[Col], list[list[Any]]]:
    """The columns and rows of the detail sheet (the benchmark writes them without styles)."""
    money = money_format(data.base)
    cols = [
        Col("Reference"),
        Col("Student"),
        Col("Host"),
        Col("Country"),
        Col("Mode"),
        Col("Status"),
        Col("Planned start", DATE_FORMAT),
        Col("Participant"),
        Col(f"Direct costs ({data.base})", money),
        Col(f"Shared costs ({data.base})", money),
        Col(f"Total ({data.base})", money),
        *(Col(c.label, money) for c in data.categories),
    ]
    modes, statuses = {m: m.label for m in Mode}, {s: s.label for s in Status}
    rows = []
    for d, cost in data.rows:
        # One pass over the parts for every sum: the properties would pass over them thrice.
        direct = shared = ZERO
        categories = dict.fromkeys(data.categories, ZERO)
        for part in cost.parts:
            if part.shared:
                shared += part.amount
            else:
                direct += part.amount
            categories[part.category] += part.amount
        rows.append(
            [
                d.reference,
                d.student,
                d.host,
                d.country,
                modes[d.mode],
                statuses[d.status],
                d.start,
                "Yes" if cost.facts.participant else "No (cancelled)",
                direct,
                shared,
                direct + shared,
                *categories.values(),
            ]
        )
    return cols, rows
