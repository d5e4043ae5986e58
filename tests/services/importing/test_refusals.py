"""Hostile and unlucky files through the whole import: each refusal is listed at its row and
column, nothing escapes as an exception, and no table changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.hostile_sheets import SHEET, rewrite, row_counts, student_workbook
from tests.helpers.sheet_world import add_parties
from vipdesk.db import Database
from vipdesk.models import Student
from vipdesk.services.importing.plan import (
    ImportPlan,
    ImportRejectedError,
    import_file,
    plan_import,
    run_import,
)

PLACEMENTS = (
    "Student number,Host,Country code,Institution,Mode,Title,Start date,End date,Hours per week,"
    "Credits\nS0001,Nordlicht Analytics GmbH,AT,KU Leuven,virtual,Field study,01.03.2028,"
    "31.03.2028,{hours},{credits}\n"
)


def refused(db: Database, kind: str, path: Path) -> ImportPlan:
    """The plan of a file that must be refused; the tables are as they were."""
    before = row_counts(db)
    plan = plan_import(db, kind, path)
    assert not plan.ok
    with pytest.raises(ImportRejectedError):
        run_import(db, plan)
    assert row_counts(db) == before
    return plan


def messages(plan: ImportPlan) -> list[str]:
    return [str(p) for p in plan.problems]


@pytest.mark.parametrize(
    "credits",
    ["NaN", "Infinity", "-Infinity", "sNaN", "inf", "1e100000", "7" * 5_000, "1E-400"],
)
def test_credits_that_are_no_usable_number(db: Database, tmp_path: Path, credits: str) -> None:
    add_parties(db)
    path = tmp_path / "p.csv"
    path.write_text(PLACEMENTS.format(hours=20, credits=credits), encoding="utf-8")
    (message,) = messages(refused(db, "placements", path))
    assert message.startswith("row 2, Credits: '")
    assert message.endswith("is not a number vipdesk can use.")


@pytest.mark.parametrize("hours", ["9" * 5000, "99999999999", "NaN"])
def test_hours_that_are_no_usable_number(db: Database, tmp_path: Path, hours: str) -> None:
    add_parties(db)
    path = tmp_path / "p.csv"
    path.write_text(PLACEMENTS.format(hours=hours, credits=5), encoding="utf-8")
    (message,) = messages(refused(db, "placements", path))
    assert message.startswith("row 2, Hours per week: '")


@pytest.mark.parametrize("size", ["²", "9" * 400])
def test_an_organisation_size_that_is_no_number(db: Database, tmp_path: Path, size: str) -> None:
    path = tmp_path / "o.csv"
    path.write_text(f"Name,Country,Size\nAcme,DE,{size}\n", encoding="utf-8")
    (message,) = messages(refused(db, "organisations", path))
    assert message.startswith("row 2, Size: ")


def test_a_duration_in_a_date_column(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = student_workbook(
        tmp_path / "s.xlsx",
        ("Mia", "Koch", "mia@uni.example", "S9", timedelta(days=2), "KU Leuven"),
        formats={"E2": "[h]:mm:ss"},
    )
    assert messages(refused(db, "students", path)) == [
        "row 2, Date of birth: '2 days, 0:00:00' is a duration, not a date: format the cell as "
        "a date."
    ]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_excel_errors_never_become_names(db: Database, tmp_path: Path, suffix: str) -> None:
    add_parties(db)
    row = ("#N/A", "#REF!", "mia@uni.example", "S9", None, "KU Leuven")
    if suffix == "xlsx":
        path = student_workbook(tmp_path / "s.xlsx", row)
    else:
        path = tmp_path / "s.csv"
        header = "Given name,Family name,E-mail,Student number,Date of birth,Institution\n"
        path.write_text(header + ",".join(v or "" for v in row) + "\n", encoding="utf-8")
    plan = refused(db, "students", path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Given name"), (2, "Family name")]
    assert "#N/A is an error shown by the spreadsheet" in plan.problems[0].message
    assert plan.rows[0].shown["Given name"] == "#N/A"


def test_a_nul_or_control_character_in_a_csv(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    header = "Given name,Family name,E-mail,Student number,Institution\n"
    padding = "".join(f"P{n},Q,p{n}@uni.example,N{n},KU Leuven\n" for n in range(200))
    path = tmp_path / "s.csv"
    path.write_text(header + padding + "Mi\x00a,Ko\x07ch,mia@uni.example,S9,KU Leuven\n", "utf-8")
    plan = refused(any_db, "students", path)
    assert [(p.row, p.column) for p in plan.problems] == [(202, "Given name"), (202, "Family name")]
    assert "U+0000" in plan.problems[0].message and "U+0007" in plan.problems[1].message


def test_a_csv_row_shifted_by_an_unquoted_separator(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = tmp_path / "s.csv"
    path.write_text(
        "Given name;Family name;E-mail;Institution\n"
        "Mia;Koch;mia@uni.example;KU Leuven\n"
        "Jan;van; der Berg;jan@uni.example;KU Leuven\n",
        encoding="utf-8",
    )
    problems = messages(refused(db, "students", path))
    assert problems[-1].startswith("row 3: The row has 5 values but the header only 4 columns")


def test_a_workbook_cut_off_lists_where_and_imports_nothing(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    rows = [(f"P{n}", "Q", f"p{n}@uni.example", f"N{n}", None, "KU Leuven") for n in range(30)]
    path = student_workbook(tmp_path / "cut.xlsx", *rows)
    rewrite(path, SHEET, lambda xml: xml[: xml.index(b'<row r="12"') + 40])
    plan = refused(db, "students", path)
    (problem,) = plan.problems
    assert (problem.row, problem.column) == (12, "")
    assert "The file is damaged here" in problem.message
    assert plan.new == 10  # the rows before are shown, but not imported


def test_an_over_long_cell_is_listed(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = student_workbook(
        tmp_path / "s.xlsx", ("Mia", "Koch", "mia@uni.example", "S" * 100, None, "KU Leuven")
    )
    rewrite(path, SHEET, lambda xml: xml.replace(b"S" * 100, b"S" * 40_000))
    (message,) = messages(refused(db, "students", path))
    assert message == (
        "row 2, Student number: The cell holds 40,000 characters; a cell holds at most 32,767."
    )


def test_text_that_looks_like_a_formula_is_kept_as_text(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = tmp_path / "s.csv"
    path.write_text(
        "Given name,Family name,E-mail,Institution\n"
        '"=HYPERLINK(""http://evil.example"")",@SUM(A1),mia@uni.example,KU Leuven\n',
        encoding="utf-8",
    )
    assert import_file(db, "students", path).created == 1
    with db.session() as s:
        mia = s.scalars(select(Student).where(Student.email == "mia@uni.example")).one()
        assert (mia.given_name, mia.family_name) == (
            '=HYPERLINK("http://evil.example")',
            "@SUM(A1)",
        )


def test_a_problem_is_one_line_of_readable_length(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        f'Name,Country,Time zone\nAcme,"Ger\nmany",Europe/Berlin\nBeta,{"x" * 30_000},UTC\n',
        encoding="utf-8",
    )
    problems = refused(db, "organisations", path).problems
    assert [p.message[:30] for p in problems] == [
        "'Ger many' is not a country: w",
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ]
    assert all("\n" not in str(p) and len(p.message) < 120 for p in problems)
