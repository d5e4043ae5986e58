"""List rows and picker choices, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import insert

from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_placement,
    make_student,
)
from tests.helpers.statements import statements
from vipdesk.db import Database
from vipdesk.models import ContactRole, OrganisationSize, Student
from vipdesk.services.people.equity import EquityForm, save_equity
from vipdesk.services.people.lists import (
    ContactRow,
    InstitutionRow,
    OrganisationRow,
    StudentRow,
    contact_choices,
    contact_rows,
    institution_choices,
    institution_rows,
    organisation_choices,
    organisation_rows,
    student_rows,
)


def test_rows_carry_names_labels_and_counts(any_db: Database) -> None:
    inst = make_institution(any_db, name="Uniwersytet Jagielloński", city="Kraków")
    host = make_organisation(
        any_db, name="Nordlicht GmbH", city="Berlin", sector="Data", size=OrganisationSize.SMALL
    )
    mentor = make_contact(any_db, organisation_id=host.id, phone="+49 30 1")
    tutor = make_contact(
        any_db,
        name="Ελένη Παπαδοπούλου",
        email="eleni@uj.example",
        role=ContactRole.ACADEMIC_TUTOR,
        institution_id=inst.id,
        timezone="Europe/Warsaw",
    )
    student = make_student(
        any_db,
        given_name="Łukasz",
        family_name="Żółć",
        email="lz@uj.example",
        student_number="123",
        nationality="PL",
        institution_id=inst.id,
    )
    other = make_student(
        any_db, given_name="Олена", family_name="Коваленко", email="ok@x.ua", student_number=""
    )
    assert student.id and other.id and host.id and inst.id and mentor.id and tutor.id
    make_placement(any_db, student_id=student.id, host_id=host.id, institution_id=inst.id)
    save_equity(any_db, EquityForm(student.id, disability=True, version=student.version))

    # Sorted by id here: the order of names across scripts depends on the database's collation.
    assert sorted(student_rows(any_db)) == [
        StudentRow(student.id, "Łukasz Żółć", "lz@uj.example", "123", "Poland", inst.name, 1),
        StudentRow(other.id, "Олена Коваленко", "ok@x.ua", "", "", "", 0),
    ]
    assert organisation_rows(any_db) == [
        OrganisationRow(
            host.id,
            "Nordlicht GmbH",
            "Germany",
            "Berlin",
            "Data",
            "< 250 employees",
            "Europe/Berlin",
            1,
        )
    ]
    assert sorted(contact_rows(any_db), key=lambda row: row.name) == [
        ContactRow(
            mentor.id,
            "Jürgen Weiß",
            "Company mentor",
            "Nordlicht GmbH",
            mentor.email,
            "+49 30 1",
            "Europe/Berlin",
        ),
        ContactRow(
            tutor.id,
            "Ελένη Παπαδοπούλου",
            "Academic tutor",
            "Uniwersytet Jagielloński",
            "eleni@uj.example",
            "",
            "Europe/Warsaw",
        ),
    ]
    assert institution_rows(any_db) == [
        InstitutionRow(inst.id, inst.name, "", "Poland", "Kraków", "Europe/Warsaw", 1, 1)
    ]


def test_choices(any_db: Database) -> None:
    inst = make_institution(any_db, name="KU Leuven", country="BE", timezone="Europe/Brussels")
    host = make_organisation(any_db, name="株式会社サクラ", country="JP", timezone="Asia/Tokyo")
    other_host = make_organisation(any_db, name="Acme", country="DE")
    mentor = make_contact(any_db, name="Sato Yui", organisation_id=host.id)
    hr = make_contact(any_db, name="Akira", role=ContactRole.HR, organisation_id=host.id)
    elsewhere = make_contact(any_db, name="Zoe", organisation_id=other_host.id)
    tutor = make_contact(
        any_db, name="Jan Peeters", role=ContactRole.ACADEMIC_TUTOR, institution_id=inst.id
    )

    assert organisation_choices(any_db) == [
        (other_host.id, "Acme · Germany"),
        (host.id, "株式会社サクラ · Japan"),
    ]
    assert institution_choices(any_db) == [(inst.id, "KU Leuven · Belgium")]
    assert contact_choices(any_db, organisation_id=host.id) == [
        (hr.id, "Akira · HR"),
        (mentor.id, "Sato Yui · Company mentor"),
    ]
    assert contact_choices(any_db, role=ContactRole.MENTOR) == [
        (mentor.id, "Sato Yui · Company mentor"),
        (elsewhere.id, "Zoe · Company mentor"),
    ]
    assert contact_choices(any_db, institution_id=inst.id) == [
        (tutor.id, "Jan Peeters · Academic tutor")
    ]
    assert len(contact_choices(any_db)) == 4


def test_student_rows_for_a_large_office_load_quickly(db: Database) -> None:
    """100,000 students in one select, not one per student or per language (counted, not timed:
    a time bound fails on a busy machine; `benchmarks/` prints the seconds)."""
    rows = [
        {
            "given_name": f"Given{n}",
            "family_name": f"Family{n:06d}",
            "email": f"s{n}@uni.example",
            "student_number": f"{n:06d}",
            "nationality": "PL",
            "timezone": "Europe/Warsaw",
            "version": 1,
        }
        for n in range(100_000)
    ]
    with db.session() as session:
        session.execute(insert(Student), rows)
    with statements(db) as sent:
        loaded = student_rows(db)
    assert len(loaded) == 100_000
    assert loaded[0].name == "Given0 Family000000"
    assert len(sent) == 1, sent
