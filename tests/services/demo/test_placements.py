"""Demo placements: dates that follow the status around today, credits from the hours,
references numbered per year, checklist ticks that the lifecycle would demand."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from vipdesk.models import LIFECYCLE, Status
from vipdesk.services.demo.placements import TickPlan, ects, monday, planned_dates, references
from vipdesk.services.placements.checklist import blockers, checklist_items
from vipdesk.services.placements.evidence import EVIDENCE_ITEMS

SUNDAY, WEDNESDAY = date(2027, 3, 7), date(2027, 3, 10)


def test_monday_of_the_week() -> None:
    assert monday(WEDNESDAY) == date(2027, 3, 8)
    assert monday(date(2027, 3, 8)) == date(2027, 3, 8)
    assert monday(SUNDAY) == date(2027, 3, 1)


@pytest.mark.parametrize("today", [WEDNESDAY, SUNDAY])
@pytest.mark.parametrize("status", [*LIFECYCLE, Status.CANCELLED])
def test_dates_run_monday_to_friday_where_the_status_says(today: date, status: Status) -> None:
    rng = random.Random(7)
    for weeks in (4, 12, 26):  # the demo's shortest placement lasts four weeks
        start, end = planned_dates(rng, today, status, weeks)
        assert start.weekday() == 0 and end.weekday() == 4
        assert end - start == timedelta(days=7 * weeks - 3)
        if status in (Status.COMPLETED, Status.EVALUATING):
            assert end < today
        elif status is Status.ONGOING:
            assert start <= today <= end + timedelta(days=2)  # a weekend after a Friday end
        elif status is not Status.CANCELLED:
            assert start > today


def test_ects_about_one_credit_per_27_hours_in_halves_at_most_30() -> None:
    seen = {ects(random.Random(seed), 12, 20) for seed in range(200)}
    assert seen == {None, Decimal("0.0"), Decimal("9")}  # 12 weeks of 20 hours / 27 = 8.9 → 9
    assert {ects(random.Random(s), 52, 40) for s in range(200)} - {None, Decimal("0.0")} == {
        Decimal(30)
    }
    assert {ects(random.Random(s), 1, 1) for s in range(200)} - {None, Decimal("0.0")} == {
        Decimal("0.5")
    }


def test_references_are_numbered_per_year_of_the_start() -> None:
    starts = [date(2026, 9, 1), date(2027, 2, 1), date(2026, 10, 1), date(2027, 3, 1)]
    assert references(starts) == [
        "VIP-2026-00001",
        "VIP-2027-00001",
        "VIP-2026-00002",
        "VIP-2027-00002",
    ]
    assert references([]) == []


@pytest.mark.parametrize("status", LIFECYCLE)
def test_ticks_leave_only_what_records_back_open(status: Status) -> None:
    plan = TickPlan(checklist_items())
    for seed in range(20):
        ticked = plan.for_status(random.Random(seed), status)
        keys = [item.key for item in ticked]
        assert {i.key for i in blockers(set(keys), status)} <= EVIDENCE_ITEMS
        assert not set(keys) & EVIDENCE_ITEMS  # those follow from the records, not from ticks
        order = [item.key for item in checklist_items()]
        assert keys == sorted(keys, key=order.index)


def test_a_draft_has_nothing_ticked_after_the_next_step() -> None:
    plan = TickPlan(checklist_items())
    chances = {status: dict((i.key, c) for i, c in plan.chances[status]) for status in LIFECYCLE}
    assert "agreement_signed" not in chances[Status.SIGNED]
    assert chances[Status.DRAFT].get("selection") == 0.5  # done for the next step, or not
    assert "readiness_student" not in chances[Status.DRAFT]
    assert "archive" not in chances[Status.EVALUATING]
    assert "evaluation" not in chances[Status.EVALUATING]  # the final evaluations back it
    assert chances[Status.COMPLETED]["archive"] == 0.6
    assert chances[Status.ONGOING]["amendments"] == 0.15
