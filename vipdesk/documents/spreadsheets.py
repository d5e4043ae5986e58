"""What every workbook vipdesk writes shares: safe text, header style, widths, atomic saving.

Files are written to a temporary name in the target folder and renamed when complete, so a
cancelled or failed export never leaves a half-written file where the user looks for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vipdesk import __version__
from vipdesk.documents.files import atomic_file

FONT = "Calibri"  # openpyxl's body font; named everywhere, or other programs pick a serif one
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(name=FONT, bold=True, size=16, color="1F4E79")
BOLD = Font(name=FONT, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"  # what openpyxl gives a date cell; unambiguous in every country
ONE_DECIMAL = "0.0"
WHOLE = "#,##0"
PERCENT = "0%"
EXCEL_DAY_ZERO = date(1899, 12, 30).toordinal()  # day 0 of Excel's (1900) date system

# Text beginning with these is a formula (or becomes one when edited) in spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6, 60


def clean_text(value: str) -> str:
    """Drop control characters, which XML (and so .xlsx) cannot hold."""
    if value.isprintable():
        return value
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def is_formula_like(value: str) -> bool:
    return value.startswith(_FORMULA_STARTS)


def text_cell(ws: Any, value: str, **style: Any) -> Any:
    """A cell that holds `value` as text, even when it looks like a formula.

    openpyxl turns a string starting with '=' into a formula; a plain 's' data type keeps it
    text, and the quote prefix keeps it text when someone edits the cell in Excel.
    """
    cell = WriteOnlyCell(ws)
    cell.value = clean_text(value)
    if cell.data_type == "f" or is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def safe(ws: Any, value: Any) -> Any:
    """A value fit for `append`: risky text becomes a text cell, the rest passes as it is."""
    if isinstance(value, str):
        if value and (is_formula_like(value) or not value.isprintable()):
            return text_cell(ws, value)
        return value
    return value


def styled(ws: Any, value: Any, **style: Any) -> Any:
    """A write-only cell with `value` and the given style attributes (font, number_format…)."""
    if isinstance(value, str):
        return text_cell(ws, value, **style)
    cell = WriteOnlyCell(ws, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def money_format(currency: str) -> str:
    """Two decimals with the ISO code after them, negatives in red: '1,234.50 EUR'.

    The code, not a symbol: '$' and 'kr' name several currencies, and a quoted literal shows the
    same in Excel, LibreOffice and Numbers whatever the reader's locale.
    """
    code = "".join(c for c in currency.upper() if c.isalpha())[:3]
    return f'#,##0.00 "{code}";[Red]-#,##0.00 "{code}"'


def excel_day(day: date) -> int:
    """A date as Excel's day number: with a date format every reader shows it as a date, and
    a write-only sheet need not build a datetime per cell."""
    return day.toordinal() - EXCEL_DAY_ZERO


def header_cells(ws: Any, titles: Sequence[str]) -> list[Any]:
    return [styled(ws, t, font=HEADER_FONT, fill=HEADER_FILL) for t in titles]


def display_width(value: Any) -> int:
    """Roughly how many characters wide a value shows in a cell."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return len(str(value))


def fit_widths(ws: Any, widths: Iterable[int]) -> None:
    """Set column widths (in characters) before any row is written (write-only sheets)."""
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))


def column_widths(titles: Sequence[str], columns: Iterable[Iterable[Any]]) -> list[int]:
    """The widest of each column's title (bold: a little wider) and values."""
    out = []
    for title, values in zip(titles, columns, strict=True):
        widest = max(map(display_width, values), default=0)
        out.append(max(widest, len(title) + 2))
    return out


def print_fitting_width(ws: Any, *, landscape: bool = False) -> None:
    """Print on pages one sheet wide (as many pages down as it takes)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def declare_size(ws: Any, rows: int, columns: int) -> None:
    """Tell readers the sheet's size up front (the <dimension> element).

    A write-only sheet cannot know it when it writes its head, so openpyxl leaves it out, and
    then every reader in read-only mode scans the whole sheet once just to learn the size.
    openpyxl's writer asks the sheet for `calculate_dimension` if it has one.
    """
    last = f"{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    ws.calculate_dimension = lambda: f"A1:{last}"


def new_workbook(title: str, subject: str, *, write_only: bool = True) -> Workbook:
    """A workbook whose properties say what it is and who made it."""
    wb = Workbook(write_only=write_only)
    wb.properties.title = title
    wb.properties.subject = subject
    wb.properties.creator = "vipdesk"
    wb.properties.lastModifiedBy = "vipdesk"
    wb.properties.description = f"Made with vipdesk {__version__}"
    return wb


# --- saving ----------------------------------------------------------------------------------


def discard(wb: Workbook) -> None:
    """Close a write-only workbook that will not be saved, and remove its temporary files.

    Left alone, its half-written sheets would complain when garbage-collected and leave their
    temporary files until the program ends.
    """
    for ws in wb.worksheets:
        if not getattr(ws, "closed", True):
            with contextlib.suppress(Exception):
                ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save atomically (see `atomic_file`)."""
    with atomic_file(path) as temporary:
        wb.save(temporary)


