"""Demo data: an empty database filled with realistic, invented placements to try vipdesk on.

`generate_demo` writes everything in one transaction with bulk inserts (`writer`; the answers
to questionnaires copied in SQL, `answers`), so 100,000 placements take two to three minutes and
a cancelled or failed run leaves nothing behind.
The data is deterministic: the same seed and the same `today` give the same records. No audit
entries are written: nobody edited these records.

The rows come from `parties` (institutions, hosts, people), `placements`, `preparation`
(readiness, protocol, tools) and `agreements` (the agreement and certificate on file, drafted
from the rows as made, `sources`): each placement's records back its status.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.texts import document_language
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import Contact, ContactRole, Institution, Organisation, Placement, Student
from vipdesk.services.agreements.drafting import drafts
from vipdesk.services.demo.agreements import DocumentRows, OnFile, needs_agreement, sent_day
from vipdesk.services.demo.answers import AnswerSets
from vipdesk.services.demo.evaluations import add_demo_evaluations
from vipdesk.services.demo.funding import add_demo_funding
from vipdesk.services.demo.history import add_demo_history
from vipdesk.services.demo.monitoring import add_demo_monitoring
from vipdesk.services.demo.parties import DEMO_USER, PartyFactory, Picker, Row, Spec, office_time
from vipdesk.services.demo.placements import Host, PlacementFactory, Plan, Sender, references
from vipdesk.services.demo.preparation import People, Preparation, PreparationFactory
from vipdesk.services.demo.sources import SourceBook
from vipdesk.services.demo.writer import Writer, rollback_journal
from vipdesk.services.preparation.questionnaires import default_library

CHUNK = 1000  # placements per round of inserts, progress report and cancel check
_BATCH_TABLES = (
    "student",
    "student_language",
    "student_equity",
    "placement",
    "placement_period",
    "checklist_tick",
    "readiness_response",
    "communication_protocol",
    "actor_availability",
    "tool_choice",
    "tool_test",
)

_WRITTEN_IN = document_language(ENGLISH)  # the demo's agreements: the default language
Tables = dict[str, list[Row]]  # rows to insert, by table, in an order that respects foreign keys


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo added."""

    institutions: int
    organisations: int
    contacts: int
    students: int
    placements: int
    agreements: int = 0  # agreements and certificates on file
    rendered: int = 0  # of them with their PDFs rendered (see `demo.fill`)


class DemoCancelledError(VipdeskError):
    """The user stopped the demo data; nothing was written."""


