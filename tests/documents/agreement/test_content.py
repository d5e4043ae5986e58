"""The agreement's content: canonical JSON, its hash, and the draft filled from the records."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.samples import MARKUP_TASK, sample_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.content import (
    RecognitionKind,
    agreement_from_dict,
    agreement_to_dict,
    canonical_json,
    content_hash,
    stored_json_and_hash,
)
from vipdesk.errors import NotFoundError
from vipdesk.models import Contact, ContactRole, Mode, PeriodKind, Student, StudentLanguage
from vipdesk.services.agreements.prefill import agreement_from_placement, find_placement
from vipdesk.services.placements.records import PeriodForm


def test_the_json_form_round_trips() -> None:
    data = sample_agreement()
    text = json.dumps(agreement_to_dict(data))
    assert agreement_from_dict(json.loads(text)) == data


def test_canonical_json_is_stable_and_readable() -> None:
    text = canonical_json(sample_agreement())
    assert text == canonical_json(sample_agreement())
    assert "Łukasz Żółć" in text  # not \u escapes
    assert MARKUP_TASK in text
    assert '"credits":"15.0"' in text  # decimals as text, never floats
    assert "generated_at" not in text


def test_the_hash_follows_the_content_not_the_day() -> None:
    data = sample_agreement()
    assert content_hash(data) == content_hash(sample_agreement(generated_at=date(2030, 1, 1)))
    changed = dataclasses.replace(data, version=3)
    assert content_hash(changed) != content_hash(data)
    assert len(content_hash(data)) == 64


def test_the_stored_text_holds_every_key_and_its_hash_is_the_contents() -> None:
    """One encoding for both: the text reads back as the whole content (the day it was made
    and an English language included), the hash is `content_hash`, in any language."""
    for data in (
        sample_agreement(),
        dataclasses.replace(sample_agreement(), document_language="de"),
    ):
        plain = agreement_to_dict(data)
        stored, digest = stored_json_and_hash(plain)
        assert json.loads(stored) == plain
        assert digest == content_hash(data)


def test_the_draft_takes_what_the_records_hold(db: Database) -> None:
    world = make_world(db)
    form = make_placement(
        db,
        world,
        mode=Mode.BLENDED,
        ects_credits=Decimal("7.5"),
        description="Churn analysis for the subscription business.",
        periods=[
            PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 4, 30)),
            PeriodForm(PeriodKind.PHYSICAL, date(2027, 5, 1), date(2027, 5, 31)),
        ],
    )
    with db.session("tester") as s:
        student = s.get(Student, world.student_id)
        assert student is not None
        student.date_of_birth = date(2001, 3, 14)
        student.nationality = "PL"
        student.study_cycle = 7
        s.add(StudentLanguage(student_id=student.id, language="English", level="B2"))
        s.add(
            Contact(
                name="Anna Coordinator",
                email="anna@kuleuven.example",
                role=ContactRole.COORDINATOR,
                timezone="Europe/Brussels",
                institution_id=world.institution_id,
            )
        )
    assert form.id is not None
    data = agreement_from_placement(db, form.id, today=date(2026, 11, 20))
    assert data.reference == form.reference and data.placement_id == form.id
    assert data.trainee.name == "Łukasz Żółć"
    assert data.trainee.nationality == "Poland"
    assert data.sending.tutor.name == "Ελένη Παπαδοπούλου"
    assert data.sending.contact.name == "Anna Coordinator"
    assert data.receiving.mentor.name == "Jürgen Weiß"
    assert data.receiving.contact == data.receiving.mentor  # no HR contact recorded
    assert data.receiving.country == "Germany"
    p = data.programme
    assert (p.mode, p.hours_per_week, p.language, p.language_level) == (
        Mode.BLENDED,
        20,
        "English",
        "B2",
    )
    assert [x.kind for x in p.periods] == [PeriodKind.VIRTUAL, PeriodKind.PHYSICAL]
    assert data.recognition.kind is RecognitionKind.CURRICULUM
    assert data.recognition.credits == Decimal("7.5")
    # Default texts where the records have nothing yet.
    assert len(p.tasks) == 3 and p.tasks[-1].deadline == p.end
    assert p.tasks[1].description.startswith("Main project work")
    assert p.learning_outcomes and p.monitoring_plan and data.protocol
    assert [r.actor for r in data.roles] == ["student", "mentor", "tutor", "coordinator"]
    assert data.roles[0].name == "Łukasz Żółć"


def test_a_placement_is_found_by_reference_or_id(db: Database) -> None:
    form = make_placement(db, make_world(db))
    assert form.id is not None and form.reference is not None
    assert find_placement(db, form.reference) == form.id
    assert find_placement(db, form.reference.lower()) == form.id
    assert find_placement(db, str(form.id)) == form.id
    with pytest.raises(NotFoundError, match="VIP-1999-00001"):
        find_placement(db, "VIP-1999-00001")
    with pytest.raises(NotFoundError):
        agreement_from_placement(db, 999_999)
