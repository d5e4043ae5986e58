"""Placement rows: modes, statuses and blended periods as people write them, and the student,
host, mentor and tutor found by e-mail, number or name, checked by the editor's rules."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.helpers.factories import World, make_placement, make_world
from vipdesk.db import Database
from vipdesk.models import Contact, Mode, PeriodKind, Status, Student
from vipdesk.services.importing.columns import CellError
from vipdesk.services.importing.files import Cell
from vipdesk.services.importing.placements import PlacementRows, mode, periods, status
from vipdesk.services.importing.rows import Row
from vipdesk.services.placements.records import PeriodForm


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        (None, None),
        ("virtual", Mode.VIRTUAL),
        ("Blended", Mode.BLENDED),
        (" PHYSICAL ", Mode.PHYSICAL),
    ],
)
def test_modes(cell: str | None, found: Mode | None) -> None:
    assert mode(cell) is found


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        ("agreement_sent", Status.AGREEMENT_SENT),
        ("Agreement sent", Status.AGREEMENT_SENT),
        ("sent", Status.AGREEMENT_SENT),
        ("canceled", Status.CANCELLED),
        ("Completed", Status.COMPLETED),
        ("", None),
    ],
)
def test_statuses_in_the_words_of_the_app_and_of_people(cell: str, found: Status | None) -> None:
    assert status(cell) is found


def test_an_unknown_mode_or_status_names_the_choices() -> None:
    with pytest.raises(CellError, match="'hybrid' is not a mode; choose one of: virtual,"):
        mode("hybrid")
    with pytest.raises(CellError, match="'zakończony' is not a status"):
        status("zakończony")


def test_periods_in_iso_or_dotted_dates_with_any_dash() -> None:
    assert periods("physical 2027-02-01 to 2027-02-28; Virtual: 01.03.2027 – 31.05.2027;") == [
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 2, 1), date(2027, 2, 28)),
        PeriodForm(PeriodKind.VIRTUAL, date(2027, 3, 1), date(2027, 5, 31)),
    ]
    assert periods(None) == [] and periods(" ; ") == []


@pytest.mark.parametrize("cell", ["physical from February", "online 2027-02-01 to 2027-02-28"])
def test_a_period_that_cannot_be_read_says_how_to_write_it(cell: str) -> None:
    with pytest.raises(CellError) as caught:
        periods(cell)
    assert str(caught.value) == (
        f"'{cell}' is not a period: write e.g. 'physical 2027-02-01 to 2027-02-28'."
    )


def prepared(db: Database) -> PlacementRows:
    kind = PlacementRows()
    with db.session() as session:
        kind.prepare(session)
    return kind


def cells(db: Database, world: World, **changes: Cell) -> dict[str, Cell]:
    with db.session() as session:
        student = session.get(Student, world.student_id)
        tutor = session.get(Contact, world.tutor_id)
        institution = tutor.institution.name if tutor and tutor.institution else ""
        email = student.email if student else ""
    row: dict[str, Cell] = {
        "student_email": email,
        "host": "Nordlicht Analytics GmbH",
        "country": "Germany",
        "institution": institution,
        "mode": "virtual",
        "title": "Analityk danych",
        "planned_start": "2027-02-01",
        "planned_end": "2027-05-31",
        "hours_per_week": 20,
        "mentor": "Jürgen Weiß",
        "tutor": "Ελένη Παπαδοπούλου",
    }
    row.update(changes)
    return row


def test_a_row_finds_its_people_by_name_and_is_new(db: Database) -> None:
    world = make_world(db)
    row = Row(2, cells(db, world))
    built = prepared(db).build(row)
    assert row.messages() == []
    form = built.form
    assert (form.student_id, form.host_id, form.mentor_id, form.tutor_id) == (
        world.student_id,
        world.host_id,
        world.mentor_id,
        world.tutor_id,
    )
    assert (form.status, form.mode, built.existing) == (Status.DRAFT, Mode.VIRTUAL, None)
    assert [key for key, _, _ in built.keys] == ["planned_start"]


def test_a_placement_already_there_is_named(db: Database) -> None:
    world = make_world(db)
    existing = make_placement(db, world)
    kind = prepared(db)
    same_day = kind.build(Row(2, cells(db, world)))
    assert same_day.existing == "a placement of this student at this host starting the same day"
    by_reference = kind.build(Row(3, cells(db, world, reference=existing.reference)))
    assert by_reference.existing == f"a placement with the reference {existing.reference}"


def test_mentor_by_e_mail_in_angle_brackets_must_work_at_the_host(db: Database) -> None:
    world, other = make_world(db), make_world(db, host_name="محمد للبرمجيات")
    with db.session() as session:
        foreign = session.scalars(select(Contact.email).where(Contact.id == other.mentor_id)).one()
    row = Row(2, cells(db, world, mentor=f"Jürgen Weiß <{foreign}>"))
    prepared(db).build(row)
    assert ("mentor", "The mentor must work at the host organisation.") in row.messages()


def test_what_cannot_be_found_is_named_per_column(db: Database) -> None:
    world = make_world(db)
    row = Row(
        2,
        cells(
            db,
            world,
            student_email="nobody@example.org",
            host="Kaveri Software",
            tutor="李小龙",
            mentor=None,
            mode=None,
            reference="VIP-2027-000000000001",
        ),
    )
    prepared(db).build(row)
    problems = dict(row.messages())
    assert problems["student_email"] == (
        "No student with the e-mail nobody@example.org in vipdesk; import or add the student first."
    )
    assert problems["host"] == (
        "No host organisation 'Kaveri Software' in Germany in vipdesk; import or add it first."
    )
    assert problems["tutor"] == (
        "Nobody called 李小龙 works at the institution; give the e-mail of a contact in vipdesk."
    )
    assert problems["reference"] == "A reference has at most 20 characters."
    assert problems["mode"] == "Enter the mode: virtual, blended or physical."
    assert "mentor" not in problems  # the host is the problem to show


def test_e_mail_and_number_of_two_students_disagree(db: Database) -> None:
    world = make_world(db)
    with db.session() as session:
        numbers = dict(session.execute(select(Student.id, Student.student_number)).all())
    other = make_world(db, host_name="Kaveri Software Pvt Ltd")
    row = Row(2, cells(db, other, student_number=numbers[world.student_id]))
    prepared(db).build(row)
    assert (
        "student_number",
        "The e-mail and the student number belong to two different students.",
    ) in row.messages()
