"""What the services find wrong with a placement, worded by the interface: every template of
the services is in the catalogue, and in English each problem reads as the service says it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

import vipdesk.services.monitoring.log as log
import vipdesk.services.placements.checklist as checklist
import vipdesk.services.placements.leads as leads
import vipdesk.services.placements.lifecycle as lifecycle
import vipdesk.services.placements.records as records
from tests.helpers.phrases import templates_in
from tests.helpers.translations import compile_catalogues
from vipdesk.db import Database
from vipdesk.errors import TransitionError, ValidationError, VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import Mode, PeriodKind, Status
from vipdesk.phrase import Label
from vipdesk.services.placements.records import PeriodForm, PlacementForm, validate
from vipdesk.ui import labels, phrases
from vipdesk.ui.i18n import CATALOGUE
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.placements.problem_texts import TEMPLATES


def service_templates() -> set[str]:
    said = templates_in(
        (records, lifecycle, checklist, leads),
        {"said": 0, "FieldProblem.said": 1, "on": 1, "problem": 1},
    )
    return said | set(records._DELETED.values())


def test_the_interface_knows_every_problem_the_placement_service_says() -> None:
    assert service_templates() == set(TEMPLATES)


def test_each_problem_reads_in_english_as_the_service_says_it() -> None:
    forms = [
        PlacementForm(),  # nothing chosen or entered
        PlacementForm(
            title="x" * 201,
            description="d" * 20_000,
            notes="n" * 20_000,
            planned_start=date(2027, 3, 1),
            planned_end=date(2027, 2, 1),
            hours_per_week=80,
            ects_credits=Decimal("7.55"),
        ),
        PlacementForm(ects_credits=Decimal(61)),
        PlacementForm(
            mode=Mode.BLENDED,
            planned_start=date(2027, 2, 1),
            planned_end=date(2027, 5, 31),
            periods=[
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 1, 1), date(2027, 2, 10)),
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 2, 5), date(2027, 2, 20)),
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 3, 5), date(2027, 3, 1)),
                PeriodForm(PeriodKind.PHYSICAL, None, None),
            ],
        ),
    ]
    said = [problem for form in forms for problem in validate(form)]
    assert len({p.phrase.template for p in said if p.phrase}) >= 15
    for problem in said:
        assert problem.phrase is not None
        assert problem_text(problem) == problem.message


def refusals(db: Database) -> list[VipdeskError]:
    """A refusal of each kind the placement services raise about a placement that is gone or
    a change they do not take."""
    item = next(i for i in checklist.checklist_items() if i.backed_by_evidence)
    calls: list[Callable[[], object]] = [
        lambda: records.load_placement(db, 999),
        lambda: lifecycle.change_status(db, 999, Status.ONGOING, 1),
        lambda: checklist.item_by_key("none such"),
        lambda: checklist.check_reason(item, ""),
        lambda: checklist.check_reason(item, "r" * 201),
        lambda: leads.set_office_leads(db, ["a,b"]),
        lambda: leads.set_office_leads(db, ["x" * 201]),
        lambda: log.attachment_of(db, 999),
    ]
    errors: list[VipdeskError] = []
    for call in calls:
        with pytest.raises(VipdeskError) as caught:
            call()
        errors.append(caught.value)
    return errors


def test_each_refusal_reads_in_english_as_the_service_says_it(db: Database) -> None:
    errors = refusals(db)
    said = [
        *(e.phrase for e in errors),
        *(p.phrase for e in errors if isinstance(e, ValidationError) for p in e.problems),
    ]
    assert len({p.template for p in said if p is not None}) >= 7
    for error in errors:
        if isinstance(error, ValidationError):
            assert all(p.phrase is not None for p in error.problems), error
        else:
            assert error.phrase is not None, error
        assert error_text(error) == str(error)


def test_in_german_a_refusal_keeps_no_english(qapp: object, db: Database, tmp_path: Path) -> None:
    with pytest.raises(VipdeskError) as gone:
        records.load_placement(db, 999)
    moved = TransitionError.said(
        "A placement cannot go from '{current}' to '{target}'.",
        current=Label(Status.DRAFT.label),
        target=Label(Status.COMPLETED.label),
    )
    german = QTranslator()
    assert german.load(CATALOGUE.format(language="de"), str(compile_catalogues(tmp_path, ["de"])))
    QCoreApplication.installTranslator(german)
    labels.use_language("de")
    phrases.all_templates.cache_clear()
    try:
        worded = error_text(gone.value), error_text(moved)
    finally:
        QCoreApplication.removeTranslator(german)
        labels.use_language(ENGLISH)
        phrases.all_templates.cache_clear()
    assert worded[0] == "Dieses Praktikum gibt es nicht mehr: Vielleicht hat es jemand gelöscht."
    assert worded[1].startswith("Ein Praktikum kann nicht von ")
    assert "Draft" not in worded[1] and "Completed" not in worded[1]