def generate_demo(
    db: Database,
    placements: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty database with `placements` demo placements and everything around them.

    Args:
        progress: called with (placements written, placements asked for) after each batch.
        should_cancel: polled between batches; when it returns True the run stops.
        today: the date the data is built around (ongoing placements span it).

    Raises:
        VipdeskError: the database already holds placements, or `placements` is negative.
        DemoCancelledError: `should_cancel` said stop; everything written was rolled back.
    """
    with rollback_journal(db), db.session(DEMO_USER) as session:
        return build_demo(session, placements, seed, progress, should_cancel, today=today)


def build_demo(
    session: Session,
    placements: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    today: date | None = None,
) -> DemoSummary:
    """`generate_demo` inside a session the caller holds and commits (or rolls back)."""
    if placements < 0:
        raise VipdeskError("The number of demo placements cannot be negative.")
    held = session.scalar(select(func.count()).select_from(Placement)) or 0
    if held:
        noun = "placement" if held == 1 else "placements"
        raise VipdeskError(
            f"This database already holds {held:,} {noun}; demo data goes into an empty database."
        )
    builder = _Builder(session, random.Random(seed), today or date.today())
    with _no_cycle_collection():
        return builder.run(placements, progress or _no_progress, should_cancel or _go_on)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the demo is made, and on again after.

    The demo keeps millions of objects alive for a while (rows, drafts, the students met so
    far) and makes none that point at each other in a circle, yet the collector walked them
    all again and again: a fifth of a 100,000-placement demo. Plain reference counting frees
    everything as before; only cycles (from elsewhere, in the meantime) wait until the end."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _no_progress(_done: int, _total: int) -> None:
    pass


def _go_on() -> bool:
    return False


class _Builder:
    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.session = session
        self.writer = Writer(session)
        emails = set(session.scalars(select(Contact.email)))
        emails |= set(session.scalars(select(Student.email)))
        numbers = {n for n in session.scalars(select(Student.student_number)) if n}
        self.parties = PartyFactory(rng, today, emails, numbers)
        self.factory = PlacementFactory(rng, today, self.parties)
        self.answers = AnswerSets()  # written in SQL once every response is (see `answers`)
        self.preparation = PreparationFactory(rng, today, default_library(), self.answers)
        self.documents = DocumentRows(rng, today)
        self.sources = SourceBook()  # what the agreements are drafted from
        # Each agreement's planned learning outcomes, by placement (the same few lists).
        self.outcomes: dict[int, tuple[str, ...]] = {}
        self._outcome_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.today = today
        self.student_names: dict[int, tuple[str, str]] = {}  # id -> (name, time zone)
        self.mentor_names: dict[int, str] = {}
        self.host_zones: dict[int, str] = {}
        self.agreements = 0
        self.senders: list[Sender] = []
        self.hosts: list[Host] = []
        self.hosts_by_sector: dict[str, list[Host]] = {}
        self.fields: dict[int, Spec] = {}  # each student's field of education, by plan index
        self.counts = dict.fromkeys(("institutions", "organisations", "contacts", "students"), 0)
        self.should_cancel: Callable[[], bool] = _go_on

    def run(
        self, count: int, progress: Callable[[int, int], None], should_cancel: Callable[[], bool]
    ) -> DemoSummary:
        self.should_cancel = should_cancel
        self._senders(count)
        self._check_cancel()
        self._hosts(max(20, count // 40))
        self.sources.read_parties(self.session)
        self._check_cancel()
        progress(0, count)
        specs = self.parties.institutions
        sender_of = Picker(range(len(specs)), [s["weight"] for s in specs])
        plans = self.factory.plans(count, sender_of, len(specs))
        order = sorted(range(count), key=lambda k: (plans[k].start, k))
        refs = references(plans[k].start for k in order)
        firsts = len({plan.student for plan in plans})
        ids = _Ids(self.writer.new_ids("student", firsts), self.writer.new_ids("placement", count))
        batches = self._batches([plans[k] for k in order], refs, ids)
        done = 0
        for rows, on_file in batches:
            self._check_cancel()
            for table, table_rows in rows.items():
                self.writer.insert(table, table_rows)
            self._documents(rows, on_file)
            done += len(rows["placement"])
            progress(done, count)
        # Its own generator (seeded from the main one's state without drawing from it), so
        # that adding the money left every other record of a seed as it was.
        money_rng = random.Random(hash(self.rng.getstate()[1][:8]))
        stamp = self.parties.stamp(self.parties.early())
        add_demo_funding(self.session, self.writer.new_ids, self.writer.insert, money_rng,
                         self.today, stamp)  # fmt: skip
        add_demo_evaluations(self.session, self.writer.new_ids, self.writer.insert, money_rng,
                             self.today, self.answers, self.outcomes)  # fmt: skip
        self.answers.write(self.session)
        add_demo_monitoring(self.session, self.writer.insert, money_rng, self.today, stamp,
                            self.outcomes)  # fmt: skip
        add_demo_history(self.session, self.writer.insert, self.today)
        self.counts["students"] = firsts
        return DemoSummary(placements=count, agreements=self.agreements, **self.counts)

    def _documents(self, rows: Tables, on_file: list[OnFile]) -> None:
        """The agreements (and certificates) of a batch, once its placements are written."""
        if not on_file:
            return
        sources = self.sources.sources(rows, (want.pid for want in on_file))
        contents = drafts(sources, version=1, today=self.today, language=_WRITTEN_IN)
        built = self.documents.build(contents, on_file)
        for pid, data in contents.items():  # asked by the evaluations, then recognised
            planned = tuple(data.programme.learning_outcomes)
            self.outcomes[pid] = self._outcome_lists.setdefault(planned, planned)
        ids = self.writer.new_ids("agreement_document", len(built))
        signatures: list[Row] = []
        for (row, signed), new_id in zip(built, ids, strict=True):
            row["id"] = new_id
            signatures += [s | {"document_id": new_id} for s in signed]
        self.writer.insert("agreement_document", [row for row, _ in built])
        self.writer.insert("agreement_signature", signatures)
        self.agreements += len(built)

    def _check_cancel(self) -> None:
        if self.should_cancel():
            raise DemoCancelledError("Demo data cancelled; nothing was written.")

    # --- institutions and hosts -----------------------------------------------------------

    def _senders(self, count: int) -> None:
        """The sending institutions (reusing any already there by name) and their staff."""
        specs = self.parties.institutions
        ids = dict(self.session.execute(select(Institution.name, Institution.id)).all())
        new = [s for s in specs if s["name"] not in ids]
        rows: list[Row] = []
        for spec, new_id in zip(new, self.writer.new_ids("institution", len(new)), strict=True):
            rows.append({"id": new_id} | self.parties.institution_row(spec))
            ids[spec["name"]] = new_id
        self.writer.insert("institution", rows)
        self.counts["institutions"] = len(rows)
        total_weight = sum(s["weight"] for s in specs)
        staff: dict[str, list[Row]] = {}
        for spec in specs:
            tutors = min(60, max(3, count * spec["weight"] // total_weight // 150))
            coordinators = self.rng.randint(2, 3)
            staff[spec["name"]] = self.parties.staff_rows(
                spec, ids[spec["name"]], tutors, coordinators
            )
        self._insert_contacts([row for rows in staff.values() for row in rows])
        for spec in specs:
            own = staff[spec["name"]]
            tutor = ContactRole.ACADEMIC_TUTOR.value
            tutor_ids = [r["id"] for r in own if r["role"] == tutor]
            names = [r["name"] for r in own if r["role"] != tutor]
            self.senders.append(Sender(ids[spec["name"]], spec, tutor_ids, names))

    def _hosts(self, count: int) -> None:
        """The host organisations, spread over countries and sectors, and their people."""
        query = select(Organisation.name, Organisation.country)
        taken = {(name, country) for name, country in self.session.execute(query)}
        drawn = [self.parties.host_row(taken) for _ in range(count)]
        rows: list[Row] = []
        for new_id, (row, sector) in zip(
            self.writer.new_ids("organisation", count), drawn, strict=True
        ):
            rows.append({"id": new_id} | row)
            self.host_zones[new_id] = row["timezone"]
            host = Host(new_id, row["country"], sector, [])
            self.hosts.append(host)
            self.hosts_by_sector.setdefault(sector, []).append(host)
        self.writer.insert("organisation", rows)
        self.counts["organisations"] = count
        contacts: list[Row] = []
        for row, host in zip(rows, self.hosts, strict=True):
            contacts.extend(self.parties.host_contact_rows(row, host.id, host.sector))
        self._insert_contacts(contacts)
        by_id = {h.id: h for h in self.hosts}
        for contact in contacts:
            if contact["role"] == ContactRole.MENTOR.value:
                by_id[contact["organisation_id"]].mentors.append(contact["id"])
                self.mentor_names[contact["id"]] = contact["name"]

    def _insert_contacts(self, rows: list[Row]) -> None:
        for row, new_id in zip(rows, self.writer.new_ids("contact", len(rows)), strict=True):
            row["id"] = new_id
        self.writer.insert("contact", rows)
        self.counts["contacts"] += len(rows)

    def _host_for(self, field: Spec, country: str) -> Host:
        """A host in a sector that fits the student's field, preferably abroad."""
        rng = self.rng
        host = self.hosts[0]
        for _ in range(4):
            pool = self.hosts_by_sector.get(rng.choice(field["sectors"])) or self.hosts
            host = pool[rng.randrange(len(pool))]
            if host.country != country:
                break
        return host

    # --- students and placements ----------------------------------------------------------

    def _batches(
        self, plans: list[Plan], refs: list[str], ids: _Ids
    ) -> Iterator[tuple[Tables, list[OnFile]]]:
        """The rows of each batch of placements, with the students met for the first time, and
        the placements that need an agreement on file."""
        student_ids: dict[int, int] = {}
        for offset in range(0, len(plans), CHUNK):
            window = slice(offset, offset + CHUNK)
            batch = list(zip(plans[window], refs[window], strict=True))
            rows: Tables = {name: [] for name in _BATCH_TABLES}
            on_file: list[OnFile] = []
            prepared: list[Preparation] = []
            created = [self.factory.created_day(plan) for plan, _ in batch]
            for (plan, _), day in zip(batch, created, strict=True):
                if plan.student not in student_ids:
                    student_ids[plan.student] = next(ids.students)
                    self._student(plan, student_ids[plan.student], day, rows)
            for (plan, reference), day in zip(batch, created, strict=True):
                sender = self.senders[plan.sender]
                host = self._host_for(self.fields[plan.student], sender.spec["country"])
                student_id = student_ids[plan.student]
                pid = next(ids.placements)
                reached = self.factory.reached(plan)
                row, periods, ticks = self.factory.placement(
                    pid, plan, reference, student_id, sender, host, day, reached
                )
                rows["placement"].append(row)
                rows["placement_period"].extend(periods)
                rows["checklist_tick"].extend(ticks)
                coordinator = row["updated_by"]
                last = min(plan.start - timedelta(days=10), self.today - timedelta(days=1))
                if needs_agreement(reached):
                    sent = sent_day(self.rng, self.today, reached, plan.start, day)
                    on_file.append(OnFile(pid, reached, plan.start, plan.end, sent, coordinator))
                    last = sent - timedelta(days=1)
                student, zone = self.student_names[student_id]
                people = People(
                    student,
                    self.mentor_names.get(row["mentor_id"], "Company mentor"),
                    coordinator,
                    {"student": zone, "host": self.host_zones[host.id], "sending": sender.zone},
                )
                prepared.append(self.preparation.build(pid, reached, day, last, people))
            self._preparation_rows(prepared, rows)
            yield rows, on_file

    def _preparation_rows(self, prepared: list[Preparation], rows: Tables) -> None:
        """Give the responses and protocols of a batch their ids, and their children too."""
        responses = [r for p in prepared for r in p.responses]
        for (response, answer_set), new_id in zip(
            responses, self.writer.new_ids("readiness_response", len(responses)), strict=True
        ):
            rows["readiness_response"].append({"id": new_id} | response)
            self.answers.use("readiness_answer", new_id, answer_set)
        protocols = [p.protocol for p in prepared if p.protocol is not None]
        for (protocol, availability), new_id in zip(
            protocols, self.writer.new_ids("communication_protocol", len(protocols)), strict=True
        ):
            rows["communication_protocol"].append({"id": new_id} | protocol)
            rows["actor_availability"].extend(a | {"protocol_id": new_id} for a in availability)
        for p in prepared:
            rows["tool_choice"].extend(p.choices)
            rows["tool_test"].extend(p.tests)

    def _student(self, plan: Plan, student_id: int, created_day: date, rows: Tables) -> None:
        """A student first met in `plan`: created a little before that placement."""
        rng = self.rng
        sender = self.senders[plan.sender]
        stamp = office_time(rng, created_day - timedelta(days=rng.randint(1, 30)))
        draft = self.parties.student(sender.spec, sender.id, plan.start, stamp)
        self.fields[plan.student] = draft.field
        name = f"{draft.row['given_name']} {draft.row['family_name']}"
        self.student_names[student_id] = (name, draft.row["timezone"])
        row = {"id": student_id} | draft.row
        languages = [
            {"student_id": student_id, "language": language, "level": level}
            for language, level in draft.languages
        ]
        rows["student"].append(row)
        rows["student_language"].extend(languages)
        self.sources.add_student(row, languages)
        if draft.equity is not None:
            rows["student_equity"].append({"student_id": student_id} | draft.equity)


class _Ids:
    """Ids taken up front for the students and placements, handed out in order."""

    def __init__(self, students: list[int], placements: list[int]) -> None:
        self.students = iter(students)
        self.placements = iter(placements)
