"""Lengths of an agreement's texts (issue 19): every field and list has a limit, named in the
message, on the wizard page that edits it; a draft that breaks one is not stored."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers.agreements import ready_agreement
from tests.helpers.samples import sample_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.documents.agreement.content import Person, Task
from vipdesk.errors import ValidationError
from vipdesk.services.agreements.checks.lengths import label_of, length_problems, section_of
from vipdesk.services.agreements.checks.validation import validate_section
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.workflow import save_agreement_draft

replace = dataclasses.replace


def test_the_sample_agreement_is_within_every_limit() -> None:
    assert length_problems(sample_agreement()) == []


@pytest.mark.parametrize(
    ("path", "section", "label", "limit"),
    [
        ("receiving.mentor.name", "parties", "Receiving, mentor, name", limits.NAME),
        ("trainee.email", "parties", "Trainee, email", limits.EMAIL),
        ("programme.title", "programme", "Title", limits.SHORT),
        ("programme.description", "programme", "Description", limits.LONG),
        ("programme.tasks.3.description", "tasks", "Task 4, description", limits.LINE),
        ("programme.learning_outcomes.0", "learning", "Learning outcome 1", limits.LINE),
        ("roles.1.duties.2", "roles", "Role 2, duty 3", limits.LINE),
        ("tools.0.purpose", "technology", "Tool 1, purpose", limits.SHORT),
        ("host.in_kind", "host", "Host, in kind", limits.NOTE),
    ],
)
def test_each_field_has_its_page_label_and_limit(
    path: str, section: str, label: str, limit: int
) -> None:
    assert (section_of(path), label_of(path), limits.limit_of(path)) == (section, label, limit)


def test_an_over_long_text_is_named_on_its_page_with_its_limit() -> None:
    data = sample_agreement()
    mentor = Person("M" * 201, email="olena@nordlicht.example")
    data = replace(data, receiving=replace(data.receiving, mentor=mentor))
    assert [(p.field, p.message) for p in validate_section(data, "parties")] == [
        (
            "receiving.mentor.name",
            "Receiving, mentor, name is longer than 200 characters (it has 201).",
        )
    ]
    assert validate_section(data, "programme") == []  # only on the page that edits it


def test_a_description_of_two_pages_is_fine_and_a_book_is_not() -> None:
    data = sample_agreement()
    page = "\n".join(f"Line {n}: the trainee analyses one data set." for n in range(80))
    fine = replace(data, programme=replace(data.programme, description=page))
    assert length_problems(fine) == []
    book = replace(data, programme=replace(data.programme, description="x" * 100_000))
    [problem] = length_problems(book)
    assert problem.message == "Description is longer than 8,000 characters (it has 100,000)."


def test_too_many_tasks_are_counted() -> None:
    data = sample_agreement()
    tasks = tuple(Task(f"Task {n}") for n in range(101))
    [problem] = validate_section(
        replace(data, programme=replace(data.programme, tasks=tasks)), "tasks"
    )
    assert problem.message == "Tasks has 101 items; an agreement holds at most 100."


def test_a_draft_with_an_over_long_text_is_not_stored(any_db: Database) -> None:
    _, draft = ready_agreement(any_db)
    data = draft.agreement
    long = replace(data, programme=replace(data.programme, monitoring_plan="m" * 8_001))
    with pytest.raises(ValidationError, match="Monitoring plan is longer than 8,000"):
        save_agreement_draft(any_db, draft.id, long, draft.row_version, "anna")
    stored = get_document(any_db, draft.id)
    assert stored.row_version == draft.row_version
    assert stored.agreement.programme.monitoring_plan == data.programme.monitoring_plan
