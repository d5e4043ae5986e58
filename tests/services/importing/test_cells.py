"""Cells that hold no usable value: each one a problem at its row and column."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.helpers.hostile_sheets import (
    SHEET,
    rewrite,
    shared_strings,
    workbook,
)
from vipdesk.services.importing.files import CellProblem, read_sheet


def _date_style(xml: bytes) -> bytes:
    """A second cell style, formatted as a date (numFmtId 14)."""
    start = xml.index(b"<cellXfs")
    end = xml.index(b"</cellXfs>")
    styles = xml[start:end].replace(b'count="1"', b'count="2"')
    return xml[:start] + styles + b'<xf numFmtId="14" applyNumberFormat="1"/>' + xml[end:]


def test_excel_error_cells_are_problems_not_values(tmp_path: Path) -> None:
    path = workbook(tmp_path / "e.xlsx", ("Name", "Born"), ("#N/A", "#REF!"), ("Anna", "#DIV/0!"))
    sheet = read_sheet(path)
    first = sheet.rows[0].cells[0]
    assert isinstance(first, CellProblem)
    assert first.shown == "#N/A" and "error" in first.message
    assert isinstance(sheet.rows[1].cells[1], CellProblem)
    assert sheet.rows[1].cells[0] == "Anna"


@pytest.mark.parametrize("value", ["NaN", "INF", "-inf", "Infinity", "1e999", "abc", "1,5"])
def test_a_number_cell_holding_no_finite_number_is_a_problem(tmp_path: Path, value: str) -> None:
    path = rewrite(
        workbook(tmp_path / "n.xlsx", ("Name", "Credits"), ("Anna", 12345.678)),
        SHEET,
        lambda xml: xml.replace(b"<v>12345.678</v>", f"<v>{value}</v>".encode()),
    )
    sheet = read_sheet(path)
    assert sheet.rows[0].cells[0] == "Anna"
    problem = sheet.rows[0].cells[1]
    assert isinstance(problem, CellProblem), problem


def test_an_impossible_date_in_a_date_cell_is_a_problem(tmp_path: Path) -> None:
    path = rewrite(
        workbook(tmp_path / "d.xlsx", ("Name", "Born"), ("Anna", 1), ("Bob", 2)),
        SHEET,
        lambda xml: (
            xml.replace(b'<c r="B2" t="n"><v>1</v>', b'<c r="B2" t="d"><v>2027-02-31</v>')
            .replace(b"<v>2</v>", b"<v>99999999</v>")
            .replace(b'<c r="B3" t="n"', b'<c r="B3" t="n" s="1"')
        ),
    )
    rewrite(path, "xl/styles.xml", _date_style)
    sheet = read_sheet(path)
    born = [row.cells[1] for row in sheet.rows]
    assert all(isinstance(value, CellProblem) for value in born), born
    assert "no date" in born[0].message  # type: ignore[union-attr]


def test_a_duration_cell_stays_a_duration(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "t.xlsx",
        ("Name", "Born"),
        ("Anna", timedelta(days=1, hours=12)),
        formats={"B2": "[h]:mm:ss"},
    )
    assert read_sheet(path).rows[0].cells[1] == timedelta(days=1, hours=12)


def test_an_over_long_cell_is_a_problem(tmp_path: Path) -> None:
    path = workbook(tmp_path / "long.xlsx", ("Name", "Notes"), ("Anna", "x" * 32_000))
    rewrite(path, SHEET, lambda xml: xml.replace(b"x" * 32_000, b"y" * 40_000))
    problem = read_sheet(path).rows[0].cells[1]
    assert isinstance(problem, CellProblem)
    assert "40,000 characters" in problem.message
    rewrite(shared_strings(path), "xl/sharedStrings.xml", lambda xml: xml + b"")
    shared = read_sheet(path).rows[0].cells[1]
    assert isinstance(shared, CellProblem)
    assert "40,000 characters" in shared.message
