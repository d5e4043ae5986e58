"""Small, explicit builders for test records (written straight through the ORM)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from vipdesk.db import Database
from vipdesk.models import Contact, ContactRole, Institution, Mode, Organisation, Student
from vipdesk.services.placements.records import PlacementForm, save_placement

_counter = itertools.count(1)


@dataclass
class World:
    institution_id: int
    host_id: int
    mentor_id: int
    tutor_id: int
    student_id: int


def make_student(db: Database, given: str = "Łukasz", family: str = "Żółć") -> int:
    n = next(_counter)
    with db.session("tester") as s:
        student = Student(
            given_name=given,
            family_name=family,
            email=f"student{n}@example.edu",
            student_number=f"S{n:06d}",
            timezone="Europe/Warsaw",
        )
        s.add(student)
        s.flush()
        return student.id


def make_world(db: Database, host_name: str = "Nordlicht Analytics GmbH") -> World:
    n = next(_counter)
    with db.session("tester") as s:
        inst = Institution(name=f"KU Leuven {n}", country="BE", timezone="Europe/Brussels")
        host = Organisation(name=host_name, country="DE", timezone="Europe/Berlin")
        s.add_all([inst, host])
        s.flush()
        mentor = Contact(
            name="Jürgen Weiß",
            email=f"mentor{n}@nordlicht.example",
            role=ContactRole.MENTOR,
            timezone="Europe/Berlin",
            organisation_id=host.id,
        )
        tutor = Contact(
            name="Ελένη Παπαδοπούλου",
            email=f"tutor{n}@kuleuven.example",
            role=ContactRole.ACADEMIC_TUTOR,
            timezone="Europe/Brussels",
            institution_id=inst.id,
        )
        s.add_all([mentor, tutor])
        s.flush()
        ids = (inst.id, host.id, mentor.id, tutor.id)
    return World(*ids, student_id=make_student(db))


def placement_form(world: World, **changes: object) -> PlacementForm:
    form = PlacementForm(
        student_id=world.student_id,
        host_id=world.host_id,
        institution_id=world.institution_id,
        mode=Mode.VIRTUAL,
        title="Data analyst intern — customer churn",
        planned_start=date(2027, 2, 1),
        planned_end=date(2027, 5, 31),
        hours_per_week=20,
        mentor_id=world.mentor_id,
        tutor_id=world.tutor_id,
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def make_placement(db: Database, world: World, **changes: object) -> PlacementForm:
    return save_placement(db, placement_form(world, **changes), "tester")
