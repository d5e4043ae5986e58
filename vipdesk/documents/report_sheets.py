"""The sheets every report has: what made it (filters), key figures, detail tables, charts.

Pure writers on a write-only workbook (`workbook_files.new_workbook`): data in, sheets out. The
order in which a report writes them, its progress and its saving are `vipdesk.reports.workbook`.

They are given English and write the report's language (`report_language`): sheet names, titles,
column headers, labels and chart texts are translated here; running text a report composes
itself (an intro, a note, a value) it translates before handing it over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from vipdesk import __version__
from vipdesk.documents.report_language import label, moment, number, said, t
from vipdesk.documents.spreadsheets import (
    BOLD,
    DATE_FORMAT,
    TITLE_FONT,
    WRAP,
    declare_size,
    display_width,
    fit_widths,
    header_cells,
    print_fitting_width,
    safe,
    styled,
    text_cell,
)
from vipdesk.documents.streamed_rows import stream_rows
from vipdesk.phrase import Phrase

FILTERS_SHEET, SUMMARY_SHEET = "Filters", "Summary"
NO_SENSITIVE_DATA = "None: this report holds no equity flags or other special-category data."


def write_filters_sheet(
    wb: Workbook,
    title: str,
    filters: Sequence[tuple[str, str]],
    counts: Sequence[tuple[str, Any]],
    sensitive: str,
    sheets: str,
    made_at: datetime,
    notes: Sequence[tuple[str, str]] = (),
) -> None:
    """The first sheet of a report: what made it (filters), what it holds, what it leaves out."""
    ws = wb.create_sheet(t(FILTERS_SHEET))
    fit_widths(ws, [26, 90])
    print_fitting_width(ws)
    ws.append([styled(ws, t(title), font=TITLE_FONT)])
    ws.append(
        [t("Made with vipdesk {version} on {made}", version=__version__, made=moment(made_at))]
    )
    ws.append([])
    ws.append(header_cells(ws, [t("Filter"), t("Set to")]))
    for name, value in filters:
        ws.append([t(name), text_cell(ws, label(value))])
    ws.append([])
    left = Alignment(horizontal="left")  # a count beside words, not far off at the right
    for name, value in counts:
        ws.append([styled(ws, t(name), font=BOLD), styled(ws, value, alignment=left)])
    ws.append([styled(ws, t("Sensitive data"), font=BOLD), styled(ws, sensitive, alignment=WRAP)])
    for name, text in notes:
        ws.append([styled(ws, t(name), font=BOLD), styled(ws, text, alignment=WRAP)])
    ws.append([])
    ws.append([styled(ws, t("Sheets"), font=BOLD), sheets])


def problems_note(problems: Sequence[Phrase], limit: int = 10) -> list[tuple[str, str]]:
    """A note for the Filters sheet naming the cost items left out of the figures, if any, in
    the report's language."""
    if not problems:
        return []
    shown = "\n".join(said(problem) for problem in problems[:limit])
    if len(problems) > limit:
        shown += "\n" + t("… and {count} more.", count=number(len(problems) - limit))
    intro = t("These cost items could not be converted or shared:")
    return [("Not counted", f"{intro}\n{shown}")]


