"""Detail rows written straight as sheet XML, and put into the workbook when it is saved.

openpyxl's write-only sheets build an object and an XML element for every cell: 3 million cells
(the readiness report of 100,000 placements) take 17 s that way, 2 s as text written here. The
sheet itself (widths, frozen header, filter, print setup, the header row) is still openpyxl's:
`stream_rows` writes the rows under its header into an anonymous temporary file, and
`save_workbook` (`spreadsheets`) puts them into the sheet's part of the saved file
(`splice_rows`). The cells are those openpyxl writes: inline strings, numbers, dates as day
numbers with their column's number format, booleans.
"""

from __future__ import annotations

import io
import math
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from vipdesk.documents.spreadsheets import EXCEL_DAY_ZERO, FORMULA_STARTS, clean_text

STEP_ROWS = 500  # rows between calls of `step`, and between writes to the file
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SHEET_END = b"</sheetData>"
_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pkg": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def streamed_sheets(wb: Any) -> dict[str, IO[bytes]]:
    """The rows written for `wb`'s sheets so far, by sheet title (empty for other workbooks)."""
    found: dict[str, IO[bytes]] | None = getattr(wb, "streamed_rows", None)
    return {} if found is None else found


def _style_id(ws: Any, **style: Any) -> str:
    """The ` s="n"` attribute of a cell with `style` (number_format, quotePrefix…) in `ws`'s
    workbook: the index openpyxl gives the same style when it writes its styles part."""
    if not style:
        return ""
    cell = WriteOnlyCell(ws)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return f' s="{cell.style_id}"'


def _text(value: str) -> str:
    """Text as the content of an inline string: cleaned, escaped, spaces kept at its ends."""
    if not value.isprintable():
        value = clean_text(value)
    if "&" in value or "<" in value or ">" in value:
        value = escape(value)
    if value[:1].isspace() or value[-1:].isspace():
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


def _cell(ref: str, style: str, quoted: str, value: Any) -> str:
    """One cell's XML (or "" for an empty cell); `quoted` is the style of text that would be a
    formula, kept text when someone edits it (see `spreadsheets.text_cell`)."""
    kind = type(value)
    if kind is str:
        if not value:
            return ""
        if value.startswith(FORMULA_STARTS):
            style = quoted
        return f'<c r="{ref}"{style} t="inlineStr">{_text(value)}</c>'
    if kind is int:
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    if kind is float:
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>' if math.isfinite(value) else ""
    if kind is bool:
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if kind is datetime:
        days = (value.replace(tzinfo=None) - _EXCEL_EPOCH).total_seconds() / 86400
        return f'<c r="{ref}"{style}><v>{days!r}</v></c>'
    if kind is date:
        return f'<c r="{ref}"{style}><v>{value.toordinal() - EXCEL_DAY_ZERO}</v></c>'
    if kind is Decimal:
        return f'<c r="{ref}"{style}><v>{value}</v></c>' if value.is_finite() else ""
    if value is None:
        return ""
    return _cell(ref, style, quoted, str(value))  # an enum or the like: its text


def stream_rows(
    ws: Any,
    formats: Sequence[str | None],
    rows: Iterable[Sequence[Any]],
    step: Callable[[int], None] | None = None,
) -> None:
    """Write `rows` under the header of `ws`, a sheet of a `spreadsheets.new_workbook`.

    `formats` gives each column's number format (None: none). The header must be the sheet's
    only row so far, and these the sheet's last. `step(n)` is told every few hundred rows how
    many were written since it was last called.
    """
    styles = [_style_id(ws) if f is None else _style_id(ws, number_format=f) for f in formats]
    quoted = _style_id(ws, quotePrefix=True)
    letters = [get_column_letter(i) for i in range(1, len(formats) + 1)]
    columns = list(zip(letters, styles, strict=True))
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by save_workbook or discard
    ws.parent.streamed_rows[ws.title] = out
    lines: list[str] = []
    number = 1  # the header's
    for values in rows:
        number += 1
        cells = "".join(
            [
                _cell(f"{letter}{number}", style, quoted, value)
                for (letter, style), value in zip(columns, values, strict=True)
            ]
        )
        lines.append(f'<row r="{number}">{cells}</row>')
        if len(lines) == STEP_ROWS:
            out.write("".join(lines).encode())
            lines.clear()
            if step is not None:
                step(STEP_ROWS)
    out.write("".join(lines).encode())
    if step is not None and lines:
        step(len(lines))


def _sheet_parts(source: zipfile.ZipFile) -> dict[str, str]:
    """The part (file in the zip) of each sheet, by title, as the workbook part names them."""
    book = ElementTree.fromstring(source.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(source.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iterfind("pkg:Relationship", _NS)}
    parts = {}
    for sheet in book.iterfind("main:sheets/main:sheet", _NS):
        target = targets[sheet.get(f"{{{_NS['rel']}}}id")]
        parts[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = sheet.get(
            "name", ""
        )
    return {title: part for part, title in parts.items()}


def splice_rows(saved: bytes, streamed: Mapping[str, IO[bytes]]) -> bytes:
    """The workbook `saved` by openpyxl with the `streamed` rows put into their sheets."""
    with zipfile.ZipFile(io.BytesIO(saved)) as source:
        parts = {
            part: streamed[title]
            for title, part in _sheet_parts(source).items()
            if title in streamed
        }
        result = io.BytesIO()
        with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in source.infolist():
                data = source.read(info)
                rows = parts.get(info.filename)
                if rows is None:
                    target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                    continue
                head, end, tail = data.partition(_SHEET_END)
                if not end:  # no row at all was written by openpyxl: <sheetData/>
                    head, end, tail = data.partition(b"<sheetData/>")
                    head, tail = head + b"<sheetData>", _SHEET_END + tail
                else:
                    tail = end + tail
                with target.open(info.filename, "w", force_zip64=True) as sheet:
                    sheet.write(head)
                    rows.seek(0)
                    shutil.copyfileobj(rows, sheet, 1 << 20)
                    sheet.write(tail)
    return result.getvalue()


def close_streamed(wb: Any) -> None:
    """Close (and so delete) the temporary files of `wb`'s streamed rows."""
    for rows in streamed_sheets(wb).values():
        rows.close()
    streamed_sheets(wb).clear()
