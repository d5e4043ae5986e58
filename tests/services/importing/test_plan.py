"""Imports: every row checked first, all or nothing, existing records skipped, on both databases."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.helpers.sheet_world import add_parties, add_placements, placement_records
from vipdesk.db import Database, open_database
from vipdesk.models import (
    AuditEntry,
    Mode,
    Organisation,
    OrganisationSize,
    Placement,
    Status,
    Student,
)
from vipdesk.phrase import english
from vipdesk.reports.kinds import export_report
from vipdesk.services.importing.files import UnreadableFileError
from vipdesk.services.importing.plan import (
    ImportRejectedError,
    RowState,
    import_file,
    plan_import,
    run_import,
)
from vipdesk.services.jobs import CancelledError


def csv(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def xlsx(path: Path, *rows: tuple[object, ...]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


STUDENTS = (
    "Given name;Surname;Email address;Student ID;Date of birth;Nationality;Institution;Languages\n"
    'Anna;Nowak;Anna.Nowak@uni.example;S100;17.05.2003;PL;KU Leuven;"English C1; German B2"\n'
    "Jonas;Peeters;jonas@uni.example;S101;2002-11-30;Belgium;ku leuven;Dutch native\n"
)


# --- students ------------------------------------------------------------------------------


def test_students_from_csv_with_bom_and_semicolons(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = csv(tmp_path / "students.csv", STUDENTS, bom=True)
    plan = plan_import(any_db, "students", path)
    assert plan.ok, plan.problems
    assert (plan.new, plan.duplicates, plan.invalid) == (2, 0, 0)
    assert english(plan.rows[0].shown["Nationality"]) == "Poland"
    result = run_import(any_db, plan, "importer")
    assert result.created == 2
    with any_db.session() as s:
        anna = s.scalars(select(Student).where(Student.student_number == "S100")).one()
        assert anna.email == "anna.nowak@uni.example"  # stored as the editor stores it
        assert anna.date_of_birth == date(2003, 5, 17)
        assert anna.timezone == "Europe/Brussels"  # the institution's
        assert anna.institution is not None and anna.institution.name == "KU Leuven"
        assert [(lang.language, lang.level) for lang in anna.languages] == [
            ("English", "C1"),
            ("German", "B2"),
        ]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "student")).all()
        assert {a.user for a in audit if a.entity_id == anna.id} == {"importer"}


@pytest.mark.parametrize("header", ["Language", "Preferred language", "PREFERRED_LANGUAGE"])
def test_the_language_to_write_to_a_student_in_by_code_or_name(
    db: Database, tmp_path: Path, header: str
) -> None:
    add_parties(db)
    path = xlsx(
        tmp_path / "students.xlsx",
        ("Given name", "Surname", "E-mail", "Institution", header),
        ("Anna", "Nowak", "anna@uni.example", "KU Leuven", "pl"),
        ("Jonas", "Peeters", "jonas@uni.example", "KU Leuven", " german "),
        ("Lea", "Wolf", "lea@uni.example", "KU Leuven", "DEUTSCH"),
        ("Aino", "Virtanen", "aino@uni.example", "KU Leuven", "Suomi"),
        ("Emma", "Jensen", "emma@uni.example", "KU Leuven", None),
    )
    plan = plan_import(db, "students", path)
    assert plan.ok, plan.problems
    assert (header, "Language") in plan.columns
    run_import(db, plan)
    with db.session() as s:
        chosen = {
            e: lang for e, lang in s.execute(select(Student.email, Student.preferred_language))
        }
    assert [chosen[f"{n}@uni.example"] for n in ("anna", "jonas", "lea", "aino", "emma")] == [
        "pl", "de", "de", "fi", None,
    ]  # fmt: skip


def test_a_language_vipdesk_does_not_write_in_is_a_problem_of_its_row(
    db: Database, tmp_path: Path
) -> None:
    add_parties(db)
    path = csv(
        tmp_path / "students.csv",
        "Given name,Surname,E-mail,Institution,Language\n"
        "Anna,Nowak,anna@uni.example,KU Leuven,Polish\n"
        "Jonas,Peeters,jonas@uni.example,KU Leuven,Klingon\n",
    )
    before = count(db, Student)
    plan = plan_import(db, "students", path)
    assert (plan.new, plan.invalid) == (1, 1)
    (problem,) = plan.problems
    assert (problem.row, problem.column) == (3, "Language")
    assert problem.message == (
        "'Klingon' is not a language vipdesk writes messages in: write one of da, de, en, fi, "
        "it, nl, pl, or its name (German, Deutsch)."
    )
    with pytest.raises(ImportRejectedError):
        run_import(db, plan)
    assert count(db, Student) == before


def test_existing_students_are_skipped_not_created_twice(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = csv(tmp_path / "students.csv", STUDENTS)
    import_file(any_db, "students", path)
    before = count(any_db, Student)
    again = plan_import(any_db, "students", path)
    assert (again.new, again.duplicates) == (0, 2)
    assert all("already exists — skipped" in r.note for r in again.rows)
    assert run_import(any_db, again).created == 0
    assert count(any_db, Student) == before


def test_a_student_known_by_number_is_skipped_too(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = csv(
        tmp_path / "s.csv",
        "Given name,Family name,E-mail,Student number,Time zone\n"
        "Ł,Ż,new-address@student.example,S0001,Europe/Warsaw\n",
    )
    plan = plan_import(db, "students", path)
    assert plan.rows[0].state is RowState.EXISTS
    assert "student number (Łukasz Żółć)" in plan.rows[0].note


def test_one_bad_row_and_nothing_is_imported(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = csv(
        tmp_path / "students.csv",
        STUDENTS + "Bad;;not-an-address;S102;31.02.2001;Atlantis;Nowhere;English Z9\n",
    )
    before = count(any_db, Student)
    plan = plan_import(any_db, "students", path)
    assert (plan.new, plan.invalid) == (2, 1)
    assert {(p.row, p.column) for p in plan.problems} == {
        (4, "Surname"),
        (4, "Email address"),
        (4, "Date of birth"),
        (4, "Nationality"),
        (4, "Institution"),
        (4, "Languages"),
    }
    with pytest.raises(ImportRejectedError, match=r"6 problems in 1 row of students\.csv"):
        run_import(any_db, plan)
    with pytest.raises(ImportRejectedError):
        import_file(any_db, "students", path)
    assert count(any_db, Student) == before


def test_a_hundred_bad_rows_are_all_listed(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    lines = ["Given name,Family name,E-mail,Date of birth,Time zone"]
    lines += [
        f"P{n},Q{n},p{n}@uni.example,2001-13-{n % 28 + 1:02d},Europe/Paris" for n in range(100)
    ]
    lines += ["Good,Row,good@uni.example,2001-01-01,Europe/Paris"]
    path = csv(tmp_path / "many.csv", "\n".join(lines) + "\n")
    with pytest.raises(ImportRejectedError) as caught:
        import_file(db, "students", path)
    problems = caught.value.problems
    assert [p.row for p in problems] == list(range(2, 102))
    assert all(p.column == "Date of birth" for p in problems)
    assert "not a date in the calendar" in problems[0].message
    assert count(db, Student) == 4


def test_the_same_student_twice_in_a_file(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = csv(
        tmp_path / "twice.csv",
        "Given name,Family name,E-mail,Time zone\n"
        "A,B,same@uni.example,UTC\nC,D,SAME@uni.example,UTC\n",
    )
    plan = plan_import(db, "students", path)
    assert [str(p) for p in plan.problems] == ["row 3, E-mail: The same e-mail as row 2."]


def test_excel_date_cells_and_numbers_typed_as_numbers(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = xlsx(
        tmp_path / "s.xlsx",
        (
            "Given name",
            "Family name",
            "E-mail",
            "Student number",
            "Date of birth",
            "EQF level",
            "Time zone",
        ),
        ("Mia", "Koch", "mia@uni.example", 4711, datetime(2004, 1, 31), 7, "Europe/Berlin"),
    )
    import_file(db, "students", path)
    with db.session() as s:
        mia = s.scalars(select(Student).where(Student.email == "mia@uni.example")).one()
        assert (mia.student_number, mia.date_of_birth, mia.study_cycle) == (
            "4711",
            date(2004, 1, 31),
            7,
        )


# --- files that cannot be imported ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("students.xlsx", b"%PDF-1.4 not a sheet", "is a PDF document"),
        ("students.xlsx", bytes(range(256)), "binary file"),
        ("students.csv", b"", "is empty"),
    ],
)
def test_wrong_files_change_nothing(
    db: Database, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    add_parties(db)
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        import_file(db, "students", tmp_path / name)
    assert count(db, Student) == 4


def test_missing_columns_are_listed_before_any_row(db: Database, tmp_path: Path) -> None:
    path = csv(tmp_path / "s.csv", "Name,Contact\nAnna Nowak,anna@uni.example\n")
    plan = plan_import(db, "students", path)
    assert [(p.row, p.column) for p in plan.problems] == [
        (1, "Given name"),
        (1, "Family name"),
        (1, "E-mail"),
    ]
    assert plan.ignored_columns == ["Name", "Contact"]
    assert not plan.rows


def test_a_header_without_rows(db: Database, tmp_path: Path) -> None:
    plan = plan_import(db, "students", csv(tmp_path / "s.csv", "Given name,Surname,E-mail\n"))
    assert [str(p) for p in plan.problems] == ["row 2: There are no rows below the header."]


# --- organisations ---------------------------------------------------------------------------


def test_organisations_with_names_for_countries_and_sizes(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = csv(
        tmp_path / "orgs.csv",
        "Company;Country;City;Employees;Time zone\n"
        "Bytewerk GmbH;Germany;Köln;40;\n"
        "nordlicht analytics gmbh;DE;Berlin;;\n"  # exists (name and country)
        "Nordlicht Analytics GmbH;Poland;Gdańsk;900;\n"  # same name, another country: new
        "Desert Bloom LLC;United States;Austin;;\n",  # several zones: one must be given
    )
    plan = plan_import(any_db, "organisations", path)
    assert [(p.row, p.column) for p in plan.problems] == [(5, "Time zone")]
    assert (plan.new, plan.duplicates, plan.invalid) == (2, 1, 1)
    fixed = csv(
        tmp_path / "fixed.csv", path.read_text().replace("Austin;;", "Austin;;America/Chicago")
    )
    result = import_file(any_db, "organisations", fixed)
    assert (result.created, len(result.skipped)) == (3, 1)
    with any_db.session() as s:
        bytewerk = s.scalars(select(Organisation).where(Organisation.name == "Bytewerk GmbH")).one()
        assert (bytewerk.country, bytewerk.size, bytewerk.timezone) == (
            "DE",
            OrganisationSize.SMALL,
            "Europe/Berlin",
        )


def test_an_organisation_s_postal_address_is_imported(db: Database, tmp_path: Path) -> None:
    """Issue 16: the agreement prints the host's street and postcode, so imports carry them."""
    path = csv(
        tmp_path / "orgs.csv",
        "Company;Country;Street address;ZIP;City\nBytewerk GmbH;DE;Torstraße 1;10119;Berlin\n",
    )
    assert import_file(db, "organisations", path).created == 1
    with db.session() as s:
        org = s.scalars(select(Organisation)).one()
        assert (org.street, org.postcode, org.city) == ("Torstraße 1", "10119", "Berlin")


