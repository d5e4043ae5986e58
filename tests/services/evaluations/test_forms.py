"""Questionnaires that travel: export, fill in as a PDF reader does, read back, store; and
each file that is refused with one line, nothing stored."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.helpers.factories import make_placement, make_world
from tests.helpers.forgeries import remove_field, set_properties
from tests.helpers.pdf_tools import fill_fields
from tests.helpers.questionnaires import check_stored_scores, filled_values
from vipdesk.db import Database
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.questionnaire.content import QuestionnaireForm
from vipdesk.documents.questionnaire.pdf import render_questionnaire
from vipdesk.errors import RefusedFileError
from vipdesk.models import (
    AnswerSource,
    EvaluationResponse,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
)
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.services.evaluations.forms import export_questionnaire, review_returned, store_returned
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.evaluations.records import placement_evaluations
from vipdesk.services.preparation.readiness import response_history

ALL = [(k, p) for k in Kind for p in ReadinessParty]


def expected_answers(form: QuestionnaireForm, values: dict[str, str]) -> dict[str, int | str]:
    out: dict[str, int | str] = {}
    for q in form.questions:
        value = values[q.field]
        out[q.key] = int(value) if q.kind == "scale" else value
    return out


def counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(EvaluationResponse)) or 0,
            session.scalar(select(func.count()).select_from(ReadinessResponse)) or 0,
        )


@pytest.mark.parametrize(("kind", "party"), ALL)
def test_every_questionnaire_goes_out_as_a_pdf_and_comes_back_answer_for_answer(
    db: Database, kind: Kind, party: ReadinessParty
) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_questionnaire(db, placement.id, kind, party)
    values = filled_values(exported.form)
    review = review_returned(db, fill_fields(exported.pdf, values), "back.pdf", placement.id)
    answers = expected_answers(exported.form, values)
    assert (review.kind, review.party, review.respondent) == (kind, party, values["respondent"])
    assert review.answers == answers
    assert [line.key for line in review.lines] == [q.key for q in exported.form.questions]
    assert counts(db) == (0, 0)  # shown before it is stored

    store_returned(db, review, "coordinator")
    if kind is Kind.READINESS:
        [response] = response_history(db, placement.id)
        assert response.status is ResponseStatus.COMPLETED and response.party is party
        assert response.answers == answers and response.respondent == values["respondent"]
        assert check_stored_scores(db) == 1  # its assessment stored, for the reports
    else:
        [evaluation] = placement_evaluations(db, placement.id)
        assert evaluation.source is AnswerSource.RETURNED_PDF
        assert evaluation.answers == answers and evaluation.respondent == values["respondent"]
        assert evaluation.outcomes_planned == len(
            agreement_for_export(db, placement.id).programme.learning_outcomes
        )


def test_the_preview_shows_each_question_with_its_answer_as_worded(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_questionnaire(db, placement.id, Kind.FINAL, ReadinessParty.COMPANY)
    values = filled_values(exported.form) | {"q_host_again": "yes", "q_change_next_trainee": ""}
    review = review_returned(db, fill_fields(exported.pdf, values), "back.pdf")
    lines = {line.key: line for line in review.lines}
    assert lines["host_again"].answer == "Yes"
    assert lines["change_next_trainee"].answer == ""  # optional, left empty
    assert lines["outcome_1"].question == exported.form.questions[0].text
    assert lines["outcome_1"].answer == "1 – Not reached"


def refused(db: Database, pdf: bytes, placement_id: int | None = None) -> str:
    with pytest.raises(RefusedFileError) as caught:
        review_returned(db, pdf, "back.pdf", placement_id)
    message = str(caught.value)
    assert "\n" not in message
    assert counts(db) == (0, 0)
    return message


def test_refused_files_each_say_why_in_one_line(db: Database) -> None:
    world = make_world(db)
    placement, other = make_placement(db, world), make_placement(db, world)
    assert placement.id is not None and other.id is not None
    exported = export_questionnaire(db, placement.id, Kind.MIDTERM, ReadinessParty.STUDENT)
    good = fill_fields(exported.pdf, filled_values(exported.form))

    assert refused(db, good, other.id) == (
        f"back.pdf is a questionnaire of placement {placement.reference}, not of {other.reference}."
    )
    assert refused(db, b"Dear coordinator, here are my answers.") == "back.pdf is not a PDF file."
    assert refused(db, good[: len(good) // 3]).startswith("back.pdf is damaged")
    agreement = render_agreement(agreement_for_export(db, placement.id))
    assert refused(db, agreement) == (
        "back.pdf is an agreement, not a questionnaire exported by vipdesk."
    )
    assert other.reference is not None
    moved = set_properties(good, {"VipdeskReference": other.reference,
                                  "VipdeskPlacementId": str(other.id)})  # fmt: skip
    assert "was changed after vipdesk exported it" in refused(db, moved)


def test_a_file_asking_other_questions_is_refused(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_questionnaire(db, placement.id, Kind.FINAL, ReadinessParty.INSTITUTION)
    form = exported.form
    # A question reworded in the file (by another program, or an edited copy of vipdesk).
    reworded = replace(form.questions[1], text="The student was brilliant, agreed?")
    altered = render_questionnaire(replace(form, questions=(form.questions[0], reworded,
                                                            *form.questions[2:])))  # fmt: skip
    message = refused(db, fill_fields(altered, filled_values(form)))
    assert message.startswith("back.pdf asks other questions than the final evaluation by the ")
    # A question's field taken out of the form, the file's question set left as it was.
    forged = remove_field(fill_fields(exported.pdf, filled_values(form)), "q_workload")
    assert refused(db, forged) == (
        "back.pdf: its form was altered: the field of question 'workload' is missing."
    )


def test_a_file_of_another_database_and_an_incomplete_one_are_refused(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_questionnaire(db, placement.id, Kind.READINESS, ReadinessParty.STUDENT)
    elsewhere = render_questionnaire(replace(exported.form, placement_id=placement.id + 100))
    message = refused(db, fill_fields(elsewhere, filled_values(exported.form)))
    assert "comes from another database" in message
    values = filled_values(exported.form) | {"q_reliable_internet": ""}
    message = refused(db, fill_fields(exported.pdf, values))
    assert message.startswith("back.pdf is not complete: 1 question(s) still need an answer")
    message = refused(db, fill_fields(exported.pdf, filled_values(exported.form, "  ")))
    assert message == "back.pdf is not complete: Enter the name of the person who answers."
    bad = filled_values(exported.form) | {"q_own_device": "maybe"}
    assert "'maybe' is not an answer offered to 'own_device'" in refused(
        db, fill_fields(exported.pdf, bad)
    )
