"""The placement editor in the interface's language where it words the records itself:
someone else saved first (the conflict table shows both versions with the form's field names,
dates, numbers and kinds of period), and the header card of a placement at its end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.models import Mode, PeriodKind, Status
from vipdesk.services.placements.lifecycle import change_status
from vipdesk.services.placements.records import (
    PeriodForm,
    PlacementForm,
    load_placement,
    save_placement,
)
from vipdesk.ui.conflict_dialog import ConflictChoice
from vipdesk.ui.placements import editor as placement_editor
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.placements.form import PlacementFormWidget

Rows = list[tuple[str, str, str]]


def _conflict_rows(
    qtbot: QtBot,
    db: Database,
    placement_id: int,
    monkeypatch: pytest.MonkeyPatch,
    then: Callable[[], None] = lambda: None,
) -> Rows:
    """The rows the conflict dialog is given when the open editor saves a stale version (its
    title changed) after Ben saved his (blended, later end, credits, no mentor) and `then`
    happened."""
    shown: list[Rows] = []

    def ask(_by: str | None, rows: Sequence[tuple[str, str, str]], _parent: QWidget) -> object:
        shown.append(list(rows))
        return ConflictChoice.CANCEL

    monkeypatch.setattr(placement_editor, "ask_conflict", ask)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    theirs = load_placement(db, placement_id)
    theirs.mode = Mode.BLENDED
    theirs.planned_end = date(2027, 3, 31)
    theirs.ects_credits = Decimal("7.5")
    theirs.periods = [
        PeriodForm(PeriodKind.VIRTUAL, theirs.planned_start, date(2027, 1, 31)),
        PeriodForm(PeriodKind.PHYSICAL, date(2027, 2, 1), date(2027, 3, 31)),
    ]
    theirs.mentor_id = None
    save_placement(db, theirs, "ben")
    then()
    editor.fields.title.setText("Mein Titel")
    assert not editor.save()
    return shown[0]


def _placement(db: Database) -> PlacementForm:
    return make_placement(
        db, make_world(db), planned_start=date(2027, 1, 4), planned_end=date(2027, 2, 26)
    )


def test_a_conflict_is_shown_in_the_interfaces_language(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    placement = _placement(db)
    assert placement.id is not None
    with interface_in("de", tmp_path):
        rows = {label: (mine, theirs) for label, mine, theirs in
                _conflict_rows(qtbot, db, placement.id, monkeypatch)}  # fmt: skip
    assert rows["Titel"][0] == "Mein Titel"
    assert rows["Geplantes Ende"] == ("26. Feb. 2027", "31. März 2027")
    assert rows["ECTS-Punkte"] == ("—", "7,5")
    assert rows["Format"] == ("Virtuell", "Kombiniert")
    assert rows["Zeiträume"] == (
        "—",
        "Virtuell 4. Jan. 2027 – 31. Jan. 2027; Physisch 1. Feb. 2027 – 31. März 2027",
    )
    assert rows["Mentor/in im Unternehmen"][1] == "—"  # removed by Ben
    assert not any(
        english in text
        for row in rows.values()
        for text in row
        for english in ("virtual", "physical", "2027-", "7.5", "Planned")
    )


def test_a_linked_record_gone_since_says_so(qtbot: QtBot, db: Database) -> None:
    placement = _placement(db)
    assert placement.mentor_id is not None
    fields = PlacementFormWidget()
    qtbot.addWidget(fields)
    theirs = replace(placement, mentor_id=None)
    rows = fields.conflict_rows(placement, theirs, lambda _kind, _id: None)
    assert rows == [("Company mentor", "(deleted since)", "—")]


def test_the_card_of_a_cancelled_placement_says_so_in_a_whole_sentence(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """Not "the placement is " and a status put after it: German writes "abgesagt" in
    lower case, and a cancelled placement "was" cancelled."""
    placement = _placement(db)
    assert placement.id is not None and placement.version is not None
    change_status(db, placement.id, Status.CANCELLED, placement.version, "tester")
    with interface_in("de", tmp_path):
        editor = PlacementEditor(db, placement.id)
        qtbot.addWidget(editor)
        card = editor.card.text()
    assert card.endswith("<br>Kein weiterer Schritt: Das Praktikum wurde abgesagt")
