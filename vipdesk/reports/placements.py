"""The placements overview: which filters made it, key figures with charts, one row per placement.

Three sheets, in this order: "Filters" (what the report holds and what it leaves out), "Summary"
(counts by status, mode, year and host country, averages, charts) and "Placements" (the detail,
with a frozen header and an autofilter). The workbook is written in openpyxl's write-only mode,
so 100,000 placements stream to disk instead of building a million cell objects in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter

from vipdesk.db import Database
from vipdesk.documents.spreadsheets import (
    DATE_FORMAT,
    EXCEL_DAY_ZERO,
    ONE_DECIMAL,
    TITLE_FONT,
    declare_size,
    discard,
    fit_widths,
    header_cells,
    is_formula_like,
    new_workbook,
    print_fitting_width,
    save_workbook,
    styled,
    text_cell,
    write_filters_sheet,
)
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportKind, ReportOptions
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc
from vipdesk.services.reports.filters import (
    EQUITY_TITLES,
    PlacementDetail,
    PlacementSummary,
    ReportFilter,
    load_placement_details,
    summarise,
)

TITLE = "Placements overview"
FILTERS_SHEET, SUMMARY_SHEET, DETAIL_SHEET = "Filters", "Summary", "Placements"
DETAIL_TITLES: tuple[str, ...] = (
    "Reference",
    "Student",
    "E-mail",
    "Host",
    "Country",
    "Mode",
    "Status",
    "Title",
    "Planned start",
    "Planned end",
    "Weeks",
    "Hours/week",
    "ECTS",
    "Mentor",
    "Tutor",
    "Institution",
    "Blended periods",
)
_ECTS = DETAIL_TITLES.index("ECTS")
# Columns whose text people typed (reference, student, e-mail, host, title, mentor, tutor,
# institution): checked for text that a spreadsheet would take for a formula.
_TEXT_COLUMNS = (0, 1, 2, 3, 7, 13, 14, 15)


def build(
    db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
) -> int:
    details = load_placement_details(
        db, options.filter, include_sensitive=options.include_sensitive, should_cancel=cancel
    )
    write_placements_report(
        path,
        details,
        options.filter,
        include_sensitive=options.include_sensitive,
        progress=progress,
        should_cancel=cancel,
    )
    return len(details)


REPORT = ReportKind("placements", TITLE, build)


def write_placements_report(
    path: Path,
    details: Sequence[PlacementDetail],
    flt: ReportFilter = ReportFilter(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    include_sensitive: bool = False,
    made_at: datetime | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> None:
    """Write the report to `path` (atomically: see `files.atomic_file`).

    Raises:
        CancelledError: `should_cancel` said stop; no file was written.
        VipdeskError: the file cannot be written (open elsewhere, disk full, no folder).
    """
    steps = Steps(len(details), "Writing placements", progress, should_cancel, every=2000)
    summary = summarise(details)
    wb = new_workbook(TITLE, "Placements selected in vipdesk: figures and one row per placement")
    try:
        _filters_sheet(wb, flt, summary.total, include_sensitive, made_at or datetime.now())
        _summary_sheet(wb, summary)
        with paused_gc():
            _detail_sheet(wb, details, include_sensitive, steps)
            steps.check()
            save_workbook(wb, path)
    except BaseException:
        discard(wb)
        raise
    steps.finish()


def _filters_sheet(
    wb: Any, flt: ReportFilter, total: int, include_sensitive: bool, made_at: datetime
) -> None:
    sensitive = (
        "Included: equity flags (special-category personal data). Share this file only with "
        "people who need them, and delete it when done."
        if include_sensitive
        else "Left out: equity flags (special-category personal data) are not in this report."
    )
    write_filters_sheet(
        wb,
        TITLE,
        flt.described(),
        [("Placements in this report", total)],
        sensitive,
        f"{SUMMARY_SHEET}: key figures and charts. {DETAIL_SHEET}: one row per placement.",
        made_at,
    )


def _summary_sheet(wb: Any, s: PlacementSummary) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    fit_widths(ws, [max([30, *(len(c) for c, _ in s.by_country)]), 12])
    print_fitting_width(ws, landscape=True)  # the figures and, beside them, the charts
    ws.append([styled(ws, f"{TITLE}: key figures", font=TITLE_FONT)])
    ws.append([f"{s.total:,} placements; the filters that chose them are on the Filters sheet."])
    ws.append([])
    ws.append(header_cells(ws, ["Key figure", "Value"]))

    def decimal_row(label: str, value: Any) -> None:
        ws.append([label, styled(ws, value, number_format=ONE_DECIMAL)])

    ws.append(["Placements", s.total])
    decimal_row("Average duration (weeks)", s.average_weeks)
    decimal_row("Average hours per week", s.average_hours)
    decimal_row("Total ECTS credits", s.total_ects)
    ws.append(["Placements with ECTS credits", s.with_ects])
    row = 10
    blocks: dict[str, tuple[int, int]] = {}  # title -> (header row, last row)
    for title, counts in (
        ("Status", s.by_status),
        ("Mode", s.by_mode),
        ("Year (planned start)", s.by_year),
        ("Host country", s.by_country),
    ):
        ws.append([])
        ws.append(header_cells(ws, [title, "Placements"]))
        for label, count in counts:
            ws.append([text_cell(ws, str(label)) if isinstance(label, str) else label, count])
        blocks[title] = (row + 1, row + 1 + len(counts))
        row += 2 + len(counts)
    _charts(ws, blocks)


def _charts(ws: Any, blocks: dict[str, tuple[int, int]]) -> None:
    def refs(title: str, limit: int | None = None) -> tuple[Reference, Reference] | None:
        header, last = blocks[title]
        if last == header:
            return None  # nothing to draw
        if limit is not None:
            last = min(last, header + limit)
        return (
            Reference(ws, min_col=2, min_row=header, max_row=last),
            Reference(ws, min_col=1, min_row=header + 1, max_row=last),
        )

    for title, kind, anchor, limit in (
        ("Status", "bar", "D4", None),
        ("Mode", "pie", "D20", None),
        ("Year (planned start)", "column", "M4", None),
        ("Host country", "bar", "M20", 10),
    ):
        found = refs(title, limit)
        if found is None:
            continue
        data, categories = found
        chart: BarChart | PieChart
        if kind == "pie":
            chart = PieChart()
            # The share only: left unset, some programs add series, category and value too.
            chart.dataLabels = DataLabelList(
                showPercent=True,
                showVal=False,
                showCatName=False,
                showSerName=False,
                showLegendKey=False,
            )
        else:
            chart = BarChart()
            chart.type = "bar" if kind == "bar" else "col"
            chart.legend = None
            chart.y_axis.title = "Placements"
            chart.y_axis.majorGridlines = None
            # Top to bottom in the order of the table (a bar chart draws the first at the foot).
            chart.x_axis.scaling.orientation = "maxMin" if kind == "bar" else "minMax"
            chart.x_axis.delete = False
            chart.y_axis.delete = False
        top = f" (top {limit})" if limit else ""
        chart.title = f"Placements by {title.split(' (')[0].lower()}{top}"
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(categories)
        chart.width, chart.height = 16, 7.5
        ws.add_chart(chart, anchor)


def _widths(details: Sequence[PlacementDetail], include_sensitive: bool) -> list[int]:
    """Each column as wide as its widest value (measured on the data, not on cells)."""

    def longest(field: int) -> int:
        return max((len(str(d[field])) for d in details), default=0)

    labels = [
        max(len(m.label) for m in Mode),
        max(len(s.label) for s in Status),
    ]
    widths = [
        longest(1),  # reference
        longest(2),  # student
        longest(3),  # e-mail
        longest(4),  # host
        longest(5),  # country
        *labels,  # mode, status
        longest(8),  # title
        10,  # planned start
        10,  # planned end
        7,  # weeks (numbers keep some room from the text beside them)
        2,  # hours a week
        7,  # ECTS
        longest(13),  # mentor
        longest(14),  # tutor
        longest(15),  # institution
        longest(16),  # periods
    ]
    if include_sensitive:
        widths.extend([3] * len(EQUITY_TITLES))
    titles = [*DETAIL_TITLES, *(EQUITY_TITLES if include_sensitive else ())]
    # A bold title with the filter button beside it needs a few characters more.
    return [max(width, len(title) + 3) for width, title in zip(widths, titles, strict=True)]


def _detail_sheet(
    wb: Any, details: Sequence[PlacementDetail], include_sensitive: bool, steps: Steps
) -> None:
    ws = wb.create_sheet(DETAIL_SHEET)
    titles = [*DETAIL_TITLES, *(EQUITY_TITLES if include_sensitive else ())]
    # Widths, frozen header, filter and print setup go before the first row: write-only
    # sheets write their head first.
    fit_widths(ws, _widths(details, include_sensitive))
    declare_size(ws, len(details) + 1, len(titles))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{len(details) + 1}"
    ws.print_title_rows = "1:1"
    print_fitting_width(ws, landscape=True)
    ws.append(header_cells(ws, titles))
    # One styled cell per dated or decimal column, given each row's value in turn: the row
    # is written before `append` returns, and a style lookup per cell would cost time. Dates
    # go in as Excel day numbers; with the date format they are dates to every reader.
    start, end, weeks, ects = (WriteOnlyCell(ws) for _ in range(4))
    start.number_format = end.number_format = DATE_FORMAT
    weeks.number_format = ects.number_format = ONE_DECIMAL
    modes = {m: m.label for m in Mode}
    statuses = {s: s.label for s in Status}
    flags = {True: "Yes", False: "No"}
    for d in details:
        start.value = d.start.toordinal() - EXCEL_DAY_ZERO
        end.value = d.end.toordinal() - EXCEL_DAY_ZERO
        weeks.value = round((d.end.toordinal() - d.start.toordinal() + 1) / 7, 1)
        row: list[Any] = [
            d.reference,
            d.student,
            d.email,
            d.host,
            d.country,
            modes[d.mode],
            statuses[d.status],
            d.title,
            start,
            end,
            weeks,
            d.hours_per_week,
            None,
            d.mentor or None,
            d.tutor or None,
            d.institution,
            d.periods or None,
        ]
        if d.ects is not None:
            ects.value = d.ects
            row[_ECTS] = ects
        for i in _TEXT_COLUMNS:
            value = row[i]
            if value is not None and (is_formula_like(value) or not value.isprintable()):
                row[i] = text_cell(ws, value)
        if include_sensitive:
            row.extend(flags[flag] for flag in d.equity or (False,) * len(EQUITY_TITLES))
        ws.append(row)
        steps.step()
