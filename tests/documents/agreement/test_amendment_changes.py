"""Which entries of Table A an amendment changes, as the PDF and the UI show them."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from tests.helpers.follow_up_samples import sample_amended
from tests.helpers.samples import MARKUP_TASK, sample_agreement
from vipdesk.documents.agreement.amendment_changes import (
    LABELS,
    Change,
    programme_changes,
    unchanged_entries,
)
from vipdesk.documents.agreement.content import AgreementData, Period, Task, Trainee
from vipdesk.enums import Mode, PeriodKind


def amended(**programme: Any) -> AgreementData:
    original = sample_agreement()
    return dataclasses.replace(
        original, programme=dataclasses.replace(original.programme, **programme)
    )


def test_the_same_programme_changes_nothing() -> None:
    changes = programme_changes(sample_agreement(), sample_agreement(version=3))
    assert changes == []
    assert unchanged_entries(changes) == list(LABELS)


def test_the_sample_amendment_lists_exactly_its_four_changes() -> None:
    changes = programme_changes(sample_agreement(), sample_amended())
    assert [c.label for c in changes] == [
        "Planned period",
        "Hours per week",
        "Tasks, deliverables and deadlines",
        "Monitoring plan",
    ]
    period, hours, tasks, monitoring = changes
    assert period == Change(
        "Planned period", "1 February 2027 to 31 May 2027", "1 February 2027 to 30 June 2027"
    )
    assert hours == Change("Hours per week", "20", "16")
    assert monitoring == Change(
        "Monitoring plan",
        "Weekly video call with the mentor.",
        "Video call with the mentor every two weeks.",
    )
    # The whole list on each side, as agreed and as amended: the reader compares line by line.
    assert tasks.before.split("\n") == [
        "1. Induction and work plan — Deliverable: Work plan — Deadline: 12 Feb 2027",
        f"2. {MARKUP_TASK} — Deliverable: Comparison report — Deadline: 31 Mar 2027",
        "3. Final presentation — Deliverable: Slides and report — Deadline: 31 May 2027",
    ]
    assert tasks.after.split("\n")[:2] == tasks.before.split("\n")[:2]
    assert tasks.after.split("\n")[2] == (
        "3. Final presentation to the board — Deliverable: Slides and report — "
        "Deadline: 30 Jun 2027"
    )
    assert "Mode" in unchanged_entries(changes)
    assert "Hours per week" not in unchanged_entries(changes)


EVERY_ENTRY = [
    ("Planned period", {"start": date(2027, 2, 8)}),
    ("Mode", {"mode": Mode.VIRTUAL, "periods": ()}),
    ("Hours per week", {"hours_per_week": 25}),
    ("Traineeship title", {"title": "Data analyst intern — pricing"}),
    ("Description", {"description": "Analyse pricing."}),
    ("Language competence", {"language_level": "B2"}),
    ("Tasks, deliverables and deadlines", {"tasks": (Task("Only one task"),)}),
    ("Knowledge, skills and competences", {"learning_outcomes": ("Builds models.",)}),
    ("Monitoring plan", {"monitoring_plan": "Daily stand-up."}),
    ("Evaluation plan", {"evaluation_plan": "The tutor evaluates."}),
    ("Evaluation criteria", {"evaluation_criteria": ("Independence",)}),
]


def test_every_entry_of_table_a_is_compared() -> None:
    assert [label for label, _ in EVERY_ENTRY] == list(LABELS)


@pytest.mark.parametrize(("label", "change"), EVERY_ENTRY, ids=[e[0] for e in EVERY_ENTRY])
def test_each_entry_alone_is_listed_alone(label: str, change: dict[str, Any]) -> None:
    changes = programme_changes(sample_agreement(), amended(**change))
    assert [c.label for c in changes] == [label]
    assert changes[0].before != changes[0].after
    assert label not in unchanged_entries(changes)
    assert len(unchanged_entries(changes)) == len(LABELS) - 1


def test_periods_of_a_blended_traineeship_are_part_of_the_mode() -> None:
    periods = (
        Period(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31)),
        Period(PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 5, 31)),
    )
    [change] = programme_changes(sample_agreement(), amended(periods=periods))
    assert change.label == "Mode"
    assert change.before.split("\n") == [
        "Blended",
        "Virtual: 1 February 2027 to 30 April 2027",
        "Physical: 1 May 2027 to 31 May 2027",
    ]
    assert change.after.split("\n")[1:] == [
        "Virtual: 1 February 2027 to 31 March 2027",
        "Physical: 1 April 2027 to 31 May 2027",
    ]


def test_lists_and_empty_values_read_as_people_expect() -> None:
    [outcomes] = programme_changes(
        sample_agreement(), amended(learning_outcomes=("Builds churn models in Python.",))
    )
    assert outcomes.before == "• Builds churn models in Python.\n• Presents results to managers."
    assert outcomes.after == "• Builds churn models in Python."
    [language] = programme_changes(sample_agreement(), amended(language="", language_level=""))
    assert language == Change("Language competence", "English — level C1", "")


def test_what_is_not_in_table_a_is_not_a_programme_change() -> None:
    original = sample_agreement()
    other = dataclasses.replace(
        original,
        trainee=Trainee(name=original.trainee.name, email="new@student.example"),
        protocol=("Daily chat.",),
        programme=dataclasses.replace(original.programme, title=original.programme.title + "  "),
    )
    assert programme_changes(original, other) == []
