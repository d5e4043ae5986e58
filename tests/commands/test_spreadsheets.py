"""`vipdesk report` and `vipdesk import`, run as a user runs them: `python -m vipdesk`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.helpers.cli import vipdesk
from tests.helpers.hostile_sheets import SHEET, rewrite, student_workbook
from tests.helpers.report_world import make_report_world
from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk.db import open_database
from vipdesk.models import Student


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    db = open_database(url)
    add_placements(db, add_parties(db))
    db.dispose()
    return url


def students(url: str) -> int:
    db = open_database(url)
    try:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(Student)) or 0
    finally:
        db.dispose()


def test_report_placements_for_a_year(url: str, tmp_path: Path) -> None:
    out = tmp_path / "2027.xlsx"
    result = vipdesk("--database", url, "report", "placements", "--out", str(out), "--year", "2027")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote the placements report: 3 records to ")
    wb = load_workbook(out)
    refs = [row[0] for row in wb["Placements"].iter_rows(min_row=2, values_only=True)]
    assert refs == ["VIP-2027-00001", "VIP-2027-00002", "VIP-2027-00003"]
    assert any(row == ("Year (planned start)", "2027") for row in wb["Filters"].values)


@pytest.fixture
def world_url(tmp_path: Path) -> str:
    """The spreadsheet world with costs, funding, readiness and tools."""
    url = f"sqlite:///{tmp_path / 'world.sqlite3'}"
    db = open_database(url)
    make_report_world(db)
    db.dispose()
    return url


@pytest.mark.parametrize(
    ("kind", "records", "sheet", "first"),
    [
        ("costs", 3, "Placements", ("VIP-2027-00001", "Amira Haddad")),
        ("funding", 2, "Sources", ("=City of Leuven grant", "Government")),
        ("readiness", 3, "Readiness", ("VIP-2027-00001", "Amira Haddad")),
        ("tools", 3, "Tools", ("VIP-2027-00001", "Amira Haddad")),
    ],
)
def test_every_report_kind_for_a_year(
    world_url: str, tmp_path: Path, kind: str, records: int, sheet: str, first: tuple[str, str]
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    result = vipdesk("--database", world_url, "report", kind, "--out", str(out), "--year", "2027")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote the {kind} report: {records} records to ")
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["Filters", "Summary"]
    assert any(row == ("Year (planned start)", "2027") for row in wb["Filters"].values)
    assert next(wb[sheet].iter_rows(min_row=2, max_col=2, values_only=True)) == first


def test_an_unknown_kind_fails_with_one_line(url: str, tmp_path: Path) -> None:
    result = vipdesk("report", "grants", "--out", str(tmp_path / "f.xlsx"), "--database", url)
    assert result.returncode == 2  # argparse: not one of the choices
    assert "invalid choice: 'grants'" in result.stderr
    assert not (tmp_path / "f.xlsx").exists()


def test_import_then_again(url: str, tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text(
        "Given name;Surname;E-mail;Institution\nAnna;Nowak;anna@uni.example;KU Leuven\n",
        encoding="utf-8-sig",
    )
    first = vipdesk("--database", url, "import", "students", str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Imported 1 student from students.csv")
    again = vipdesk("--database", url, "import", "students", str(path))
    assert again.returncode == 0
    assert "Imported 0 students from students.csv; 1 already existed — skipped" in again.stdout
    assert (
        "row 2: already exists — skipped: a student with this e-mail (Anna Nowak)" in again.stdout
    )
    assert students(url) == 5


def test_a_bad_file_lists_every_problem_and_changes_nothing(url: str, tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text(
        "Given name,Surname,E-mail,Date of birth,Institution\n"
        "Anna,Nowak,anna@uni.example,2003-05-17,KU Leuven\n"
        "Bob,,bob@,31.02.2001,KU Leuven\n"
        "Cleo,Ray,cleo@uni.example,yesterday,KU Leuven\n",
        encoding="utf-8",
    )
    result = vipdesk("--database", url, "import", "students", str(path))
    assert result.returncode == 1
    lines = result.stderr.rstrip("\n").splitlines()
    assert lines[:-1] == [
        "  row 3, Surname: Enter the family name.",
        "  row 3, E-mail: 'bob@' is not an e-mail address; it should look like name@uni.eu.",
        "  row 3, Date of birth: '31.02.2001' is not a date in the calendar.",
        "  row 4, Date of birth: 'yesterday' is not a date: "
        "write 2027-02-01, 01.02.2027 or 01/02/2027.",
    ]
    assert lines[-1] == (
        "vipdesk: Nothing imported: 4 problems in 2 rows of students.csv; "
        "correct the file and import it again."
    )
    assert result.stdout == ""
    assert students(url) == 4


def test_a_file_that_is_no_spreadsheet(url: str, tmp_path: Path) -> None:
    path = tmp_path / "placements.xlsx"
    path.write_bytes(b"%PDF-1.7")
    result = vipdesk("--database", url, "import", "placements", str(path))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is a PDF document, not a spreadsheet" in result.stderr


def test_a_damaged_workbook_lists_where_and_changes_nothing(url: str, tmp_path: Path) -> None:
    rows = [(f"P{n}", "Q", f"p{n}@uni.example", f"N{n}", None, "KU Leuven") for n in range(9)]
    path = student_workbook(
        tmp_path / "cut.xlsx", ("#N/A", "Q", "x@uni.example", "N", None, "KU Leuven"), *rows
    )
    rewrite(path, SHEET, lambda xml: xml[: xml.index(b'<row r="7"') + 40])
    result = vipdesk("--database", url, "import", "students", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("  row 2, Given name: #N/A is an error shown by the spreadsheet")
    assert lines[1].startswith("  row 7: The file is damaged here")
    assert lines[-1].startswith("vipdesk: Nothing imported: 2 problems in 2 rows of cut.xlsx")
    assert students(url) == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_import_file(url: str, tmp_path: Path) -> None:
    pipe = tmp_path / "students.csv"
    os.mkfifo(pipe)
    result = vipdesk("--database", url, "import", "students", str(pipe))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "vipdesk: students.csv is a named pipe, not an ordinary file: vipdesk imports only "
        "files saved on disk."
    ]
