"""What keeps a returned questionnaire from being stored, worded by the interface: every
template of the evaluation services is in the catalogue, in English each refusal reads as the
service says it, and in German no English is left."""

from __future__ import annotations

from pathlib import Path

import pytest

import vipdesk.services.evaluations.forms as forms
import vipdesk.services.evaluations.records as records
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields
from tests.helpers.phrases import templates_in
from tests.helpers.questionnaires import filled_values
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.errors import RefusedFileError
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.forms import export_questionnaire, review_returned
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.ui.evaluations.problem_texts import TEMPLATES
from vipdesk.ui.phrases import error_text

CALLS = {"said": 0, "FieldProblem.said": 1, "Phrase": 0, "on": 1}


def test_the_interface_knows_every_template_of_the_evaluation_services() -> None:
    assert templates_in((forms, records), CALLS) == set(TEMPLATES)


def refusals(db: Database) -> list[RefusedFileError]:
    """A file of another placement, and one with a question left unanswered."""
    world = make_world(db)
    placement, other = make_placement(db, world), make_placement(db, world)
    assert placement.id is not None and other.id is not None
    exported = export_questionnaire(db, placement.id, Kind.READINESS, ReadinessParty.STUDENT)
    good = filled_values(exported.form)
    found = []
    for values, placement_id in ((good, other.id), (good | {"q_reliable_internet": ""}, None)):
        with pytest.raises(RefusedFileError) as raised:
            review_returned(db, fill_fields(exported.pdf, values), "back.pdf", placement_id)
        found.append(raised.value)
    return found


def test_a_refusal_reads_in_english_as_the_service_says_it(db: Database) -> None:
    another, incomplete = refusals(db)
    assert str(another).startswith("back.pdf is a questionnaire of placement ")
    assert str(incomplete).startswith(
        "back.pdf is not complete: 1 question(s) still need an answer, the first: “"
    )
    for error in (another, incomplete):
        assert error.phrase is not None
        assert error_text(error) == str(error)


def test_in_german_a_refusal_keeps_no_english(qapp: object, db: Database, tmp_path: Path) -> None:
    incomplete = refusals(db)[1]
    with interface_in("de", tmp_path):
        worded = error_text(incomplete)
    assert worded.startswith("back.pdf ist nicht vollständig: 1 Frage braucht noch eine Antwort: „")
