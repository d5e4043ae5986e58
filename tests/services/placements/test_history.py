"""A record's audit trail as the history panel shows it: newest first, what changed in words."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.models import AuditEntry, ReadinessParty
from vipdesk.services.placements.history import HistoryLine, record_history
from vipdesk.services.placements.records import save_placement
from vipdesk.services.preparation.readiness import start_response


def line(changes: dict[str, list[object]]) -> HistoryLine:
    return HistoryLine(datetime(2027, 1, 5, tzinfo=UTC), "anna", "update", "changed", changes)


def test_changes_read_as_label_old_and_new() -> None:
    described = line({"title": ["Analyst", "Data analyst"], "hours_per_week": [20, 25]})
    assert described.describe_changes() == (
        "title: Analyst → Data analyst; hours per week: 20 → 25"
    )


def test_ids_lose_their_suffix_and_empty_values_show_a_dash() -> None:
    described = line({"mentor_id": [None, 7], "notes": ["Łukasz Żółć", ""]})
    assert described.describe_changes() == "mentor: — → 7; notes: Łukasz Żółć → —"


def test_long_values_are_cut_at_sixty_characters() -> None:
    exactly = "李" * 60
    longer = "م" * 61
    described = line({"title": [exactly, longer]}).describe_changes()
    assert described == f"title: {exactly} → {'م' * 57}…"


def test_no_changes_describe_as_nothing() -> None:
    assert line({}).describe_changes() == ""


def test_newest_first_with_who_and_what(any_db: Database) -> None:
    saved = make_placement(any_db, make_world(any_db))
    assert saved.id is not None
    saved.hours_per_week = 25
    save_placement(any_db, saved, "محمد")
    history = record_history(any_db, "placement", saved.id)
    assert [h.action for h in history] == ["update", "create"]
    assert history[0].user == "محمد"
    assert history[0].changes == {"hours_per_week": [20, 25]}
    assert history[0].describe_changes() == "hours per week: 20 → 25"


def test_only_the_records_own_entries_up_to_the_limit(db: Database) -> None:
    with db.session() as session:
        session.execute(
            insert(AuditEntry),
            [
                {
                    "user": "anna",
                    "entity": entity,
                    "entity_id": entity_id,
                    "action": "update",
                    "summary": f"change {n}",
                    "changes": "{}",
                }
                for n, (entity, entity_id) in enumerate(
                    [("placement", 1)] * 5 + [("placement", 2), ("student", 1)]
                )
            ],
        )
    assert [h.summary for h in record_history(db, "placement", 1, limit=3)] == [
        "change 4",
        "change 3",
        "change 2",
    ]
    assert [h.summary for h in record_history(db, "student", 1)] == ["change 6"]
    assert record_history(db, "organisation", 1) == []


def test_preparation_records_show_in_the_placement_history(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    assert saved.id is not None
    start_response(any_db, saved.id, ReadinessParty.STUDENT, "Łukasz Żółć")
    summaries = [line.summary for line in record_history(any_db, "placement", saved.id)]
    assert len(summaries) == 2
    assert "readiness" in summaries[0]
