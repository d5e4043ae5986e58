"""The placement lifecycle: which status may follow which, and the checks on each move."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.factories import make_placement, make_world
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, TransitionError
from vipdesk.models import Placement, Status
from vipdesk.services.placements import checklist
from vipdesk.services.placements.lifecycle import (
    allowed_transitions,
    change_status,
    is_forward,
    move_status,
)
from vipdesk.services.placements.records import load_placement, save_placement, with_changes

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
    checklist.set_done(db, saved.id, "protocol", True)
    with pytest.raises(TransitionError) as caught:
        change_status(db, saved.id, Status.AGREEMENT_SENT, preparing.version or 0)
    lines = str(caught.value).splitlines()
    assert lines[0] == "Before moving to 'Agreement sent', tick these checklist items:"
    assert [line[:12] for line in lines[1:]] == [
        "• Student re",
        "• Host readi",
        "• Institutio",
        "• Communicat",
    ]  # the ticked protocol item is not among them
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
        with pytest.raises(TransitionError, match="tick these checklist items"):
            move_status(session, placement, Status.PREPARING)
        move_status(session, placement, Status.CANCELLED)
    assert load_placement(db, saved.id).status is Status.CANCELLED  # type: ignore[arg-type]
