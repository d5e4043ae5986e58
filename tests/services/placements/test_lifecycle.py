"""The placement lifecycle: which status may follow which, and the checks on each move.

Every forward move is checked against the records (a sent agreement version, the locked
agreement, the checklist), every reason named with the place to fix it; an office lead may
override with a reason kept in the history.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from tests.helpers.agreements import SENT_ON, ready_agreement, sign_all, typed_approval
from tests.helpers.evidence import complete_readiness, prepare_fully, save_default_protocol
from tests.helpers.factories import make_placement, make_world
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from vipdesk.models import (
    AgreementDocument,
    DocumentState,
    EntryKind,
    MonitoringEntry,
    Placement,
    ReadinessParty,
    Status,
)
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.monitoring.recognition import load_recognition, save_recognition
from vipdesk.services.placements import checklist
from vipdesk.services.placements.checklist import checklist_items, checklist_state, set_done
from vipdesk.services.placements.history import record_history
from vipdesk.services.placements.leads import office_leads, set_office_leads
from vipdesk.services.placements.lifecycle import (
    FixPlace,
    MoveRefusedError,
    allowed_transitions,
    change_status,
    is_forward,
    move_status,
)
from vipdesk.services.placements.records import load_placement, save_placement, with_changes
from vipdesk.services.signatures.recording import record_approval

S = Status


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (S.DRAFT, [S.PREPARING, S.CANCELLED]),
        (S.PREPARING, [S.AGREEMENT_SENT, S.DRAFT, S.CANCELLED]),
        (S.SIGNED, [S.ONGOING, S.AGREEMENT_SENT, S.CANCELLED]),
        (S.EVALUATING, [S.COMPLETED, S.ONGOING, S.CANCELLED]),
        (S.COMPLETED, [S.EVALUATING]),  # a completed placement is not cancelled any more
        (S.CANCELLED, [S.DRAFT]),  # reopened from the start
    ],
)
def test_one_step_either_way_cancel_or_reopen(status: Status, allowed: list[Status]) -> None:
    assert allowed_transitions(status) == allowed


@pytest.mark.parametrize(
    ("current", "target", "forward"),
    [
        (S.DRAFT, S.PREPARING, True),
        (S.DRAFT, S.COMPLETED, True),
        (S.PREPARING, S.DRAFT, False),
        (S.ONGOING, S.ONGOING, False),
        (S.ONGOING, S.CANCELLED, False),  # cancelling is no step forward: no checklist
        (S.CANCELLED, S.DRAFT, False),
    ],
)
def test_forward_means_later_in_the_lifecycle(
    current: Status, target: Status, forward: bool
) -> None:
    assert is_forward(current, target) is forward


def test_status_moves_need_the_checklist(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    assert saved.id is not None and saved.version is not None
    with pytest.raises(TransitionError) as caught:
        change_status(any_db, saved.id, Status.PREPARING, saved.version)
    assert "Student selected" in str(caught.value)

    checklist.set_done(any_db, saved.id, "selection", True, "anna")
    moved = change_status(any_db, saved.id, Status.PREPARING, saved.version, "anna")
    assert moved.status is Status.PREPARING

    with pytest.raises(TransitionError):  # skipping steps is not allowed
        change_status(any_db, saved.id, Status.ONGOING, moved.version)  # type: ignore[arg-type]
    back = change_status(any_db, saved.id, Status.DRAFT, moved.version)  # type: ignore[arg-type]
    assert back.status is Status.DRAFT
    cancelled = change_status(any_db, saved.id, Status.CANCELLED, back.version)  # type: ignore[arg-type]
    assert allowed_transitions(cancelled.status) == [Status.DRAFT]


def test_status_change_on_a_stale_version_is_a_conflict(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    saved.title = "Renamed by Ben"
    save_placement(any_db, saved, "ben")
    checklist.set_done(any_db, saved.id, "selection", True)  # type: ignore[arg-type]
    with pytest.raises(ConflictError) as caught:
        change_status(any_db, saved.id, Status.PREPARING, 1)  # type: ignore[arg-type]
    assert caught.value.changed_by == "ben"
    assert caught.value.theirs.title == "Renamed by Ben"  # type: ignore[attr-defined]
    assert load_placement(any_db, saved.id).status is Status.DRAFT  # type: ignore[arg-type]


def test_a_status_change_racing_a_save_between_read_and_write_is_a_conflict(
    any_db: Database,
) -> None:
    """Issue 19: the version check in the UPDATE raised a raw StaleDataError."""
    saved = make_placement(any_db, make_world(any_db))
    assert saved.id is not None and saved.version is not None
    checklist.set_done(any_db, saved.id, "selection", True, "anna")
    renamed = with_changes(saved, title="Renamed by Anna")
    with (
        before_next_flush(lambda: save_placement(any_db, renamed, "anna")),
        pytest.raises(ConflictError),
    ):
        change_status(any_db, saved.id, Status.PREPARING, saved.version, "ben")
    assert load_placement(any_db, saved.id).status is Status.DRAFT


def test_a_skipped_step_is_refused_by_name_and_changes_nothing(db: Database) -> None:
    saved = make_placement(db, make_world(db))
    assert saved.id is not None and saved.version is not None
    with pytest.raises(TransitionError) as caught:
        change_status(db, saved.id, Status.SIGNED, saved.version)
    assert str(caught.value) == "A placement cannot go from 'Draft' to 'Signed'."
    after = load_placement(db, saved.id)
    assert (after.status, after.version) == (Status.DRAFT, saved.version)


def test_every_open_item_is_listed_one_per_line(db: Database) -> None:
    saved = make_placement(db, make_world(db))
    assert saved.id is not None and saved.version is not None
    checklist.set_done(db, saved.id, "selection", True)
    preparing = change_status(db, saved.id, Status.PREPARING, saved.version)
    save_default_protocol(db, saved.id)
    with pytest.raises(TransitionError) as caught:
        change_status(db, saved.id, Status.AGREEMENT_SENT, preparing.version or 0)
    lines = str(caught.value).splitlines()
    assert lines[0] == "The placement cannot move to 'Agreement sent' yet:"
    assert [line[:12] for line in lines[1:]] == [
        "• Student re",
        "• Host readi",
        "• Institutio",
        "• Communicat",  # the tools: the saved protocol is not among them
        "• No agreeme",
    ]
    assert load_placement(db, saved.id).status is Status.PREPARING


def test_moving_back_and_cancelling_need_no_checklist(db: Database) -> None:
    saved = make_placement(db, make_world(db))
    assert saved.id is not None and saved.version is not None
    checklist.set_done(db, saved.id, "selection", True)
    preparing = change_status(db, saved.id, Status.PREPARING, saved.version)
    checklist.set_done(db, saved.id, "selection", False)  # unticked after the move
    back = change_status(db, saved.id, Status.DRAFT, preparing.version or 0, "Łukasz Żółć")
    assert back.status is Status.DRAFT and back.updated_by == "Łukasz Żółć"
    cancelled = change_status(db, saved.id, Status.CANCELLED, back.version or 0)
    reopened = change_status(db, saved.id, Status.DRAFT, cancelled.version or 0)
    assert reopened.status is Status.DRAFT


def test_a_missing_placement_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        change_status(db, 404, Status.PREPARING, 1)


def test_move_status_works_inside_an_open_session(db: Database) -> None:
    saved = make_placement(db, make_world(db))
    with db.session("tester") as session:
        placement = session.scalars(select(Placement)).one()
        with pytest.raises(TransitionError, match="cannot move to 'Preparing' yet"):
            move_status(session, placement, Status.PREPARING)
        move_status(session, placement, Status.CANCELLED)
    assert load_placement(db, saved.id).status is Status.CANCELLED  # type: ignore[arg-type]


# --- checked against the records (issue 12) ---------------------------------------------------

_hosts = itertools.count(1)


def _placement(db: Database, status: Status = Status.DRAFT) -> int:
    created = make_placement(db, make_world(db, host_name=f"Lifecycle host {next(_hosts)}"))
    assert created.id is not None
    if status is not Status.DRAFT:  # as imported from an older system: no records behind it
        with db.session("tester") as session:
            session.execute(
                update(Placement).values(status=status).where(Placement.id == created.id)
            )
    return created.id


def _refused(db: Database, placement_id: int, target: Status) -> MoveRefusedError:
    version = load_placement(db, placement_id).version
    assert version is not None
    with pytest.raises(MoveRefusedError) as caught:
        change_status(db, placement_id, target, version, "anna")
    assert load_placement(db, placement_id).version == version  # nothing changed
    return caught.value


def test_a_draft_needs_the_student_selected(any_db: Database) -> None:
    placement_id = _placement(any_db)
    refused = _refused(any_db, placement_id, Status.PREPARING)
    assert [(r.text, r.place) for r in refused.reasons] == [
        (
            "Not ticked yet: Student selected; expectations of student, host and institution "
            "discussed",
            FixPlace.CHECKLIST,
        )
    ]
    assert str(refused).startswith(
        "The placement cannot move to 'Preparing' yet:\n• Not ticked yet: Student selected;"
    )


def test_agreement_sent_lists_every_missing_record_with_the_place_to_fix_it(
    any_db: Database,
) -> None:
    """VIP-2027-00415: the student's readiness blocked, no tool chosen, no agreement drafted."""
    placement_id = _placement(any_db, Status.PREPARING)
    set_done(any_db, placement_id, "selection", True, "anna")
    complete_readiness(any_db, placement_id, ReadinessParty.STUDENT, changes={"own_device": "no"})
    refused = _refused(any_db, placement_id, Status.AGREEMENT_SENT)
    texts = [r.text for r in refused.reasons]
    assert texts[0].startswith("Student readiness checked — 1 critical flag open: “")
    assert texts[1] == "Host readiness checked — no questionnaire completed yet"
    assert texts[2] == "Institution readiness checked — no questionnaire completed yet"
    assert texts[3].startswith("Communication tools chosen and tested with every actor — no tool")
    assert texts[4] == "Communication protocol agreed — no communication protocol saved yet"
    assert texts[5] == (
        "No agreement version has been sent for signature: no agreement drafted yet"
    )
    assert [r.place for r in refused.reasons] == [FixPlace.PREPARATION] * 5 + [FixPlace.AGREEMENT]
    assert all(f"• {text}" in str(refused) for text in texts)


