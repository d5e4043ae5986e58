"""Reading what people send: workbooks, CSV in its common flavours, and what is not a sheet."""

from __future__ import annotations

import os
import re
import threading
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers.hostile_sheets import workbook
from vipdesk.services.importing.files import CellProblem, Sheet, UnreadableFileError, read_sheet


def test_a_workbook_keeps_types_and_row_numbers(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "s.xlsx",
        (),  # an empty first row: the header is the first row with something in it
        ("Given name", "Born", "Number"),
        ("Anna", datetime(2003, 5, 17), 12345),
        (None, None, None),
        ("  Bob  ", None, 7.0),
    )
    sheet = read_sheet(path)
    assert sheet.headers == ("Given name", "Born", "Number")
    assert sheet.header_row == 2
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (3, ("Anna", datetime(2003, 5, 17), 12345)),
        (5, ("Bob", None, 7.0)),
    ]


def test_a_named_sheet_is_preferred(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(("About",))
    wb.create_sheet("Students").append(("E-mail",))
    wb.save(tmp_path / "two.xlsx")
    sheet = read_sheet(tmp_path / "two.xlsx", prefer=("students",))
    assert sheet.headers == ("E-mail",)
    assert "sheet 'Students'" in sheet.name


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        ("\ufeffGiven name;Surname;E-mail\nŁukasz;Żółć;l@uni.example\n", ";"),
        ("Given name,Surname,E-mail\r\nŁukasz,Żółć,l@uni.example\r\n", ","),
        ("Given name\tSurname\tE-mail\nŁukasz\tŻółć\tl@uni.example\n", "\t"),
    ],
)
def test_csv_with_or_without_bom_and_any_common_separator(
    tmp_path: Path, data: str, delimiter: str
) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(data.encode("utf-8"))
    sheet = read_sheet(path)
    assert sheet.headers == ("Given name", "Surname", "E-mail")
    assert sheet.rows[0].cells == ("Łukasz", "Żółć", "l@uni.example")
    assert sheet.rows[0].number == 2


def test_csv_with_quoted_separators_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('Name;Note\n"Acme; Ltd";"two\nlines"\nBeta;x\n', encoding="utf-8")
    sheet = read_sheet(path)
    assert [r.cells for r in sheet.rows] == [("Acme; Ltd", "two\nlines"), ("Beta", "x")]
    assert [r.number for r in sheet.rows] == [2, 3]  # records, as a spreadsheet shows them


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "agreement.xlsx", "is a PDF document"),
        (bytes(range(256)) * 8, "random.xlsx", "binary file"),
        (b"PK\x03\x04garbage that is no zip", "broken.xlsx", "damaged or unknown archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "Excel 97-2003"),
        (b"", "empty.csv", "is empty"),
        (b"\n\n  \n", "blank.csv", "is empty"),
        ("Name\nGöran\n".encode("cp1252"), "latin.csv", "not UTF-8 text (line 2)"),
        ("Name\n".encode("utf-16"), "unicode.txt", "UTF-16"),
    ],
)
def test_what_is_not_a_readable_sheet_says_what_it_is(
    tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=re.escape(message)) as caught:
        read_sheet(path)
    assert "\n" not in str(caught.value)


def test_an_xlsx_without_rows_is_empty(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="is empty"):
        read_sheet(workbook(tmp_path / "e.xlsx"))


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="There is no file"):
        read_sheet(tmp_path / "gone.csv")


# --- hostile and damaged workbooks ----------------------------------------------------------


def cells(sheet: Sheet) -> list[tuple[object, ...]]:
    return [row.cells for row in sheet.rows]


def _date_style(xml: bytes) -> bytes:
    """A second cell style, formatted as a date (numFmtId 14)."""
    start = xml.index(b"<cellXfs")
    end = xml.index(b"</cellXfs>")
    styles = xml[start:end].replace(b'count="1"', b'count="2"')
    return xml[:start] + styles + b'<xf numFmtId="14" applyNumberFormat="1"/>' + xml[end:]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "students.csv"
    os.mkfifo(pipe)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            read_sheet(pipe)
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # today's code waits for a writer: give it one, then fail
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a named pipe waited for a writer")
    (error,) = outcome
    assert isinstance(error, UnreadableFileError)
    assert "is a named pipe, not an ordinary file" in str(error)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(UnreadableFileError, match="is a device, not an ordinary file"):
        read_sheet(Path("/dev/null"))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="is a folder"):
        read_sheet(tmp_path)


# --- hostile CSV ----------------------------------------------------------------------------


def test_csv_error_values_control_characters_and_long_cells_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    long = "z" * 33_000
    padding = "".join(f"Person {n};fine\n" for n in range(500))  # NUL beyond where a binary shows
    path.write_text(f"Name;Note\n#N/A;ok\n{padding}An\x00na;{long}\nBob;=1+1\n", "utf-8")
    sheet = read_sheet(path)
    (na, ok), *_, (nul, too_long), (bob, formula) = cells(sheet)
    assert isinstance(na, CellProblem) and ok == "ok"
    assert isinstance(nul, CellProblem) and "U+0000" in nul.message
    assert isinstance(too_long, CellProblem) and "33,000 characters" in too_long.message
    assert (bob, formula) == ("Bob", "=1+1")  # text, stored and shown as text, never run


def test_csv_rows_longer_than_the_header_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name;E-mail\nAnna;a@x.example\nNowak; Anna;a@x.example\nBob\n", "utf-8")
    sheet = read_sheet(path)
    assert [str(p) for p in sheet.problems] == [
        "row 3: The row has 3 values but the header only 2 columns: a value that holds the "
        "separator (semicolon) needs quotes around it."
    ]
    assert [row.number for row in sheet.rows] == [2, 3, 4]
