"""Recently deleted: a deleted placement or cost item comes back whole within 30 days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from tests.helpers.agreements import ready_agreement
from tests.helpers.funding_world import add_cost
from vipdesk.db import Database
from vipdesk.errors import NotFoundError
from vipdesk.models import Base, Student
from vipdesk.models.base import utcnow
from vipdesk.services.funding.sources import delete_cost
from vipdesk.services.placements.records import delete_placement, load_placement
from vipdesk.services.trash.bin import RestoreError, recently_deleted, restore_deleted

SKIPPED = {"audit_entry", "deleted_record"}


def everything(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the audit trail and the bin, sorted."""
    with db.session() as s:
        return {
            table.name: sorted((tuple(map(str, row)) for row in s.execute(select(table))), key=str)
            for table in Base.metadata.sorted_tables
            if table.name not in SKIPPED
        }


def test_a_deleted_placement_comes_back_with_everything_it_had(any_db: Database) -> None:
    placement_id, _draft = ready_agreement(any_db)
    add_cost(any_db, placement_id=placement_id)
    before = everything(any_db)
    reference = load_placement(any_db, placement_id).reference
    delete_placement(any_db, placement_id, "anna")
    gone = everything(any_db)
    assert not gone["placement"] and not gone["cost_item"] and not gone["agreement_document"]
    (entry,) = recently_deleted(any_db)
    assert (entry.what, entry.label, entry.deleted_by, entry.days_left) == (
        "Placement",
        reference,
        "anna",
        29,
    )
    restore_deleted(any_db, entry.id, "anna")
    assert everything(any_db) == before  # same ids, answers, protocol, agreement, cost
    assert recently_deleted(any_db) == []
    with pytest.raises(NotFoundError, match="can no longer be restored"):
        restore_deleted(any_db, entry.id)


def test_a_deleted_cost_item_comes_back(any_db: Database) -> None:
    placement_id, _draft = ready_agreement(any_db)
    cost_id = add_cost(any_db, placement_id=placement_id, description="Headset")
    before = everything(any_db)
    delete_cost(any_db, cost_id, "anna")
    (entry,) = recently_deleted(any_db)
    assert entry.what == "Cost item" and entry.label.startswith("Headset (900.00 EUR")
    restore_deleted(any_db, entry.id)
    assert everything(any_db) == before


def test_entries_are_forgotten_after_30_days(any_db: Database) -> None:
    placement_id, _draft = ready_agreement(any_db)
    delete_placement(any_db, placement_id)
    assert len(recently_deleted(any_db, utcnow() + timedelta(days=29))) == 1
    assert recently_deleted(any_db, utcnow() + timedelta(days=31)) == []
    with any_db.session() as s:
        assert s.scalar(text("SELECT count(*) FROM deleted_record")) == 0


def test_what_the_placement_belonged_to_is_gone_so_nothing_changes(any_db: Database) -> None:
    placement_id, _draft = ready_agreement(any_db)
    with any_db.session() as s:
        student_id = s.scalar(select(Student.id).order_by(Student.id.desc()).limit(1))
    delete_placement(any_db, placement_id)
    with any_db.session() as s:
        s.delete(s.get(Student, student_id))
    (entry,) = recently_deleted(any_db)
    before = everything(any_db)
    with pytest.raises(RestoreError, match=r"cannot be restored.*Nothing was changed"):
        restore_deleted(any_db, entry.id)
    assert everything(any_db) == before
    with any_db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Student).where(Student.id == student_id)) == 0
        )
    assert len(recently_deleted(any_db)) == 1  # still there, to try again later