def test_sending_the_agreement_is_refused_until_the_preparation_is_done(
    any_db: Database,
) -> None:
    placement_id, draft = ready_agreement(any_db)
    # The student's readiness turns out blocked after all: sending changes nothing.
    complete_readiness(any_db, placement_id, ReadinessParty.STUDENT, changes={"own_device": "no"})
    with pytest.raises(MoveRefusedError, match="Student readiness checked"):
        send_for_signature(any_db, draft.id, draft.row_version, user="tester")
    with any_db.session() as session:
        assert session.get(AgreementDocument, draft.id).state is DocumentState.DRAFT  # type: ignore[union-attr]
    assert load_placement(any_db, placement_id).status is Status.PREPARING
    complete_readiness(any_db, placement_id, ReadinessParty.STUDENT)  # re-assessed: fine now
    send_for_signature(any_db, draft.id, draft.row_version, user="tester")
    assert load_placement(any_db, placement_id).status is Status.AGREEMENT_SENT


def test_signed_needs_every_signature_and_names_who_has_not_signed(any_db: Database) -> None:
    """VIP-2026-00394: moved to "signed" while the host had not signed."""
    placement_id, draft = ready_agreement(any_db)
    sent = send_for_signature(any_db, draft.id, draft.row_version, user="tester")
    for party in ("student", "sending"):
        record_approval(any_db, sent.id, party, typed_approval(party), today=SENT_ON)
    refused = _refused(any_db, placement_id, Status.SIGNED)
    assert [(r.text, r.place) for r in refused.reasons] == [
        (
            "The agreement is not signed by all three parties and locked: agreement 1 out for "
            "signature; not signed yet by the receiving organisation",
            FixPlace.AGREEMENT,
        )
    ]
    record_approval(any_db, sent.id, "host", typed_approval("host"), today=SENT_ON)
    assert load_placement(any_db, placement_id).status is Status.SIGNED  # locking moves it


