"""What every workbook vipdesk writes shares: safe text, header style, widths, print setup.

The sheets every report has (filters, summary, detail tables, charts) are in `report_sheets`;
making and saving a workbook is `workbook_files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
FORMULA_STARTS = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6, 60


def clean_text(value: str) -> str:
    """Drop control characters, which XML (and so .xlsx) cannot hold."""
    if value.isprintable():
        return value
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


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
    """Print on A4 pages one sheet wide (as many pages down as it takes).

    A4, not the program's default: Excel in a US locale would pick Letter, and a page scaled to
    the width of a sheet does not need the margins it would leave.
    """
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
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
