"""Checklists: the shipped items, ticking, and what blocks a status."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.helpers.factories import make_placement, make_world
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.models import LIFECYCLE, ChecklistTick, Phase, Status
from vipdesk.services.placements.checklist import (
    blockers,
    checklist_items,
    checklist_state,
    set_done,
)


def test_items_cover_every_phase_and_block_real_statuses() -> None:
    items = checklist_items()
    assert {i.phase for i in items} == set(Phase)
    assert len({i.key for i in items}) == len(items)
    assert all(i.required_for in LIFECYCLE for i in items if i.required_for)


def test_blockers_accumulate_along_the_lifecycle() -> None:
    assert [i.key for i in blockers(set(), Status.PREPARING)] == ["selection"]
    keys_for_sent = {i.key for i in blockers(set(), Status.AGREEMENT_SENT)}
    assert {"selection", "readiness_student", "tools_tested"} <= keys_for_sent
    assert blockers({i.key for i in checklist_items()}, Status.COMPLETED) == []
    assert blockers(set(), Status.CANCELLED) == []


def test_ticks_record_who_and_when_and_untick(any_db: Database) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    set_done(any_db, placement.id, "selection", True, "anna")
    set_done(any_db, placement.id, "selection", True, "ben")  # a second tick keeps the first
    state = {s.item.key: s for s in checklist_state(any_db, placement.id)}
    assert state["selection"].done_by == "anna"
    assert state["selection"].done_at is not None
    assert not state["training"].done
    set_done(any_db, placement.id, "selection", False, "anna")
    state = {s.item.key: s for s in checklist_state(any_db, placement.id)}
    assert not state["selection"].done


# --- two coordinators ticking at once (issue 19) --------------------------------------------


def test_two_coordinators_ticking_the_same_item_at_once_keep_the_first_tick(
    any_db: Database,
) -> None:
    """The outcome both wanted is the same, so the second tick is a no-op, never a raw
    IntegrityError: ticking twice keeps the first tick, as it does one after the other."""
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    placement_id = placement.id
    with before_next_flush(lambda: set_done(any_db, placement_id, "selection", True, "anna")):
        set_done(any_db, placement_id, "selection", True, "ben")
    state = {s.item.key: s for s in checklist_state(any_db, placement_id)}
    assert state["selection"].done_by == "anna"
    with any_db.session() as session:
        assert session.scalar(select(func.count()).select_from(ChecklistTick)) == 1


def test_two_coordinators_unticking_the_same_item_at_once_both_succeed(
    any_db: Database,
) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    placement_id = placement.id
    set_done(any_db, placement_id, "selection", True, "anna")
    with before_next_flush(lambda: set_done(any_db, placement_id, "selection", False, "anna")):
        set_done(any_db, placement_id, "selection", False, "ben")
    assert not {s.item.key: s for s in checklist_state(any_db, placement_id)}["selection"].done
