"""Placement rows: the student by e-mail or student number, the host by name and country, the
institution by name, mentor and tutor by e-mail (or by name where that is unambiguous), then
`placements.validate` — the editor's own rules.

A file written by the placements report reads back as it is: its columns are recognised, names
of mentors and tutors are found at the host and institution, and the blended periods come back.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import (
    Contact,
    Mode,
    Organisation,
    PeriodKind,
    Placement,
    PlacementPeriod,
    Status,
    Student,
)
from vipdesk.phrase import Count
from vipdesk.services import refdata
from vipdesk.services.importing.cells import Cell, shorten
from vipdesk.services.importing.columns import (
    DATE_PATTERN,
    CellError,
    DateOrder,
    as_choice,
    as_decimal,
    as_text,
    as_whole,
    parse_date,
)
from vipdesk.services.importing.rows import Built, Institutions, Row, RowKind
from vipdesk.services.placements.records import (
    PeriodForm,
    PlacementForm,
    next_reference,
    validate,
)

# Where the placement rules' problems belong in the file.
_FIELD_COLUMNS = {
    "student_id": "student_email",
    "host_id": "host",
    "institution_id": "institution",
    "mentor_id": "mentor",
    "tutor_id": "tutor",
}


def _choices(members: Any) -> dict[str, str]:
    out = {}
    for m in members:
        out[m.value.replace("_", " ")] = m.value
        out[m.label.lower()] = m.value
    return out


_MODES = _choices(Mode)
_STATUSES = _choices(Status) | {"sent": "agreement_sent", "canceled": "cancelled"}
_PERIOD = re.compile(
    rf"^(physical|virtual)\s*:?\s*({DATE_PATTERN})\s*(?:to|until|–|—|-)\s*({DATE_PATTERN})$",
    re.IGNORECASE,
)


_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")


def mode(value: Cell) -> Mode | None:
    found = as_choice(value, _MODES, unknown="'{text}' is not a mode; choose one of: {allowed}.")
    return Mode(found) if found else None


def status(value: Cell) -> Status | None:
    found = as_choice(
        value, _STATUSES, unknown="'{text}' is not a status; choose one of: {allowed}."
    )
    return Status(found) if found else None


def periods(value: Cell, order: DateOrder = DateOrder.DAY_FIRST) -> list[PeriodForm]:
    """'physical 2027-02-01 to 2027-02-28; virtual 01.03.2027 - 31.05.2027'."""
    out = []
    for part in as_text(value).split(";"):
        part = part.strip()
        if not part:
            continue
        found = _PERIOD.match(part)
        if not found:
            raise CellError(
                "'{text}' is not a period: write e.g. 'physical 2027-02-01 to 2027-02-28'.",
                text=shorten(part),
            )
        kind, start, end = found.groups()
        period = PeriodKind(kind.lower()), parse_date(start, order), parse_date(end, order)
        out.append(PeriodForm(*period))
    return out


def _hours(value: Cell) -> int | None:
    return as_whole(
        value,
        too_many="'{text}' is far too many hours.",
        not_whole="'{text}' is not a whole number of hours.",
    )


class PlacementRows(RowKind):
    what, plural = "placement", "placements"
    sheet_names = ("Placements",)

    def prepare(self, session: Session) -> None:
        self.students_by_email: dict[str, int] = {}
        self.students_by_number: dict[str, int] = {}
        for sid, email, number in session.execute(
            select(Student.id, Student.email, Student.student_number)
        ):
            self.students_by_email[email.lower()] = sid
            if number:
                self.students_by_number[number] = sid
        self.hosts = {
            (name.strip().lower(), country): oid
            for oid, name, country in session.execute(
                select(Organisation.id, Organisation.name, Organisation.country)
            )
        }
        self.institutions = Institutions(session)
        self.contacts_by_email: dict[str, tuple[int, int | None, int | None]] = {}
        self.contacts_by_name: dict[tuple[str, str, int | None], list[int]] = {}
        for cid, name, email, org_id, inst_id in session.execute(
            select(
                Contact.id,
                Contact.name,
                Contact.email,
                Contact.organisation_id,
                Contact.institution_id,
            )
        ):
            self.contacts_by_email[email.lower()] = (cid, org_id, inst_id)
            employer = ("organisation", org_id) if org_id is not None else ("institution", inst_id)
            key = (name.strip().lower(), *employer)
            self.contacts_by_name.setdefault(key, []).append(cid)
        self.references: set[str] = set()
        self.existing: set[tuple[int, int, date]] = set()
        for ref, student_id, host_id, start in session.execute(
            select(
                Placement.reference,
                Placement.student_id,
                Placement.host_id,
                Placement.planned_start,
            )
        ):
            self.references.add(ref)
            self.existing.add((student_id, host_id, start))
        self.first_reference = next_reference(session, date.today().year)
        self.taken: set[str] = set()  # references given in the file

    # --- finding what a row refers to ------------------------------------------------------

    def _student(self, row: Row) -> int | None:
        email, number = row.text("student_email").lower(), row.text("student_number")
        by_email = self.students_by_email.get(email) if email else None
        by_number = self.students_by_number.get(number) if number else None
        if email and by_email is None:
            row.problem(
                "student_email",
                "No student with the e-mail {email} in vipdesk; import or add the student first.",
                email=email,
            )
        if number and by_number is None:
            row.problem(
                "student_number", "No student with the number {number} in vipdesk.", number=number
            )
        if by_email is not None and by_number is not None and by_email != by_number:
            row.problem(
                "student_number",
                "The e-mail and the student number belong to two different students.",
            )
        return by_email if by_email is not None else by_number

    def _host(self, row: Row, country: str | None) -> int | None:
        name = row.text("host")
        if not name or country is None:
            return None
        found = self.hosts.get((name.lower(), country))
        if found is None:
            row.problem(
                "host",
                "No host organisation '{name}' in {country} in vipdesk; import or add it first.",
                name=shorten(name),
                country=refdata.country(country),
            )
        return found

    def _contact(self, row: Row, key: str, employer: tuple[str, int | None]) -> int | None:
        """A mentor (employer: the host) or tutor (an institution) by e-mail or name."""
        given = row.text(key)
        if not given:
            return None
        role = "mentor" if key == "mentor" else "tutor"
        address = _ADDRESS.search(given)  # "Name <e-mail>", as the placements report writes
        if address:
            given = address.group(1)
        if "@" in given:
            found = self.contacts_by_email.get(given.lower())
            if found is None:
                row.problem(key, "No contact with the e-mail {email} in vipdesk.", email=given)
                return None
            cid, org_id, inst_id = found
            if role == "mentor" and employer[1] is not None and org_id != employer[1]:
                row.problem(key, "The mentor must work at the host organisation.")
            if role == "tutor" and inst_id is None:
                row.problem(key, "The academic tutor must work at an institution.")
            return cid
        if employer[1] is None:
            return None  # the host or institution is wrong: that is the problem to show
        ids = self.contacts_by_name.get((given.lower(), employer[0], employer[1]), [])
        if len(ids) == 1:
            return ids[0]
        if ids and role == "mentor":
            row.problem(
                key,
                "{count} contacts at the host are called {name}: give the e-mail instead.",
                count=Count(len(ids)),
                name=given,
            )
        elif ids:
            row.problem(
                key,
                "{count} contacts at the institution are called {name}: give the e-mail instead.",
                count=Count(len(ids)),
                name=given,
            )
        elif role == "mentor":
            row.problem(
                key,
                "Nobody called {name} works at the host; give the e-mail of a contact in vipdesk.",
                name=given,
            )
        else:
            row.problem(
                key,
                "Nobody called {name} works at the institution; give the e-mail of a contact "
                "in vipdesk.",
                name=given,
            )
        return None

    # --- a row -----------------------------------------------------------------------------

    def build(self, row: Row) -> Built:
        country = row.country()
        institution = self.institutions.find(row)
        host_id = self._host(row, country)
        form = PlacementForm(
            reference=row.text("reference") or None,
            status=row.read("status", status) or Status.DRAFT,
            student_id=self._student(row),
            host_id=host_id,
            institution_id=institution[0] if institution else None,
            mode=row.read("mode", mode) or Mode.VIRTUAL,
            title=row.text("title"),
            description=row.text("description"),
            planned_start=row.read("planned_start", self.as_date),
            planned_end=row.read("planned_end", self.as_date),
            hours_per_week=row.read("hours_per_week", _hours),
            ects_credits=row.read("ects_credits", as_decimal),
            notes=row.text("notes"),
            periods=row.read("periods", lambda cell: periods(cell, self.date_order)) or [],
        )
        form.mentor_id = self._contact(row, "mentor", ("organisation", host_id))
        form.tutor_id = self._contact(row, "tutor", ("institution", form.institution_id))
        if form.reference and len(form.reference) > 20:
            row.problem("reference", "A reference has at most 20 characters.")
        if row.cells.get("mode") is None:
            row.problem("mode", "Enter the mode: virtual, blended or physical.")
        columns = dict(_FIELD_COLUMNS)
        if "student_email" not in row.cells:
            columns["student_id"] = "student_number"
        row.add(validate(form), columns, depends={"host": ("country",)})
        return self._identity(form)

    def _identity(self, form: PlacementForm) -> Built:
        keys: list[tuple[str, Hashable, str]] = []
        if form.reference:
            keys.append(("reference", form.reference, "The same reference as row {first}."))
        same = (form.student_id, form.host_id, form.planned_start)
        if None not in same:
            keys.append(
                (
                    "planned_start",
                    same,
                    "The same student, host and planned start as row {first}.",
                )
            )
        return Built(form, self.exists(form), keys)

    def exists(self, form: Any) -> str | None:
        if form.reference and form.reference in self.references:
            return f"a placement with the reference {form.reference}"
        if (form.student_id, form.host_id, form.planned_start) in self.existing:
            return "a placement of this student at this host starting the same day"
        return None

    def insert(self, session: Session, form: Any) -> None:
        placement = Placement(
            id=self.ids.take("placement"),
            reference=form.reference or self._next_reference(),
            status=form.status,
            student_id=form.student_id,
            host_id=form.host_id,
            institution_id=form.institution_id,
            mode=form.mode,
            title=form.title.strip(),
            description=form.description.strip() or None,
            planned_start=form.planned_start,
            planned_end=form.planned_end,
            hours_per_week=form.hours_per_week,
            ects_credits=form.ects_credits,
            mentor_id=form.mentor_id,
            tutor_id=form.tutor_id,
            notes=form.notes.strip() or None,
        )
        if form.mode is Mode.BLENDED:
            placement.periods = [
                PlacementPeriod(
                    id=self.ids.take("placement_period"), kind=p.kind, start=p.start, end=p.end
                )
                for p in form.periods
            ]
        session.add(placement)

    def before_insert(self, session: Session, forms: list[Any]) -> None:
        """References given in the file are not handed out to the rows without one."""
        super().before_insert(session, forms)
        self.taken.update(form.reference for form in forms if form.reference)
        self.ids.reserve("placement", len(forms))
        blended = [f for f in forms if f.mode is Mode.BLENDED]
        self.ids.reserve("placement_period", sum(len(f.periods) for f in blended))

    def _next_reference(self) -> str:
        prefix, number = self.first_reference.rsplit("-", 1)
        n = int(number)
        while f"{prefix}-{n:05d}" in self.taken or f"{prefix}-{n:05d}" in self.references:
            n += 1
        reference = f"{prefix}-{n:05d}"
        self.taken.add(reference)
        return reference
