"""Demo data, part two: placements, their blended periods and checklist ticks, around `today`.

Dates follow the status: completed and evaluating placements lie in the past, ongoing ones span
today (a few have overrun their planned end), those still being prepared start in the future (a
few of those in preparation soon). Checklist ticks follow the status too: every item the
lifecycle requires up to the current status is ticked before today, except the items vipdesk
derives from records (readiness, protocol, tools, agreement, certificate): `preparation` and
`agreements` write those records instead.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from vipdesk.models import LIFECYCLE, Mode, PeriodKind, Phase, Status
from vipdesk.services.demo.parties import PartyFactory, Picker, Row, Spec, office_time
from vipdesk.services.placements.checklist import ChecklistItem, checklist_items
from vipdesk.services.placements.evidence import EVIDENCE_ITEMS
from vipdesk.services.placements.records import REFERENCE_PREFIX

STATUS_WEIGHTS = {
    Status.DRAFT: 10,
    Status.PREPARING: 9,
    Status.AGREEMENT_SENT: 6,
    Status.SIGNED: 6,
    Status.ONGOING: 14,
    Status.EVALUATING: 5,
    Status.COMPLETED: 36,
    Status.CANCELLED: 9,
}
MODE_WEIGHTS = {Mode.VIRTUAL: 55, Mode.BLENDED: 28, Mode.PHYSICAL: 17}
_WEEKS = {
    Mode.VIRTUAL: (4, 6, 8, 8, 8, 10, 12, 12, 16, 20, 26),
    Mode.BLENDED: (6, 8, 10, 12, 12, 14, 16, 20, 24),
    Mode.PHYSICAL: (8, 12, 12, 13, 16, 20, 22, 24, 26),
}
_HOURS = {
    Mode.VIRTUAL: (10, 12, 15, 16, 20, 20, 20, 24, 25, 30, 32, 36, 38, 40),
    Mode.BLENDED: (20, 24, 30, 32, 36, 38, 40),
    Mode.PHYSICAL: (30, 32, 35, 36, 38, 40, 40),
}
# Days from today within which the planned start lies, for placements not started yet.
_FUTURE_START = {
    Status.DRAFT: (28, 270),
    Status.PREPARING: (21, 180),
    Status.AGREEMENT_SENT: (21, 120),
    Status.SIGNED: (7, 70),
}
_SOON = 0.04  # of placements in preparation: starting within three weeks
_OVERRUN = 0.03  # of ongoing placements: past their planned end, not moved on yet
_OFFICE_OPENS, _OFFICE_MINUTES = 7 * 60, 10 * 60  # ticks fall between 07:00 and 17:00 UTC
_SECOND_PLACEMENT = 0.12  # share of placements that try to go to a student who had one before


@dataclass(slots=True)
class Plan:
    """A placement's outline, drawn before any row so that references follow start dates."""

    status: Status
    mode: Mode
    weeks: int
    start: date
    end: date
    sender: int  # index into the institutions
    student: int  # index into the students; a student's placements never overlap


@dataclass
class Sender:
    id: int
    spec: Spec
    tutors: list[int]
    coordinators: list[str]

    @property
    def zone(self) -> str:
        return str(self.spec["timezone"])


@dataclass
class Host:
    id: int
    country: str
    sector: str
    mentors: list[int]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def planned_dates(rng: random.Random, today: date, status: Status, weeks: int) -> tuple[date, date]:
    """Monday to Friday, `weeks` long, placed where `status` says relative to today."""
    length = timedelta(days=7 * weeks - 3)
    if status in (Status.COMPLETED, Status.EVALUATING):
        back = rng.randint(21, 4 * 365) if status is Status.COMPLETED else rng.randint(1, 50)
        anchor = today - timedelta(days=back)
        end = anchor - timedelta(days=(anchor.weekday() - 4) % 7)  # the Friday before
        return end - length, end
    if status is Status.ONGOING:  # started, and still running today (even on a weekend)
        latest = weeks - 1 if today.weekday() < 5 else weeks - 2
        start = monday(today) - timedelta(weeks=rng.randint(0, latest))
    elif status is Status.CANCELLED:
        start = monday(today + timedelta(days=rng.randint(-3 * 365, 180)))
    else:
        low, high = _FUTURE_START[status]
        if status is Status.PREPARING and rng.random() < _SOON:
            low, high = 3, 20
        start = monday(today + timedelta(days=rng.randint(low, high)))
    return start, start + length


def overrun(rng: random.Random, today: date, start: date, end: date) -> tuple[date, date]:
    """The dates of an ongoing placement moved back so that it ended a few days ago."""
    end_now = today - timedelta(days=rng.randint(3, 25))
    end_now -= timedelta(days=(end_now.weekday() - 4) % 7)  # the Friday before
    shift = end - end_now
    return start - shift, end_now


