"""What the services find wrong with a communication protocol and warn of in its shared hours,
worded by the interface: every template of the services is in the catalogue, and in English
each problem and warning reads as the service says it."""

from __future__ import annotations

from datetime import date, time

import vipdesk.services.preparation.overlap as overlap
import vipdesk.services.preparation.protocol as protocol
from tests.helpers.phrases import templates_in
from vipdesk.documents.agreement import limits
from vipdesk.models import ProtocolActor
from vipdesk.services.preparation.overlap import Availability, WarningKind, plan_overlap
from vipdesk.services.preparation.protocol import AvailabilityForm, ProtocolForm, validate
from vipdesk.ui.phrases import Said, problem_text
from vipdesk.ui.preparation.problem_texts import TEMPLATES

WORKDAYS = frozenset(range(1, 6))


def service_templates() -> set[str]:
    said = templates_in((protocol,), {"problem": 1})
    return said | templates_in((overlap,), {"said": 1, "Phrase": 0})


def test_the_interface_knows_every_problem_and_warning_of_the_protocol() -> None:
    assert service_templates() == set(TEMPLATES)


def at(actor: str, zone: str, start: int = 9, end: int = 17) -> Availability:
    return Availability(actor, zone, WORKDAYS, time(start), time(end))


def test_each_problem_and_warning_reads_in_english_as_the_service_says_it() -> None:
    form = ProtocolForm(
        1,
        (date(2027, 3, 1), date(2027, 4, 9)),
        reply_hours=0,
        meeting_minutes=5,
        student_helpdesk="h" * 301,
        notes="n" * (limits.NOTE + 1),
        availability=[
            AvailabilityForm(ProtocolActor.STUDENT, "Mars/Olympus", frozenset(), None, None),
            AvailabilityForm(ProtocolActor.MENTOR, "Europe/Warsaw", WORKDAYS, time(17), time(9)),
        ],
    )
    said = validate(form)
    far = plan_overlap(
        [at("Student", "Europe/Warsaw"), at("Company mentor", "America/Los_Angeles", 8, 12)],
        date(2027, 1, 4),
        date(2027, 1, 29),
    )
    clocks = plan_overlap(
        [
            at("Student", "Europe/Warsaw"),
            at("Company mentor", "Europe/Berlin"),
            at("Academic tutor", "America/New_York"),
        ],
        date(2027, 3, 1),
        date(2027, 4, 9),
    )
    warnings = [*far.warnings, *clocks.warnings]
    assert {w.kind for w in warnings} == set(WarningKind)
    assert "Europe/Warsaw and Europe/Berlin on 28 Mar" in clocks.warnings[-1].message
    assert len({p.phrase.template for p in said if p.phrase}) >= 7
    everything: list[Said] = [*said, *warnings]
    for problem in everything:
        assert getattr(problem, "phrase", None) is not None
        assert problem_text(problem) == problem.message
