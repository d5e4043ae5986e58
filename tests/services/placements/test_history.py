"""A record's audit trail: raw lines newest first, and a placement's history in sentences."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    AnswerSource,
    AuditEntry,
    Base,
    Cadence,
    ChecklistTick,
    CommunicationProtocol,
    CostCategory,
    CostItem,
    CostShare,
    DocumentKind,
    DocumentState,
    EntryKind,
    EvaluationResponse,
    EvaluationStage,
    MailState,
    Mode,
    MonitoringEntry,
    OutboxMessage,
    PeriodKind,
    Phase,
    PlacementPeriod,
    ProtocolActor,
    ReadinessParty,
    ReadinessResponse,
    Recognition,
    SignatureState,
    Snooze,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.placements.history import HistoryLine, placement_history, record_history
from vipdesk.services.placements.history_sentences import KINDS, kind_of
from vipdesk.services.placements.records import load_placement, save_placement
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


def test_the_history_goes_by_time_not_by_the_order_entries_were_written(db: Database) -> None:
    """The demo's mails were written after the status changes they came before, and the
    History tab began with September, then February, then May."""
    moments = [
        datetime(2022, 9, 16, 11, tzinfo=UTC),
        datetime(2023, 2, 15, 10, tzinfo=UTC),
        datetime(2022, 5, 10, 12, tzinfo=UTC),
        datetime(2022, 9, 6, 9, tzinfo=UTC),
    ]
    with db.session() as session:
        session.execute(
            insert(AuditEntry),
            [
                {
                    "user": "anna",
                    "entity": "placement",
                    "entity_id": 1,
                    "action": "update",
                    "summary": at.date().isoformat(),
                    "changes": "{}",
                    "at": at,
                }
                for at in moments
            ],
        )
    assert [h.summary for h in record_history(db, "placement", 1)] == [
        "2023-02-15", "2022-09-16", "2022-09-06", "2022-05-10"
    ]  # fmt: skip
    days = placement_history(db, 1, today=date(2023, 3, 1), tz=UTC)
    assert [day.day for day in days] == sorted((day.day for day in days), reverse=True)


def test_preparation_records_show_in_the_placement_history(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    assert saved.id is not None
    start_response(any_db, saved.id, ReadinessParty.STUDENT, "Łukasz Żółć")
    summaries = [line.summary for line in record_history(any_db, "placement", saved.id)]
    assert len(summaries) == 2
    assert "readiness" in summaries[0]


# --- in sentences


def test_every_record_filed_under_a_placement_has_its_sentences() -> None:
    """A new table with a placement_id files its audit lines under the placement: say how."""
    filed = {t.name for t in Base.metadata.sorted_tables if "placement_id" in t.c}
    # A signature is filed under the placement of its document (models.audit._target).
    assert {kind.table for kind in KINDS} == filed | {"placement", "agreement_signature"}


def _children(placement_id: int, shared_cost_id: int) -> dict[str, Any]:
    document = AgreementDocument(
        placement_id=placement_id,
        kind=DocumentKind.AGREEMENT,
        number=1,
        state=DocumentState.DRAFT,
        content="{}",
        sign_order="student,sending,host",
    )
    return {
        "checklist_tick": ChecklistTick(
            placement_id=placement_id, item_key="insurance", phase=Phase.BEFORE, done_by="ana"
        ),
        "placement_period": PlacementPeriod(
            placement_id=placement_id,
            kind=PeriodKind.PHYSICAL,
            start=date(2027, 3, 1),
            end=date(2027, 3, 14),
        ),
        "agreement_document": document,
        "agreement_signature": AgreementSignature(
            document=document, party="host", position=3, state=SignatureState.PENDING
        ),
        "readiness_response": ReadinessResponse(
            placement_id=placement_id,
            party=ReadinessParty.COMPANY,
            questionnaire_id="company",
            questionnaire_version=1,
            respondent="Eva Berg",
        ),
        "communication_protocol": CommunicationProtocol(
            placement_id=placement_id,
            reporting=Cadence.WEEKLY,
            reply_hours=24,
            meetings=Cadence.WEEKLY,
            meeting_minutes=30,
        ),
        "tool_choice": ToolChoice(placement_id=placement_id, purpose="meetings", tool_key="zoom"),
        "tool_test": ToolTest(
            placement_id=placement_id,
            tool_key="zoom",
            actor=ProtocolActor.MENTOR,
            result=ToolTestResult.NOT_YET,
        ),
        "cost_item": CostItem(
            category=CostCategory.EQUIPMENT,
            description="Headset",
            amount=Decimal("80.00"),
            currency="EUR",
            spent_on=date(2027, 1, 5),
            placement_id=placement_id,
        ),
        "cost_share": CostShare(cost_item_id=shared_cost_id, placement_id=placement_id),
        "work_snooze": Snooze(
            placement_id=placement_id,
            rule_key="starting_soon",
            until=date(2027, 1, 10),
            snoozed_by="ana",
        ),
        "monitoring_entry": MonitoringEntry(
            placement_id=placement_id,
            kind=EntryKind.MENTOR_MEETING,
            held_on=date(2027, 2, 8),
            participants="student, mentor",
        ),
        "recognition": Recognition(placement_id=placement_id, grade="B", grading_scale="ects"),
        "evaluation_response": EvaluationResponse(
            placement_id=placement_id,
            stage=EvaluationStage.MIDTERM,
            party=ReadinessParty.STUDENT,
            questionnaire_id="evaluation-student-midterm",
            questionnaire_version=1,
            respondent="Łukasz Żółć",
            source=AnswerSource.TYPED,
            recorded_by="ana",
            score=70,
        ),
        "outbox_message": OutboxMessage(
            placement_id=placement_id,
            template="agreement_for_signature",
            sender="Office <io@uni.example>",
            recipients="Eva Berg <eva@fjord.example>",
            subject="Learning agreement for signature",
            body="Dear Eva Berg,",
            message_id="<1@uni.example>",
            queued_by="ana",
        ),
    }


EDITS = {
    "checklist_tick": ("note", "done outside vipdesk: on paper"),
    "placement_period": ("end", date(2027, 3, 21)),
    "agreement_document": ("note", "Tasks reworded"),
    "agreement_signature": ("signer_email", "eva@fjord.example"),
    "readiness_response": ("respondent", "Eva Berg-Lund"),
    "communication_protocol": ("reply_hours", 48),
    "tool_choice": ("tool_key", "teams"),
    "tool_test": ("note", "Next week"),
    "cost_item": ("amount", Decimal("95.00")),
    "cost_share": ("cost_item_id", None),  # replaced below by a second shared cost
    "work_snooze": ("until", date(2027, 1, 20)),
    "monitoring_entry": ("minutes", 45),
    "recognition": ("grade", "A"),
    "evaluation_response": ("score", 80),
    "outbox_message": ("state", MailState.SENT),
}


def test_created_changed_and_removed_records_of_every_kind_are_told(any_db: Database) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    with any_db.session("ana") as s:
        shared = [
            CostItem(
                category=CostCategory.SOFTWARE,
                description=f"Licence {n}",
                amount=Decimal("10.00"),
                currency="EUR",
                spent_on=date(2027, 1, 1),
                share_year=2027,
                share_mode=Mode.VIRTUAL,
            )
            for n in (1, 2)
        ]
        s.add_all(shared)
        s.flush()
        shared_ids = [c.id for c in shared]
    with any_db.session("ana") as s:
        rows = _children(placement.id, shared_ids[0])
        s.add_all(rows.values())
        s.flush()
        keys = {table: (type(row), row.id) for table, row in rows.items()}
    with any_db.session("ben") as s:
        for table, (cls, row_id) in keys.items():
            column, value = EDITS[table]
            setattr(s.get(cls, row_id), column, shared_ids[1] if table == "cost_share" else value)
    with any_db.session("carla") as s:
        for cls, row_id in keys.values():
            s.delete(s.get(cls, row_id))

    lines = record_history(any_db, "placement", placement.id)
    kinds = [kind_of(line.summary) for line in lines]
    assert all(kinds), [line.summary for line, k in zip(lines, kinds, strict=True) if not k]
    told = {(k[0].table, line.action) for line, k in zip(lines, kinds, strict=True) if k}
    every = {(t, a) for t in EDITS for a in ("create", "update", "delete")}
    assert every <= told

    [today] = placement_history(any_db, placement.id)
    texts = [e.text for e in today.events]
    assert not any("_" in t.split(" by ")[0] for t in texts), texts  # no internal keys
    assert any(
        t.startswith("Cost “Headset”: amount changed from 80.00 to 95.00 by ben") for t in texts
    )
    assert any(
        t.startswith("Shared cost Licence 1 now shared with this placement by ana") for t in texts
    )
    assert any(
        t.startswith("Signature of the host organisation awaited on learning agreement 1")
        for t in texts
    )
    assert any(
        t.startswith(
            "E-mail “Learning agreement for signature” to Eva Berg <eva@fjord.example> sent"
        )
        for t in texts
    )


def test_ids_become_names_and_an_empty_history_is_empty(any_db: Database) -> None:
    world = make_world(any_db)
    other = make_world(any_db, host_name="Fjord Data AS")
    placement = make_placement(any_db, world)
    assert placement.id is not None
    form = load_placement(any_db, placement.id)
    form.host_id, form.mentor_id = other.host_id, None
    save_placement(any_db, form, "ana")
    [today] = placement_history(any_db, placement.id)
    whats = [e.what for e in today.events]
    assert "Host organisation changed from Nordlicht Analytics GmbH to Fjord Data AS" in whats
    assert "Company mentor cleared (was Jürgen Weiß)" in whats
    assert today.heading.startswith("Today · ")
    assert placement_history(any_db, placement.id + 1000) == []
