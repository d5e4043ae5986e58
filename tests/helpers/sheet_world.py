"""A small, fixed world for the spreadsheet tests: the same names and e-mails in every database,
so that what one database exports another can import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vipdesk.db import Database
from vipdesk.models import (
    Contact,
    ContactRole,
    Institution,
    Mode,
    Organisation,
    PeriodKind,
    Placement,
    PlacementPeriod,
    Status,
    Student,
    StudentEquity,
)


@dataclass
class Parties:
    institutions: dict[str, int]
    hosts: dict[str, int]  # "name/country" → id
    contacts: dict[str, int]  # e-mail → id
    students: dict[str, int]  # e-mail → id


def add_parties(db: Database) -> Parties:
    with db.session("tester") as s:
        leuven = Institution(name="KU Leuven", country="BE", timezone="Europe/Brussels")
        wien = Institution(name="Universität Wien", country="AT", timezone="Europe/Vienna")
        nordlicht = Organisation(
            name="Nordlicht Analytics GmbH", country="DE", timezone="Europe/Berlin"
        )
        nordlicht_at = Organisation(
            name="Nordlicht Analytics GmbH", country="AT", timezone="Europe/Vienna"
        )
        lumiere = Organisation(name="Atelier Lumière SARL", country="FR", timezone="Europe/Paris")
        s.add_all([leuven, wien, nordlicht, nordlicht_at, lumiere])
        s.flush()
        people = [
            ("Jürgen Weiß", "juergen@nordlicht.example", ContactRole.MENTOR, nordlicht.id, None),
            ("Anna Berg", "anna.berg@lumiere.example", ContactRole.MENTOR, lumiere.id, None),
            ("Anna Berg", "a.berg@lumiere.example", ContactRole.MENTOR, lumiere.id, None),
            ("Sepp Huber", "sepp@nordlicht-at.example", ContactRole.MENTOR, nordlicht_at.id, None),
            (
                "Ελένη Παπαδοπούλου",
                "eleni@kuleuven.example",
                ContactRole.ACADEMIC_TUTOR,
                None,
                leuven.id,
            ),
            ("Maria Gruber", "maria@univie.example", ContactRole.ACADEMIC_TUTOR, None, wien.id),
        ]
        contacts = {}
        for name, email, role, org_id, inst_id in people:
            contact = Contact(
                name=name,
                email=email,
                role=role,
                timezone="Europe/Berlin",
                organisation_id=org_id,
                institution_id=inst_id,
            )
            s.add(contact)
            s.flush()
            contacts[email] = contact.id
        students = {}
        for given, family, email, number, inst in [
            ("Łukasz", "Żółć", "lukasz@student.example", "S0001", leuven),
            ("Zoë", "Dupont", "zoe@student.example", "S0002", leuven),
            ("Amira", "Haddad", "amira@student.example", "S0003", wien),
            ("=Evil", "@Name", "evil@student.example", "S0004", wien),
        ]:
            student = Student(
                given_name=given,
                family_name=family,
                email=email,
                student_number=number,
                timezone="Europe/Warsaw",
                institution_id=inst.id,
            )
            s.add(student)
            s.flush()
            students[email] = student.id
        s.add(StudentEquity(student_id=students["zoe@student.example"], disability=True))
        return Parties(
            institutions={"KU Leuven": leuven.id, "Universität Wien": wien.id},
            hosts={
                "Nordlicht Analytics GmbH/DE": nordlicht.id,
                "Nordlicht Analytics GmbH/AT": nordlicht_at.id,
                "Atelier Lumière SARL/FR": lumiere.id,
            },
            contacts=contacts,
            students=students,
        )


def add_placements(db: Database, p: Parties) -> None:
    """Five placements: every mode, several statuses, years and countries; risky titles."""
    rows = [
        (
            "VIP-2026-00001",
            "lukasz@student.example",
            "Nordlicht Analytics GmbH/DE",
            "KU Leuven",
            Mode.VIRTUAL,
            Status.ONGOING,
            "Data analyst intern — customer churn",
            date(2026, 2, 2),
            date(2026, 5, 29),
            20,
            Decimal("7.5"),
            "juergen@nordlicht.example",
            "eleni@kuleuven.example",
        ),
        (
            "VIP-2026-00002",
            "zoe@student.example",
            "Atelier Lumière SARL/FR",
            "KU Leuven",
            Mode.BLENDED,
            Status.SIGNED,
            '=HYPERLINK("http://evil.example")',
            date(2026, 9, 1),
            date(2026, 12, 18),
            30,
            Decimal(15),
            "a.berg@lumiere.example",
            None,
        ),
        (
            "VIP-2027-00001",
            "amira@student.example",
            "Nordlicht Analytics GmbH/AT",
            "Universität Wien",
            Mode.PHYSICAL,
            Status.DRAFT,
            "-5 apples and +3 pears",
            date(2027, 3, 1),
            date(2027, 3, 28),
            40,
            None,
            "sepp@nordlicht-at.example",
            "maria@univie.example",
        ),
        (
            "VIP-2027-00002",
            "evil@student.example",
            "Nordlicht Analytics GmbH/DE",
            "Universität Wien",
            Mode.VIRTUAL,
            Status.CANCELLED,
            "@home research",
            date(2027, 4, 5),
            date(2027, 7, 30),
            10,
            Decimal("2.5"),
            None,
            None,
        ),
        (
            "VIP-2027-00003",
            "lukasz@student.example",
            "Atelier Lumière SARL/FR",
            "KU Leuven",
            Mode.VIRTUAL,
            Status.PREPARING,
            "Brand content assistant",
            date(2027, 9, 6),
            date(2027, 12, 17),
            25,
            Decimal(10),
            None,
            "eleni@kuleuven.example",
        ),
    ]
    with db.session("tester") as s:
        for (
            ref,
            student,
            host,
            inst,
            mode,
            status,
            title,
            start,
            end,
            hours,
            ects,
            mentor,
            tutor,
        ) in rows:
            placement = Placement(
                reference=ref,
                student_id=p.students[student],
                host_id=p.hosts[host],
                institution_id=p.institutions[inst],
                mode=mode,
                status=status,
                title=title,
                planned_start=start,
                planned_end=end,
                hours_per_week=hours,
                ects_credits=ects,
                mentor_id=p.contacts[mentor] if mentor else None,
                tutor_id=p.contacts[tutor] if tutor else None,
            )
            if mode is Mode.BLENDED:
                placement.periods = [
                    PlacementPeriod(kind=PeriodKind.VIRTUAL, start=start, end=date(2026, 10, 30)),
                    PlacementPeriod(kind=PeriodKind.PHYSICAL, start=date(2026, 11, 2), end=end),
                ]
            s.add(placement)


def placement_records(db: Database) -> list[tuple[object, ...]]:
    """Every placement as comparable values (links by e-mail and name, not by id)."""
    from sqlalchemy import select

    with db.session() as s:
        out: list[tuple[object, ...]] = []
        for pl in s.scalars(select(Placement).order_by(Placement.reference)):
            out.append(
                (
                    pl.reference,
                    pl.student.email,
                    pl.host.name,
                    pl.host.country,
                    pl.institution.name,
                    pl.mode,
                    pl.status,
                    pl.title,
                    pl.planned_start,
                    pl.planned_end,
                    pl.hours_per_week,
                    pl.ects_credits,
                    pl.mentor.email if pl.mentor else None,
                    pl.tutor.email if pl.tutor else None,
                    [(q.kind, q.start, q.end) for q in pl.periods],
                )
            )
        return out
