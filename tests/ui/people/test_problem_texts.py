"""What the services find wrong with a student, worded by the interface: every template of
the services is in the catalogue, and in English each problem reads as the service says it."""

from __future__ import annotations

from datetime import date

import pytest

import vipdesk.services.people.contacts as contacts
import vipdesk.services.people.equity as equity
import vipdesk.services.people.organisations as organisations
import vipdesk.services.people.rules as rules
import vipdesk.services.people.students as students
from tests.helpers.phrases import templates_in
from vipdesk.errors import ValidationError
from vipdesk.services.people.equity import EQUITY_NOTE_LIMIT, EquityForm
from vipdesk.services.people.students import StudentForm, validate_student
from vipdesk.ui.people.problem_texts import TEMPLATES
from vipdesk.ui.phrases import problem_text

# The checker's calls put the template second; the errors' and a `Phrase`'s, first.
CALLS = {
    "said": 1,
    "on": 1,
    "text": 2,
    "email": 2,
    "FieldProblem.said": 1,
    "NotFoundError.said": 0,
    "VipdeskError.said": 0,
    "Phrase": 0,
}
KINDS = (
    students.STUDENTS,
    contacts.CONTACTS,
    organisations.ORGANISATIONS,
    organisations.INSTITUTIONS,
)


def service_templates() -> set[str]:
    said = templates_in(
        (students, equity, rules, contacts, organisations), CALLS, keywords=("required",)
    )
    return said | {unique.message for kind in KINDS for unique in kind.unique}


def test_the_interface_knows_every_problem_the_student_service_says() -> None:
    assert service_templates() == set(TEMPLATES)


def test_each_problem_reads_in_english_as_the_service_says_it() -> None:
    today = date(2026, 6, 15)
    forms = [
        StudentForm(),  # nothing entered
        StudentForm(
            given_name="x" * 121,
            family_name="y" * 121,
            email="anna@uw",
            student_number="n" * 41,
            date_of_birth=date(2020, 1, 1),
            nationality="XX",
            study_cycle=4,
            field_of_education="f" * 121,
            programme="p" * 201,
            timezone="Mars/Olympus",
            preferred_language="xx",
            languages=[("", "B2"), ("l" * 61, "B2"), ("English", "B3"), ("english", "C1")],
        ),
        StudentForm(date_of_birth=date(2027, 1, 1)),
        StudentForm(date_of_birth=date(1900, 1, 1)),
    ]
    said = [problem for form in forms for problem in validate_student(form, today=today)]
    with pytest.raises(ValidationError) as caught:
        equity.check_equity(EquityForm(1, note="n" * (EQUITY_NOTE_LIMIT + 1)))
    said += caught.value.problems
    assert len({p.phrase.template for p in said if p.phrase}) >= 20
    for problem in said:
        assert problem.phrase is not None
        assert problem_text(problem) == problem.message
