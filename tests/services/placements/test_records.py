"""Placement records on SQLite and PostgreSQL: rules, saving, conflicts, audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tests.helpers.factories import World, make_placement, make_world, placement_form
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError
from vipdesk.models import AuditEntry, Mode, PeriodKind, Placement, Status
from vipdesk.services.placements.records import (
    PeriodForm,
    PlacementForm,
    delete_placement,
    load_placement,
    save_placement,
    validate,
)


def problem_fields(form: PlacementForm) -> set[str]:
    return {p.field for p in validate(form)}


def test_create_assigns_a_readable_reference_and_round_trips(any_db: Database) -> None:
    world = make_world(any_db)
    first = make_placement(any_db, world, ects_credits=Decimal("7.5"))
    second = make_placement(any_db, world)
    year = date.today().year
    assert first.reference == f"VIP-{year}-00001"
    assert second.reference == f"VIP-{year}-00002"
    loaded = load_placement(any_db, first.id)  # type: ignore[arg-type]
    assert loaded.title == "Data analyst intern — customer churn"
    assert loaded.ects_credits == Decimal("7.5")
    assert loaded.status is Status.DRAFT
    assert loaded.version == 1


def test_end_before_start_is_refused_with_a_message_and_nothing_saved(any_db: Database) -> None:
    world = make_world(any_db)
    form = placement_form(world, planned_start=date(2027, 3, 1), planned_end=date(2027, 2, 1))
    with pytest.raises(ValidationError) as caught:
        save_placement(any_db, form)
    assert caught.value.problems[0].field == "planned_end"
    assert "before the start" in caught.value.problems[0].message
    with any_db.session() as s:
        assert s.scalar(select(Placement.id)) is None


def test_schema_enforces_constraints_beyond_the_form(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    with pytest.raises(IntegrityError), any_db.engine.begin() as conn:
        conn.execute(
            text("UPDATE placement SET hours_per_week = 61 WHERE id = :i"), {"i": saved.id}
        )
    with pytest.raises(IntegrityError), any_db.engine.begin() as conn:
        conn.execute(
            text("UPDATE placement SET planned_end = '2000-01-01' WHERE id = :i"), {"i": saved.id}
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": 61}, "hours_per_week"),
        ({"hours_per_week": None}, "hours_per_week"),
        ({"ects_credits": Decimal("60.5")}, "ects_credits"),
        ({"ects_credits": Decimal("7.25")}, "ects_credits"),
        ({"student_id": None}, "student_id"),
        ({"planned_start": None}, "planned_start"),
        ({"mode": Mode.BLENDED}, "periods"),
    ],
)
def test_each_rule_names_its_field(changes: dict[str, object], field: str) -> None:
    form = placement_form(_world_stub(), **changes)  # no database needed
    assert field in problem_fields(form)


def _world_stub() -> World:
    return World(1, 2, 3, 4, 5)


def test_blended_periods_must_lie_inside_and_not_overlap() -> None:
    form = placement_form(_world_stub(), mode=Mode.BLENDED)
    form.periods = [
        PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 15)),
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 3, 10), date(2027, 6, 30)),
    ]
    messages = [p.message for p in validate(form)]
    assert "Period 2 lies outside the planned start and end." in messages
    assert "Periods 1 and 2 overlap." in messages
    form.periods[1] = PeriodForm(PeriodKind.PHYSICAL, date(2027, 3, 16), date(2027, 3, 31))
    assert validate(form) == []


def test_blended_periods_are_stored_and_dropped_when_mode_changes(any_db: Database) -> None:
    world = make_world(any_db)
    periods = [
        PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 4, 30)),
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 5, 1), date(2027, 5, 20)),
    ]
    saved = make_placement(any_db, world, mode=Mode.BLENDED, periods=periods)
    assert saved.periods == periods
    saved.mode = Mode.VIRTUAL
    again = save_placement(any_db, saved)
    assert again.periods == []
    assert load_placement(any_db, saved.id).periods == []  # type: ignore[arg-type]
    with any_db.session() as s:
        removals = s.scalars(
            select(AuditEntry.summary).where(
                AuditEntry.entity == "placement", AuditEntry.action == "delete"
            )
        ).all()
    assert sorted(removals) == ["removed physical period", "removed virtual period"]


def test_mentor_must_work_at_the_host(any_db: Database) -> None:
    world = make_world(any_db)
    other = make_world(any_db, host_name="Kaveri Software Pvt Ltd")
    form = placement_form(world, mentor_id=other.mentor_id)
    with pytest.raises(ValidationError) as caught:
        save_placement(any_db, form)
    assert caught.value.problems[0].field == "mentor_id"


def test_stale_save_is_a_conflict_and_keep_mine_overwrites(any_db: Database) -> None:
    world = make_world(any_db)
    opened_by_anna = make_placement(any_db, world)
    opened_by_ben = load_placement(any_db, opened_by_anna.id)  # type: ignore[arg-type]

    opened_by_ben.title = "Ben's title"
    save_placement(any_db, opened_by_ben, "ben")

    opened_by_anna.hours_per_week = 30
    with pytest.raises(ConflictError) as caught:
        save_placement(any_db, opened_by_anna, "anna")
    conflict = caught.value
    assert conflict.changed_by == "ben"
    assert "title" in conflict.changed_fields
    assert conflict.theirs.title == "Ben's title"  # type: ignore[attr-defined]
    # Nothing of Anna's was written.
    assert load_placement(any_db, opened_by_anna.id).hours_per_week == 20  # type: ignore[arg-type]

    kept = save_placement(any_db, opened_by_anna, "anna", overwrite=True)
    assert kept.hours_per_week == 30
    assert kept.title == "Data analyst intern — customer churn"
    assert kept.version == 3


def test_saving_a_deleted_placement_says_so(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    delete_placement(any_db, saved.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        save_placement(any_db, saved)


def test_audit_trail_records_who_changed_what(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    saved.hours_per_week = 25
    save_placement(any_db, saved, "anna")
    with any_db.session() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "placement", AuditEntry.entity_id == saved.id)
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["create", "update"]
        assert entries[1].user == "anna"
        assert '"hours_per_week": [20, 25]' in entries[1].changes


def test_periods_changed_meanwhile_are_a_conflict_also_for_one_shared_login(
    any_db: Database,
) -> None:
    """Issue 19: a change of the blended periods alone did not move the version."""
    world = make_world(any_db)
    periods = [
        PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31)),
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 5, 31)),
    ]
    saved = make_placement(any_db, world, mode=Mode.BLENDED, periods=periods)
    assert saved.id is not None
    first, second = load_placement(any_db, saved.id), load_placement(any_db, saved.id)
    first.periods = [
        periods[0],
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 4, 5), date(2027, 5, 31)),
    ]
    save_placement(any_db, first, "office")
    second.periods = [
        PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 15)),
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 3, 16), date(2027, 5, 31)),
    ]
    with pytest.raises(ConflictError) as caught:
        save_placement(any_db, second, "office")
    assert "periods" in caught.value.changed_fields
    assert load_placement(any_db, saved.id).periods == first.periods
