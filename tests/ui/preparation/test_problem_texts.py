"""What the services find wrong with a communication protocol and warn of in its shared hours,
worded by the interface: every template of the services is in the catalogue, and in English
each problem and warning reads as the service says it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

import vipdesk.services.preparation.overlap as overlap
import vipdesk.services.preparation.protocol as protocol
import vipdesk.services.preparation.questionnaires as questionnaires
import vipdesk.services.preparation.readiness as readiness
import vipdesk.services.preparation.tools as tools
import vipdesk.services.preparation.translated as translated
from tests.helpers.phrases import templates_in
from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import ProtocolActor, ReadinessParty, ToolTestResult
from vipdesk.services.preparation.overlap import Availability, WarningKind, plan_overlap
from vipdesk.services.preparation.protocol import AvailabilityForm, ProtocolForm, validate
from vipdesk.services.preparation.questionnaires import default_library, validate_answers
from vipdesk.services.preparation.tools import ToolTestState, record_test
from vipdesk.ui.phrases import Said, error_text, problem_text
from vipdesk.ui.preparation.problem_texts import TEMPLATES

WORKDAYS = frozenset(range(1, 6))


SAID = {"said": 0, "FieldProblem.said": 1, "on": 1, "Phrase": 0}


def service_templates() -> set[str]:
    said = templates_in((protocol,), {"problem": 1} | SAID)
    said |= templates_in((questionnaires, readiness, tools, translated), SAID)
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


def preparation_errors(db: Database) -> list[VipdeskError]:
    """A refusal of each kind the preparation services raise before anything is stored."""
    student = default_library().for_party(ReadinessParty.STUDENT)
    calls: list[Callable[[], object]] = [
        lambda: readiness.check_respondent(" "),
        lambda: readiness.check_respondent("r" * 201),
        lambda: readiness.load_response(db, 999),
        lambda: readiness.start_response(db, 999, ReadinessParty.STUDENT, "Anna"),
        lambda: readiness.suggested_respondents(db, 999),
        lambda: default_library().get("none such"),
        lambda: default_library().get("student", 999),
        lambda: tools.save_choices(db, 1, {"pigeon": "carrier"}),
        lambda: tools.save_choices(db, 999, {}),
        lambda: record_test(db, 1, ToolTestState("zoom", ProtocolActor.STUDENT, FAILED)),
        lambda: record_test(
            db, 1, ToolTestState("zoom", ProtocolActor.STUDENT, note="n" * (limits.NOTE + 1))
        ),
        lambda: protocol.load_protocol(db, 999),
    ]
    errors: list[VipdeskError] = []
    for call in calls:
        with pytest.raises(VipdeskError) as caught:
            call()
        errors.append(caught.value)
    said = validate_answers(
        student, {"none": 1, "plans_own_work": "x", "remote_experience": 3, "study_stage": "?"}
    )
    errors.append(ValidationError(said))
    return errors


FAILED = ToolTestResult.FAILED


def test_each_refusal_reads_in_english_as_the_service_says_it(db: Database) -> None:
    errors = preparation_errors(db)
    phrases = [
        *(e.phrase for e in errors),
        *(p.phrase for e in errors if isinstance(e, ValidationError) for p in e.problems),
    ]
    assert len({p.template for p in phrases if p is not None}) >= 12
    for error in errors:
        if isinstance(error, ValidationError):
            assert all(p.phrase is not None for p in error.problems), error
        else:
            assert error.phrase is not None, error
        assert error_text(error) == str(error)
