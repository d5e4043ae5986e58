"""Rows for the list views and choices for the pickers: one Core select each, no ORM objects,
so that 100,000 students load in a blink. Equity flags are never read here.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute

from vipdesk.db import Database
from vipdesk.models import (
    Contact,
    ContactRole,
    Institution,
    Organisation,
    OrganisationSize,
    Placement,
    Student,
)
from vipdesk.services.refdata import ENGLISH_NAMES, Names


class StudentRow(NamedTuple):
    id: int
    name: str
    email: str
    student_number: str
    nationality: str  # country name
    institution: str
    placements: int


class OrganisationRow(NamedTuple):
    id: int
    name: str
    country: str  # the country's name, in the reader's language
    city: str
    sector: str
    size: str  # label
    timezone: str
    placements: int


class ContactRow(NamedTuple):
    id: int
    name: str
    role: str  # label
    employer: str
    email: str
    phone: str
    timezone: str


class InstitutionRow(NamedTuple):
    id: int
    name: str
    erasmus_code: str
    country: str  # the country's name, in the reader's language
    city: str
    timezone: str
    students: int
    placements: int


def _placements_per(column: InstrumentedAttribute[int]) -> Select[int, int]:
    return select(column, func.count().label("n")).group_by(column)


def student_rows(db: Database, names: Names = ENGLISH_NAMES) -> list[StudentRow]:
    counts = _placements_per(Placement.student_id).subquery()
    query = (
        select(
            Student.id,
            Student.given_name,
            Student.family_name,
            Student.email,
            Student.student_number,
            Student.nationality,
            Institution.name,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(Institution, Student.institution_id == Institution.id)
        .outerjoin(counts, counts.c.student_id == Student.id)
        .order_by(Student.family_name, Student.given_name, Student.id)
    )
    with db.session() as session:
        return [
            StudentRow(
                sid, f"{given} {family}", email, number or "", names.country(nat), inst or "", n
            )
            for sid, given, family, email, number, nat, inst, n in session.execute(query)
        ]


def organisation_rows(db: Database, names: Names = ENGLISH_NAMES) -> list[OrganisationRow]:
    counts = _placements_per(Placement.host_id).subquery()
    query = (
        select(
            Organisation.id,
            Organisation.name,
            Organisation.country,
            Organisation.city,
            Organisation.sector,
            Organisation.size,
            Organisation.timezone,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.host_id == Organisation.id)
        .order_by(Organisation.name, Organisation.country)
    )
    with db.session() as session:
        return [
            OrganisationRow(
                oid,
                name,
                names.country(country),
                city or "",
                sector or "",
                names.label(OrganisationSize(size).label) if size else "",
                zone,
                n,
            )
            for oid, name, country, city, sector, size, zone, n in session.execute(query)
        ]


def contact_rows(db: Database, names: Names = ENGLISH_NAMES) -> list[ContactRow]:
    query = (
        select(
            Contact.id,
            Contact.name,
            Contact.role,
            func.coalesce(Organisation.name, Institution.name),
            Contact.email,
            Contact.phone,
            Contact.timezone,
        )
        .outerjoin(Organisation, Contact.organisation_id == Organisation.id)
        .outerjoin(Institution, Contact.institution_id == Institution.id)
        .order_by(Contact.name, Contact.id)
    )
    with db.session() as session:
        return [
            ContactRow(
                cid,
                name,
                names.label(ContactRole(role).label),
                employer or "",
                email,
                phone or "",
                zone,
            )
            for cid, name, role, employer, email, phone, zone in session.execute(query)
        ]


def institution_rows(db: Database, names: Names = ENGLISH_NAMES) -> list[InstitutionRow]:
    placements = _placements_per(Placement.institution_id).subquery()
    students = (
        select(Student.institution_id, func.count().label("n"))
        .group_by(Student.institution_id)
        .subquery()
    )
    query = (
        select(
            Institution.id,
            Institution.name,
            Institution.erasmus_code,
            Institution.country,
            Institution.city,
            Institution.timezone,
            func.coalesce(students.c.n, 0),
            func.coalesce(placements.c.n, 0),
        )
        .outerjoin(students, students.c.institution_id == Institution.id)
        .outerjoin(placements, placements.c.institution_id == Institution.id)
        .order_by(Institution.name)
    )
    with db.session() as session:
        return [
            InstitutionRow(iid, name, code or "", names.country(country), city or "", zone, ns, np)
            for iid, name, code, country, city, zone, ns, np in session.execute(query)
        ]


# --- choices for pick-or-create ------------------------------------------------------------


def student_choices(db: Database) -> list[tuple[int, str]]:
    """(id, "Given Family · email"), by family name."""
    query = select(Student.id, Student.given_name, Student.family_name, Student.email).order_by(
        Student.family_name, Student.given_name, Student.id
    )
    with db.session() as session:
        return [(sid, f"{g} {f} · {email}") for sid, g, f, email in session.execute(query)]


def organisation_choices(db: Database, names: Names = ENGLISH_NAMES) -> list[tuple[int, str]]:
    """(id, "Name · Country"), by name."""
    query = select(Organisation.id, Organisation.name, Organisation.country).order_by(
        Organisation.name, Organisation.country
    )
    with db.session() as session:
        return [(oid, f"{name} · {names.country(c)}") for oid, name, c in session.execute(query)]


def institution_choices(db: Database, names: Names = ENGLISH_NAMES) -> list[tuple[int, str]]:
    """(id, "Name · Country"), by name."""
    query = select(Institution.id, Institution.name, Institution.country).order_by(Institution.name)
    with db.session() as session:
        return [(iid, f"{name} · {names.country(c)}") for iid, name, c in session.execute(query)]


def contact_choices(
    db: Database,
    *,
    organisation_id: int | None = None,
    institution_id: int | None = None,
    role: ContactRole | None = None,
    names: Names = ENGLISH_NAMES,
) -> list[tuple[int, str]]:
    """(id, "Name · role label"), by name; narrowed to one employer and/or role when given."""
    query = select(Contact.id, Contact.name, Contact.role).order_by(Contact.name, Contact.id)
    if organisation_id is not None:
        query = query.where(Contact.organisation_id == organisation_id)
    if institution_id is not None:
        query = query.where(Contact.institution_id == institution_id)
    if role is not None:
        query = query.where(Contact.role == role)
    with db.session() as session:
        return [
            (cid, f"{name} · {names.label(ContactRole(r).label)}")
            for cid, name, r in session.execute(query)
        ]
