"""The tasks field of a fillable agreement in the agreement's language, and read back in any."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.pdf_tools import fill_fields, pdf_text
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.content import Task
from vipdesk.documents.agreement.form import differences, host_field_values, read_returned_bytes
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.task_lines import parse_day, parse_tasks, task_line
from vipdesk.documents.agreement.texts import agreement_language
from vipdesk.languages import LANGUAGES

TASKS = (
    Task("Compare <b>A</b> & B", "Report — short", date(2027, 3, 1)),
    Task("Interview users", "", date(2027, 9, 30)),
    Task("Present the results"),
)


def _written(language: str) -> str:
    with agreement_language(language):
        return "\n".join(task_line(n, t) for n, t in enumerate(TASKS, 1))


@pytest.mark.parametrize("language", ["de", "pl", "en+de", "en+pl", *LANGUAGES])
def test_task_lines_read_back_as_the_tasks_they_print(language: str) -> None:
    assert parse_tasks(_written(language)) == TASKS


def test_the_markers_and_dates_are_the_documents_language() -> None:
    assert _written("de").splitlines()[0] == (
        "1. Compare <b>A</b> & B — Arbeitsergebnis: Report — short — Termin: 01.03.2027"
    )
    assert _written("pl").splitlines()[1] == "2. Interview users — Termin: 30 wrz 2027"
    # Bilingual: the other language only, as inside every value.
    assert _written("en+de") == _written("de")
    assert "Deliverable" not in _written("en+it")


def test_hr_may_write_markers_and_dates_of_any_language_in_any_case() -> None:
    text = "\n".join(
        [
            "1. Dashboard — LEVERANCE: Dashboard — frist: 1. feb. 2027",
            "2) Review — Tuotos: Muistio — Määräaika: 1.2.2027",
            "3. Slides — Deliverable: Deck — Deadline: 2027-02-01",
            "4. Demo — Prodotto: Demo — Scadenza: 1 febbraio 2027",
        ]
    )
    assert [(t.deliverable, t.deadline) for t in parse_tasks(text)] == [
        ("Dashboard", date(2027, 2, 1)),
        ("Muistio", date(2027, 2, 1)),
        ("Deck", date(2027, 2, 1)),
        ("Demo", date(2027, 2, 1)),
    ]
    with pytest.raises(ValueError, match="Termin: bald"):
        parse_tasks("1. Aufgabe — Termin: bald")


@pytest.mark.parametrize("text", ["31 lut 2027", "1 Brumaire 2027", "soon", "12.13.2027"])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


def test_a_german_form_has_no_english_markers_and_reads_back_unchanged(tmp_path: Path) -> None:
    data = replace(sample_agreement(), document_language="de")
    pdf = render_agreement(data, fillable=True)
    tasks = host_field_values(data)["tasks"]
    assert "Arbeitsergebnis:" in tasks and "Deliverable" not in tasks
    text = pdf_text(pdf, tmp_path)
    assert "Deliverable:" not in text and "Deadline:" not in text
    assert "Arbeitsergebnis: … — Termin: …" in text
    returned = read_returned_bytes(pdf, "returned.pdf")
    assert differences(returned, data) == []
    assert parse_tasks(returned.fields["tasks"]) == data.programme.tasks


def test_a_bilingual_form_round_trips_what_hr_changed() -> None:
    data = replace(sample_agreement(), document_language="en+pl")
    pdf = render_agreement(data, fillable=True)
    first, *rest = host_field_values(data)["tasks"].splitlines()
    edited = "\n".join([first.replace("Rezultat:", "Rezultat: Nowy plan —"), *rest])
    returned = read_returned_bytes(fill_fields(pdf, {"tasks": edited}), "returned.pdf")
    [change] = differences(returned, data)
    tasks = parse_tasks(change.theirs)
    assert tasks[0].deliverable.startswith("Nowy plan — ")
    assert tasks[1:] == data.programme.tasks[1:]
