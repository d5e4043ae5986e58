"""Checklist items that follow from the records: they appear with the evidence and go with it."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from tests.helpers.agreements import ready_agreement, sign_all
from tests.helpers.evidence import (
    TESTED_ON,
    complete_readiness,
    pass_every_tool_test,
    save_default_protocol,
)
from tests.helpers.factories import make_placement, make_world
from tests.helpers.questionnaires import best_answers, required_texts
from tests.helpers.statements import statements
from vipdesk.db import Database
from vipdesk.models import (
    AgreementDocument,
    DocumentKind,
    DocumentState,
    EvaluationStage,
    ReadinessParty,
    ToolTestResult,
)
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.evaluations.questionnaires import Kind, questionnaire_for
from vipdesk.services.evaluations.records import record_evaluation
from vipdesk.services.placements.checklist import Basis, ItemState, checklist_state, set_done
from vipdesk.services.placements.evidence import day, evidence_for
from vipdesk.services.preparation.tools import load_test_plan, record_test, save_choices


def _states(db: Database, placement_id: int) -> dict[str, ItemState]:
    return {s.item.key: s for s in checklist_state(db, placement_id)}


_hosts = itertools.count(1)


def _new(db: Database) -> int:
    created = make_placement(db, make_world(db, host_name=f"Evidence host {next(_hosts)}"))
    assert created.id is not None
    return created.id


def test_readiness_is_done_once_completed_without_a_critical_flag(any_db: Database) -> None:
    placement_id = _new(any_db)
    state = _states(any_db, placement_id)["readiness_student"]
    assert (state.basis, state.detail) == (Basis.OPEN, "no questionnaire completed yet")

    complete_readiness(any_db, placement_id, ReadinessParty.STUDENT)
    state = _states(any_db, placement_id)["readiness_student"]
    assert state.basis is Basis.EVIDENCE
    assert state.describe() == "Done: questionnaire completed 3 Dec 2026, no critical flag"
    assert not _states(any_db, placement_id)["readiness_company"].done  # each party its own

    # A re-assessment that finds the connection unreliable takes the tick away again.
    complete_readiness(
        any_db,
        placement_id,
        ReadinessParty.STUDENT,
        changes={"reliable_internet": "no"},
        on=datetime(2026, 12, 10, 12, tzinfo=UTC),
    )
    state = _states(any_db, placement_id)["readiness_student"]
    assert state.basis is Basis.OPEN
    assert state.detail.startswith("1 critical flag open: “Is your internet connection")
    assert state.detail.endswith("answered No")


def test_protocol_is_done_once_saved(any_db: Database) -> None:
    placement_id = _new(any_db)
    assert _states(any_db, placement_id)["protocol"].detail == "no communication protocol saved yet"
    save_default_protocol(any_db, placement_id)
    state = _states(any_db, placement_id)["protocol"]
    assert state.basis is Basis.EVIDENCE and state.detail.startswith("protocol saved ")


def test_tools_are_done_when_every_required_purpose_is_covered_and_tested(
    any_db: Database,
) -> None:
    placement_id = _new(any_db)
    assert _states(any_db, placement_id)["tools_tested"].detail.startswith(
        "no tool chosen for: Meetings face to face, Day-to-day questions"
    )
    save_choices(any_db, placement_id, {"meetings": "zoom"})
    detail = _states(any_db, placement_id)["tools_tested"].detail
    assert "no tool chosen for: Day-to-day questions" in detail
    assert "Zoom: not tested with the student; not tested with the company mentor" in detail

    pass_every_tool_test(
        any_db,
        placement_id,
        {"meetings": "zoom", "questions": "zoom", "reporting": "email", "documents": "teams"},
    )
    state = _states(any_db, placement_id)["tools_tested"]
    assert state.basis is Basis.EVIDENCE
    assert state.detail == "3 tools tested with every actor, last on 4 Dec 2026"

    # A failed test without a reason opens the item; with the reason written down it stands.
    zoom_tutor = next(
        s
        for s in load_test_plan(any_db, placement_id)
        if s.tool_key == "zoom" and s.actor == "tutor"
    )
    failed = record_test(
        any_db, placement_id, replace(zoom_tutor, result=ToolTestResult.FAILED, tested_on=TESTED_ON)
    )
    assert _states(any_db, placement_id)["tools_tested"].detail == (
        "Zoom: failed with the academic tutor, no reason recorded"
    )
    record_test(any_db, placement_id, replace(failed, note="University blocks Zoom: uses Teams"))
    assert _states(any_db, placement_id)["tools_tested"].detail == (
        "3 tools tested with every actor (1 failed test accepted with a reason), last on 4 Dec 2026"
    )


def test_agreement_is_done_when_locked_and_says_who_has_not_signed(any_db: Database) -> None:
    placement_id, draft = ready_agreement(any_db)
    assert _states(any_db, placement_id)["agreement_signed"].detail == (
        "agreement 1 is a draft, not sent for signature yet"
    )
    sent = send_for_signature(any_db, draft.id, draft.row_version, user="tester")
    assert _states(any_db, placement_id)["agreement_signed"].detail == (
        "agreement 1 out for signature; not signed yet by the trainee, the sending "
        "institution and the receiving organisation"
    )
    sign_all(any_db, sent)
    state = _states(any_db, placement_id)["agreement_signed"]
    assert state.basis is Basis.EVIDENCE
    assert state.detail.startswith("agreement 1 signed and locked ")


def test_certificate_is_done_when_locked(any_db: Database) -> None:
    placement_id = _new(any_db)
    assert _states(any_db, placement_id)["certificate"].detail == "no certificate drafted yet"
    with any_db.session("tester") as session:
        session.add(
            AgreementDocument(
                placement_id=placement_id,
                kind=DocumentKind.CERTIFICATE,
                number=1,
                state=DocumentState.SIGNED,
                content="{}",
                content_hash="0" * 64,
                sign_order="host",
                locked_at=datetime(2027, 6, 20, 12, tzinfo=UTC),
                final_sha256="1" * 64,
            )
        )
    state = _states(any_db, placement_id)["certificate"]
    assert (state.basis, state.detail) == (
        Basis.EVIDENCE,
        "certificate signed and locked 20 Jun 2027",
    )
    with any_db.session("tester") as session:  # the record going away takes the tick with it
        session.execute(update(AgreementDocument).values(state=DocumentState.SENT))
    assert not _states(any_db, placement_id)["certificate"].done


def test_an_evidence_item_ticked_by_hand_needs_a_reason_shown_with_who_and_when(
    any_db: Database,
) -> None:
    from vipdesk.errors import ValidationError

    placement_id = _new(any_db)
    with pytest.raises(ValidationError, match="say why"):
        set_done(any_db, placement_id, "readiness_company", True, "anna")
    with pytest.raises(ValidationError, match="say why"):
        set_done(any_db, placement_id, "readiness_company", True, "anna", reason="   ")
    assert not _states(any_db, placement_id)["readiness_company"].done

    set_done(
        any_db,
        placement_id,
        "readiness_company",
        True,
        "anna",
        reason="done outside vipdesk: paper questionnaire",
    )
    state = _states(any_db, placement_id)["readiness_company"]
    assert (state.basis, state.done_by) == (Basis.HAND, "anna")
    assert state.done_at is not None
    assert state.describe() == (
        f"Ticked by anna, {day(state.done_at)}: done outside vipdesk: paper questionnaire"
    )
    set_done(any_db, placement_id, "training", True, "anna")  # a plain item needs no reason
    assert _states(any_db, placement_id)["training"].basis is Basis.HAND


def test_evidence_for_many_placements_takes_a_fixed_number_of_queries(any_db: Database) -> None:
    ids = [_new(any_db) for _ in range(3)]
    complete_readiness(any_db, ids[1], ReadinessParty.INSTITUTION)
    with statements(any_db) as counted, any_db.session() as session:
        found = evidence_for(session, ids)
    assert found[ids[1]]["readiness_institution"].done
    assert not found[ids[0]]["readiness_institution"].done
    assert len(counted) <= 10


def test_the_evaluation_item_is_backed_by_the_final_evaluations(any_db: Database) -> None:
    form = make_placement(any_db, make_world(any_db))
    assert form.id is not None
    with any_db.session() as session:
        before = evidence_for(session, [form.id])[form.id]["evaluation"]
    assert not before.done and "student or the host mentor" in before.text
    for party in (ReadinessParty.STUDENT, ReadinessParty.COMPANY):
        questionnaire = questionnaire_for(Kind.FINAL, party, ())
        answers = best_answers(questionnaire) | required_texts(questionnaire, "Good work.")
        record_evaluation(any_db, form.id, EvaluationStage.FINAL, party, "Anna Berg", answers,
                          outcomes=())  # fmt: skip
    with any_db.session() as session:
        after = evidence_for(session, [form.id])[form.id]["evaluation"]
    assert after.done and after.text.startswith("final evaluations by the student")
