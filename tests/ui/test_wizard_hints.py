"""Issue 17: every wizard page says in one line what it is for, shown under its title."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.samples import sample_agreement
from vipdesk.db import Database
from vipdesk.models import ReadinessParty
from vipdesk.ui.agreement.wizard.wizard import AgreementWizard
from vipdesk.ui.placements.form import HINTS, PlacementFormWidget
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard
from vipdesk.ui.preparation.tools_wizard import ToolsWizard


def pages_without_a_hint(wizard: QWizard) -> list[str]:
    missing = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        hint = page.subTitle().strip()
        if not hint or len(hint) < 15 or "&#" in hint:
            missing.append(page.title() or type(page).__name__)
    return missing


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    return placement.id


@pytest.mark.parametrize("party", list(ReadinessParty))
def test_every_readiness_page_has_a_hint(
    qtbot: QtBot, db: Database, placement_id: int, party: ReadinessParty
) -> None:
    wizard = ReadinessWizard(db, placement_id, party, "")
    qtbot.addWidget(wizard)
    assert len(wizard.pageIds()) > 2
    assert pages_without_a_hint(wizard) == []


def test_every_tools_page_has_a_hint(qtbot: QtBot, db: Database, placement_id: int) -> None:
    wizard = ToolsWizard(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(wizard)
    assert pages_without_a_hint(wizard) == []


def test_every_agreement_page_has_a_hint(qtbot: QtBot) -> None:
    wizard = AgreementWizard(
        sample_agreement(),
        placement_start=date(2027, 2, 1),
        placement_end=date(2027, 5, 31),
        save=lambda _data: None,
    )
    qtbot.addWidget(wizard)
    assert len(wizard.pageIds()) > 3
    assert pages_without_a_hint(wizard) == []


def test_the_placement_forms_non_obvious_fields_carry_a_one_line_hint(qtbot: QtBot) -> None:
    fields = PlacementFormWidget()
    qtbot.addWidget(fields)
    hinted = HINTS(fields)
    for widget in (fields.mode, fields.mentor, fields.tutor, fields.planned_start,
                   fields.planned_end, fields.hours, fields.credits, fields.notes):  # fmt: skip
        hint = widget.toolTip()
        assert widget in hinted and hint == hinted[widget]
        assert 15 <= len(hint) <= 160 and "\n" not in hint and "&#" not in hint
