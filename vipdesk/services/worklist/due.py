"""What needs the coordinator now: the work list, built from the records and the dates.

Each item says what is due, for whom, since when, and what to do. Nothing about an item is
stored but a snooze: when the records change (the host signs, the certificate is locked, the
status moves on) the item is simply no longer found.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.models import DocumentKind, Status
from vipdesk.services.worklist import queries
from vipdesk.services.worklist.queries import Fact
from vipdesk.services.worklist.rules import Rule, rules_in
from vipdesk.services.worklist.snoozes import snoozed
from vipdesk.services.worklist.wording import Wording, details

WEEK = 7


class Urgency(enum.IntEnum):
    OVERDUE = 0
    THIS_WEEK = 1
    LATER = 2

    @property
    def label(self) -> str:
        return ("Overdue", "This week", "Later")[self.value]


@dataclass(frozen=True, slots=True)
class WorkItem:
    rule_key: str
    placement_id: int
    reference: str
    student: str
    host: str
    status: Status
    what: str  # "Agreement waiting for signatures"
    details: str  # "Not signed yet by the host (Acme GmbH)."
    action: str  # what to do
    since: date  # when the matter began: sent on, ended on, entered the warning window
    due: date  # when it is (or was) due
    urgency: Urgency
    tab: str  # the placement editor's tab where the work is done
    # What `details` is made of, for the interface to word it in its own language:
    particulars: tuple[str, ...] = ()  # blocker keys, "party:state", "tool|actor"
    institution: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def for_whom(self) -> str:
        return f"{self.student} at {self.host}"

    def when(self, as_of: date) -> str:
        """ "12 days overdue", "due today", "due in 3 days"."""
        days = (self.due - as_of).days
        if days < 0:
            return f"{-days} day{'s' if days != -1 else ''} overdue"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True)
class WorkList:
    as_of: date
    within: int
    items: list[WorkItem]  # most urgent first
    snoozed: int = 0  # items due but hidden by a snooze
    counts: Counter[Urgency] = field(default_factory=Counter)

    def by_urgency(self) -> dict[Urgency, list[WorkItem]]:
        groups: dict[Urgency, list[WorkItem]] = {u: [] for u in Urgency}
        for item in self.items:
            groups[item.urgency].append(item)
        return groups

    def next_steps(self) -> dict[int, WorkItem]:
        """The most urgent item of each placement that has one."""
        out: dict[int, WorkItem] = {}
        for item in self.items:  # already most urgent first
            out.setdefault(item.placement_id, item)
        return out


def day_text(day: date) -> str:
    """4 Dec 2026: the day as a coordinator writes it, in any locale's spreadsheet too."""
    return Wording().day(day)


def urgency(due: date, as_of: date) -> Urgency:
    if due < as_of:
        return Urgency.OVERDUE
    return Urgency.THIS_WEEK if due < as_of + timedelta(days=WEEK) else Urgency.LATER


def work_list(db: Database, as_of: date | None = None, within: int = 0) -> WorkList:
    """Every item due by `as_of` + `within` days (and starts within each rule's warning days),
    without the snoozed ones, most urgent first."""
    as_of = as_of or date.today()
    pairs, hidden = _due(db, as_of, within)
    shown = [item for item, _fact in pairs]
    return WorkList(
        as_of,
        within,
        shown,
        snoozed=hidden,
        counts=Counter(i.urgency for i in shown),
    )


def due_with_facts(db: Database, as_of: date, within: int = 0) -> list[tuple[WorkItem, Fact]]:
    """The work list's items with the facts behind them (which parties have not signed, what
    blocks the start), for the reminders that go to those parties."""
    return _due(db, as_of, within)[0]


def _due(db: Database, as_of: date, within: int) -> tuple[list[tuple[WorkItem, Fact]], int]:
    horizon = as_of + timedelta(days=within)
    with db.session() as session:
        rules = rules_in(session)
        facts = list(_facts(session, rules, as_of, horizon))
        hidden = snoozed(session, as_of)
    pairs = [(_item(f, rules[f.rule_key], as_of), f) for f in facts]
    shown = [(i, f) for i, f in pairs if (i.placement_id, i.rule_key) not in hidden]
    shown.sort(key=lambda pair: (pair[0].urgency, pair[0].due, pair[0].reference, pair[0].rule_key))
    return shown, len(pairs) - len(shown)


def _facts(session: Session, rules: dict[str, Rule], as_of: date, horizon: date) -> Iterable[Fact]:
    days = {key: rule.days for key, rule in rules.items()}
    yield from queries.starts_blocked(session, horizon, as_of, days["start_blocked"])
    for kind, key in (
        (DocumentKind.AGREEMENT, "agreement_unsigned"),
        (DocumentKind.AMENDMENT, "amendment_unsigned"),
    ):
        yield from queries.unsigned(session, kind, key, horizon, days[key])
    yield from queries.past_end(session, horizon, days["past_end"])
    for key in ("certificate_missing", "evaluation_missing", "recognition_missing"):
        yield from queries.missing_after_end(session, key, horizon, days[key])
    yield from queries.meetings_overdue(session, horizon, days["meeting_overdue"])
    yield from queries.failed_tests(session, horizon, days["tool_test_failed"])


def _item(fact: Fact, rule: Rule, as_of: date) -> WorkItem:
    who = fact.who
    item = WorkItem(
        rule_key=fact.rule_key,
        placement_id=who.placement_id,
        reference=who.reference,
        student=who.student,
        host=who.host,
        status=who.status,
        what=rule.what,
        details="",
        action=rule.action,
        since=fact.since,
        due=fact.due,
        urgency=urgency(fact.due, as_of),
        tab=rule.tab,
        particulars=fact.particulars,
        institution=who.institution,
        start=who.start,
        end=who.end,
    )
    return replace(item, details=details(item, Wording()))
