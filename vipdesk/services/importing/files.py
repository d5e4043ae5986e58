"""Reading the rows of a spreadsheet someone sends: .xlsx (Excel, LibreOffice) or .csv.

What a file is is decided by its content, not its name: a PDF or a damaged file renamed .xlsx
gets a message that says so. CSV is UTF-8 with or without a byte order mark, separated by
commas, semicolons (Excel in most of Europe) or tabs. Only ordinary files are opened (a named
pipe would wait forever, a device never end), and none larger than `MAX_FILE_SIZE`.

A file that is not a spreadsheet raises `UnreadableFileError`. Inside one that is, what cannot
be read is listed, never raised: a cell as a `CellProblem` in its row, a sheet that breaks off
as a problem at the row where it does (`Sheet.problems`).
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vipdesk.phrase import Count, Phrase
from vipdesk.services.importing.archive import (
    MB,
    SAVE_AS,
    SAVE_AS_LONG,
    Archive,
    UnreadableFileError,
    size_text,
)
from vipdesk.services.importing.cells import Cell, CellProblem, ImportProblem, check_text
from vipdesk.services.importing.workbook import (
    WORKBOOK,
    RawRow,
    SheetDamage,
    open_workbook,
    sheet_rows,
)

__all__ = ["Cell", "CellProblem", "Sheet", "SheetRow", "UnreadableFileError", "read_sheet"]

MAX_ROWS = 200_000  # beyond this a file is not a list of records someone keeps by hand
MAX_FILE_SIZE = 256 * MB  # on disk; a 200,000-row CSV is a fifth of this


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it: the header is row 1
    cells: tuple[Cell | CellProblem, ...]


@dataclass(frozen=True)
class Sheet:
    """The header row, the non-empty rows below it, and where the file could not be read."""

    name: str  # the file name, and the worksheet's for a workbook with several
    headers: tuple[str, ...]
    header_row: int
    rows: tuple[SheetRow, ...]
    problems: tuple[ImportProblem, ...] = ()


def read_sheet(path: Path, prefer: tuple[str, ...] = ()) -> Sheet:
    """The first worksheet (or one named as in `prefer`) of an .xlsx, or the rows of a CSV.

    Raises:
        UnreadableFileError: empty, missing, not an ordinary file, not a spreadsheet, damaged
            beyond its rows, too large, or not UTF-8.
    """
    path = Path(path)
    name = path.name
    data = _read_bytes(path)
    if not data.strip():
        raise UnreadableFileError.said("{name} is empty: there is nothing to import.", name=name)
    if data.startswith(b"PK\x03\x04"):
        archive = Archive(data, name)
        try:
            return _read_xlsx(archive, prefer)
        finally:
            archive.close()
    instead = _sniff(data, name)
    if instead is None:
        return _read_csv(data, name)
    raise UnreadableFileError.saying(instead)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is an ordinary file of a sensible size; checked before opening,
    and again once open, in case the name was pointed elsewhere meanwhile."""
    name = path.name
    try:
        info = os.stat(path)
        _check_kind(info, name)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as stream:
            _check_kind(os.fstat(stream.fileno()), name)
            data = _read_at_most(stream, MAX_FILE_SIZE + 1)  # the file may grow meanwhile
    except FileNotFoundError as exc:
        raise UnreadableFileError.said("There is no file {path}.", path=str(path)) from exc
    except OSError as exc:
        raise UnreadableFileError.said(
            "Cannot read {name}: {reason}.", name=name, reason=str(exc.strerror or exc)
        ) from exc
    if len(data) > MAX_FILE_SIZE:
        raise _too_large(name, len(data))
    return data


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := stream.read(min(MB, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _check_kind(info: os.stat_result, name: str) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableFileError.said(
            "{name} is a folder, not a file: choose a file in it.", name=name
        )
    if stat.S_ISFIFO(mode):
        raise UnreadableFileError.said(
            "{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on "
            "disk.",
            name=name,
        )
    if stat.S_ISSOCK(mode):
        raise UnreadableFileError.said(
            "{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk.",
            name=name,
        )
    if not stat.S_ISREG(mode):
        raise UnreadableFileError.said(
            "{name} is a device, not an ordinary file: vipdesk imports only files saved on disk.",
            name=name,
        )
    if info.st_size > MAX_FILE_SIZE:
        raise _too_large(name, info.st_size)


def _too_large(name: str, size: int) -> UnreadableFileError:
    return UnreadableFileError.said(
        "{name} is larger than {most} ({size}); import it in parts.",
        name=name,
        most=size_text(MAX_FILE_SIZE),
        size=size_text(size),
    )


def _sniff(data: bytes, name: str) -> Phrase | None:
    """None for text, else what the file is instead, as the problem to show."""
    said = {"name": name, "advice": SAVE_AS}
    if data.startswith(b"%PDF"):
        return Phrase("{name} is a PDF document, not a spreadsheet: {advice}", said)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return Phrase(
            "{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: "
            "{advice}",
            said,
        )
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return Phrase("{name} is an image, not a spreadsheet: {advice}", said)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Phrase(
            "{name} is text in UTF-16 (Excel's 'Unicode Text'), not a spreadsheet: {advice}",
            said,
        )
    if b"\x00" in data[:4096]:
        return Phrase("{name} is a binary file, not a spreadsheet: {advice}", said)
    return None


def _archive_kind(archive: Archive) -> Phrase:
    """What a ZIP archive without a workbook is, as the problem to show."""
    said = {"name": archive.name, "advice": SAVE_AS}
    if b"opendocument.spreadsheet" in archive.head("mimetype", 100):
        return Phrase(
            "{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}", said
        )
    if "word/document.xml" in archive.names():
        return Phrase("{name} is a Word document, not a spreadsheet: {advice}", said)
    return Phrase("{name} is a ZIP archive, not a spreadsheet: {advice}", said)


def _sheet(name: str, raw_rows: Iterable[RawRow], delimiter: str = "") -> Sheet:
    """Header and rows from (number, cells); `delimiter` given (CSV): rows must fit the header.

    Raises:
        UnreadableFileError: no header, or more than `MAX_ROWS` rows.
    """
    headers: tuple[str, ...] | None = None
    header_row = 0
    rows: list[SheetRow] = []
    problems: list[ImportProblem] = []
    try:
        for number, cells in raw_rows:
            if not any(value is not None for value in cells):
                continue  # blank rows are not records
            if headers is None:
                headers = tuple(_header(value) for value in cells)
                while headers and not headers[-1]:
                    headers = headers[:-1]
                header_row = number
                continue
            if delimiter and any(value is not None for value in cells[len(headers) :]):
                problems.append(_ragged(number, cells, len(headers), delimiter))
            rows.append(SheetRow(number, cells))
            if len(rows) > MAX_ROWS:
                raise UnreadableFileError.said(
                    "{name} has more than {most} rows; import it in parts.",
                    name=name,
                    most=Count(MAX_ROWS),
                )
    except SheetDamage as exc:
        if headers is None:
            raise UnreadableFileError.said(
                "{name} is damaged: its sheet cannot be read ({reason}). {advice}",
                name=name,
                reason=exc.reason,
                advice=SAVE_AS_LONG,
            ) from exc
        problems.append(
            ImportProblem.said(
                exc.row,
                "",
                "The file is damaged here ({reason}): nothing from this row on can be read. "
                "{advice}",
                reason=exc.reason,
                advice=SAVE_AS_LONG,
            )
        )
    if headers is None:
        raise UnreadableFileError.said("{name} is empty: there is nothing to import.", name=name)
    return Sheet(name, headers, header_row, tuple(rows), tuple(problems))


def _header(value: Cell | CellProblem) -> str:
    if isinstance(value, CellProblem):
        return value.shown or "?"
    return "" if value is None else str(value)


def _ragged(number: int, cells: tuple[object, ...], width: int, delimiter: str) -> ImportProblem:
    last = max(i for i, value in enumerate(cells) if value is not None) + 1
    if delimiter == "\t":
        return ImportProblem.said(
            number,
            "",
            "The row has {last} values but the header only {width} columns: a value that holds "
            "the separator (tab) needs quotes around it.",
            last=last,
            width=width,
        )
    if delimiter == ";":
        return ImportProblem.said(
            number,
            "",
            "The row has {last} values but the header only {width} columns: a value that holds "
            "the separator (semicolon) needs quotes around it.",
            last=last,
            width=width,
        )
    return ImportProblem.said(
        number,
        "",
        "The row has {last} values but the header only {width} columns: a value that holds "
        "the separator (comma) needs quotes around it.",
        last=last,
        width=width,
    )


def _read_xlsx(archive: Archive, prefer: tuple[str, ...]) -> Sheet:
    name = archive.name
    if not archive.has(WORKBOOK):
        raise UnreadableFileError.saying(_archive_kind(archive))
    book = open_workbook(archive)
    if not book.sheets:
        raise UnreadableFileError.said(
            "{name} has no worksheet: there is nothing to import.", name=name
        )
    wanted = {p.casefold() for p in prefer}
    visible = [entry for entry in book.sheets if entry.visible] or book.sheets
    entry = next((e for e in visible if e.title.casefold() in wanted), visible[0])
    label = name if len(book.sheets) == 1 else f"{name}, sheet '{entry.title}'"
    return _sheet(label, sheet_rows(archive, book, entry.member))


def _read_csv(data: bytes, name: str) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError.said(
            "{name} is not UTF-8 text (line {line}): in Excel choose 'CSV UTF-8 (comma "
            "delimited)' when saving, or save as .xlsx.",
            name=name,
            line=line,
        ) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = (
        (number, tuple(check_text(value) for value in values))
        for number, values in enumerate(reader, start=1)
    )
    try:
        return _sheet(name, rows, delimiter)
    except csv.Error as exc:
        raise UnreadableFileError.said(
            "{name} is not a readable CSV file (line {line}): {reason}.",
            name=name,
            line=reader.line_num,
            reason=str(exc),
        ) from exc
