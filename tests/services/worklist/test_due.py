"""Every work-list rule at fixed dates: the item appears, says why, and goes when records change."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.helpers.factories import make_placement, make_world
from tests.helpers.monitoring import log, monitored_placement
from tests.helpers.worklist import (
    add_document,
    add_protocol,
    assess,
    choose_tools,
    pass_all_tests,
    prepare_fully,
    record_tool_test,
    set_record,
    sign,
    tick,
)
from vipdesk.db import Database
from vipdesk.models import (
    Cadence,
    DocumentKind,
    EntryKind,
    ProtocolActor,
    ReadinessParty,
    Recognition,
    Status,
    ToolTestResult,
)
from vipdesk.services.worklist.due import Urgency, WorkItem, work_list

START, END = date(2027, 2, 1), date(2027, 5, 31)  # the factory's planned dates


def items(db: Database, as_of: date, rule: str, within: int = 0) -> list[WorkItem]:
    return [i for i in work_list(db, as_of, within).items if i.rule_key == rule]


def only(db: Database, as_of: date, rule: str) -> WorkItem:
    found = items(db, as_of, rule)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def placement_id(db: Database) -> int:
    form = make_placement(db, make_world(db, host_name="Acme Analytics GmbH"))
    assert form.id is not None
    return form.id


# --- starting soon with preparation open -----------------------------------------------------


def test_a_start_within_the_warning_days_names_every_blocker(any_db: Database) -> None:
    form = make_placement(any_db, make_world(any_db))
    assert form.id is not None
    set_record(any_db, form.id, status=Status.PREPARING)
    assert items(any_db, START - timedelta(days=22), "start_blocked") == []
    # A look ahead of one day brings it in.
    assert len(items(any_db, START - timedelta(days=22), "start_blocked", within=1)) == 1
    item = only(any_db, START - timedelta(days=21), "start_blocked")
    assert item.what == "Starts soon with preparation open"
    assert item.details == (
        "Starts 1 Feb 2027; still open: the student's readiness, the host's readiness, the "
        "institution's readiness, the communication protocol, a tool for every purpose and the "
        "signed agreement."
    )
    assert (item.since, item.due, item.tab) == (START - timedelta(days=21), START, "preparation")
    assert item.urgency is Urgency.LATER
    assert item.for_whom.endswith("at Nordlicht Analytics GmbH")


def test_preparation_evidence_clears_blockers_one_by_one(db: Database, placement_id: int) -> None:
    as_of = START - timedelta(days=3)
    assess(db, placement_id, ReadinessParty.STUDENT, date(2027, 1, 5), critical_weak=True)
    assert "the student's readiness" in only(db, as_of, "start_blocked").details
    # A re-assessment without the critical answer replaces the one that had it.
    assess(db, placement_id, ReadinessParty.STUDENT, date(2027, 1, 9))
    assess(db, placement_id, ReadinessParty.COMPANY, date(2027, 1, 9))
    tick(db, placement_id, "readiness_institution", "done outside vipdesk: paper questionnaire")
    add_protocol(db, placement_id)
    details = only(db, as_of, "start_blocked").details
    assert "readiness" not in details and "protocol" not in details
    assert "a tool for every purpose and" in details
    choose_tools(db, placement_id)  # chosen, not tested yet
    assert "still open: the tool tests and" in only(db, as_of, "start_blocked").details
    pass_all_tests(db, placement_id, date(2027, 1, 10))
    assert only(db, as_of, "start_blocked").details == (
        "Starts 1 Feb 2027; still open: the signed agreement."
    )
    add_document(db, placement_id, DocumentKind.AGREEMENT, date(2027, 1, 12), signed=PARTIES)
    assert items(db, as_of, "start_blocked") == []


def test_a_critical_answer_in_the_latest_assessment_blocks(db: Database, placement_id: int) -> None:
    prepare_fully(db, placement_id, date(2027, 1, 5))
    add_document(db, placement_id, DocumentKind.AGREEMENT, date(2027, 1, 12), signed=PARTIES)
    as_of = START - timedelta(days=3)
    assert items(db, as_of, "start_blocked") == []
    assess(db, placement_id, ReadinessParty.COMPANY, date(2027, 1, 20), critical_weak=True)
    assert only(db, as_of, "start_blocked").details.endswith("still open: the host's readiness.")


def test_a_started_placement_still_preparing_is_overdue(db: Database, placement_id: int) -> None:
    item = only(db, START + timedelta(days=2), "start_blocked")
    assert item.urgency is Urgency.OVERDUE
    assert item.when(START + timedelta(days=2)) == "2 days overdue"
    set_record(db, placement_id, status=Status.ONGOING)
    assert items(db, START + timedelta(days=2), "start_blocked") == []


# --- signatures ------------------------------------------------------------------------------

PARTIES = ("student", "sending", "host")


def test_an_agreement_waiting_names_who_has_not_signed(any_db: Database) -> None:
    form = make_placement(any_db, make_world(any_db, host_name="Acme Analytics GmbH"))
    assert form.id is not None
    set_record(any_db, form.id, status=Status.AGREEMENT_SENT)
    sent = date(2027, 1, 4)
    doc = add_document(any_db, form.id, DocumentKind.AGREEMENT, sent, signed=("student",))
    assert items(any_db, sent + timedelta(days=13), "agreement_unsigned") == []
    item = only(any_db, sent + timedelta(days=14), "agreement_unsigned")
    assert item.details.startswith("Sent 4 Jan 2027; not signed yet by your institution (KU")
    assert item.details.endswith("and the host (Acme Analytics GmbH).")
    assert "student" not in item.details
    assert (item.since, item.due, item.tab) == (sent, sent + timedelta(days=14), "agreement")
    sign(any_db, doc, "sending", sent + timedelta(days=15))
    assert (
        "institution" not in only(any_db, sent + timedelta(days=16), "agreement_unsigned").details
    )
    sign(any_db, doc, "host", sent + timedelta(days=16))
    assert items(any_db, sent + timedelta(days=16), "agreement_unsigned") == []


def test_a_declined_signature_is_named_as_declined(db: Database, placement_id: int) -> None:
    sent = date(2027, 1, 4)
    add_document(db, placement_id, DocumentKind.AGREEMENT, sent, declined=("host",))
    item = only(db, sent + timedelta(days=20), "agreement_unsigned")
    assert item.details.endswith("declined by the host (Acme Analytics GmbH).")
    assert item.urgency is Urgency.OVERDUE


def test_an_amendment_out_for_signature(db: Database, placement_id: int) -> None:
    add_document(db, placement_id, DocumentKind.AGREEMENT, date(2027, 1, 4), signed=PARTIES)
    sent = date(2027, 3, 1)
    doc = add_document(db, placement_id, DocumentKind.AMENDMENT, sent, signed=("sending",))
    assert items(db, sent + timedelta(days=6), "amendment_unsigned") == []
    item = only(db, sent + timedelta(days=7), "amendment_unsigned")
    assert item.what == "Amendment waiting for signatures"
    assert "the student (Łukasz Żółć) and the host" in item.details
    sign(db, doc, "student", sent + timedelta(days=8))
    sign(db, doc, "host", sent + timedelta(days=8))
    assert items(db, sent + timedelta(days=9), "amendment_unsigned") == []


# --- after the end ---------------------------------------------------------------------------


def test_still_ongoing_after_the_planned_end(any_db: Database) -> None:
    form = make_placement(any_db, make_world(any_db))
    assert form.id is not None
    set_record(any_db, form.id, status=Status.ONGOING)
    assert items(any_db, END, "past_end") == []
    item = only(any_db, END + timedelta(days=1), "past_end")
    assert (item.urgency, item.since) == (Urgency.THIS_WEEK, END)
    assert item.details == "Planned end 31 May 2027; still ongoing."
    assert only(any_db, END + timedelta(days=2), "past_end").urgency is Urgency.OVERDUE
    set_record(any_db, form.id, status=Status.EVALUATING)
    assert items(any_db, END + timedelta(days=2), "past_end") == []


def test_certificate_missing_weeks_after_the_end(any_db: Database) -> None:
    form = make_placement(any_db, make_world(any_db))
    assert form.id is not None
    set_record(any_db, form.id, status=Status.EVALUATING)
    assert items(any_db, END + timedelta(days=34), "certificate_missing") == []
    item = only(any_db, END + timedelta(days=35), "certificate_missing")
    assert item.details == "Ended 31 May 2027."
    add_document(any_db, form.id, DocumentKind.CERTIFICATE, END, signed=PARTIES)
    assert items(any_db, END + timedelta(days=35), "certificate_missing") == []


@pytest.mark.parametrize(
    ("rule", "item_key", "days", "tab"),
    [
        ("evaluation_missing", "evaluation", 14, "evaluations"),
        ("recognition_missing", "recognition", 42, "monitoring"),
    ],
)
def test_evaluation_and_recognition_missing(
    db: Database, placement_id: int, rule: str, item_key: str, days: int, tab: str
) -> None:
    set_record(db, placement_id, status=Status.EVALUATING, ects_credits=Decimal("10"))
    assert items(db, END + timedelta(days=days - 1), rule) == []
    assert only(db, END + timedelta(days=days), rule).tab == tab
    tick(db, placement_id, item_key, "done outside vipdesk: on paper")
    assert items(db, END + timedelta(days=days), rule) == []


def test_recognition_is_due_only_where_credits_count_and_a_complete_one_clears_it(
    any_db: Database,
) -> None:
    form = make_placement(any_db, make_world(any_db))
    assert form.id is not None
    set_record(any_db, form.id, status=Status.EVALUATING)
    late = END + timedelta(days=60)
    assert items(any_db, late, "recognition_missing") == []  # no credits planned
    set_record(any_db, form.id, ects_credits=Decimal("6"))
    assert len(items(any_db, late, "recognition_missing")) == 1
    with any_db.session("tester") as s:
        row = Recognition(
            placement_id=form.id,
            credits_awarded=Decimal("6"),
            grading_scale="ects",
            grade="B",
            transcript_on=late,
            certificate_received_on=END + timedelta(days=20),
        )
        s.add(row)
    assert len(items(any_db, late, "recognition_missing")) == 1  # no outcomes achieved yet
    with any_db.session("tester") as s:
        s.scalars(select(Recognition)).one().outcomes_achieved = "Built a churn model"
    assert items(any_db, late, "recognition_missing") == []


def test_certificate_ticked_by_hand_counts(db: Database, placement_id: int) -> None:
    set_record(db, placement_id, status=Status.EVALUATING)
    assert len(items(db, END + timedelta(days=40), "certificate_missing")) == 1
    tick(db, placement_id, "certificate", "done outside vipdesk: paper certificate")
    assert items(db, END + timedelta(days=40), "certificate_missing") == []


def test_completed_and_cancelled_placements_are_not_listed(db: Database, placement_id: int) -> None:
    set_record(db, placement_id, status=Status.COMPLETED)
    assert work_list(db, END + timedelta(days=100)).items == []
    set_record(db, placement_id, status=Status.CANCELLED)
    add_document(db, placement_id, DocumentKind.AGREEMENT, date(2027, 1, 4))
    assert work_list(db, START).items == []


# --- tool tests ------------------------------------------------------------------------------


def test_a_failed_tool_test_without_a_reason(db: Database, placement_id: int) -> None:
    choose_tools(db, placement_id)
    tested = date(2027, 1, 10)
    record_tool_test(db, placement_id, "zoom", ProtocolActor.MENTOR, ToolTestResult.FAILED, tested)
    record_tool_test(db, placement_id, "zoom", ProtocolActor.TUTOR, ToolTestResult.FAILED, tested)
    # A tool no longer chosen does not count.
    record_tool_test(
        db, placement_id, "webex", ProtocolActor.STUDENT, ToolTestResult.FAILED, tested
    )
    item = only(db, tested, "tool_test_failed")
    assert item.details == "Zoom: failed with the company mentor and the academic tutor."
    assert (item.since, item.tab) == (tested, "preparation")
    for actor in (ProtocolActor.MENTOR, ProtocolActor.TUTOR):
        record_tool_test(
            db, placement_id, "zoom", actor, ToolTestResult.FAILED, tested, "Blocked by IT"
        )
    assert items(db, tested, "tool_test_failed") == []


# --- the list as a whole ---------------------------------------------------------------------


def test_most_urgent_first_and_the_next_step_of_each_placement(
    db: Database, placement_id: int
) -> None:
    set_record(db, placement_id, status=Status.EVALUATING, ects_credits=Decimal("10"))
    as_of = END + timedelta(days=50)
    worklist = work_list(db, as_of)
    assert [i.rule_key for i in worklist.items] == [
        "evaluation_missing",
        "certificate_missing",
        "recognition_missing",
    ]
    assert all(i.urgency is Urgency.OVERDUE for i in worklist.items)
    assert worklist.counts[Urgency.OVERDUE] == 3
    assert worklist.next_steps()[placement_id].rule_key == "evaluation_missing"
    assert list(worklist.by_urgency()) == [Urgency.OVERDUE, Urgency.THIS_WEEK, Urgency.LATER]


def test_a_weekly_meeting_missing_for_ten_days_is_overdue_and_a_met_one_clears_it(
    any_db: Database,
) -> None:
    start, end = date(2026, 9, 7), date(2026, 12, 18)
    pid = monitored_placement(any_db, start=start, end=end, meetings=Cadence.WEEKLY)
    set_record(any_db, pid, status=Status.ONGOING)
    last = date(2026, 11, 16)
    log(any_db, pid, EntryKind.MENTOR_MEETING, start, last)
    log(any_db, pid, EntryKind.PROGRESS_REPORT, last + timedelta(days=5))  # not a meeting
    assert items(any_db, last + timedelta(days=8), "meeting_overdue") == []
    assert only(any_db, last + timedelta(days=9), "meeting_overdue").urgency is Urgency.THIS_WEEK
    item = only(any_db, last + timedelta(days=10), "meeting_overdue")
    assert (item.since, item.due, item.tab) == (
        date(2026, 11, 23),
        date(2026, 11, 25),
        "monitoring",
    )
    assert item.urgency is Urgency.OVERDUE and "23 Nov 2026" in item.details
    log(any_db, pid, EntryKind.MENTOR_MEETING, last + timedelta(days=9))
    assert items(any_db, last + timedelta(days=10), "meeting_overdue") == []


def test_meetings_follow_each_protocols_own_cadence_and_only_while_ongoing(
    any_db: Database,
) -> None:
    start, end = date(2026, 9, 7), date(2026, 12, 18)
    fortnightly = monitored_placement(
        any_db, start=start, end=end, meetings=Cadence.FORTNIGHTLY, host="Fjord Data AS"
    )
    no_protocol = monitored_placement(any_db, start=start, end=end, meetings=None)
    for pid in (fortnightly, no_protocol):
        set_record(any_db, pid, status=Status.ONGOING)
        log(any_db, pid, EntryKind.KICKOFF, start)
    assert items(any_db, start + timedelta(days=15), "meeting_overdue") == []
    [item] = items(any_db, start + timedelta(days=16), "meeting_overdue")
    assert item.placement_id == fortnightly
    set_record(any_db, fortnightly, status=Status.EVALUATING)
    assert items(any_db, start + timedelta(days=16), "meeting_overdue") == []
