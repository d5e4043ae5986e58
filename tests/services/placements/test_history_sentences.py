"""Audit entries told as sentences: every kind of record a placement's history holds (no DB)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from vipdesk.services.placements.history import HistoryLine, tell
from vipdesk.services.placements.history_sentences import describe, sentence
from vipdesk.services.placements.history_values import Names
from vipdesk.services.placements.history_words import Entry

AT = datetime(2026, 12, 4, 20, 47, 13, 123456, tzinfo=UTC)
NAMES = Names(
    {
        "student_id": {1: "Łukasz Żółć"},
        "host_id": {1: "Nordlicht GmbH", 2: "Fjord Data AS"},
        "mentor_id": {3: "Jürgen Weiß"},
        "cost_item_id": {9: "Shared licence"},
    },
    UTC,
)


def said(action: str, summary: str, **changes: list[object]) -> list[str]:
    entry = Entry(AT, "ana", action, summary, changes)
    return [s.what + (f": {s.note}" if s.note else "") for s in describe(entry, NAMES)]


def test_the_whole_sentence_names_who_and_when_and_the_note() -> None:
    assert (
        sentence("“Student readiness checked” ticked", "done outside vipdesk", "Ana", AT)
        == "“Student readiness checked” ticked by Ana, 4 Dec 2026 20:47: done outside vipdesk"
    )


def test_placement_created_changed_and_deleted() -> None:
    created = said(
        "create",
        "added placement VIP-2026-00001",
        reference=[None, "VIP-2026-00001"],
        student_id=[None, 1],
        host_id=[None, 1],
        title=[None, "Data analyst"],
        status=[None, "draft"],
        planned_start=[None, "2027-02-01"],
        planned_end=[None, "2027-05-31"],
    )
    assert created == [
        "Placement VIP-2026-00001 created: “Data analyst”, Łukasz Żółć at Nordlicht GmbH, "
        "1 Feb 2027 – 31 May 2027"
    ]
    changed = said(
        "update",
        "changed placement VIP-2026-00001",
        status=["preparing", "agreement_sent"],
        host_id=[1, 2],
        hours_per_week=[20, 25],
        mentor_id=[None, 3],
        tutor_id=[7, None],
        planned_end=["2027-05-31", "2027-06-30"],
    )
    assert changed == [
        "Status changed from Preparing to Agreement sent",
        "Host organisation changed from Nordlicht GmbH to Fjord Data AS",
        "Hours per week changed from 20 to 25",
        "Company mentor set to Jürgen Weiß",
        "Academic tutor cleared (was a record no longer on file (#7))",
        "Planned end changed from 31 May 2027 to 30 Jun 2027",
    ]
    assert said("delete", "removed placement VIP-2026-00001") == [
        "Placement VIP-2026-00001 deleted"
    ]


def test_checklist_ticks_show_the_items_label_and_the_reason() -> None:
    ticked = said(
        "create",
        "added checklist item readiness_student",
        item_key=[None, "readiness_student"],
        phase=[None, "before"],
        note=[None, "done outside vipdesk: paper questionnaire"],
    )
    assert ticked == [
        "“Student readiness checked” ticked: done outside vipdesk: paper questionnaire"
    ]
    assert said("delete", "removed checklist item insurance") == [
        "“Accident and liability insurance arranged” unticked"
    ]
    assert said("update", "changed checklist item protocol", note=["a", "b"]) == [
        "Note on “Communication protocol agreed” changed: b"
    ]
    # An item no longer in the catalogue still reads as words.
    assert said("delete", "removed checklist item old_thing") == ["“Old thing” unticked"]


def test_periods() -> None:
    assert said(
        "create", "added physical period", start=[None, "2027-03-01"], end=[None, "2027-03-14"]
    ) == ["Physical period added: 1 Mar 2027 – 14 Mar 2027"]
    assert said("update", "changed virtual period", end=["2027-04-01", "2027-04-15"]) == [
        "Virtual period: end changed from 1 Apr 2027 to 15 Apr 2027"
    ]
    assert said("delete", "removed virtual period") == ["Virtual period removed"]


def test_agreement_documents_through_their_states() -> None:
    doc = "learning agreement 2"
    assert said("create", f"added {doc}", content=[None, "(new text)"]) == [
        "Learning agreement 2 drafted"
    ]
    assert said("update", f"changed {doc}", content=["(earlier text)", "(new text)"]) == [
        "Learning agreement 2 edited"
    ]
    assert said("update", f"changed {doc}", content_hash=[None, "ab" * 32]) == [
        "Learning agreement 2 checked and frozen for sending"
    ]
    sent = said("update", f"changed {doc}", state=["draft", "sent"], pdf=[None, "(9 bytes)"])
    assert sent == ["Learning agreement 2 sent for signature"]
    assert said("update", f"changed {doc}", state=["sent", "signed"]) == [
        "Learning agreement 2 signed by all three parties and locked"
    ]
    assert said("update", f"changed {doc}", state=["draft", "superseded"]) == [
        "Learning agreement 2 superseded by a newer version"
    ]
    assert said("update", "changed amendment 1", signed_pdf=[None, "(9 bytes)"]) == [
        "Signed PDF of amendment 1 updated"
    ]
    assert said("delete", "removed traineeship certificate 1") == [
        "Traineeship certificate 1 deleted"
    ]


def test_signatures_requested_signed_refused_and_reset() -> None:
    summary = "changed signature of the host on the learning agreement 1"
    assert said("create", "added signature of the sending on the learning agreement 1") == [
        "Signature of the sending institution awaited on learning agreement 1"
    ]
    signed = said(
        "update",
        summary,
        state=["pending", "signed"],
        method=[None, "typed"],
        signer_name=[None, "Eva Berg"],
        signed_on=[None, "2026-12-03"],
    )
    assert signed == [
        "Signature of the host organisation on learning agreement 1 recorded "
        "(typed approval from Eva Berg, dated 3 Dec 2026)"
    ]
    refused = said("update", summary, state=["pending", "declined"], reason=[None, "Tasks"])
    assert refused == [
        "The host organisation's refusal to sign learning agreement 1 recorded: Tasks"
    ]
    assert said("update", summary, state=["signed", "pending"]) == [
        "Signature of the host organisation on learning agreement 1 reset: signing starts over"
    ]
    assert said("delete", "removed signature of the student on the amendment 1") == [
        "Signature of the student on amendment 1 removed"
    ]


def test_readiness_protocol_tools_and_tests() -> None:
    summary = "host organisation readiness (company v1)"
    assert said("create", f"added {summary}", respondent=[None, "Eva Berg"]) == [
        "Host organisation readiness questionnaire started with Eva Berg"
    ]
    assert said(
        "update",
        f"changed {summary}",
        status=["in_progress", "completed"],
        completed_at=[None, "x"],
    ) == ["Host organisation readiness questionnaire completed"]
    assert said("delete", "removed student readiness (student v2)") == [
        "Student readiness questionnaire discarded before it was completed"
    ]
    assert said("create", "added communication protocol") == ["Communication protocol saved"]
    assert said("update", "changed communication protocol", meetings=["weekly", "fortnightly"]) == [
        "Communication protocol: meetings changed from Weekly to Every two weeks"
    ]
    assert said("create", "added tool for meetings", tool_key=[None, "zoom"]) == [
        "Zoom chosen for “Meetings face to face”"
    ]
    assert said("update", "changed tool for meetings", tool_key=["zoom", "teams"]) == [
        "Tool for “Meetings face to face” changed from Zoom to Microsoft Teams"
    ]
    assert said("delete", "removed tool for questions") == [
        "Tool for “Day-to-day questions” removed"
    ]
    failed = said(
        "update",
        "changed test of zoom with the mentor",
        result=["not_yet", "failed"],
        tested_on=[None, "2026-12-01"],
        note=[None, "blocked by the company firewall"],
    )
    assert failed == [
        "Test of Zoom with the company mentor (1 Dec 2026) recorded as failed: "
        "blocked by the company firewall"
    ]
    assert said("delete", "removed test of zoom with the tutor") == [
        "Test of Zoom with the academic tutor removed"
    ]


def test_costs_shares_and_snoozes() -> None:
    assert said(
        "create", "added cost item Laptop", amount=[None, "450.00"], currency=[None, "EUR"]
    ) == ["Cost “Laptop” added: 450.00 EUR"]
    assert said("update", "changed cost item Laptop", amount=["450.00", "400.00"]) == [
        "Cost “Laptop”: amount changed from 450.00 to 400.00"
    ]
    assert said("create", "added share of a cost item", cost_item_id=[None, 9]) == [
        "Shared cost Shared licence now shared with this placement"
    ]
    snoozed = said(
        "create",
        "added work snooze",
        rule_key=[None, "agreement_unsigned"],
        until=[None, "2027-01-10"],
        note=[None, "host on holiday"],
    )
    assert snoozed == [
        "Work-list item “Agreement waiting for signatures” snoozed until 10 Jan 2027: "
        "host on holiday"
    ]


def test_an_office_leads_override_names_the_reason_and_what_it_overrode() -> None:
    overridden = said(
        "override",
        "moved to Signed past open checks: host signed on paper",
        status=["agreement_sent", "signed"],
        reason=[None, "host signed on paper"],
        overridden=[None, "Agreement signed — the host has not signed"],
    )
    assert overridden == [
        "Status changed from Agreement sent to Signed past open checks: host signed on paper "
        "(open then: Agreement signed — the host has not signed)"
    ]


def test_an_unknown_kind_of_record_still_reads_as_words() -> None:
    assert said("update", "changed mystery thing", weekdays=["12345", "1234"]) == [
        "Changed mystery thing: weekdays changed from 12345 to 1234"
    ]
    assert said("create", "added mystery thing") == ["Added mystery thing"]


def _line(at: datetime, summary: str, **changes: list[object]) -> HistoryLine:
    return HistoryLine(at, "ana", "update", summary, changes)


def test_grouped_by_local_day_newest_first_with_the_raw_entry_on_demand() -> None:
    lines = [  # newest first, as stored
        _line(
            datetime(2026, 12, 4, 8, 0, tzinfo=UTC), "changed placement X", hours_per_week=[1, 2]
        ),
        _line(datetime(2026, 12, 3, 23, 30, tzinfo=UTC), "changed placement X", title=["a", "b"]),
        _line(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "changed placement X", notes=["", "n"]),
    ]
    names = Names({}, ZoneInfo("Europe/Warsaw"))  # 23:30 UTC is already the 4th in Warsaw
    days = tell(lines, names, today=date(2026, 12, 5))
    assert [d.heading for d in days] == [
        "Yesterday · Friday 4 December 2026",
        "Friday 20 November 2026",
    ]
    assert [e.what for e in days[0].events] == [
        "Hours per week changed from 1 to 2",
        "Title changed from “a” to “b”",
    ]
    event = days[0].events[1]
    assert event.text == "Title changed from “a” to “b” by ana, 4 Dec 2026 00:30"
    assert "title: a → b" in event.detail and "2026-12-03T23:30:00+00:00" in event.detail
    assert tell([], names, today=date(2026, 12, 5)) == []


@pytest.mark.parametrize("value", ["not a date", "2026-13-45 25:99"])
def test_odd_stored_values_do_not_break_a_sentence(value: str) -> None:
    assert said("update", "changed placement X", notes=["", value]) == [f"Notes set to “{value}”"]