class SheetRows:
    """A write-only sheet that counts its rows, so that charts can point at the tables."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0

    def append(self, values: Sequence[Any] = ()) -> int:
        self.ws.append([safe(self.ws, v) for v in values])
        self.row += 1
        return self.row

    def table(
        self, titles: Sequence[str], rows: Sequence[Sequence[Any]], formats: Sequence[str | None]
    ) -> tuple[int, int]:
        """A header (`titles`, translated here) and rows, each value with its column's number
        format: (header, last row)."""
        header = self.append(header_cells(self.ws, [t(title) for title in titles]))
        for values in rows:
            self.append(
                [
                    v if fmt is None or v is None else styled(self.ws, v, number_format=fmt)
                    for v, fmt in zip(values, formats, strict=True)
                ]
            )
        return header, self.row

    def key_figures(self, figures: Iterable[tuple[str, Any, str | None]]) -> None:
        """A "Key figure / Value" table: a label (translated by the caller), a value and its
        number format (or None) each; a value of None leaves its cell empty."""
        self.append(header_cells(self.ws, [t("Key figure"), t("Value")]))
        for name, value, fmt in figures:
            if fmt is not None and value is not None:
                value = styled(self.ws, value, number_format=fmt)
            self.append([name, value])


def summary_sheet(
    wb: Workbook, title: str, intro: str, widths: Iterable[int], name: str = SUMMARY_SHEET
) -> SheetRows:
    """A summary sheet begun: columns `widths` wide, printed landscape (the figures and the
    charts beside them), "`title`: key figures" in large type, `intro` (translated by the
    caller) under it, a blank row."""
    ws = wb.create_sheet(t(name))
    fit_widths(ws, widths)
    print_fitting_width(ws, landscape=True)
    sheet = SheetRows(ws)
    sheet.append([styled(ws, t("{title}: key figures", title=t(title)), font=TITLE_FONT)])
    sheet.append([intro])
    sheet.append()
    return sheet


def table_sheet(
    wb: Workbook, name: str, titles: Sequence[str], widths: Iterable[int], rows: int
) -> Any:
    """A detail sheet with its header written, ready for `rows` rows: frozen header, autofilter,
    the header on every printed page, printed landscape on A4, one page wide. The name and the
    titles are translated here."""
    ws = wb.create_sheet(t(name))
    # Widths, frozen header, filter and print setup go before the first row: write-only
    # sheets write their head first.
    fit_widths(ws, widths)
    declare_size(ws, rows + 1, len(titles))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{rows + 1}"
    ws.print_title_rows = "1:1"
    print_fitting_width(ws, landscape=True)
    ws.append(header_cells(ws, [t(title) for title in titles]))
    return ws


@dataclass(frozen=True)
class Col:
    """A column of a detail sheet: its title, and the number format of its values, if any."""

    title: str
    number_format: str | None = None
    width: int | None = None  # fixed; measured on the values when None


def _measured(col: Col, values: Iterable[Any]) -> int:
    if col.width is not None:
        width = col.width
    elif col.number_format == DATE_FORMAT:
        width = 10
    elif col.number_format is not None:
        width = number_width(values)
    else:
        # Each distinct value once: labels, countries and answers repeat on many rows.
        width = max(map(display_width, set(values)), default=0)
    return max(width, len(t(col.title)) + 3)  # bold, with the filter button beside it


def number_width(values: Iterable[Any]) -> int:
    """Characters a column needs for `values` shown with two decimals and a currency code
    after them: Excel shows ### in a cell too narrow for its number."""
    numbers = [v for v in values if v is not None]
    # The widest formatted number is that of the largest or of the most negative value:
    # formatting two values instead of every one saves seconds at 100,000 rows.
    extremes = (max(numbers), min(numbers)) if numbers else ()
    return max((len(f"{v:,.2f}") for v in extremes), default=4) + 5


def write_table(
    wb: Workbook,
    name: str,
    cols: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    step: Callable[[int], None] | None = None,
) -> None:
    """A detail sheet (`table_sheet`) with widths fitted to the values, its rows streamed
    (`stream_rows`).

    Dates become day numbers with the date format, numbers keep their column's format, and text
    that a spreadsheet would take for a formula stays text. `step(n)` is told every few
    hundred rows how many were written since it was last called.
    """
    widths = [_measured(c, [r[i] for r in rows]) for i, c in enumerate(cols)]
    ws = table_sheet(wb, name, [c.title for c in cols], widths, len(rows))
    stream_rows(ws, [c.number_format for c in cols], rows, step)


def bar_chart(
    ws: Any,
    title: str,
    block: tuple[int, int],
    columns: Sequence[int],
    anchor: str,
    *,
    axis_title: str,
    horizontal: bool = True,
    stacked: bool = False,
    number_format: str | None = None,
    colours: Sequence[str] = (),
) -> bool:
    """A bar chart of a table written by `SheetRows.table` (categories in its first column);
    its title and axis title are translated here.

    Returns False, drawing nothing, when the table has no rows.
    """
    header, last = block
    if last <= header:
        return False
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = t(title)
    for column in columns:
        data = Reference(ws, min_col=column, min_row=header, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=last))
    for series, colour in zip(chart.series, colours, strict=False):
        series.graphicalProperties.solidFill = colour  # e.g. red for blocked, not the default
        series.graphicalProperties.line.solidFill = colour
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    if len(columns) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    chart.y_axis.title = t(axis_title)
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    if number_format:
        chart.y_axis.number_format = number_format
    # Top to bottom in the order of the table (a bar chart draws the first at the foot).
    chart.x_axis.scaling.orientation = "maxMin" if horizontal else "minMax"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, max(7.5, min(15.0, 2.5 + 0.6 * (last - header)))
    ws.add_chart(chart, anchor)
    return True
