"""The rows of one worksheet of an .xlsx, streamed from its XML with limits on everything.

Only what an import needs is read: the list of sheets, the shared strings, which cell styles
are dates, and the cells' values (for a formula, the value Excel saved with it). A cell that
cannot be a value becomes a `CellProblem`; a sheet that breaks off in the middle is damage at
the row where it stops. Nothing that is not a worksheet is ever unpacked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from vipdesk.phrase import Count, Phrase
from vipdesk.services.importing.archive import (
    SAVE_AS_LONG,
    Archive,
    UnreadableFileError,
    XmlDamage,
    parse_all,
    parse_xml,
    relationships,
)
from vipdesk.services.importing.cells import (
    MAX_CELL,
    Cell,
    CellProblem,
    check_text,
    check_value,
    excel_error,
    shorten,
    too_long,
)

WORKBOOK = "xl/workbook.xml"
MAX_COLUMNS = 16_384  # Excel's: column XFD
MAX_ROW = 1_048_576  # Excel's last row
_COORDINATE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_INTEGER = re.compile(r"^[+-]?\d{1,15}$")

RawRow = tuple[int, tuple[Cell | CellProblem, ...]]


class SheetDamage(Exception):  # noqa: N818 - becomes a problem at `row`
    """The sheet's XML breaks off or is garbled; rows before `row` were read."""

    def __init__(self, row: int, reason: Phrase) -> None:
        super().__init__(reason.english())
        self.row = row
        self.reason = reason


@dataclass
class _SheetEntry:
    title: str
    member: str
    visible: bool


@dataclass
class Workbook:
    """What the workbook says about its sheets and cell formats."""

    sheets: list[_SheetEntry] = field(default_factory=list)
    strings: list[str | CellProblem] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # per cell style: "", "date", "duration"
    date1904: bool = False


