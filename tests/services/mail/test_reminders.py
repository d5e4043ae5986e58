"""Reminders follow the work list: to each party an item waits for, not twice in a week."""

from __future__ import annotations

from datetime import date, timedelta

from tests.helpers.agreements import SENT_ON, ready_agreement, sent_earlier, typed_approval
from vipdesk.db import Database
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.mail import outbox
from vipdesk.services.mail.reminders import plan_reminders
from vipdesk.services.mail.settings import MailSettings
from vipdesk.services.signatures.recording import record_approval

SETTINGS = MailSettings(
    host="smtp.uni.example", sender_name="Anna Nowak", sender_address="io@uni.example"
)


def test_each_party_that_has_not_signed_is_reminded_once_a_week(any_db: Database) -> None:
    placement_id, draft = ready_agreement(any_db)
    weeks_ago = date.today() - timedelta(days=20)
    sent = send_for_signature(any_db, draft.id, draft.row_version, today=weeks_ago)
    sent_earlier(any_db, sent.id, weeks_ago)
    approval = typed_approval("student", weeks_ago)
    record_approval(any_db, sent.id, "student", approval, today=weeks_ago)
    as_of = date.today()
    plan = plan_reminders(any_db, SETTINGS, as_of)
    (reminder,) = [d for d in plan.drafts if d.placement_id == placement_id]
    assert reminder.rule_key == "agreement_unsigned"
    assert reminder.template == "reminder_agreement_unsigned"
    assert "waiting for your signature" in reminder.subject
    mentor = sent.agreement.receiving.mentor
    assert [a.addr_spec for a in reminder.to] == [mentor.email]  # the host; the student signed
    assert reminder.body.startswith(f"Dear {mentor.name},")
    assert "Anna Nowak" in reminder.body  # the signature
    outbox.queue_many(any_db, plan.drafts, SETTINGS.sender)
    again = plan_reminders(any_db, SETTINGS, as_of + timedelta(days=1))
    assert [d for d in again.drafts if d.placement_id == placement_id] == []
    assert again.reminded_lately >= 1
    later = plan_reminders(any_db, SETTINGS, as_of + timedelta(days=8))
    assert [d.placement_id for d in later.drafts].count(placement_id) == 1


def test_nothing_is_reminded_before_the_rule_says_so(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    plan = plan_reminders(db, SETTINGS, SENT_ON + timedelta(days=3))
    assert [d for d in plan.drafts if d.placement_id == placement_id] == []


def test_on_the_demo_every_rule_that_waits_for_someone_outside_reminds_them(db: Database) -> None:
    """A demo's work list holds items of each kind: each reminder goes to the right people and
    is filled in (no placeholder left), the meeting one to the trainee and the mentor."""
    from vipdesk.services.demo.generate import generate_demo

    # A fixed day (the demo's records are dated from it), and a seed whose 300 placements hold
    # an item of each of the three kinds.
    today = date(2026, 12, 4)
    generate_demo(db, 300, seed=9, today=today)
    plan = plan_reminders(db, SETTINGS, as_of=today)
    rules = {d.rule_key for d in plan.drafts}
    assert {"agreement_unsigned", "certificate_missing", "meeting_overdue"} <= rules
    for draft in plan.drafts:
        assert "{" not in draft.subject + draft.body, draft.body
        assert draft.body.rstrip().endswith("Anna Nowak\n" + draft.body.rstrip().split("\n")[-1])
    meetings = [d for d in plan.drafts if d.rule_key == "meeting_overdue"]
    by_placement: dict[int | None, int] = {}
    for draft in meetings:
        by_placement[draft.placement_id] = by_placement.get(draft.placement_id, 0) + 1
    assert set(by_placement.values()) == {2}  # the trainee and the mentor, each