def ects(rng: random.Random, weeks: int, hours: int) -> Decimal | None:
    """About one credit per 27 hours of work, in halves, at most 30; some earn none."""
    draw = rng.random()
    if draw < 0.08:
        return None  # voluntary placement: no credits asked for
    if draw < 0.12:
        return Decimal("0.0")
    halves = min(60, max(1, round(weeks * hours / 27 * 2)))
    return Decimal(halves) / 2


def references(starts: Iterable[date]) -> list[str]:
    """VIP-<year of the planned start>-NNNNN, numbered in order of start within each year."""
    numbers: dict[int, int] = {}
    out = []
    for start in starts:
        numbers[start.year] = numbers.get(start.year, 0) + 1
        out.append(f"{REFERENCE_PREFIX}-{start.year}-{numbers[start.year]:05d}")
    return out


class TickPlan:
    """The chance that a placement in each status has ticked each checklist item."""

    def __init__(self, items: Iterable[ChecklistItem]) -> None:
        items = [i for i in items if i.key not in EVIDENCE_ITEMS]  # those follow from records
        self._rank = {status: n for n, status in enumerate(LIFECYCLE)}
        self.chances: dict[Status, list[tuple[ChecklistItem, float]]] = {
            status: [(i, c) for i in items if (c := self._chance(i, status)) > 0]
            for status in LIFECYCLE
        }

    def _chance(self, item: ChecklistItem, status: Status) -> float:
        reach = self._rank[status]
        if item.required_for is None:  # optional: done by some, once the phase has come
            if item.phase is Phase.DURING and reach >= self._rank[Status.ONGOING]:
                return 0.15 if item.key == "amendments" else 0.7
            return 0.6 if item.phase is Phase.AFTER and status is Status.COMPLETED else 0.0
        needed = self._rank[item.required_for]
        if needed <= reach:
            return 1.0  # the lifecycle demands it
        if needed == reach + 1:  # already done for the next step, or not
            return 0.9 if status is Status.EVALUATING else 0.5
        return 0.0

    def for_status(self, rng: random.Random, status: Status) -> list[ChecklistItem]:
        """The items ticked, in checklist order."""
        draw = rng.random
        return [item for item, chance in self.chances[status] if chance >= 1 or draw() < chance]


