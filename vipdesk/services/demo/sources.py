"""Demo data: what each agreement is drafted from, taken from the rows just made.

Reading 100,000 placements back through the ORM to draft their agreements took longer than
making them. The drafts come from the same fields (`agreements.records`), kept here as the
rows are made: the institutions, hosts and their people as written (read once), each student
as first met, and a batch's placements with their periods, protocol and tools.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import (
    Cadence,
    Contact,
    ContactRole,
    Institution,
    Mode,
    Organisation,
    OrganisationSize,
    PeriodKind,
    ProtocolActor,
    ToolTestResult,
)
from vipdesk.services.agreements.records import Sources
from vipdesk.services.demo.parties import Row

_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class _Language:
    language: str
    level: str


@dataclass(frozen=True, slots=True)
class _Student:
    full_name: str
    email: str
    date_of_birth: date | None
    nationality: str | None
    study_cycle: int | None
    field_of_education: str | None
    languages: tuple[_Language, ...]


@dataclass(frozen=True, slots=True)
class _Institution:
    name: str
    faculty: str | None
    erasmus_code: str | None
    address: str | None
    city: str | None
    country: str


@dataclass(frozen=True, slots=True)
class _Host:
    name: str
    street: str | None
    postcode: str | None
    city: str | None
    country: str
    website: str | None
    size: OrganisationSize | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    position: str | None
    email: str
    phone: str | None


@dataclass(frozen=True, slots=True)
class _Period:
    kind: PeriodKind
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class _Placement:
    id: int
    reference: str
    title: str
    description: str | None
    planned_start: date
    planned_end: date
    hours_per_week: int
    mode: Mode
    ects_credits: Decimal | None
    student: _Student
    host: _Host
    institution: _Institution
    mentor: _Person | None
    tutor: _Person | None
    periods: tuple[_Period, ...]


@dataclass(frozen=True, slots=True)
class _Availability:
    actor: ProtocolActor
    timezone: str
    weekdays: str
    start_time: time
    end_time: time


@dataclass(frozen=True, slots=True)
class _Protocol:
    availability: tuple[_Availability, ...]
    reporting: Cadence
    reply_hours: int
    meetings: Cadence
    meeting_minutes: int
    tools_note: str | None
    student_helpdesk: str | None
    staff_helpdesk: str | None


@dataclass(frozen=True, slots=True)
class _ToolTest:
    tool_key: str
    actor: ProtocolActor
    result: ToolTestResult
    tested_on: date | None
    note: str | None


class SourceBook:
    """The fields the demo's agreement drafts read, by record id."""

    def __init__(self) -> None:
        self.institutions: dict[int, _Institution] = {}
        self.hosts: dict[int, _Host] = {}
        self.people: dict[int, _Person] = {}
        self.coordinators: dict[int, _Person] = {}  # by institution: its longest-known
        self.hrs: dict[int, _Person] = {}  # by host: its longest-known
        self.students: dict[int, _Student] = {}

    def read_parties(self, session: Session) -> None:
        """The institutions, hosts and people as stored (with any there before the demo)."""
        i = Institution
        for row in session.execute(
            select(i.id, i.name, i.faculty, i.erasmus_code, i.address, i.city, i.country)
        ):
            self.institutions[row.id] = _Institution(
                row.name, row.faculty, row.erasmus_code, row.address, row.city, row.country
            )
        o = Organisation
        for host in session.execute(
            select(o.id, o.name, o.street, o.postcode, o.city, o.country, o.website, o.size,
                   o.sector)
        ):  # fmt: skip
            self.hosts[host.id] = _Host(
                host.name, host.street, host.postcode, host.city, host.country, host.website,
                host.size, host.sector,
            )  # fmt: skip
        c = Contact
        query = select(c.id, c.name, c.position, c.email, c.phone, c.role, c.institution_id,
                       c.organisation_id).order_by(c.id)  # fmt: skip
        for contact in session.execute(query):
            person = _Person(contact.name, contact.position, contact.email, contact.phone)
            self.people[contact.id] = person
            if contact.role is ContactRole.COORDINATOR and contact.institution_id is not None:
                self.coordinators.setdefault(contact.institution_id, person)
            elif contact.role is ContactRole.HR and contact.organisation_id is not None:
                self.hrs.setdefault(contact.organisation_id, person)

    def add_student(self, row: Row, languages: Iterable[Row]) -> None:
        self.students[row["id"]] = _Student(
            f"{row['given_name']} {row['family_name']}",
            row["email"],
            row["date_of_birth"],
            row["nationality"],
            row["study_cycle"],
            row["field_of_education"],
            tuple(_Language(x["language"], x["level"]) for x in languages),
        )

    def sources(self, rows: dict[str, list[Row]], wanted: Iterable[int]) -> list[Sources]:
        """What each placement of `wanted` is drafted from, out of its batch's `rows`."""
        ids = set(wanted)
        periods: dict[int, list[_Period]] = {}
        for r in rows["placement_period"]:
            if r["placement_id"] in ids:
                period = _Period(PeriodKind(r["kind"]), r["start"], r["end"])
                periods.setdefault(r["placement_id"], []).append(period)
        slots: dict[int, list[_Availability]] = {}
        for r in rows["actor_availability"]:
            slots.setdefault(r["protocol_id"], []).append(
                _Availability(ProtocolActor(r["actor"]), r["timezone"], r["weekdays"],
                              r["start_time"], r["end_time"])
            )  # fmt: skip
        protocols = {
            r["placement_id"]: _Protocol(
                tuple(slots.get(r["id"], ())), Cadence(r["reporting"]), r["reply_hours"],
                Cadence(r["meetings"]), r["meeting_minutes"], r["tools_note"],
                r["student_helpdesk"], r["staff_helpdesk"],
            )
            for r in rows["communication_protocol"]
            if r["placement_id"] in ids
        }  # fmt: skip
        choices: dict[int, dict[str, str]] = {}
        for r in rows["tool_choice"]:
            if r["placement_id"] in ids:
                choices.setdefault(r["placement_id"], {})[r["purpose"]] = r["tool_key"]
        tests: dict[int, list[_ToolTest]] = {}
        for r in rows["tool_test"]:
            if r["placement_id"] in ids:
                tests.setdefault(r["placement_id"], []).append(
                    _ToolTest(r["tool_key"], ProtocolActor(r["actor"]),
                              ToolTestResult(r["result"]), r["tested_on"], r["note"])
                )  # fmt: skip
        out: list[Sources] = []
        for r in rows["placement"]:
            pid = r["id"]
            if pid not in ids:
                continue
            placement = _Placement(
                pid, r["reference"], r["title"], r["description"], r["planned_start"],
                r["planned_end"], r["hours_per_week"], Mode(r["mode"]),
                _as_stored(r["ects_credits"]),
                self.students[r["student_id"]], self.hosts[r["host_id"]],
                self.institutions[r["institution_id"]], self.people.get(r["mentor_id"]),
                self.people.get(r["tutor_id"]),
                tuple(sorted(periods.get(pid, ()), key=lambda x: x.start)),
            )  # fmt: skip
            out.append(
                Sources(
                    placement,
                    self.coordinators.get(r["institution_id"]),
                    self.hrs.get(r["host_id"]),
                    protocols.get(pid),
                    choices.get(pid, {}),
                    tests.get(pid, []),
                )
            )
        return out


def _as_stored(credits: Decimal | None) -> Decimal | None:
    """Credits as `placement.ects_credits` (NUMERIC(4, 1)) gives them back: 14 as 14.0."""
    return None if credits is None else credits.quantize(_TENTH)
