"""Contacts on SQLite and PostgreSQL: mentors at hosts, tutors at institutions, one e-mail each."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.helpers.factories import make_placement as make_world_placement
from tests.helpers.factories import make_world
from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_placement,
    make_student,
)
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import ContactRole
from vipdesk.services.people.contacts import (
    ContactForm,
    delete_contact,
    load_contact,
    new_contact_form,
    save_contact,
    validate_contact,
)


def test_contact_create_load_update(any_db: Database) -> None:
    org = make_organisation(any_db)
    form = ContactForm(
        name="Олена Коваленко",
        email=" Olena.Kovalenko@Nordlicht.example ",
        phone="+49 30 1234567",
        role=ContactRole.HR,
        position="HR business partner",
        timezone="Europe/Berlin",
        organisation_id=org.id,
    )
    stored = save_contact(any_db, form)
    assert stored.id is not None
    assert stored.email == "olena.kovalenko@nordlicht.example"
    assert load_contact(any_db, stored.id) == stored
    stored.role = ContactRole.MENTOR
    assert save_contact(any_db, stored).version == 2


def _contact(**changes: Any) -> ContactForm:
    base = ContactForm(
        name="李娜", email="li.na@example.cn", role=ContactRole.MENTOR, timezone="Asia/Shanghai"
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"organisation_id": 1, "name": ""}, "name", "Enter the contact's name"),
        ({"organisation_id": 1, "email": "li.na"}, "email", "not an e-mail address"),
        ({"organisation_id": 1, "role": None}, "role", "Choose the role"),
        ({"organisation_id": 1, "timezone": None}, "timezone", "Choose the time zone"),
        ({}, "employer", "either a host organisation or an institution"),
        ({"organisation_id": 1, "institution_id": 2}, "employer", "either a host organisation"),
        ({"institution_id": 2}, "employer", "A company mentor works at a host organisation"),
        (
            {"organisation_id": 1, "role": ContactRole.ACADEMIC_TUTOR},
            "employer",
            "An academic tutor works at an institution",
        ),
    ],
)
def test_contact_rules(changes: dict[str, Any], field: str, fragment: str) -> None:
    found = {p.field: p.message for p in validate_contact(_contact(**changes))}
    assert fragment in found[field]


def test_a_coordinator_may_work_at_either() -> None:
    for where in ({"organisation_id": 1}, {"institution_id": 1}):
        assert validate_contact(_contact(role=ContactRole.COORDINATOR, **where)) == []


def test_contact_email_is_unique(any_db: Database) -> None:
    make_contact(any_db, name="Jürgen Weiß", email="jw@nordlicht.example")
    with pytest.raises(ValidationError) as caught:
        make_contact(any_db, email="JW@nordlicht.example")
    assert caught.value.problems[0].message == (
        "Another contact already uses this e-mail (Jürgen Weiß)."
    )


def test_contact_at_a_deleted_employer_is_refused(any_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        save_contact(any_db, _contact(organisation_id=404))
    assert caught.value.problems[0].field == "employer"


def test_contact_conflict(any_db: Database) -> None:
    mine = make_contact(any_db)
    save_contact(any_db, replace(mine, phone="+49 1"), "bob")
    with pytest.raises(ConflictError):
        save_contact(any_db, replace(mine, phone="+49 2"))
    assert save_contact(any_db, replace(mine, phone="+49 2"), overwrite=True).phone == "+49 2"


def test_contact_delete_is_refused_while_mentor_of_a_placement(any_db: Database) -> None:
    inst = make_institution(any_db)
    mentor = make_contact(any_db, name="Jürgen Weiß")
    student = make_student(any_db)
    assert mentor.id and mentor.organisation_id and inst.id and student.id
    make_placement(
        any_db,
        student_id=student.id,
        host_id=mentor.organisation_id,
        institution_id=inst.id,
        mentor_id=mentor.id,
    )
    with pytest.raises(VipdeskError) as caught:
        delete_contact(any_db, mentor.id)
    assert str(caught.value) == (
        "Jürgen Weiß is mentor or tutor of 1 placement; choose someone else there first."
    )
    other = make_contact(any_db)
    assert other.id is not None
    delete_contact(any_db, other.id)
    with pytest.raises(NotFoundError):
        load_contact(any_db, other.id)


def test_new_contact_form_takes_the_employers_time_zone(any_db: Database) -> None:
    org = make_organisation(any_db, timezone="Europe/Vienna")
    inst = make_institution(any_db, timezone="Europe/Athens")
    at_host = new_contact_form(any_db, role=ContactRole.MENTOR, organisation_id=org.id)
    assert (at_host.role, at_host.organisation_id, at_host.timezone) == (
        ContactRole.MENTOR,
        org.id,
        "Europe/Vienna",
    )
    assert new_contact_form(any_db, institution_id=inst.id).timezone == "Europe/Athens"
    assert new_contact_form(any_db) == ContactForm()


def test_text_limits_are_named() -> None:
    found = {
        p.field: p.message
        for p in validate_contact(
            _contact(organisation_id=1, name="م" * 201, phone="1" * 41, position="x" * 121)
        )
    }
    assert found == {
        "name": "The name is longer than 200 characters.",
        "phone": "The phone number is longer than 40 characters.",
        "position": "The position is longer than 120 characters.",
    }


def test_an_unknown_time_zone_is_named() -> None:
    (problem,) = validate_contact(_contact(organisation_id=1, timezone="Asia/Atlantis"))
    assert problem.message == "'Asia/Atlantis' is not a time zone; choose one from the list."


def test_contact_at_a_deleted_institution_is_refused(any_db: Database) -> None:
    tutor = _contact(role=ContactRole.ACADEMIC_TUTOR, institution_id=404)
    with pytest.raises(ValidationError) as caught:
        save_contact(any_db, tutor)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("employer", "The chosen institution was deleted.")
    ]


def test_a_tutor_of_a_placement_is_not_deleted_either(db: Database) -> None:
    world = make_world(db)
    make_world_placement(db, world)
    with pytest.raises(VipdeskError, match=r"^Ελένη Παπαδοπούλου is mentor or tutor of 1 "):
        delete_contact(db, world.tutor_id)
    assert load_contact(db, world.tutor_id).name == "Ελένη Παπαδοπούλου"


def test_deleting_a_contact_that_is_gone_is_no_error(db: Database) -> None:
    delete_contact(db, 404)


def test_saving_again_keeps_the_version_and_the_trimmed_values(db: Database) -> None:
    stored = save_contact(db, _contact(organisation_id=make_organisation(db).id, phone="  "))
    assert stored.phone == "" and stored.position == ""
    assert save_contact(db, stored).version == stored.version
