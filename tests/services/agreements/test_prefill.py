"""The agreement's protocol and technology, filled from what was prepared: the communication
protocol and the tools chosen and tested; the defaults where nothing was prepared."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import pdf_text
from tests.helpers.statements import statements
from vipdesk.db import Database
from vipdesk.documents.agreement.content import Tool
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.texts import agreement_texts
from vipdesk.errors import NotFoundError
from vipdesk.models import Cadence, ProtocolActor, ToolTestResult
from vipdesk.services.agreements.drafting import postal_address
from vipdesk.services.agreements.prefill import (
    agreement_from_placement,
    agreements_from_placements,
    find_placement,
)
from vipdesk.services.preparation.protocol import AvailabilityForm, load_protocol, save_protocol
from vipdesk.services.preparation.tools import ToolTestState, record_test, save_choices

STUDENT, MENTOR, TUTOR = ProtocolActor
TODAY = date(2026, 12, 1)


def new_placement(db: Database) -> int:
    placement_id = make_placement(db, make_world(db)).id
    assert placement_id is not None
    return placement_id


def prepare(db: Database, placement_id: int) -> None:
    """A student in Warsaw, a mentor in New York (Monday to Thursday), helpdesks, tools."""
    form = load_protocol(db, placement_id)
    form.availability[1] = AvailabilityForm(MENTOR, "America/New_York", frozenset({1, 2, 3, 4}))
    form.reporting = Cadence.FORTNIGHTLY
    form.meetings = Cadence.WEEKLY
    form.meeting_minutes = 45
    form.reply_hours = 48
    form.student_helpdesk = "ict-help@kuleuven.example, +32 16 00 00 00"
    form.tools_note = "Teams for the weekly meeting, e-mail for reports"
    form.notes = "Internal: the mentor prefers mornings"
    save_protocol(db, form, "anna")
    save_choices(
        db,
        placement_id,
        {"meetings": "teams", "questions": "teams", "reporting": "email", "fallback": "phone"},
    )
    for actor, day in ((STUDENT, date(2027, 1, 12)), (MENTOR, date(2027, 1, 12))):
        record_test(db, placement_id, ToolTestState("teams", actor, ToolTestResult.PASSED, day))
    record_test(
        db,
        placement_id,
        ToolTestState(
            "teams", TUTOR, ToolTestResult.FAILED, date(2027, 1, 14), "Blocked by the host."
        ),
    )
    record_test(
        db, placement_id, ToolTestState("email", TUTOR, ToolTestResult.PASSED, date(2027, 1, 10))
    )


def test_without_preparation_the_defaults_stay(db: Database) -> None:
    data = agreement_from_placement(db, new_placement(db), today=TODAY)
    assert data.protocol == tuple(agreement_texts()["protocol"])
    assert data.tools == ()


def test_the_protocol_is_written_in_sentences(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    prepare(any_db, placement_id)
    lines = agreement_from_placement(any_db, placement_id, today=TODAY).protocol
    assert lines[0] == (
        "Working hours: the trainee Monday to Friday, 09:00–17:00 (Europe/Warsaw); the company "
        "mentor Monday to Thursday, 09:00–17:00 (America/New_York); the academic tutor Monday "
        "to Friday, 09:00–17:00 (Europe/Brussels)."
    )
    # New York is 6 hours behind Warsaw, except in the weeks the clocks change apart
    # (14 March in the US, 28 March in Europe): 15:00-17:00 in Warsaw is 09:00-11:00 there.
    assert lines[1] == (
        "Shared working hours of the trainee and the company mentor, Monday to Thursday, for "
        "meetings and direct contact: 15:00–17:00 (Europe/Warsaw), which is 09:00–11:00 "
        "(America/New_York). The clocks change on different dates in these two time zones: "
        "in the weeks between, the mentor's local times differ by one hour."
    )
    assert lines[2] == (
        "The trainee and the company mentor meet every week by video call (Microsoft Teams), "
        "for 45 minutes, within their shared working hours."
    )
    assert lines[3] == (
        "Day-to-day questions (Microsoft Teams) are answered within 48 hours; for urgent "
        "matters, or when the connection fails: Telephone."
    )
    assert lines[4] == (
        "The trainee reports progress in writing (E-mail) to the company mentor every two "
        "weeks and to the academic tutor at least once a month."
    )
    assert lines[5] == (
        "Which channel serves which purpose: Teams for the weekly meeting, e-mail for reports."
    )
    # The protocol names the student's helpdesk only: the staff keep the coordinator.
    assert lines[6] == (
        "Helpdesk for the trainee: ict-help@kuleuven.example, +32 16 00 00 00. "
        "Helpdesk for the company staff: the placement coordinator."
    )
    assert not any("Internal" in line for line in lines)  # the notes stay in vipdesk


def test_same_zone_and_no_helpdesk_keep_the_plain_wording(db: Database) -> None:
    placement_id = new_placement(db)
    form = load_protocol(db, placement_id)
    form.availability = [
        AvailabilityForm(STUDENT, "Europe/Berlin", start=time(8), end=time(16)),
        AvailabilityForm(MENTOR, "Europe/Berlin", start=time(10), end=time(18)),
    ]
    save_protocol(db, form)
    lines = agreement_from_placement(db, placement_id, today=TODAY).protocol
    assert lines[1] == (
        "The trainee and the company mentor work in the same time zone (Europe/Berlin) and "
        "share the hours 10:00–16:00 for meetings and direct contact."
    )
    assert lines[3] == "Messages are answered within 24 hours; urgent matters by phone."
    assert lines[-1] == agreement_texts()["protocol"][3]  # the default helpdesk sentence


def test_hours_that_never_meet_are_said_plainly(db: Database) -> None:
    placement_id = new_placement(db)
    form = load_protocol(db, placement_id)
    form.availability = [
        AvailabilityForm(STUDENT, "Europe/Warsaw"),
        AvailabilityForm(MENTOR, "Pacific/Auckland"),
    ]
    save_protocol(db, form)
    lines = agreement_from_placement(db, placement_id, today=TODAY).protocol
    assert "do not overlap reliably" in lines[1]


def test_each_chosen_tool_with_its_purposes_and_test_status(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    prepare(any_db, placement_id)
    tools = agreement_from_placement(any_db, placement_id, today=TODAY).tools
    assert tools == (
        Tool(
            "Microsoft Teams",
            "Meetings face to face; day-to-day questions",
            "Tested with student and mentor on 12 Jan 2027; failed with tutor on "
            "14 Jan 2027 (Blocked by the host)",
        ),
        Tool(
            "E-mail",
            "Reports and formal exchange",
            "Tested with tutor on 10 Jan 2027; not yet tested with student and mentor",
        ),
        Tool("Telephone", "Fallback when the connection fails", "Not tested yet"),
    )


def test_the_pdf_prints_protocol_and_tools(db: Database, tmp_path: Path) -> None:
    placement_id = new_placement(db)
    prepare(db, placement_id)
    text = " ".join(
        pdf_text(render_agreement(agreement_from_placement(db, placement_id)), tmp_path).split()
    )
    for expected in (
        "Working hours: the trainee Monday to Friday, 09:00–17:00 (Europe/Warsaw)",
        "09:00–11:00 (America/New_York)",
        "meet every week by video call (Microsoft Teams), for 45 minutes",
        "Helpdesk for the trainee: ict-help@kuleuven.example",
        "Microsoft Teams",
        "Meetings face to face; day-to-day questions",
        "Not tested yet",
        "Telephone",
    ):
        assert expected in text, expected


def test_many_agreements_take_a_fixed_number_of_queries(any_db: Database) -> None:
    world = make_world(any_db)
    made = [make_placement(any_db, world, title=f"Intern {n}").id for n in range(12)]
    ids = [i for i in made if i is not None]
    for placement_id in ids[:6]:
        prepare(any_db, placement_id)

    def selects_for(wanted: list[int]) -> int:
        with statements(any_db) as sent:
            agreements_from_placements(any_db, wanted, today=TODAY)
        return sum(s.upper().startswith("SELECT") for s in sent)

    assert selects_for(ids) == selects_for(ids[:1]) <= 15  # not a dozen per placement
    found = agreements_from_placements(any_db, [*reversed(ids), 999_999], today=TODAY)
    assert list(found) == list(reversed(ids))  # in the order asked, the missing one left out
    assert found[ids[0]] == agreement_from_placement(any_db, ids[0], today=TODAY)
    assert found[ids[0]].tools and not found[ids[-1]].tools


def test_a_number_that_cannot_be_an_id_is_simply_not_found(any_db: Database) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert find_placement(any_db, f" {placement.id} ") == placement.id
    assert placement.reference is not None
    assert find_placement(any_db, placement.reference.lower()) == placement.id
    for typed in ("99999999999999999999", "2147483648", "0", "²", "١", "-1", ""):
        with pytest.raises(NotFoundError, match="There is no placement"):
            find_placement(any_db, typed)


def test_the_host_address_is_its_full_postal_address() -> None:
    """Issue 16: the agreement printed only the host's city."""
    assert postal_address("Torstraße 1", "10119", "Berlin") == "Torstraße 1, 10119 Berlin"
    assert postal_address(None, None, "Berlin") == "Berlin"
    assert postal_address(" Rue de la Loi 200 ", "", "Bruxelles") == "Rue de la Loi 200, Bruxelles"
    assert postal_address("", "", "") == ""


