"""What keeps an agreement's documents from being read, exported or written, worded by the
interface: every template of the services is in the catalogue, in English each reads as the
service says it, and in German no English is left."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

import vipdesk.documents.agreement.form as form
import vipdesk.services.agreements.batch as batch
import vipdesk.services.agreements.checks.validation as validation
import vipdesk.services.agreements.export as export
import vipdesk.services.agreements.prefill as prefill
import vipdesk.services.agreements.queries as queries
import vipdesk.services.agreements.render as render
import vipdesk.services.agreements.returns as returns
from tests.helpers.phrases import templates_in
from tests.helpers.translations import compile_catalogues, interface_in
from vipdesk.documents.agreement.form import open_pdf
from vipdesk.errors import FieldProblem, VipdeskError
from vipdesk.services.agreements.returns import too_long_values
from vipdesk.ui.agreement.document_texts import TEMPLATES
from vipdesk.ui.i18n import CATALOGUE
from vipdesk.ui.phrases import error_text, problem_text

MODULES = (batch, export, form, prefill, queries, render, returns)
CALLS = {"said": 0, "FieldProblem.said": 1, "Phrase": 0, "on": 1}


def test_the_interface_knows_every_template_of_the_agreement_documents() -> None:
    said = templates_in(MODULES, CALLS) | templates_in((validation,), {"FieldProblem.said": 1})
    assert said == set(TEMPLATES)


def not_a_pdf() -> VipdeskError:
    with pytest.raises(VipdeskError) as raised:
        open_pdf(b"Invoice 2027-001", "invoice.pdf")
    return raised.value


def too_long() -> FieldProblem:
    return too_long_values({"mentor_name": "x" * 300, "tasks": "short"})[0]


def test_a_refusal_and_a_problem_read_in_english_as_the_services_say_them() -> None:
    refused, problem = not_a_pdf(), too_long()
    assert str(refused) == "invoice.pdf is not a PDF file."
    assert problem.message == (
        "The returned mentor name is longer than 200 characters (it has 300)."
    )
    assert error_text(refused) == str(refused)
    assert problem_text(problem) == problem.message


def test_in_german_a_refusal_and_a_problem_keep_no_english(qapp: object, tmp_path: Path) -> None:
    refused, problem = not_a_pdf(), too_long()
    with interface_in("de", tmp_path):
        worded = error_text(refused), problem_text(problem)
    assert worded == (
        "invoice.pdf ist keine PDF-Datei.",
        "Das zurückgegebene Feld „Name der Mentorin/des Mentors“ ist länger als 200 Zeichen "
        "(es hat 300).",
    )


def test_a_returned_field_reads_in_the_interfaces_language(qapp: object, tmp_path: Path) -> None:
    """The returned-PDF table: the field's name and a check box's yes or no are translated;
    what HR typed stays as typed."""
    from vipdesk.ui.agreement.dialogs import _value_text
    from vipdesk.ui.labels import shown

    assert (_value_text("financial_support", "no"), _value_text("tasks", "")) == ("no", "—")
    german = QTranslator()
    assert german.load(CATALOGUE.format(language="de"), str(compile_catalogues(tmp_path, ["de"])))
    QCoreApplication.installTranslator(german)
    try:
        worded = (
            shown(form.FIELD_LABELS["mentor_position"]),
            _value_text("financial_support", "yes"),
            _value_text("mentor_position", "yes"),
        )
    finally:
        QCoreApplication.removeTranslator(german)
    assert worded == ("Mentor/in: Funktion", "ja", "yes")
