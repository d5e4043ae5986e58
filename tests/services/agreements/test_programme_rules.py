"""The rules on the programme: title, hours, period against the placement, blended periods that
tile it, and tasks whose deadlines fall inside it. Each rule fires on its problem, with its
message, and stays quiet without."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.content import AgreementData, Period, Task
from vipdesk.enums import Mode, PeriodKind
from vipdesk.services.agreements.checks.problems import Found, Problem
from vipdesk.services.agreements.checks.programme_rules import (
    HOURS_PER_WEEK,
    check_programme,
    check_tasks,
)

PLACEMENT: dict[str, Any] = {
    "placement_start": date(2027, 2, 1),
    "placement_end": date(2027, 5, 31),
}


def programme_problems(
    data: AgreementData, *, placement_start: date | None, placement_end: date | None
) -> list[Problem]:
    found = Found("programme")
    check_programme(data, found, placement_start, placement_end)
    return found.problems


def task_problems(data: AgreementData) -> list[Problem]:
    found = Found("tasks")
    check_tasks(data, found)
    return found.problems


def problems(data: AgreementData, **placement: Any) -> list[Problem]:
    return programme_problems(data, **(placement or PLACEMENT)) + task_problems(data)


def messages(data: AgreementData, field: str, **placement: Any) -> list[str]:
    return [p.message for p in problems(data, **placement) if p.field == field]


def programme(**changes: Any) -> AgreementData:
    data = sample_agreement()
    return dataclasses.replace(data, programme=dataclasses.replace(data.programme, **changes))


def virtual(**changes: Any) -> AgreementData:
    return programme(mode=Mode.VIRTUAL, periods=(), **changes)


def test_the_sample_programme_has_no_problem() -> None:
    assert problems(sample_agreement()) == []
    assert HOURS_PER_WEEK == (1, 60)


# --- programme -------------------------------------------------------------------------------


def test_title_is_required() -> None:
    assert messages(programme(title="  "), "programme.title") == [
        "Enter the title of the traineeship."
    ]


@pytest.mark.parametrize(("hours", "ok"), [(0, False), (1, True), (60, True), (61, False)])
def test_hours_per_week_from_1_to_60(hours: int, ok: bool) -> None:
    found = messages(programme(hours_per_week=hours), "programme.hours_per_week")
    assert found == ([] if ok else [f"Hours per week must be between 1 and 60; it is {hours}."])


def test_missing_dates_are_named() -> None:
    data = virtual(start=None, end=None)  # as a stored draft with empty dates revives
    found = {p.field: p.message for p in programme_problems(data, **PLACEMENT)}
    assert found == {
        "programme.start": "Enter the first day of the traineeship.",
        "programme.end": "Enter the last day of the traineeship.",
    }


def test_the_end_may_not_come_before_the_start() -> None:
    data = virtual(start=date(2027, 3, 1), end=date(2027, 2, 28))
    assert messages(data, "programme.end") == [
        "The end (28 February 2027) is before the start (1 March 2027)."
    ]


def test_the_period_may_be_the_placements_or_inside_it() -> None:
    assert programme_problems(virtual(), **PLACEMENT) == []
    inside = virtual(start=date(2027, 3, 1), end=date(2027, 4, 30), tasks=())
    assert programme_problems(inside, **PLACEMENT) == []


def test_a_period_beyond_the_placements_says_which_end() -> None:
    early = virtual(start=date(2027, 1, 15))
    assert messages(early, "programme.start") == [
        "The traineeship starts on 15 January 2027, before the placement's planned start "
        "(1 February 2027). Change the date here, or the placement's planned period first."
    ]
    assert messages(early, "programme.end") == []
    late = virtual(end=date(2027, 6, 30))
    assert messages(late, "programme.end") == [
        "The traineeship ends on 30 June 2027, after the placement's planned end "
        "(31 May 2027). Change the date here, or the placement's planned period first."
    ]
    assert messages(late, "programme.start") == []


def test_without_a_placement_period_any_period_goes() -> None:
    data = virtual(start=date(2026, 1, 1), end=date(2028, 1, 1))
    assert programme_problems(data, placement_start=None, placement_end=None) == []


# --- blended periods -------------------------------------------------------------------------

FEB1, APR30, MAY1, MAY31 = date(2027, 2, 1), date(2027, 4, 30), date(2027, 5, 1), date(2027, 5, 31)


def blended(*periods: Period) -> AgreementData:
    return programme(mode=Mode.BLENDED, periods=periods)


def period_messages(data: AgreementData) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in problems(data) if p.field.startswith("programme.periods")]


def test_blended_periods_that_tile_the_programme_pass() -> None:
    data = blended(
        Period(PeriodKind.PHYSICAL, MAY1, MAY31), Period(PeriodKind.VIRTUAL, FEB1, APR30)
    )
    assert period_messages(data) == []


def test_blended_needs_periods() -> None:
    assert period_messages(blended()) == [
        (
            "programme.periods",
            "A blended traineeship needs its physical and virtual periods: add them.",
        )
    ]


def test_blended_needs_both_kinds() -> None:
    data = blended(Period(PeriodKind.VIRTUAL, FEB1, MAY31))
    assert period_messages(data) == [
        (
            "programme.periods",
            "A blended traineeship needs at least one physical and one virtual period; "
            "add a physical one.",
        )
    ]


def test_blended_periods_may_not_overlap() -> None:
    data = blended(
        Period(PeriodKind.VIRTUAL, FEB1, date(2027, 5, 10)),
        Period(PeriodKind.PHYSICAL, MAY1, MAY31),
    )
    assert period_messages(data) == [
        (
            "programme.periods.1",
            "Period 2 (physical, 1 May 2027 – 31 May 2027) overlaps "
            "Period 1 (virtual, 1 February 2027 – 10 May 2027).",
        )
    ]


def test_a_gap_between_blended_periods_is_named() -> None:
    data = blended(
        Period(PeriodKind.VIRTUAL, FEB1, date(2027, 4, 29)),
        Period(PeriodKind.PHYSICAL, MAY1, MAY31),
    )
    assert period_messages(data) == [
        (
            "programme.periods",
            "No period covers 30 April 2027: every day of a blended traineeship is either "
            "physical or virtual.",
        )
    ]


def test_blended_periods_must_reach_the_end_and_stay_inside() -> None:
    short = blended(
        Period(PeriodKind.VIRTUAL, FEB1, APR30),
        Period(PeriodKind.PHYSICAL, MAY1, date(2027, 5, 20)),
    )
    assert period_messages(short) == [
        (
            "programme.periods",
            "No period covers 21 May 2027 – 31 May 2027: every day of a blended traineeship "
            "is either physical or virtual.",
        )
    ]
    outside = blended(
        Period(PeriodKind.VIRTUAL, FEB1, APR30), Period(PeriodKind.PHYSICAL, MAY1, date(2027, 6, 5))
    )
    assert period_messages(outside) == [
        (
            "programme.periods.1",
            "Period 2 (physical, 1 May 2027 – 5 June 2027) is not inside the traineeship "
            "(1 February 2027 – 31 May 2027).",
        )
    ]


def test_a_blended_period_ending_before_it_starts() -> None:
    data = blended(
        Period(PeriodKind.VIRTUAL, FEB1, MAY31), Period(PeriodKind.PHYSICAL, MAY31, MAY1)
    )
    assert (
        "programme.periods.1",
        "Period 2 (physical, 31 May 2027 – 1 May 2027) ends before it starts.",
    ) in period_messages(data)


def test_periods_of_a_virtual_traineeship_are_not_checked() -> None:
    data = programme(mode=Mode.VIRTUAL)  # the sample's periods stay, unused
    assert period_messages(data) == []


# --- tasks -----------------------------------------------------------------------------------


def test_at_least_one_task() -> None:
    assert messages(programme(tasks=()), "programme.tasks") == [
        "Add at least one task, with its deliverable and deadline."
    ]


def test_every_task_needs_a_description() -> None:
    data = programme(tasks=(Task("Induction"), Task(" ", "Report", date(2027, 3, 1))))
    assert [(p.field, p.message) for p in task_problems(data)] == [
        ("programme.tasks.1.description", "Task 2 has no description.")
    ]


def test_task_deadlines_stay_inside_the_period() -> None:
    data = programme(
        start=date(2027, 2, 1),
        end=date(2027, 2, 28),
        tasks=(
            Task("Induction", "Plan", date(2027, 1, 31)),
            Task("Analysis", "Report", date(2027, 3, 3)),
            Task("Wrap-up", "Slides", date(2027, 2, 28)),
            Task("Reading", "", None),
        ),
    )
    assert [(p.field, p.message) for p in task_problems(data)] == [
        (
            "programme.tasks.0.deadline",
            "Task 1's deadline 31 January 2027 is before the start of the period "
            "(1 February 2027).",
        ),
        (
            "programme.tasks.1.deadline",
            "Task 2's deadline 3 March 2027 is after the end of the period (28 February 2027).",
        ),
    ]


# --- edge cases ------------------------------------------------------------------------------


def test_a_title_in_any_script_passes() -> None:
    for title in ("Analityk danych — Łukasz Żółć", "数据分析实习", "محلل بيانات"):
        assert messages(programme(title=title), "programme.title") == []


def test_a_one_day_programme_is_a_period() -> None:
    data = virtual(start=date(2027, 3, 1), end=date(2027, 3, 1), tasks=())
    assert programme_problems(data, **PLACEMENT) == []


def test_without_dates_neither_periods_nor_deadlines_are_checked() -> None:
    data = programme(
        mode=Mode.BLENDED,
        start=None,
        end=None,
        periods=(),
        tasks=(Task("Induction", "Plan", date(2030, 1, 1)),),
    )
    assert {p.field for p in problems(data)} == {"programme.start", "programme.end"}


def test_blended_periods_in_any_order_and_a_period_without_dates() -> None:
    data = blended(
        Period(PeriodKind.PHYSICAL, MAY1, MAY31),
        Period(PeriodKind.VIRTUAL, None, APR30),  # type: ignore[arg-type]
    )
    assert period_messages(data) == [
        ("programme.periods.1", "Period 2 needs a first and a last day.")
    ]  # no gap reported while a period cannot be read


def test_a_period_inside_another_overlaps_the_one_reaching_furthest() -> None:
    data = blended(
        Period(PeriodKind.VIRTUAL, FEB1, MAY31),
        Period(PeriodKind.PHYSICAL, date(2027, 3, 1), date(2027, 3, 31)),
        Period(PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 4, 30)),
    )
    assert [field for field, _ in period_messages(data)] == [
        "programme.periods.1",
        "programme.periods.2",
    ]
    assert all("overlaps Period 1 (virtual" in message for _, message in period_messages(data))


@pytest.mark.parametrize("day", [date(2027, 2, 1), date(2027, 5, 31)])
def test_deadlines_on_the_first_and_last_day_pass(day: date) -> None:
    data = programme(start=date(2027, 2, 1), end=date(2027, 5, 31))
    data = dataclasses.replace(
        data, programme=dataclasses.replace(data.programme, tasks=(Task("Induction", "Plan", day),))
    )
    assert task_problems(data) == []