# --- placements ------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def other_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A second, empty database beside `db`."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'other.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def test_export_then_import_into_an_empty_database(
    db: Database, other_db_url: str, tmp_path: Path
) -> None:
    """Another database with the same people and hosts gets the same placements back."""
    add_placements(db, add_parties(db))
    report = tmp_path / "placements.xlsx"
    export_report(db, "placements", report)
    target = open_database(other_db_url)
    try:
        add_parties(target)
        result = import_file(target, "placements", report, "importer")
        assert result.created == 5
        assert placement_records(target) == placement_records(db)
        again = plan_import(target, "placements", report)
        assert (again.new, again.duplicates) == (0, 5)
    finally:
        target.dispose()


PLACEMENT_HEADER = (
    "Student number,Host,Country code,Mode,Status,Title,Start date,End date,Hours per week,"
    "Credits,Mentor,Tutor,Institution,Periods\n"
)


def test_placements_by_student_number_with_new_references(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = csv(
        tmp_path / "p.csv",
        PLACEMENT_HEADER + "S0001,Nordlicht Analytics GmbH,AT,physical,agreement sent,Field study,"
        '01.03.2028,31.03.2028,40,"7,5",sepp@nordlicht-at.example,Maria Gruber,'
        "Universität Wien,\n"
        + "S0002,Atelier Lumière SARL,France,Blended,,Brand study,2028-04-03,2028-06-30,20,,"
        "juergen@nordlicht.example,,KU Leuven,"
        "virtual 2028-04-03 to 2028-05-31; physical 01.06.2028 - 30.06.2028\n",
    )
    plan = plan_import(db, "placements", path)
    assert [str(p) for p in plan.problems] == [
        "row 3, Mentor: The mentor must work at the host organisation."
    ]
    fixed = csv(
        tmp_path / "fixed.csv", path.read_text().replace("juergen@nordlicht", "a.berg@lumiere")
    )
    result = import_file(db, "placements", fixed)
    assert result.created == 2
    with db.session() as s:
        made = s.scalars(select(Placement).order_by(Placement.id)).all()
        year = date.today().year
        assert [p.reference for p in made] == [f"VIP-{year}-00001", f"VIP-{year}-00002"]
        assert made[0].status is Status.AGREEMENT_SENT
        assert made[0].ects_credits == Decimal("7.5")
        assert made[0].host.country == "AT"
        assert made[1].mode is Mode.BLENDED and made[1].status is Status.DRAFT
        assert [(q.kind.value, q.start, q.end) for q in made[1].periods] == [
            ("virtual", date(2028, 4, 3), date(2028, 5, 31)),
            ("physical", date(2028, 6, 1), date(2028, 6, 30)),
        ]


def test_placement_rows_are_checked_by_the_editors_rules(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = csv(
        tmp_path / "p.csv",
        PLACEMENT_HEADER
        + "S9999,Nordlicht Analytics GmbH,FR,virtual,,T,2028-01-01,2027-12-01,80,,,,KU Leuven,\n"
        + "S0001,Atelier Lumière SARL,FR,hybrid,,T,2028-01-01,2028-02-01,20,,Anna Berg,,"
        "KU Leuven,\n"
        + "S0001,Atelier Lumière SARL,FR,blended,,T,2028-01-01,2028-02-01,20,,,,KU Leuven,\n",
    )
    plan = plan_import(db, "placements", path)
    problems = {(p.row, p.column): p.message for p in plan.problems}
    assert "No student with the number S9999" in problems[(2, "Student number")]
    assert "No host organisation 'Nordlicht Analytics GmbH' in France" in problems[(2, "Host")]
    assert "before the start" in problems[(2, "End date")]
    assert "between 1 and 60" in problems[(2, "Hours per week")]
    assert "'hybrid' is not a mode" in problems[(3, "Mode")]
    assert "2 contacts at the host are called Anna Berg" in problems[(3, "Mentor")]
    assert "one physical and one virtual period" in problems[(4, "Periods")]
    assert count(db, Placement) == 0


def test_a_placement_row_with_an_over_long_description_is_refused(
    db: Database, tmp_path: Path
) -> None:
    """Issue 19: nothing limited a description; one of a book's length broke the export."""
    add_parties(db)
    header = PLACEMENT_HEADER.replace("Periods\n", "Periods,Description,Notes\n")
    path = csv(
        tmp_path / "p.csv",
        header + "S0001,Atelier Lumière SARL,FR,virtual,,Brand study,2028-04-03,2028-06-30,20,,"
        f",,KU Leuven,,{'d' * 8_001},{'n' * 2_001}\n",
    )
    plan = plan_import(db, "placements", path)
    assert [str(p) for p in plan.problems] == [
        "row 2, Description: The description is longer than 8,000 characters.",
        "row 2, Notes: The notes are longer than 2,000 characters.",
    ]
    assert count(db, Placement) == 0


def test_cancelling_an_import_imports_nothing(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    lines = ["Given name,Family name,E-mail,Time zone"]
    lines += [f"G{n},F{n},g{n}@uni.example,UTC" for n in range(600)]
    plan = plan_import(any_db, "students", csv(tmp_path / "s.csv", "\n".join(lines)))
    reports: list[int] = []

    def progress(done: int, _total: int, _what: str) -> None:
        reports.append(done)

    with pytest.raises(CancelledError):
        run_import(any_db, plan, progress=progress, should_cancel=lambda: len(reports) > 2)
    assert reports[-1] >= 250  # some rows had been sent to the database
    assert count(any_db, Student) == 4


def test_a_record_added_after_the_preview_is_skipped(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    plan = plan_import(db, "students", csv(tmp_path / "s.csv", STUDENTS.replace(";", ",", 0)))
    import_file(
        db,
        "students",
        csv(
            tmp_path / "one.csv", STUDENTS.splitlines()[0] + "\n" + STUDENTS.splitlines()[1] + "\n"
        ),
    )
    result = run_import(db, plan)
    assert result.created == 1
    assert [r.number for r in result.skipped] == [2]