def test_ongoing_needs_the_locked_agreement_not_a_tick(any_db: Database) -> None:
    placement_id = _placement(any_db, Status.SIGNED)
    for item in checklist_items():
        set_done(any_db, placement_id, item.key, True, "anna", reason="done outside vipdesk")
    refused = _refused(any_db, placement_id, Status.ONGOING)
    assert [r.text for r in refused.reasons] == [
        "The agreement is not signed by all three parties and locked: "
        "record the signatures on the Agreement tab"
    ]


def test_ongoing_follows_the_locked_agreement_and_the_before_items(any_db: Database) -> None:
    placement_id, draft = ready_agreement(any_db)
    sign_all(any_db, send_for_signature(any_db, draft.id, draft.row_version, user="tester"))
    refused = _refused(any_db, placement_id, Status.ONGOING)
    assert [r.text for r in refused.reasons] == [
        "Not ticked yet: Preparatory training offered: cultural, linguistic, technical",
        "Not ticked yet: Helpdesk named for the student and for company staff",
        "Not ticked yet: Accident and liability insurance arranged",
    ]
    for key in ("training", "helpdesk", "insurance"):
        set_done(any_db, placement_id, key, True, "anna")
    version = load_placement(any_db, placement_id).version
    assert change_status(any_db, placement_id, Status.ONGOING, version or 0).status is (
        Status.ONGOING
    )


