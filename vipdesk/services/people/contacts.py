"""Contacts: the people at host organisations and institutions (HR, mentors, tutors,
coordinators). Each works at exactly one of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import Contact, ContactRole, Institution, Organisation, Placement
from vipdesk.phrase import Phrase
from vipdesk.services.people.rules import (
    Checker,
    RecordKind,
    Unique,
    count_placements,
    counted,
    delete_record,
    load_record,
    normal_email,
    optional,
    save_record,
)


@dataclass
class ContactForm:
    """A person at a host organisation XOR at an institution (problems: field 'employer')."""

    id: int | None = None
    version: int | None = None
    name: str = ""
    email: str = ""
    phone: str = ""
    role: ContactRole | None = None
    position: str = ""
    timezone: str | None = None
    organisation_id: int | None = None
    institution_id: int | None = None
    updated_by: str | None = None


def validate_contact(form: ContactForm) -> list[FieldProblem]:
    check = Checker()
    check.text(
        "name",
        form.name,
        "The name is longer than {limit} characters.",
        200,
        required="Enter the contact's name.",
    )
    check.email("email", form.email, "Enter the contact's e-mail address.")
    check.text("phone", form.phone, "The phone number is longer than {limit} characters.", 40)
    if form.role is None:
        check.add("role", "Choose the role, e.g. Company mentor.")
    check.text("position", form.position, "The position is longer than {limit} characters.", 120)
    check.time_zone("timezone", form.timezone)
    at_organisation = form.organisation_id is not None
    at_institution = form.institution_id is not None
    if at_organisation == at_institution:
        check.add(
            "employer",
            "Choose where this person works: either a host organisation or an institution.",
        )
    elif form.role is ContactRole.MENTOR and not at_organisation:
        check.add("employer", "A company mentor works at a host organisation.")
    elif form.role is ContactRole.ACADEMIC_TUTOR and not at_institution:
        check.add("employer", "An academic tutor works at an institution.")
    return check.problems


def _check_contact(session: Session, form: ContactForm) -> list[FieldProblem]:
    check = Checker()
    other = session.scalars(
        select(Contact).where(
            func.lower(Contact.email) == normal_email(form.email), Contact.id != form.id
        )
    ).first()
    if other is not None:
        check.add("email", f"Another contact already uses this e-mail ({other.name}).")
    if form.organisation_id is not None and session.get(Organisation, form.organisation_id) is None:
        check.add("employer", "The chosen organisation was deleted.")
    if form.institution_id is not None and session.get(Institution, form.institution_id) is None:
        check.add("employer", "The chosen institution was deleted.")
    return check.problems


def _contact_form(contact: Contact) -> ContactForm:
    return ContactForm(
        id=contact.id,
        version=contact.version,
        name=contact.name,
        email=contact.email,
        phone=contact.phone or "",
        role=contact.role,
        position=contact.position or "",
        timezone=contact.timezone,
        organisation_id=contact.organisation_id,
        institution_id=contact.institution_id,
        updated_by=contact.updated_by,
    )


def _apply_contact(_session: Session, contact: Contact, form: ContactForm) -> None:
    assert form.role is not None and form.timezone is not None  # validated
    contact.name = form.name.strip()
    contact.email = normal_email(form.email)
    contact.phone = optional(form.phone)
    contact.role = form.role
    contact.position = optional(form.position)
    contact.timezone = form.timezone
    contact.organisation_id = form.organisation_id
    contact.institution_id = form.institution_id


def _contact_in_use(session: Session, contact: Contact) -> Phrase | None:
    # The schema would quietly empty the mentor/tutor of those placements: ask first instead.
    count = count_placements(
        session, or_(Placement.mentor_id == contact.id, Placement.tutor_id == contact.id)
    )
    if not count:
        return None
    return Phrase(
        "{name} is mentor or tutor of {placements}; choose someone else there first.",
        {"name": contact.name, "placements": counted(count, "placement")},
    )


CONTACTS: RecordKind[ContactForm, Contact] = RecordKind(
    what="contact",
    model=Contact,
    form_type=ContactForm,
    to_form=_contact_form,
    apply=_apply_contact,
    validate=validate_contact,
    check=_check_contact,
    in_use=_contact_in_use,
    unique=(
        Unique(
            ("uq_contact_email", "contact.email"),
            "email",
            "Another contact already uses this e-mail.",
        ),
        Unique(
            ("one_employer",),
            "employer",
            "Choose where this person works: either a host organisation or an institution.",
        ),
    ),
)


def new_contact_form(
    db: Database,
    *,
    role: ContactRole | None = None,
    organisation_id: int | None = None,
    institution_id: int | None = None,
) -> ContactForm:
    """A new contact preset from where it is created (e.g. a new mentor at this host), in the
    employer's time zone."""
    timezone = None
    with db.session() as session:
        if organisation_id is not None:
            org = session.get(Organisation, organisation_id)
            timezone = org.timezone if org else None
        elif institution_id is not None:
            inst = session.get(Institution, institution_id)
            timezone = inst.timezone if inst else None
    return ContactForm(
        role=role,
        organisation_id=organisation_id,
        institution_id=institution_id,
        timezone=timezone,
    )


def load_contact(db: Database, contact_id: int) -> ContactForm:
    return load_record(db, CONTACTS, contact_id)


def save_contact(
    db: Database, form: ContactForm, user: str | None = None, *, overwrite: bool = False
) -> ContactForm:
    return save_record(db, CONTACTS, form, user, overwrite=overwrite)


def delete_contact(db: Database, contact_id: int, user: str | None = None) -> None:
    delete_record(db, CONTACTS, contact_id, user)
