"""What the services find wrong with a monitoring entry, its file or a recognition, worded by
the interface: every template of the services is in the catalogue, and in English each problem
reads as the service says it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import vipdesk.services.monitoring.attachments as attachments
import vipdesk.services.monitoring.log as log
import vipdesk.services.monitoring.recognition as recognition
from tests.helpers.phrases import templates_in
from vipdesk.services.monitoring.attachments import MAX_ATTACHMENT_BYTES, attachment_problems
from vipdesk.services.monitoring.log import EntryForm, validate_entry
from vipdesk.services.monitoring.recognition import RecognitionForm, validate_recognition
from vipdesk.ui.monitoring.problem_texts import TEMPLATES
from vipdesk.ui.phrases import problem_text

START, END, TODAY = date(2027, 2, 1), date(2027, 5, 31), date(2027, 3, 15)


def service_templates() -> set[str]:
    said = templates_in((log, recognition), {"said": 0, "FieldProblem.said": 1, "add": 1})
    return said | templates_in((attachments,), {"problem": 0})


def test_the_interface_knows_every_problem_the_monitoring_services_say() -> None:
    assert service_templates() == set(TEMPLATES)


def test_each_problem_reads_in_english_as_the_service_says_it() -> None:
    entries = [
        EntryForm(1, resolved_on=date(2027, 3, 1)),  # nothing given; resolved, no concern
        EntryForm(
            1,
            held_on=date(2027, 1, 5),
            participants="p" * 301,
            tool_key="pigeon",
            minutes=0,
            note="n" * 4001,
            concern=True,
            resolved_on=date(2027, 1, 1),
        ),
        EntryForm(1, held_on=date(2027, 3, 20), concern=True, resolved_on=date(2027, 3, 30)),
    ]
    said = [p for e in entries for p in validate_entry(e, START, END, {}, TODAY)]
    files = [
        (b"", ""),
        (b"", "report.pdf"),
        (b"x" * (MAX_ATTACHMENT_BYTES + 1), ""),
        (b"x" * (MAX_ATTACHMENT_BYTES + 1), "report.pdf"),
        (b"x", "r" * 201 + ".pdf"),
        (b"x", ""),
        (b"x", "report.txt"),
        (b"hello", "report.pdf"),
        (b"\x89PNG\r\n\x1a\n", "report.pdf"),
        (b"%PDF-1.7 nothing more", "report.pdf"),
    ]
    said += [p for data, name in files for p in attachment_problems(data, name)]
    recognitions = [
        RecognitionForm(
            1,
            credits_awarded=Decimal(61),
            credits_reason="r" * 501,
            grading_scale="none such",
            transcript_on=date(2027, 4, 1),
            certificate_received_on=date(2027, 1, 1),
            outcomes_achieved=("o" * 4001,),
        ),
        RecognitionForm(1, credits_awarded=Decimal("7.5"), planned_credits=Decimal(6), grade="B"),
        RecognitionForm(1, grading_scale="ects", grade="G"),
        RecognitionForm(1, grading_scale="de", grade="0,7"),
    ]
    said += [p for r in recognitions for p in validate_recognition(r, START, TODAY)]
    assert len({p.phrase.template for p in said if p.phrase}) >= 30
    for problem in said:
        assert problem.phrase is not None
        assert problem_text(problem) == problem.message