class PlacementFactory:
    """Builds placement outlines, then the rows of each placement, its periods and ticks."""

    def __init__(self, rng: random.Random, today: date, parties: PartyFactory) -> None:
        self.rng = rng
        self.today = today
        self.parties = parties
        self.ticks = TickPlan(checklist_items())
        self._notes: list[str] = parties.world["notes"]
        self._cancel_notes: list[str] = parties.world["cancel_notes"]

    def plans(self, count: int, sender_of: Picker, senders: int) -> list[Plan]:
        """Status, mode, dates and people of every placement; some students get a second one."""
        rng, today = self.rng, self.today
        status_of = Picker(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))
        mode_of = Picker(list(MODE_WEIGHTS), list(MODE_WEIGHTS.values()))
        students_of: list[list[int]] = [[] for _ in range(senders)]
        last_end: list[date] = []
        plans = []
        for n in range(count):
            # The first few cover every status and mode, so that even a tiny demo shows them all.
            status = list(Status)[n] if n < len(Status) else status_of(rng)
            mode = list(Mode)[n % len(Mode)] if n < len(Status) else mode_of(rng)
            weeks = rng.choice(_WEEKS[mode])
            start, end = planned_dates(rng, today, status, weeks)
            if status is Status.ONGOING and rng.random() < _OVERRUN:
                start, end = overrun(rng, today, start, end)
            sender = sender_of(rng)
            pool = students_of[sender]
            student = -1
            if pool and rng.random() < _SECOND_PLACEMENT:
                for _ in range(3):
                    candidate = pool[rng.randrange(len(pool))]
                    if last_end[candidate] + timedelta(days=14) < start:
                        student = candidate
                        break
            if student < 0:
                student = len(last_end)
                last_end.append(end)
                pool.append(student)
            last_end[student] = end
            plans.append(Plan(status, mode, weeks, start, end, sender, student))
        return plans

    def created_day(self, plan: Plan) -> date:
        """When the coordinator opened the record: weeks before the start, never after today."""
        rng = self.rng
        before_start = plan.start - timedelta(days=rng.randint(40, 160))
        return min(before_start, self.today - timedelta(days=rng.randint(1, 20)))

    def reached(self, plan: Plan) -> Status:
        """How far a placement came: its status, or for a cancelled one where it stopped."""
        if plan.status is not Status.CANCELLED:
            return plan.status
        return self.rng.choice(LIFECYCLE[: 5 if plan.start <= self.today else 4])

    def placement(
        self,
        pid: int,
        plan: Plan,
        reference: str,
        student_id: int,
        sender: Sender,
        host: Host,
        created_day: date,
        reached: Status,
    ) -> tuple[Row, list[Row], list[Row]]:
        """The placement row, its blended periods and its checklist ticks."""
        rng = self.rng
        sector = self.parties.sectors[host.sector]
        role, topic = rng.choice(sector["roles"]), rng.choice(sector["topics"])
        virtual_label = plan.mode is Mode.VIRTUAL and rng.random() < 0.2
        title = f"{role} (virtual)" if virtual_label else f"{role} — {topic}"
        hours = rng.choice(_HOURS[plan.mode])
        early = plan.status in (Status.DRAFT, Status.PREPARING)
        mentor = None if early and rng.random() < 0.25 else rng.choice(host.mentors)
        untutored = plan.status is Status.DRAFT and rng.random() < 0.3
        tutor = None if untutored else rng.choice(sender.tutors)
        created_at = office_time(rng, created_day)
        ticks = self._ticks(pid, plan, reached, created_day, sender.coordinators)
        updated_at = max([created_at, *(t["done_at"] for t in ticks)])
        note = None
        if plan.status is Status.CANCELLED and rng.random() < 0.8:
            note = rng.choice(self._cancel_notes)
        elif rng.random() < 0.06:
            note = rng.choice(self._notes)
        row = {
            "id": pid,
            "reference": reference,
            "student_id": student_id,
            "host_id": host.id,
            "institution_id": sender.id,
            "mode": plan.mode.value,
            "status": plan.status.value,
            "title": title,
            "description": f"Tasks: {'; '.join(rng.sample(sector['tasks'], 2))}.",
            "planned_start": plan.start,
            "planned_end": plan.end,
            "hours_per_week": hours,
            "ects_credits": ects(rng, plan.weeks, hours),
            "mentor_id": mentor,
            "tutor_id": tutor,
            "notes": note,
        } | self.parties.stamp(created_at, updated_at, rng.choice(sender.coordinators))
        periods = self._periods(pid, plan.start, plan.end) if plan.mode is Mode.BLENDED else []
        return row, periods, ticks

    def _periods(self, pid: int, start: date, end: date) -> list[Row]:
        """A physical stretch of 5 to 30 days at the start, at the end or in the middle."""
        rng = self.rng
        total = (end - start).days + 1
        days = min(rng.randint(5, 30), total - 2)
        where = rng.random()
        if where < 0.4:  # meet face to face first
            first = start
        elif where < 0.7:  # finish on site
            first = end - timedelta(days=days - 1)
        else:
            first = start + timedelta(days=rng.randint(1, total - days - 1))
        last = first + timedelta(days=days - 1)
        spans = [(PeriodKind.PHYSICAL, first, last)]
        if first > start:
            spans.insert(0, (PeriodKind.VIRTUAL, start, first - timedelta(days=1)))
        if last < end:
            spans.append((PeriodKind.VIRTUAL, last + timedelta(days=1), end))
        return [{"placement_id": pid, "kind": k.value, "start": a, "end": b} for k, a, b in spans]

    def _ticks(
        self, pid: int, plan: Plan, reached: Status, created: date, who: list[str]
    ) -> list[Row]:
        """Each item ticked by a coordinator in its phase's window, in office hours, by today."""
        draw = self.rng.random
        yesterday = self.today - timedelta(days=1)
        windows = {
            Phase.BEFORE: (created, min(plan.start - timedelta(days=1), yesterday)),
            Phase.DURING: (plan.start, min(plan.end, yesterday)),
            Phase.AFTER: (plan.end + timedelta(1), min(plan.end + timedelta(35), yesterday)),
        }
        by_phase: dict[Phase, list[ChecklistItem]] = {}
        for item in self.ticks.for_status(self.rng, reached):
            by_phase.setdefault(item.phase, []).append(item)
        rows = []
        for phase, items in by_phase.items():
            low, high = windows[phase]
            low = min(low, high)
            midnight = datetime(low.year, low.month, low.day, tzinfo=UTC)
            phase_value = phase.value
            minutes = ((high - low).days + 1) * _OFFICE_MINUTES
            # Ticked in the order the checklist lists them.
            for item, at in zip(items, sorted(int(draw() * minutes) for _ in items), strict=True):
                day, minute = divmod(at, _OFFICE_MINUTES)
                done_at = midnight + timedelta(days=day, minutes=_OFFICE_OPENS + minute)
                rows.append(
                    {
                        "placement_id": pid,
                        "item_key": item.key,
                        "phase": phase_value,
                        "done_by": who[int(draw() * len(who))],
                        "done_at": done_at,
                        "note": None,
                    }
                )
        return rows