def test_completed_needs_the_after_phase_items(any_db: Database) -> None:
    placement_id = _placement(any_db, Status.EVALUATING)
    refused = _refused(any_db, placement_id, Status.COMPLETED)
    texts = {r.text: r.place for r in refused.reasons}
    evaluation = next(t for t in texts if t.startswith("Placement evaluated"))
    assert "no final evaluation by the student or the host mentor" in evaluation
    assert "Credits recognised in the transcript" not in str(refused)  # no credits planned
    assert (
        texts[
            "Traineeship certificate issued by the host (within 5 weeks of the end) — "
            "no certificate drafted yet"
        ]
        is FixPlace.AGREEMENT
    )
    assert "The agreement is not signed by all three parties and locked: " in str(refused)


def test_moving_back_and_cancelling_need_no_records(any_db: Database) -> None:
    placement_id = _placement(any_db, Status.SIGNED)
    back = change_status(any_db, placement_id, Status.AGREEMENT_SENT, 1)
    assert back.status is Status.AGREEMENT_SENT
    cancelled = change_status(any_db, placement_id, Status.CANCELLED, back.version or 0)
    assert cancelled.status is Status.CANCELLED


# --- the office lead's override ---------------------------------------------------------------


def test_an_office_lead_may_move_past_the_checks_with_a_reason_kept_in_the_history(
    any_db: Database,
) -> None:
    placement_id = _placement(any_db, Status.AGREEMENT_SENT)
    set_office_leads(any_db, ["Ana"], "setup")
    with pytest.raises(ValidationError, match="Only an office lead"):
        change_status(any_db, placement_id, Status.SIGNED, 1, "ben", override="paper copy")
    with pytest.raises(ValidationError, match="Say why"):
        change_status(any_db, placement_id, Status.SIGNED, 1, "ana", override="  ")
    with pytest.raises(TransitionError, match="cannot go from"):  # the order of steps stays
        change_status(any_db, placement_id, Status.ONGOING, 1, "ana", override="paper copy")
    assert load_placement(any_db, placement_id).status is Status.AGREEMENT_SENT

    moved = change_status(
        any_db,
        placement_id,
        Status.SIGNED,
        1,
        "ana",  # logins compare without regard to case
        override="signed on paper at the fair; scan follows",
    )
    assert moved.status is Status.SIGNED
    lines = record_history(any_db, "placement", placement_id)
    override = next(line for line in lines if line.action == "override")
    assert override.user == "ana"
    assert (
        override.summary
        == "moved to Signed past open checks: signed on paper at the fair; scan follows"
    )
    assert override.changes["reason"] == [None, "signed on paper at the fair; scan follows"]
    assert override.changes["status"] == ["agreement_sent", "signed"]
    assert "not signed by all three parties" in str(override.changes["overridden"][1])


