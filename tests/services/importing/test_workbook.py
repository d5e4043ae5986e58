"""Reading a workbook's sheet as a stream: what a damaged or incomplete workbook gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.hostile_sheets import (
    SHEET,
    rewrite,
    workbook,
)
from vipdesk.services.importing.files import UnreadableFileError, read_sheet


def test_a_sheet_cut_off_reads_the_rows_before_and_lists_where(tmp_path: Path) -> None:
    rows = [("Name", "Number"), *((f"Person {n}", n) for n in range(1, 40))]
    path = workbook(tmp_path / "cut.xlsx", *rows)
    rewrite(path, SHEET, lambda xml: xml[: xml.index(b'<row r="21"') + 30])
    sheet = read_sheet(path)
    assert len(sheet.rows) == 19  # rows 2 to 20
    (problem,) = sheet.problems
    assert problem.row == 21
    assert "damaged" in problem.message and "\n" not in problem.message


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (SHEET, "the part xl/worksheets/sheet1.xml is missing"),
        ("xl/workbook.xml", "is a ZIP archive, not a spreadsheet"),
    ],
)
def test_a_workbook_without_a_part(tmp_path: Path, member: str, message: str) -> None:
    path = rewrite(workbook(tmp_path / "m.xlsx", ("Name",), ("Anna",)), member, None)
    with pytest.raises(UnreadableFileError, match=re.escape(message)):
        read_sheet(path)
