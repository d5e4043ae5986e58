"""Recognition: stored whole on SQLite and PostgreSQL; bad input named by field, nothing stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.helpers.monitoring import START, monitored_placement
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError
from vipdesk.services.monitoring.recognition import (
    RecognitionForm,
    grading_scales,
    load_recognition,
    save_recognition,
)

TODAY = date(2027, 2, 1)


def _complete(pid: int, **changes: object) -> RecognitionForm:
    form = RecognitionForm(
        pid,
        credits_awarded=Decimal("10"),
        grading_scale="ects",
        grade="B",
        transcript_on=date(2027, 1, 20),
        outcomes_achieved=("Plans own work", "Works in an international team"),
        certificate_received_on=date(2027, 1, 8),
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def _problems(db: Database, form: RecognitionForm) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        save_recognition(db, form, "ana", today=TODAY)
    assert load_recognition(db, form.placement_id).version is None  # nothing stored
    return {p.field: p.message for p in caught.value.problems}


def test_stored_and_read_back_whole(any_db: Database) -> None:
    pid = monitored_placement(any_db)
    assert load_recognition(any_db, pid).missing() == [
        "the credits awarded",
        "the grade",
        "the transcript date",
        "the learning outcomes achieved",
        "the certificate's receipt date",
    ]
    stored = save_recognition(any_db, _complete(pid, credits_awarded=Decimal("9.5")), today=TODAY)
    assert stored.credits_awarded == Decimal("9.5") and stored.planned_credits == Decimal(10)
    assert stored.outcomes_achieved == ("Plans own work", "Works in an international team")
    assert (stored.transcript_on, stored.certificate_received_on) == (
        date(2027, 1, 20),
        date(2027, 1, 8),
    )
    assert stored.missing() == [] and stored.counts_toward_degree


def test_more_credits_than_planned_need_a_reason(any_db: Database) -> None:
    pid = monitored_placement(any_db)
    more = _complete(pid, credits_awarded=Decimal("12"))
    assert "10.0 planned: say why" in _problems(any_db, more)["credits_awarded"]
    stored = save_recognition(any_db, replace(more, credits_reason=" Extra module "), today=TODAY)
    assert (stored.credits_awarded, stored.credits_reason) == (Decimal(12), "Extra module")


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"grade": "A+"}, "grade", "not on the ECTS grades (A–F) scale"),
        ({"grading_scale": "de", "grade": "5.5"}, "grade", "a number from 1.0 to 5.0"),
        ({"grading_scale": "de", "grade": "2.35"}, "grade", "German"),
        ({"grading_scale": "de", "grade": "2e0"}, "grade", "German"),
        ({"grading_scale": "de", "grade": "NaN"}, "grade", "German"),
        ({"grading_scale": "xx"}, "grading_scale", "Choose one of the grading scales"),
        ({"grading_scale": ""}, "grading_scale", "the grading scale the grade is on"),
        ({"credits_awarded": Decimal("61")}, "credits_awarded", "from 0 to 60"),
        ({"credits_awarded": Decimal("9.25")}, "credits_awarded", "one decimal"),
        ({"transcript_on": date(2027, 3, 1)}, "transcript_on", "in the future"),
        ({"certificate_received_on": START - timedelta(6)}, "certificate_received_on", "before"),
    ],
)
def test_bad_input_is_named_beside_its_field(
    db: Database, changes: dict[str, object], field: str, says: str
) -> None:
    pid = monitored_placement(db)
    assert says in _problems(db, _complete(pid, **changes))[field]


@pytest.mark.parametrize(
    ("scale", "typed", "stored"),
    [
        ("ects", " b ", "B"),
        ("ects", "fx", "FX"),
        ("pass_fail", "PASS", "Pass"),
        ("de", "1,7", "1,7"),
        ("it", "30", "30"),
        ("dk", "02", "02"),
    ],
)
def test_a_grade_is_stored_as_its_scale_writes_it(
    db: Database, scale: str, typed: str, stored: str
) -> None:
    pid = monitored_placement(db)
    saved = save_recognition(db, _complete(pid, grading_scale=scale, grade=typed), today=TODAY)
    assert saved.grade == stored
    assert grading_scales()[scale].accepts(typed)


def test_a_stale_form_is_a_conflict(db: Database) -> None:
    pid = monitored_placement(db)
    first = save_recognition(db, _complete(pid), "ana", today=TODAY)
    save_recognition(db, replace(first, grade="A"), "ben", today=TODAY)
    with pytest.raises(ConflictError):
        save_recognition(db, replace(first, grade="C"), "ana", today=TODAY)
    assert load_recognition(db, pid).grade == "A"
