"""Rows streamed as sheet XML: read back by openpyxl as the values, types and formats written."""

from __future__ import annotations

import enum
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from vipdesk.documents.report_sheets import table_sheet
from vipdesk.documents.spreadsheets import DATE_FORMAT, ONE_DECIMAL
from vipdesk.documents.streamed_rows import STEP_ROWS, stream_rows, streamed_sheets
from vipdesk.documents.workbook_files import discard, new_workbook, save_workbook


class Colour(enum.Enum):
    RED = "red"


def test_values_come_back_with_their_types_and_formats(tmp_path: Path) -> None:
    wb = new_workbook("Test", "streamed rows")
    ws = table_sheet(wb, "Costs & grants <2026>", ["Text", "Day", "Number", "Other"], [10] * 4, 3)
    stream_rows(
        ws,
        [None, DATE_FORMAT, ONE_DECIMAL, None],
        [
            ["Łukasz Żółć & <Söhne>", date(2026, 12, 4), 12.25, True],
            ["=SUM(A1:A9)", datetime(2026, 1, 2, 12, 0), 7, Decimal("1.50")],
            ["  two spaces\tand a tab\x07 ", None, float("nan"), Colour.RED],
        ],
    )
    path = tmp_path / "t.xlsx"
    save_workbook(wb, path)

    ws = load_workbook(path)["Costs & grants <2026>"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1)]
    assert rows[0] == ["Text", "Day", "Number", "Other"]  # openpyxl's header, kept
    assert rows[1] == ["Łukasz Żółć & <Söhne>", datetime(2026, 12, 4), 12.25, True]
    assert rows[2] == ["=SUM(A1:A9)", datetime(2026, 1, 2, 12), 7, 1.5]
    assert rows[3] == ["  two spaces\tand a tab ", None, None, "Colour.RED"]
    formula = ws["A3"]
    assert formula.data_type == "s" and formula.quotePrefix  # text, and text when edited
    assert ws["B2"].number_format == DATE_FORMAT and ws["C3"].number_format == ONE_DECIMAL
    assert ws["A2"].number_format == "General"


def test_the_sheet_part_is_well_formed_and_holds_every_row(tmp_path: Path) -> None:
    wb = new_workbook("Test", "streamed rows")
    first = table_sheet(wb, "First", ["N"], [6], 1)
    stream_rows(first, [None], [[1]])
    ws = table_sheet(wb, "Second", ["N", "Square"], [6, 8], 1200)
    steps: list[int] = []
    stream_rows(ws, [None, None], ([n, n * n] for n in range(1200)), steps.append)
    path = tmp_path / "t.xlsx"
    save_workbook(wb, path)

    assert steps == [STEP_ROWS, STEP_ROWS, 200]
    with zipfile.ZipFile(path) as saved:
        parts = {n: saved.read(n) for n in saved.namelist() if n.startswith("xl/worksheets/")}
    sheets = [ElementTree.fromstring(data) for data in parts.values()]  # raises if malformed
    assert sorted(len(s.findall(".//{*}row")) for s in sheets) == [2, 1201]
    book = load_workbook(path, read_only=True)
    assert [r for r in book["Second"].iter_rows(min_row=1201, values_only=True)] == [
        (1199, 1199 * 1199)
    ]
    assert book["First"]["A2"].value == 1
    assert streamed_sheets(wb) == {}  # their temporary files closed


def test_a_discarded_workbook_closes_its_streamed_rows() -> None:
    wb = new_workbook("Test", "streamed rows")
    ws = table_sheet(wb, "Rows", ["N"], [6], 3)
    stream_rows(ws, [None], [[1], [2], [3]])
    spool = streamed_sheets(wb)["Rows"]
    discard(wb)
    assert spool.closed and streamed_sheets(wb) == {}


def test_a_row_longer_than_the_columns_is_a_mistake_not_a_silent_cut() -> None:
    wb = new_workbook("Test", "streamed rows")
    ws = table_sheet(wb, "Rows", ["N"], [6], 1)
    with pytest.raises(ValueError):
        stream_rows(ws, [None], [[1, 2]])
    discard(wb)