def test_the_postcode_goes_where_the_host_s_country_writes_it() -> None:
    """A British or American company reads its own address the way its post office prints it."""
    assert postal_address("Torstraße 1", "10119", "Berlin", "DE") == "Torstraße 1, 10119 Berlin"
    assert postal_address("1 High Street", "EC1V 9HX", "London", "gb") == (
        "1 High Street, London EC1V 9HX"
    )
    assert postal_address("100 Congress Avenue", "TX 78701", "Austin", "US") == (
        "100 Congress Avenue, Austin TX 78701"
    )
    assert postal_address("", "560001", "Bengaluru", "IN") == "Bengaluru 560001"
    assert postal_address("Rue de la Loi 200", "1000", "Brussels", None) == (
        "Rue de la Loi 200, 1000 Brussels"
    )


@pytest.mark.parametrize("language", ["da", "de", "fi", "it", "nl", "pl"])
def test_the_default_roles_have_the_same_actors_and_duties_in_every_language(
    language: str,
) -> None:
    from vipdesk.services.agreements.drafting import default_roles

    english, mine = default_roles(), default_roles(f"en+{language}")
    assert [r["actor"] for r in mine] == [r["actor"] for r in english]
    assert [len(r["duties"]) for r in mine] == [len(r["duties"]) for r in english]
    assert all(r["title"] and all(d.strip() for d in r["duties"]) for r in mine)
    assert [r["title"] for r in mine] != [r["title"] for r in english]