# --- the parts every report has --------------------------------------------------------------


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
    ws = wb.create_sheet("Filters")
    fit_widths(ws, [26, 90])
    print_fitting_width(ws)
    ws.append([styled(ws, title, font=TITLE_FONT)])
    ws.append([f"Made with vipdesk {__version__} on {made_at:%Y-%m-%d %H:%M}"])
    ws.append([])
    ws.append(header_cells(ws, ["Filter", "Set to"]))
    for name, value in filters:
        ws.append([name, text_cell(ws, value)])
    ws.append([])
    left = Alignment(horizontal="left")  # a count beside words, not far off at the right
    for label, value in counts:
        ws.append([styled(ws, label, font=BOLD), styled(ws, value, alignment=left)])
    ws.append([styled(ws, "Sensitive data", font=BOLD), styled(ws, sensitive, alignment=WRAP)])
    for label, text in notes:
        ws.append([styled(ws, label, font=BOLD), styled(ws, text, alignment=WRAP)])
    ws.append([])
    ws.append([styled(ws, "Sheets", font=BOLD), sheets])


def problems_note(problems: Sequence[str], limit: int = 10) -> list[tuple[str, str]]:
    """A note for the Filters sheet naming the cost items left out of the figures, if any."""
    if not problems:
        return []
    shown = "\n".join(problems[:limit])
    if len(problems) > limit:
        shown += f"\n… and {len(problems) - limit} more."
    return [("Not counted", f"These cost items could not be converted or shared:\n{shown}")]


NO_SENSITIVE_DATA = "None: this report holds no equity flags or other special-category data."


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
        # The widest formatted number is that of the largest or of the most negative value:
        # formatting two values instead of every one saves seconds at 100,000 rows.
        numbers = [v for v in values if v is not None]
        extremes = (max(numbers), min(numbers)) if numbers else ()
        width = max((len(f"{v:,.2f}") for v in extremes), default=4) + 5
    else:
        # Each distinct value once: labels, countries and answers repeat on many rows.
        width = max(map(display_width, set(values)), default=0)
    return max(width, len(col.title) + 3)  # bold, with the filter button beside it


STEP_ROWS = 500  # rows between calls of a table's `step`: a call per row costs time


def write_table(
    wb: Workbook,
    name: str,
    cols: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    step: Callable[[int], None] | None = None,
) -> None:
    """A detail sheet: widths fitted to the values, frozen header, autofilter, print titles.

    Dates become day numbers with the date format, numbers keep their column's format, and text
    that a spreadsheet would take for a formula is stored as text. `step(n)` is told every few
    hundred rows how many were written since it was last called.
    """
    ws = wb.create_sheet(name)
    # Widths, frozen header, filter and print setup go before the first row: write-only
    # sheets write their head first.
    fit_widths(ws, [_measured(c, [r[i] for r in rows]) for i, c in enumerate(cols)])
    declare_size(ws, len(rows) + 1, len(cols))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"
    ws.print_title_rows = "1:1"
    print_fitting_width(ws, landscape=len(cols) > 6)
    ws.append(header_cells(ws, [c.title for c in cols]))
    # One styled cell per formatted column, given each row's value in turn: the row is written
    # before `append` returns, and a style lookup per cell would cost time.
    formatted: list[tuple[int, WriteOnlyCell]] = []
    for i, col in enumerate(cols):
        if col.number_format is not None:
            cell = WriteOnlyCell(ws)
            cell.number_format = col.number_format
            formatted.append((i, cell))
    plain = [i for i, col in enumerate(cols) if col.number_format is None]
    written = 0
    for values in rows:
        out = list(values)
        for i, cell in formatted:
            value = out[i]
            if value is not None:
                cell.value = (
                    value.toordinal() - EXCEL_DAY_ZERO if isinstance(value, date) else value
                )
                out[i] = cell
        for i in plain:
            value = out[i]
            if isinstance(value, str) and (
                value.startswith(_FORMULA_STARTS) or not value.isprintable()
            ):
                out[i] = text_cell(ws, value)
        ws.append(out)
        written += 1
        if step is not None and written == STEP_ROWS:
            step(written)
            written = 0
    if step is not None and written:
        step(written)


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
        """A header and rows, each value with its column's number format: (header, last row)."""
        header = self.append(header_cells(self.ws, titles))
        for values in rows:
            self.append(
                [
                    v if fmt is None or v is None else styled(self.ws, v, number_format=fmt)
                    for v, fmt in zip(values, formats, strict=True)
                ]
            )
        return header, self.row


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
    """A bar chart of a table written by `SheetRows.table` (categories in its first column).

    Returns False, drawing nothing, when the table has no rows.
    """
    header, last = block
    if last <= header:
        return False
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
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
    chart.y_axis.title = axis_title
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
