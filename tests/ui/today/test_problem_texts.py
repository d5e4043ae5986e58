"""What the work list and the bin of deleted records refuse, worded by the interface: every
template is in the catalogue, in English each reads as the service says it, and in German a
refused day count keeps no English."""

from __future__ import annotations

from pathlib import Path

import pytest

import vipdesk.services.trash.bin as trash
import vipdesk.services.worklist.rules as rules
import vipdesk.services.worklist.snoozes as snoozes
from tests.helpers.phrases import templates_in
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.errors import NotFoundError, ValidationError
from vipdesk.ui.phrases import error_text
from vipdesk.ui.today.problem_texts import TEMPLATES

CALLS = {"said": 0, "on": 1, "FieldProblem.said": 1, "Phrase": 0}


def test_the_interface_knows_every_template_of_the_work_list_and_the_bin() -> None:
    assert templates_in((trash, rules, snoozes), CALLS) == set(TEMPLATES)


def refusals(db: Database) -> list[ValidationError | NotFoundError]:
    key = rules.shipped_rules()[0].key
    found: list[ValidationError | NotFoundError] = []
    with pytest.raises(ValidationError) as days:
        rules.set_rule_days(db, {key: 10_000, "no-such-rule": 3})
    found.append(days.value)
    with pytest.raises(NotFoundError) as gone:
        trash.restore_deleted(db, 987_654)
    found.append(gone.value)
    return found


def test_each_refusal_reads_in_english_as_the_service_says_it(db: Database) -> None:
    for error in refusals(db):
        assert error_text(error) == str(error)


def test_in_german_a_refused_day_count_keeps_no_english(
    qapp: object, db: Database, tmp_path: Path
) -> None:
    days, gone = refusals(db)
    with interface_in("de", tmp_path):
        worded = error_text(days), error_text(gone)
    assert "choose from" not in worded[0] and "There is no" not in worded[0]
    assert "Tage" in worded[0] and "no-such-rule" in worded[0]
    assert worded[1].startswith("Dieser gelöschte Datensatz")