def _shared_strings(archive: Archive, member: str) -> list[str | CellProblem]:
    out: list[str | CellProblem] = []
    parts: list[str] = []
    size = 0
    depth = {"si": 0, "t": 0, "rPh": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal size
        if name in depth:
            depth[name] += 1
        if name == "si":
            parts.clear()
            size = 0

    def end(name: str) -> None:
        if name in depth:
            depth[name] -= 1
        if name == "si":
            text = "".join(parts)
            value = check_text(text) if size <= MAX_CELL else too_long(size, text)
            out.append(value or "")

    def text(data: str) -> None:
        nonlocal size
        if depth["t"] and not depth["rPh"]:  # phonetic hints are not the text
            size += len(data)
            if size <= MAX_CELL + 1:
                parts.append(data)

    try:
        for _ in parse_xml(archive, member, start, end, text):
            pass
    except XmlDamage as exc:
        raise UnreadableFileError.said(
            "{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). "
            "{advice}",
            name=archive.name,
            reason=str(exc),
            line=exc.line,
            advice=SAVE_AS_LONG,
        ) from exc
    return out


def _formats(archive: Archive, member: str) -> list[str]:
    from openpyxl.styles.numbers import (  # only when a workbook is read
        BUILTIN_FORMATS,
        is_date_format,
        is_timedelta_format,
    )

    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[str] = []
    inside = {"cellXfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt" and attrs.get("numFmtId", "").isdigit():
            codes[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            inside["cellXfs"] = True
        elif name == "xf" and inside["cellXfs"]:
            number = attrs.get("numFmtId", "0")
            code = codes.get(int(number), "") if number.isdigit() else ""
            kind = "duration" if is_timedelta_format(code) else ""
            styles.append(kind or ("date" if is_date_format(code) else ""))

    def end(name: str) -> None:
        if name == "cellXfs":
            inside["cellXfs"] = False

    parse_all(archive, member, start, end)
    return styles


def open_workbook(archive: Archive) -> Workbook:
    """The sheets, shared strings and date styles of the workbook in `archive`."""
    book = Workbook()
    listed: list[tuple[str, str, bool]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            state = attrs.get("state", "visible")
            listed.append((attrs.get("name", "?"), rid, state == "visible"))
        elif name == "workbookPr":
            book.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")

    parse_all(archive, WORKBOOK, start)
    rels = relationships(archive, WORKBOOK)
    for title, rid, visible in listed:
        kind, member = rels.get(rid, ("", ""))
        if kind == "worksheet":
            book.sheets.append(_SheetEntry(title, member, visible))
        elif not kind:
            raise UnreadableFileError.said(
                "{name} is damaged: the sheet '{sheet}' is listed but not where to find it. "
                "{advice}",
                name=archive.name,
                sheet=shorten(title),
                advice=SAVE_AS_LONG,
            )
    for kind, member in rels.values():
        if kind == "sharedStrings" and archive.has(member):
            book.strings = _shared_strings(archive, member)
        elif kind == "styles" and archive.has(member):
            book.formats = _formats(archive, member)
    return book


# --- cells ---------------------------------------------------------------------------------


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _SheetReader:
    """expat handlers that turn `<row>`/`<c>` elements into (row number, cells)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.done: list[RawRow] = []
        self.row = 0  # the row being read (or last read)
        self.cells: dict[int, Cell | CellProblem] = {}
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.parts: list[str] = []
        self.size = 0
        self.collect = False  # inside <v>, or <t> of an inline string
        self.phonetic = 0
        self.in_cell = False
        self.in_row = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "row":
            given = attrs.get("r", "")
            self.row = int(given) if given.isdigit() and len(given) <= 7 else self.row + 1
            if self.row > MAX_ROW:
                raise SheetDamage(
                    self.row,
                    Phrase("row {row} is beyond Excel's last row", {"row": Count(self.row)}),
                )
            self.cells = {}
            self.column = 0
            self.in_row = True
        elif name == "c":
            found = _COORDINATE.match(attrs.get("r", ""))
            self.column = _column(found.group(1)) if found else self.column + 1
            if self.column > MAX_COLUMNS:
                raise SheetDamage(self.row, Phrase("a cell lies beyond Excel's last column"))
            self.kind = attrs.get("t", "n")
            style = attrs.get("s", "0")
            self.style = int(style) if style.isdigit() and len(style) < 7 else 0
            self.parts.clear()
            self.size = 0
            self.in_cell = True
        elif name == "rPh":
            self.phonetic += 1
        elif self.in_cell and (name == "v" or (name == "t" and self.kind == "inlineStr")):
            self.collect = not self.phonetic

    def end(self, name: str) -> None:
        if name in ("v", "t"):
            self.collect = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c" and self.in_cell:
            self.in_cell = False
            value = self._value("".join(self.parts))
            if value is not None:
                self.cells[self.column] = value
        elif name == "row":
            if self.cells:
                width = max(self.cells)
                self.done.append((self.row, tuple(self.cells.get(i) for i in range(1, width + 1))))
            self.cells = {}
            self.in_row = False

    def text(self, data: str) -> None:
        if self.collect:
            self.size += len(data)
            if self.size <= MAX_CELL + 1:
                self.parts.append(data)

    def _value(self, raw: str) -> Cell | CellProblem:
        if self.size > MAX_CELL:
            return too_long(self.size, raw)
        kind = self.kind
        if kind in ("inlineStr", "str"):
            return check_text(raw)
        if not raw:
            return None
        if kind == "s":
            index = int(raw) if raw.strip().isdigit() and len(raw) < 10 else -1
            if not 0 <= index < len(self.book.strings):
                return CellProblem(
                    Phrase("The cell refers to text the file does not hold: damaged.")
                )
            return self.book.strings[index] or None
        if kind == "e":
            return excel_error(raw.strip())
        if kind == "b":
            return check_value(raw.strip() == "1") if raw.strip() in ("0", "1") else _bad(raw)
        if kind == "d":
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                return _not_a_date(raw)
        return self._number(raw.strip())

    def _number(self, raw: str) -> Cell | CellProblem:
        try:
            number: int | float = int(raw) if _INTEGER.match(raw) else float(raw)
        except ValueError:
            return _bad(raw)
        value = check_value(number)
        if isinstance(value, CellProblem):
            return value
        styles = self.book.formats
        style = styles[self.style] if 0 <= self.style < len(styles) else ""
        return _serial(number, style, self.book.date1904) if style else value


def _bad(raw: str) -> CellProblem:
    shown = shorten(raw)
    return CellProblem(
        Phrase("'{text}' is stored as a number but is none.", {"text": shown}), shown
    )


def _not_a_date(raw: object) -> CellProblem:
    text = shorten(str(raw))
    return CellProblem(
        Phrase("The cell is formatted as a date but {text} is no date.", {"text": text}), text
    )


def _serial(number: float, style: str, date1904: bool) -> Cell | CellProblem:
    """An Excel date serial number (or duration) as Python's date, time or timedelta."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel

    epoch = CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH
    try:
        value = from_excel(number, epoch, timedelta=style == "duration")
    except (OverflowError, ValueError):
        return _not_a_date(number)
    if isinstance(value, datetime) and value.year < 1900 and not date1904:
        return _not_a_date(number)  # before 1900 Excel has no dates, only numbers
    return check_value(value)


def sheet_rows(archive: Archive, book: Workbook, member: str) -> Iterator[RawRow]:
    """(row number, cells) of each row of the worksheet `member` that has a value.

    Raises:
        SheetDamage: the sheet breaks off or is garbled; the rows before were yielded.
        UnreadableFileError: the sheet is missing, holds a DTD or is too large unpacked.
    """
    reader = _SheetReader(book)
    try:
        for _ in parse_xml(archive, member, reader.start, reader.end, reader.text):
            yield from reader.done
            reader.done.clear()
    except XmlDamage as exc:
        yield from reader.done
        row = reader.row if reader.in_row else reader.row + 1
        raise SheetDamage(row, Phrase("{reason}", {"reason": str(exc)})) from exc  # expat's words
    except SheetDamage:
        yield from reader.done
        raise
