"""The placements overview: which filters made it, key figures with charts, one row per placement.

Three sheets, in this order: "Filters" (what the report holds and what it leaves out), "Summary"
(counts by status, mode, year and host country, averages, charts) and "Placements" (the detail,
with a frozen header and an autofilter). The detail rows are streamed to disk as they
are made (`streamed_rows`), so 100,000 placements never become a million cell objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList

from vipdesk.db import Database
from vipdesk.documents.report_language import t
from vipdesk.documents.report_sheets import SUMMARY_SHEET, summary_sheet, table_sheet
from vipdesk.documents.spreadsheets import DATE_FORMAT, ONE_DECIMAL
from vipdesk.documents.streamed_rows import stream_rows
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import ReportBook, Step, placements_line, workbook_report
from vipdesk.services.jobs import ShouldCancel
from vipdesk.services.reports.filters import (
    EQUITY_TITLES,
    PlacementDetail,
    PlacementSummary,
    summarise,
)

TITLE = "Placements overview"
DETAIL_SHEET = "Placements"
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
_START, _END, _WEEKS, _ECTS = map(
    DETAIL_TITLES.index, ("Planned start", "Planned end", "Weeks", "ECTS")
)


def book(details: Sequence[PlacementDetail], *, include_sensitive: bool = False) -> ReportBook:
    """The workbook of `details` (with their equity flags if `include_sensitive`)."""
    summary = summarise(details)
    sensitive = t(
        "Included: equity flags (special-category personal data). Share this file only with "
        "people who need them, and delete it when done."
        if include_sensitive
        else "Left out: equity flags (special-category personal data) are not in this report."
    )
    return ReportBook(
        title=TITLE,
        subject="Placements selected in vipdesk: figures and one row per placement",
        counts=[("Placements in this report", summary.total)],
        sheets=t(
            "{summary}: key figures and charts. {detail}: one row per placement.",
            summary=t(SUMMARY_SHEET),
            detail=t(DETAIL_SHEET),
        ),
        summary=lambda wb: _summary_sheet(wb, summary),
        details=lambda wb, step: _detail_sheet(wb, details, include_sensitive, step),
        steps=len(details),
        what="Writing placements",
        records=len(details),
        sensitive=sensitive,
    )


def _gather(
    _db: Database, details: Sequence[PlacementDetail], options: ReportOptions, _c: ShouldCancel
) -> ReportBook:
    return book(details, include_sensitive=options.include_sensitive)


REPORT = workbook_report("placements", TITLE, _gather, sensitive=True)


def _summary_sheet(wb: Any, s: PlacementSummary) -> None:
    sheet = summary_sheet(
        wb, TITLE, placements_line(s.total), [max([30, *(len(c) for c, _ in s.by_country)]), 12]
    )
    sheet.key_figures(
        [
            (t("Placements"), s.total, None),
            (t("Average duration (weeks)"), s.average_weeks, ONE_DECIMAL),
            (t("Average hours per week"), s.average_hours, ONE_DECIMAL),
            (t("Total ECTS credits"), s.total_ects, ONE_DECIMAL),
            (t("Placements with ECTS credits"), s.with_ects, None),
        ]
    )
    blocks: dict[str, tuple[int, int]] = {}  # title -> (header row, last row)
    for title, counts in (
        ("Status", [(t(name), count) for name, count in s.by_status]),
        ("Mode", [(t(name), count) for name, count in s.by_mode]),
        ("Year (planned start)", s.by_year),
        ("Host country", s.by_country),
    ):
        sheet.append()
        blocks[title] = sheet.table([title, "Placements"], counts, [None, None])
    _charts(sheet.ws, blocks)


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
            chart.y_axis.title = t("Placements")
            chart.y_axis.majorGridlines = None
            # Top to bottom in the order of the table (a bar chart draws the first at the foot).
            chart.x_axis.scaling.orientation = "maxMin" if kind == "bar" else "minMax"
            chart.x_axis.delete = False
            chart.y_axis.delete = False
        by = t(f"Placements by {title.split(' (')[0].lower()}")
        chart.title = t("{chart} (top {count})", chart=by, count=limit) if limit else by
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(categories)
        chart.width, chart.height = 16, 7.5
        ws.add_chart(chart, anchor)


def _widths(details: Sequence[PlacementDetail], include_sensitive: bool) -> list[int]:
    """Each column as wide as its widest value (measured on the data, not on cells)."""

    def longest(field: int) -> int:
        return max((len(str(d[field])) for d in details), default=0)

    labels = [
        max(len(t(m.label)) for m in Mode),
        max(len(t(s.label)) for s in Status),
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
    return [max(width, len(t(title)) + 3) for width, title in zip(widths, titles, strict=True)]


def _detail_sheet(
    wb: Any, details: Sequence[PlacementDetail], include_sensitive: bool, step: Step
) -> None:
    titles = [*DETAIL_TITLES, *(EQUITY_TITLES if include_sensitive else ())]
    ws = table_sheet(wb, DETAIL_SHEET, titles, _widths(details, include_sensitive), len(details))
    formats: list[str | None] = [None] * len(titles)
    formats[_START] = formats[_END] = DATE_FORMAT
    formats[_WEEKS] = formats[_ECTS] = ONE_DECIMAL
    stream_rows(ws, formats, _detail_rows(details, include_sensitive), step)


def _detail_rows(
    details: Sequence[PlacementDetail], include_sensitive: bool
) -> Iterator[list[Any]]:
    """The detail sheet's rows, made as they are written: labels looked up once."""
    modes = {m: t(m.label) for m in Mode}
    statuses = {s: t(s.label) for s in Status}
    flags = {True: t("Yes"), False: t("No")}
    no_flags = (False,) * len(EQUITY_TITLES)
    for d in details:
        row: list[Any] = [
            d.reference,
            d.student,
            d.email,
            d.host,
            d.country,
            modes[d.mode],
            statuses[d.status],
            d.title,
            d.start,
            d.end,
            round((d.end.toordinal() - d.start.toordinal() + 1) / 7, 1),
            d.hours_per_week,
            d.ects,
            d.mentor or None,
            d.tutor or None,
            d.institution,
            d.periods or None,
        ]
        if include_sensitive:
            row.extend(flags[flag] for flag in d.equity or no_flags)
        yield row
