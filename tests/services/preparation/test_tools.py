"""Tools of a placement: the choice per purpose, the test plan and the gate before sending."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.helpers.evidence import (
    complete_readiness,
    pass_every_tool_test,
    save_default_protocol,
)
from tests.helpers.factories import make_placement, make_world
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, TransitionError, ValidationError
from vipdesk.models import ProtocolActor, ReadinessParty, Status, ToolTestResult
from vipdesk.services.placements import checklist, lifecycle
from vipdesk.services.preparation.tools import (
    ToolTestState,
    load_choices,
    load_test_plan,
    record_test,
    save_choices,
)

PASSED, FAILED = ToolTestResult.PASSED, ToolTestResult.FAILED


def new_placement(db: Database) -> int:
    placement_id = make_placement(db, make_world(db)).id
    assert placement_id is not None
    return placement_id


def test_choices_are_saved_per_purpose(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    assert save_choices(any_db, placement_id, {"reporting": "email", "meetings": "zoom"}) == {
        "meetings": "zoom",
        "reporting": "email",
    }
    save_choices(any_db, placement_id, {"meetings": "teams", "reporting": None})
    assert load_choices(any_db, placement_id) == {"meetings": "teams"}
    with pytest.raises(ValidationError, match="skype"):
        save_choices(any_db, placement_id, {"meetings": "skype"})


def test_a_choice_changed_meanwhile_is_a_conflict_not_a_silent_overwrite(
    any_db: Database,
) -> None:
    """Issue 19: the choices had no check at all; the last of two wizards silently won."""
    placement_id = new_placement(any_db)
    save_choices(any_db, placement_id, {"meetings": "teams"})
    anna, ben = load_choices(any_db, placement_id), load_choices(any_db, placement_id)
    save_choices(any_db, placement_id, {"meetings": "zoom", "reporting": "email"}, seen=anna)
    with pytest.raises(ConflictError) as caught:
        save_choices(any_db, placement_id, {"meetings": "webex", "reporting": "email"}, seen=ben)
    assert caught.value.changed_fields == ["meetings"]  # the same reporting tool is no conflict
    assert caught.value.theirs == {"meetings": "zoom", "reporting": "email"}
    assert load_choices(any_db, placement_id) == {"meetings": "zoom", "reporting": "email"}
    # A purpose nobody else touched is saved from the same stale view.
    save_choices(any_db, placement_id, {"social": "teams"}, seen=ben)
    assert load_choices(any_db, placement_id)["social"] == "teams"


def test_choosing_a_tool_racing_another_ends_in_a_conflict_or_the_same_outcome(
    any_db: Database,
) -> None:
    placement_id = new_placement(any_db)
    seen = load_choices(any_db, placement_id)
    with (
        before_next_flush(lambda: save_choices(any_db, placement_id, {"meetings": "zoom"})),
        pytest.raises(ConflictError),
    ):
        save_choices(any_db, placement_id, {"meetings": "teams"}, seen=seen)
    with before_next_flush(lambda: save_choices(any_db, placement_id, {"social": "teams"})):
        save_choices(any_db, placement_id, {"social": "teams"}, seen=seen)
    assert load_choices(any_db, placement_id) == {"meetings": "zoom", "social": "teams"}


def test_an_over_long_test_note_is_refused(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    save_choices(any_db, placement_id, {"meetings": "zoom"})
    state = load_test_plan(any_db, placement_id)[0]
    long = replace(state, result=FAILED, tested_on=date(2027, 1, 5), note="n" * 2_001)
    with pytest.raises(ValidationError, match="The note is longer than 2,000 characters"):
        record_test(any_db, placement_id, long)
    assert load_test_plan(any_db, placement_id)[0].open


def test_the_test_plan_records_each_tool_with_each_actor(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    save_choices(
        any_db, placement_id, {"meetings": "zoom", "questions": "zoom", "fallback": "phone"}
    )
    plan = load_test_plan(any_db, placement_id)
    assert [(s.tool_key, s.actor) for s in plan] == [
        (tool, actor) for tool in ("zoom", "phone") for actor in ProtocolActor
    ]
    assert all(s.open and s.version is None for s in plan)
    with pytest.raises(ValidationError, match="date"):
        record_test(any_db, placement_id, replace(plan[0], result=PASSED))
    done = record_test(
        any_db, placement_id, replace(plan[0], result=PASSED, tested_on=date(2027, 1, 12)), "anna"
    )
    assert not done.open and done.updated_by == "anna"
    with pytest.raises(ConflictError):  # recorded by someone else meanwhile
        record_test(
            any_db, placement_id, replace(plan[0], result=FAILED, tested_on=date(2027, 1, 13))
        )
    failed = record_test(any_db, placement_id, replace(done, result=FAILED))
    assert failed.open  # failed, and no reason written down
    explained = record_test(any_db, placement_id, replace(failed, note="Host blocks Zoom: Teams"))
    assert not explained.open


def test_the_agreement_waits_for_the_tool_tests(db: Database) -> None:
    placement_id = new_placement(db)
    checklist.set_done(db, placement_id, "selection", True)
    for party in ReadinessParty:
        complete_readiness(db, placement_id, party)
    save_default_protocol(db, placement_id)
    form = lifecycle.change_status(db, placement_id, Status.PREPARING, 1)
    save_choices(db, placement_id, {"meetings": "zoom"})
    with pytest.raises(TransitionError) as caught:
        lifecycle.change_status(db, placement_id, Status.AGREEMENT_SENT, form.version or 0)
    assert "Zoom: not tested with the student; not tested with the company mentor" in str(
        caught.value
    )
    tools = {"meetings": "zoom", "questions": "zoom", "reporting": "email", "documents": "teams"}
    pass_every_tool_test(db, placement_id, tools)
    with pytest.raises(TransitionError) as caught:  # what is left is the agreement itself
        lifecycle.change_status(db, placement_id, Status.AGREEMENT_SENT, form.version or 0)
    assert "Zoom" not in str(caught.value) and "tools" not in str(caught.value)
    assert "No agreement version has been sent" in str(caught.value)


def test_a_state_without_a_record_is_open() -> None:
    assert ToolTestState("zoom", ProtocolActor.TUTOR).open
