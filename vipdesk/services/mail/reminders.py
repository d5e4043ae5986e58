"""Reminders from the work list: one message per party a due item waits for.

The Today tab's rules decide what is due; here each item that waits on somebody outside the
office becomes a message to them: a signature still missing (to each party that has not
signed), the certificate (to the host), a final evaluation (to whoever has not given it), a
start blocked by readiness (to the student and the host), a meeting the protocol's rhythm
expected (to the trainee and the mentor). A placement already reminded of the
same rule within `AGAIN_AFTER` days is left out, so that running it every morning does not
send the same reminder daily.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.headerregistry import Address

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.errors import ValidationError
from vipdesk.models import (
    Contact,
    ContactRole,
    EvaluationResponse,
    EvaluationStage,
    Institution,
    Organisation,
    Placement,
    ReadinessParty,
    Student,
)
from vipdesk.services.mail.compose import Draft, Recipients
from vipdesk.services.mail.languages import PlacementLanguages, written_day
from vipdesk.services.mail.outbox import recently_reminded
from vipdesk.services.mail.settings import MailSettings, make_address
from vipdesk.services.mail.templates import fill, fill_signature, signature_text, templates
from vipdesk.services.worklist.due import WorkItem, due_with_facts
from vipdesk.services.worklist.queries import Fact
from vipdesk.services.worklist.wording import Wording, details

AGAIN_AFTER = timedelta(days=7)
REMINDED_RULES = (
    "agreement_unsigned",
    "amendment_unsigned",
    "certificate_missing",
    "evaluation_missing",
    "start_blocked",
    "meeting_overdue",
)
_START_BLOCKERS_OF = {"student": ("readiness_student",), "host": ("readiness_company",)}


@dataclass
class ReminderPlan:
    drafts: list[Draft] = field(default_factory=list)
    reminded_lately: int = 0  # items left out: reminded within AGAIN_AFTER
    without_address: list[str] = field(default_factory=list)  # "VIP-…: the host"


@dataclass(frozen=True)
class _People:
    student: Address | None
    mentor: Address | None
    hr: list[Address]
    institution: str
    languages: PlacementLanguages


def _parties(item: WorkItem, fact: Fact, evaluated: set[tuple[int, str]]) -> list[str]:
    """The parties outside the office this item waits for: student, host."""
    if item.rule_key in ("agreement_unsigned", "amendment_unsigned"):
        pending = [e.split(":")[0] for e in fact.particulars if e.endswith(":pending")]
        return [p for p in ("student", "host") if p in pending]
    if item.rule_key == "certificate_missing":
        return ["host"]
    if item.rule_key == "evaluation_missing":
        return [
            party
            for party, ours in (("student", "student"), ("host", "company"))
            if (item.placement_id, ours) not in evaluated
        ]
    if item.rule_key == "meeting_overdue":
        return ["student", "host"]  # the trainee and the mentor hold it
    if item.rule_key == "start_blocked":
        return [
            party
            for party, keys in _START_BLOCKERS_OF.items()
            if any(k in fact.particulars for k in keys)
        ]
    return []


def _address(name: str, email: str | None) -> Address | None:
    if not email:
        return None
    try:
        return make_address(name, email)
    except ValidationError:
        return None


def _people(session: Session, placement_ids: list[int]) -> dict[int, _People]:
    rows = session.execute(
        select(
            Placement.id,
            Placement.host_id,
            Student.given_name,
            Student.family_name,
            Student.email,
            Contact.name,
            Contact.email,
            Institution.name,
            Student.preferred_language,
            Organisation.document_language,
        )
        .join(Student, Student.id == Placement.student_id)
        .join(Institution, Institution.id == Placement.institution_id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .outerjoin(Contact, Contact.id == Placement.mentor_id)
        .where(Placement.id.in_(placement_ids))
    ).all()
    hosts = {row[1] for row in rows}
    hr: dict[int, list[Address]] = defaultdict(list)
    for organisation_id, name, email in session.execute(
        select(Contact.organisation_id, Contact.name, Contact.email)
        .where(Contact.organisation_id.in_(hosts), Contact.role == ContactRole.HR)
        .order_by(Contact.id)
    ):
        found = _address(name, email)
        if found is not None and organisation_id is not None:
            hr[organisation_id].append(found)
    return {
        pid: _People(
            _address(f"{given} {family}", email),
            _address(mentor or "", mentor_email),
            hr.get(host_id, []),
            institution,
            PlacementLanguages(student_language, host_language),
        )
        for (
            pid, host_id, given, family, email, mentor, mentor_email, institution,
            student_language, host_language,
        ) in rows
    }  # fmt: skip


def _evaluated(session: Session, placement_ids: list[int]) -> set[tuple[int, str]]:
    query = select(EvaluationResponse.placement_id, EvaluationResponse.party).where(
        EvaluationResponse.placement_id.in_(placement_ids),
        EvaluationResponse.stage == EvaluationStage.FINAL,
    )
    return {(p, ReadinessParty(party).value) for p, party in session.execute(query)}


def _dates(item: WorkItem, fact: Fact, as_of: date, language: str) -> dict[str, str]:
    days = {
        "since": item.since,
        "deadline": item.due,
        "start": fact.who.start,
        "end": fact.who.end,
        "date": as_of,
    }
    return {name: written_day(value, language) for name, value in days.items()}


def plan_reminders(db: Database, settings: MailSettings, as_of: date | None = None) -> ReminderPlan:
    """The reminders due on `as_of` (today), made but not queued."""
    as_of = as_of or date.today()
    pairs = [(i, f) for i, f in due_with_facts(db, as_of) if i.rule_key in REMINDED_RULES]
    plan = ReminderPlan()
    since = datetime.combine(as_of, time(), UTC) - AGAIN_AFTER
    with db.session() as session:
        lately = recently_reminded(session, since)
        ids = sorted({item.placement_id for item, _ in pairs})
        people: dict[int, _People] = {}
        evaluated: set[tuple[int, str]] = set()
        for start in range(0, len(ids), 900):  # stay under SQLite's bound parameters
            chunk = ids[start : start + 900]
            people |= _people(session, chunk)
            evaluated |= _evaluated(session, chunk)
        languages = {
            who.languages.of(party)
            for who in people.values()
            for party in (Party.STUDENT, Party.HOST)
        }
        wording = {language: templates(session, language) for language in languages}
        signature = {language: signature_text(session, language) for language in languages}
    for item, fact in pairs:
        if (item.placement_id, item.rule_key) in lately:
            plan.reminded_lately += 1
            continue
        who = people.get(item.placement_id)
        if who is None:
            continue
        for party in _parties(item, fact, evaluated):
            if party == "student":
                recipients = Recipients([who.student], []) if who.student else None
            elif who.hr and item.rule_key not in ("evaluation_missing", "meeting_overdue"):
                recipients = Recipients(who.hr, [who.mentor] if who.mentor else [])
            else:
                recipients = Recipients([who.mentor], []) if who.mentor else None
            if recipients is None:
                plan.without_address.append(f"{item.reference}: the {party}")
                continue
            language = who.languages.of(Party(party))
            chosen = wording[language][f"reminder_{item.rule_key}"]
            values = {
                "recipient": ", ".join(a.display_name or a.addr_spec for a in recipients.to),
                "reference": item.reference,
                "student": item.student,
                "host": item.host,
                "institution": who.institution,
                **_dates(item, fact, as_of, language),
                "details": details(item, Wording(language)) or item.details,
                "signature": fill_signature(signature[language], settings, who.institution),
            }
            plan.drafts.append(
                Draft(
                    to=list(recipients.to),
                    cc=list(recipients.cc),
                    subject=" ".join(fill(chosen.subject, values).split()),
                    body=fill(chosen.body, values),
                    placement_id=item.placement_id,
                    template=chosen.key,
                    rule_key=item.rule_key,
                    reference=item.reference,
                )
            )
    return plan