def test_an_override_of_a_move_the_records_back_leaves_no_trace(any_db: Database) -> None:
    placement_id = _placement(any_db, Status.PREPARING)
    set_done(any_db, placement_id, "selection", True, "anna")
    prepare_fully(any_db, placement_id)
    back = change_status(any_db, placement_id, Status.DRAFT, 1, "ben", override="not needed")
    assert back.status is Status.DRAFT
    assert all(
        line.action != "override" for line in record_history(any_db, "placement", placement_id)
    )


def test_office_leads_are_set_once_by_anyone_then_only_by_a_lead(any_db: Database) -> None:
    assert office_leads(any_db) == []
    assert set_office_leads(any_db, [" ana ", "ben", "ana"], "setup") == ["ana", "ben"]
    with pytest.raises(ValidationError, match="Only an office lead"):
        set_office_leads(any_db, ["carl"], "carl")
    with pytest.raises(ValidationError, match="comma"):
        set_office_leads(any_db, ["a,b"], "ana")
    set_office_leads(any_db, ["ana", "carl"], "BEN")
    assert office_leads(any_db) == ["ana", "carl"]


# --- during and after: the monitoring log and recognition -----------------------------------


def test_completed_needs_recognition_where_the_placement_counts_toward_the_degree(
    any_db: Database,
) -> None:
    placement_id = _placement(any_db, Status.EVALUATING)
    with any_db.session("tester") as session:
        session.execute(
            update(Placement).values(ects_credits=Decimal("10")).where(Placement.id == placement_id)
        )
    refused = _refused(any_db, placement_id, Status.COMPLETED)
    [reason] = [r for r in refused.reasons if r.item_key == "recognition"]
    assert reason.place is FixPlace.MONITORING
    assert reason.text == (
        "Credits recognised in the transcript — not recorded yet: the credits awarded, the "
        "grade, the transcript date, the learning outcomes achieved, the certificate's "
        "receipt date"
    )
    form = load_recognition(any_db, placement_id)
    form.credits_awarded, form.grading_scale, form.grade = Decimal("10"), "ects", "B"
    form.transcript_on = form.certificate_received_on = date(2027, 6, 20)
    form.outcomes_achieved = ("Built a churn model",)
    save_recognition(any_db, form, "anna", today=date(2027, 7, 1))
    again = _refused(any_db, placement_id, Status.COMPLETED)
    assert not [r for r in again.reasons if r.item_key == "recognition"]


def test_evaluating_needs_the_kickoff_and_coaching_logged(any_db: Database) -> None:
    placement_id = _placement(any_db, Status.ONGOING)
    refused = _refused(any_db, placement_id, Status.EVALUATING)
    places = {r.item_key: (r.place, r.text) for r in refused.reasons}
    assert places["kickoff"] == (
        FixPlace.MONITORING,
        "Kick-off meeting held with student, mentor and tutor — no kick-off meeting logged yet",
    )
    assert places["coaching"][0] is FixPlace.MONITORING
    with any_db.session("tester") as session:
        for kind in (EntryKind.KICKOFF, EntryKind.TUTOR_COACHING, EntryKind.TUTOR_COACHING):
            session.add(
                MonitoringEntry(
                    placement_id=placement_id,
                    kind=kind,
                    held_on=date(2027, 2, 1),
                    participants="student, tutor",
                )
            )
    again = _refused(any_db, placement_id, Status.EVALUATING)
    assert not {"kickoff", "coaching"} & {r.item_key for r in again.reasons}
    [coaching] = [s for s in checklist_state(any_db, placement_id) if s.item.key == "coaching"]
    assert coaching.describe() == "Done: 2 coaching sessions logged, last on 1 Feb 2027"
