"""Reading the rows of a spreadsheet someone sends: .xlsx (Excel, LibreOffice) or .csv.

What a file is is decided by its content, not its name: a PDF or a damaged file renamed .xlsx
gets a message that says so. CSV is UTF-8 with or without a byte order mark, separated by
commas, semicolons (Excel in most of Europe) or tabs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from vipdesk.errors import VipdeskError

Cell = str | int | float | date | datetime | None

MAX_ROWS = 200_000  # beyond this a file is not a list of records someone keeps by hand


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it: the header is row 1
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Sheet:
    """The header row and the non-empty rows below it."""

    name: str  # the file name, and the worksheet's for a workbook with several
    headers: tuple[str, ...]
    header_row: int
    rows: tuple[SheetRow, ...]


class UnreadableFileError(VipdeskError):
    """The file is not a spreadsheet vipdesk can read; the message says what it is instead."""


def read_sheet(path: Path, prefer: tuple[str, ...] = ()) -> Sheet:
    """The first worksheet (or one named as in `prefer`) of an .xlsx, or the rows of a CSV.

    Raises:
        UnreadableFileError: empty, missing, not a spreadsheet, damaged or not UTF-8.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFileError(f"There is no file {path}.") from exc
    except OSError as exc:
        raise UnreadableFileError(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    name = path.name
    if not data.strip():
        raise UnreadableFileError(f"{name} is empty: there is nothing to import.")
    kind = _sniff(data)
    if kind == "xlsx":
        return _read_xlsx(data, name, prefer)
    if kind == "text":
        return _read_csv(data, name)
    raise UnreadableFileError(f"{name} is {kind}, not a spreadsheet: {_SAVE_AS}")


_SAVE_AS = "save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that."


def _sniff(data: bytes) -> str:
    """'xlsx', 'text', or what the file is instead, for a message."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, KeyError, OSError):
            return "a damaged or unknown archive"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if b"opendocument.spreadsheet" in mimetype:
            return "an OpenDocument spreadsheet (.ods)"
        if "word/document.xml" in names:
            return "a Word document"
        return "a ZIP archive"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Excel 97-2003 (.xls) or Office file"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text in UTF-16 (Excel's 'Unicode Text')"
    if b"\x00" in data[:4096]:
        return "a binary file"
    return "text"


def _text(value: Any) -> Cell:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value  # type: ignore[no-any-return]


def _sheet(name: str, raw_rows: Any) -> Sheet:
    headers: tuple[str, ...] | None = None
    header_row = 0
    rows: list[SheetRow] = []
    for number, raw in enumerate(raw_rows, start=1):
        cells = tuple(_text(value) for value in raw)
        if not any(value is not None for value in cells):
            continue  # blank rows are not records
        if headers is None:
            headers = tuple("" if value is None else str(value) for value in cells)
            header_row = number
            continue
        rows.append(SheetRow(number, cells))
        if len(rows) > MAX_ROWS:
            raise UnreadableFileError(
                f"{name} has more than {MAX_ROWS:,} rows; import it in parts."
            )
    if headers is None:
        raise UnreadableFileError(f"{name} is empty: there is nothing to import.")
    while headers and not headers[-1]:
        headers = headers[:-1]
    return Sheet(name, headers, header_row, tuple(rows))


def _read_xlsx(data: bytes, name: str, prefer: tuple[str, ...]) -> Sheet:
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(
            f"{name} looks like an Excel workbook but cannot be read ({type(exc).__name__}); "
            f"it may be damaged or password-protected: {_SAVE_AS}"
        ) from exc
    try:
        wanted = {p.casefold() for p in prefer}
        sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        chosen = next((ws for ws in sheets if ws.title.casefold() in wanted), None)
        ws = chosen or (sheets[0] if sheets else wb.worksheets[0])
        label = name if len(wb.worksheets) == 1 else f"{name}, sheet '{ws.title}'"
        return _sheet(label, ws.iter_rows(values_only=True))
    finally:
        wb.close()


def _read_csv(data: bytes, name: str) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError(
            f"{name} is not UTF-8 text (line {line}): in Excel "
            "choose 'CSV UTF-8 (comma delimited)' when saving, or save as .xlsx."
        ) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        return _sheet(name, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFileError(f"{name} is not a readable CSV file: {exc}.") from exc
