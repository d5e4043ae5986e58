"""Host organisations and institutions: forms, rules, load, save and delete.

The same conflict rules as placements: a save based on an old version raises `ConflictError`
unless the user chose to overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import FieldProblem
from vipdesk.models import (
    Contact,
    Institution,
    Organisation,
    OrganisationSize,
    Placement,
    Student,
)
from vipdesk.phrase import Phrase
from vipdesk.services import refdata
from vipdesk.services.people.rules import (
    Checker,
    RecordKind,
    Unique,
    count_placements,
    delete_record,
    in_use_message,
    load_record,
    optional,
    save_record,
)


@dataclass
class OrganisationForm:
    id: int | None = None
    version: int | None = None
    name: str = ""
    country: str | None = None  # ISO 3166-1 alpha-2
    city: str = ""
    street: str = ""  # the postal address the agreement prints: street, postcode, city
    postcode: str = ""
    website: str = ""
    sector: str = ""
    size: OrganisationSize | None = None
    timezone: str | None = None
    updated_by: str | None = None


@dataclass
class InstitutionForm:
    id: int | None = None
    version: int | None = None
    name: str = ""
    erasmus_code: str = ""
    faculty: str = ""
    country: str | None = None
    city: str = ""
    address: str = ""
    website: str = ""
    timezone: str | None = None
    updated_by: str | None = None


# --- organisations -------------------------------------------------------------------------


def validate_organisation(form: OrganisationForm) -> list[FieldProblem]:
    check = Checker()
    check.text(
        "name",
        form.name,
        "The name is longer than {limit} characters.",
        200,
        required="Enter the organisation's name.",
    )
    check.country("country", form.country, required="Choose the country.")
    check.text("city", form.city, "The city is longer than {limit} characters.", 100)
    check.text("street", form.street, "The street is longer than {limit} characters.", 200)
    check.text("postcode", form.postcode, "The postcode is longer than {limit} characters.", 20)
    check.website("website", form.website)
    check.text("sector", form.sector, "The sector is longer than {limit} characters.", 120)
    check.time_zone("timezone", form.timezone)
    return check.problems


def _check_organisation(session: Session, form: OrganisationForm) -> list[FieldProblem]:
    country = (form.country or "").upper()
    other = session.scalars(
        select(Organisation).where(
            func.lower(Organisation.name) == form.name.strip().lower(),
            Organisation.country == country,
            Organisation.id != form.id,
        )
    ).first()
    if other is None:
        return []
    if not country:
        return [
            FieldProblem.said(
                "name", "Another organisation already has this name ({name}).", name=other.name
            )
        ]
    return [
        FieldProblem.said(
            "name",
            "Another organisation in {country} already has this name ({name}).",
            country=refdata.country(country),
            name=other.name,
        )
    ]


def _organisation_form(org: Organisation) -> OrganisationForm:
    return OrganisationForm(
        id=org.id,
        version=org.version,
        name=org.name,
        country=org.country,
        city=org.city or "",
        street=org.street or "",
        postcode=org.postcode or "",
        website=org.website or "",
        sector=org.sector or "",
        size=org.size,
        timezone=org.timezone,
        updated_by=org.updated_by,
    )


def _apply_organisation(_session: Session, org: Organisation, form: OrganisationForm) -> None:
    assert form.country is not None and form.timezone is not None  # validated
    org.name = form.name.strip()
    org.country = form.country.upper()
    org.city = optional(form.city)
    org.street = optional(form.street)
    org.postcode = optional(form.postcode)
    org.website = optional(form.website)
    org.sector = optional(form.sector)
    org.size = form.size
    org.timezone = form.timezone


def _organisation_in_use(session: Session, org: Organisation) -> Phrase | None:
    contacts = session.scalar(
        select(func.count()).select_from(Contact).where(Contact.organisation_id == org.id)
    )
    return in_use_message(
        org.name,
        [
            (count_placements(session, Placement.host_id == org.id), "placement"),
            (contacts or 0, "contact"),
        ],
    )


ORGANISATIONS: RecordKind[OrganisationForm, Organisation] = RecordKind(
    what="organisation",
    model=Organisation,
    form_type=OrganisationForm,
    to_form=_organisation_form,
    apply=_apply_organisation,
    validate=validate_organisation,
    check=_check_organisation,
    in_use=_organisation_in_use,
    unique=(
        Unique(
            ("uq_organisation_name_country", "organisation.name"),
            "name",
            "Another organisation in this country already has this name.",
        ),
    ),
)


def load_organisation(db: Database, organisation_id: int) -> OrganisationForm:
    return load_record(db, ORGANISATIONS, organisation_id)


def save_organisation(
    db: Database, form: OrganisationForm, user: str | None = None, *, overwrite: bool = False
) -> OrganisationForm:
    return save_record(db, ORGANISATIONS, form, user, overwrite=overwrite)


def delete_organisation(db: Database, organisation_id: int, user: str | None = None) -> None:
    delete_record(db, ORGANISATIONS, organisation_id, user)


# --- institutions --------------------------------------------------------------------------


def validate_institution(form: InstitutionForm) -> list[FieldProblem]:
    check = Checker()
    check.text(
        "name",
        form.name,
        "The name is longer than {limit} characters.",
        200,
        required="Enter the institution's name.",
    )
    check.text(
        "erasmus_code", form.erasmus_code, "The Erasmus code is longer than {limit} characters.", 30
    )
    check.text("faculty", form.faculty, "The faculty is longer than {limit} characters.", 200)
    check.country("country", form.country, required="Choose the country.")
    check.text("city", form.city, "The city is longer than {limit} characters.", 100)
    check.text(
        "address", form.address, "The address is longer than {limit} characters.", limits.NOTE
    )
    check.website("website", form.website)
    check.time_zone("timezone", form.timezone)
    return check.problems


def _check_institution(session: Session, form: InstitutionForm) -> list[FieldProblem]:
    other = session.scalars(
        select(Institution).where(
            func.lower(Institution.name) == form.name.strip().lower(), Institution.id != form.id
        )
    ).first()
    if other is None:
        return []
    return [
        FieldProblem.said(
            "name", "Another institution already has this name ({name}).", name=other.name
        )
    ]


def _institution_form(inst: Institution) -> InstitutionForm:
    return InstitutionForm(
        id=inst.id,
        version=inst.version,
        name=inst.name,
        erasmus_code=inst.erasmus_code or "",
        faculty=inst.faculty or "",
        country=inst.country,
        city=inst.city or "",
        address=inst.address or "",
        website=inst.website or "",
        timezone=inst.timezone,
        updated_by=inst.updated_by,
    )


def _apply_institution(_session: Session, inst: Institution, form: InstitutionForm) -> None:
    assert form.country is not None and form.timezone is not None  # validated
    inst.name = form.name.strip()
    inst.erasmus_code = optional(form.erasmus_code)
    inst.faculty = optional(form.faculty)
    inst.country = form.country.upper()
    inst.city = optional(form.city)
    inst.address = optional(form.address)
    inst.website = optional(form.website)
    inst.timezone = form.timezone


def _institution_in_use(session: Session, inst: Institution) -> Phrase | None:
    def count(model: type[Contact] | type[Student]) -> int:
        query = select(func.count()).select_from(model).where(model.institution_id == inst.id)
        return session.scalar(query) or 0

    return in_use_message(
        inst.name,
        [
            (count_placements(session, Placement.institution_id == inst.id), "placement"),
            (count(Student), "student"),
            (count(Contact), "contact"),
        ],
    )


INSTITUTIONS: RecordKind[InstitutionForm, Institution] = RecordKind(
    what="institution",
    model=Institution,
    form_type=InstitutionForm,
    to_form=_institution_form,
    apply=_apply_institution,
    validate=validate_institution,
    check=_check_institution,
    in_use=_institution_in_use,
    unique=(
        Unique(
            ("uq_institution_name", "institution.name"),
            "name",
            "Another institution already has this name.",
        ),
    ),
)


def load_institution(db: Database, institution_id: int) -> InstitutionForm:
    return load_record(db, INSTITUTIONS, institution_id)


def save_institution(
    db: Database, form: InstitutionForm, user: str | None = None, *, overwrite: bool = False
) -> InstitutionForm:
    return save_record(db, INSTITUTIONS, form, user, overwrite=overwrite)


def delete_institution(db: Database, institution_id: int, user: str | None = None) -> None:
    delete_record(db, INSTITUTIONS, institution_id, user)
