"""The certificate's content: pre-filled from the agreement, stored as JSON, hashed."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from tests.helpers.follow_up_samples import ASSESSMENT, EVALUATION, sample_certificate
from tests.helpers.samples import COORDINATOR, MARKUP_TASK, MENTOR, TRAINEE, sample_agreement
from vipdesk.documents.agreement.certificate_content import (
    CertificateData,
    certificate_from_agreement,
    certificate_from_dict,
    certificate_hash,
    certificate_json,
    certificate_to_dict,
)
from vipdesk.documents.agreement.content import Person, Task
from vipdesk.enums import Mode
from vipdesk.errors import ValidationError


def test_the_agreement_fills_in_what_was_planned() -> None:
    data = certificate_from_agreement(
        sample_agreement(),
        actual_start=date(2027, 2, 3),
        actual_end=date(2027, 5, 28),
        today=date(2027, 6, 10),
    )
    assert data == CertificateData(
        reference="VIP-2026-00042",
        version=1,
        generated_at=date(2027, 6, 10),
        issued_on=date(2027, 6, 10),
        trainee_name=TRAINEE,
        trainee_email="lukasz.zolc@student.example",
        host_name="Nordlicht Analytics GmbH",
        host_department="Data Science",
        host_country="Germany",
        sending_name="KU Leuven",
        mentor=Person(MENTOR, "Lead data scientist", "olena@nordlicht.example"),
        sending_contact=Person(
            COORDINATOR, "International placement coordinator", "eleni@kuleuven.example"
        ),
        planned_start=date(2027, 2, 1),
        planned_end=date(2027, 5, 31),
        actual_start=date(2027, 2, 3),
        actual_end=date(2027, 5, 28),
        hours_per_week=20,
        mode=Mode.BLENDED,
        tasks=("Induction and work plan", MARKUP_TASK, "Final presentation"),
        learning_outcomes=("Builds churn models in Python.", "Presents results to managers."),
        evaluation="",
        assessment="",
        placement_id=42,
    )


def test_blank_tasks_and_outcomes_are_left_out() -> None:
    agreement = sample_agreement()
    programme = dataclasses.replace(
        agreement.programme,
        tasks=(Task("  "), Task("Real work")),
        learning_outcomes=("", "Learns."),
    )
    data = certificate_from_agreement(
        dataclasses.replace(agreement, programme=programme),
        actual_start=date(2027, 2, 1),
        actual_end=date(2027, 2, 1),
        today=date(2027, 2, 2),
    )
    assert data.tasks == ("Real work",)
    assert data.learning_outcomes == ("Learns.",)


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"actual end .* before its actual start") as error:
        certificate_from_agreement(
            sample_agreement(),
            actual_start=date(2027, 5, 1),
            actual_end=date(2027, 4, 30),
            today=date(2027, 6, 1),
        )
    assert error.value.problems[0].field == "actual_end"


@pytest.mark.parametrize("placement_id", [42, None])
def test_the_json_form_round_trips_exactly(placement_id: int | None) -> None:
    data = sample_certificate(placement_id=placement_id)
    text = json.dumps(certificate_to_dict(data))
    back = certificate_from_dict(json.loads(text))
    assert back == data
    assert isinstance(back.mode, Mode)
    assert isinstance(back.mentor, Person)
    assert isinstance(back.tasks, tuple)
    assert back.actual_end == date(2027, 5, 28)


def test_the_json_form_is_plain_and_readable() -> None:
    values = certificate_to_dict(sample_certificate())
    assert values["actual_start"] == "2027-02-03"
    assert values["mode"] == "blended"
    assert values["mentor"] == {
        "name": MENTOR,
        "position": "Lead data scientist",
        "email": "olena@nordlicht.example",
        "phone": "",
    }
    assert values["evaluation"] == EVALUATION
    assert values["assessment"] == ASSESSMENT
    text = certificate_json(sample_certificate())
    assert TRAINEE in text and MARKUP_TASK in text  # not \u escapes, not HTML escapes
    assert "generated_at" not in text


def test_the_hash_follows_the_content_not_the_day() -> None:
    data = sample_certificate()
    assert certificate_hash(data) == certificate_hash(
        sample_certificate(generated_at=date(2030, 1, 1))
    )
    assert certificate_hash(data) != certificate_hash(sample_certificate(evaluation="Good."))
    assert certificate_hash(data) != certificate_hash(
        sample_certificate(actual_end=date(2027, 5, 27))
    )
    assert len(certificate_hash(data)) == 64
