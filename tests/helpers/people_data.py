"""Builders for people and parties, written through the services under test."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from vipdesk.db import Database
from vipdesk.models import ContactRole, Mode
from vipdesk.services.people.contacts import ContactForm, save_contact
from vipdesk.services.people.organisations import (
    InstitutionForm,
    OrganisationForm,
    save_institution,
    save_organisation,
)
from vipdesk.services.people.students import StudentForm, save_student
from vipdesk.services.placements.records import PlacementForm, save_placement

_numbers = itertools.count(1)


def student_form(**changes: Any) -> StudentForm:
    n = next(_numbers)
    form = StudentForm(
        given_name="Anna",
        family_name="Nowak",
        email=f"anna.nowak{n}@uw.edu.pl",
        student_number=f"S{n:05d}",
        timezone="Europe/Warsaw",
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def make_student(db: Database, **changes: Any) -> StudentForm:
    return save_student(db, student_form(**changes), "tester")


def make_institution(db: Database, **changes: Any) -> InstitutionForm:
    n = next(_numbers)
    form = InstitutionForm(
        name=f"Uniwersytet Warszawski {n}", country="PL", timezone="Europe/Warsaw"
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return save_institution(db, form, "tester")


def make_organisation(db: Database, **changes: Any) -> OrganisationForm:
    n = next(_numbers)
    form = OrganisationForm(name=f"Nordlicht {n} GmbH", country="DE", timezone="Europe/Berlin")
    for name, value in changes.items():
        setattr(form, name, value)
    return save_organisation(db, form, "tester")


def make_contact(db: Database, **changes: Any) -> ContactForm:
    n = next(_numbers)
    form = ContactForm(
        name="Jürgen Weiß",
        email=f"mentor{n}@nordlicht.example",
        role=ContactRole.MENTOR,
        timezone="Europe/Berlin",
    )
    for name, value in changes.items():
        setattr(form, name, value)
    if form.organisation_id is None and form.institution_id is None:
        form.organisation_id = make_organisation(db).id
    return save_contact(db, form, "tester")


def make_placement(
    db: Database,
    *,
    student_id: int,
    host_id: int,
    institution_id: int,
    mentor_id: int | None = None,
) -> int:
    stored = save_placement(
        db,
        PlacementForm(
            student_id=student_id,
            host_id=host_id,
            institution_id=institution_id,
            mode=Mode.VIRTUAL,
            title="Market research assistant",
            planned_start=date(2027, 2, 1),
            planned_end=date(2027, 5, 31),
            hours_per_week=20,
            mentor_id=mentor_id,
        ),
        "tester",
    )
    assert stored.id is not None
    return stored.id
