"""The Agreement tab's fillable PDF for HR comes from the command line's export service.

The tab shows what it read last; another coordinator may lock the agreement or start a new
version meanwhile. The service decides, so the tab refuses with the service's own message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.helpers.agreements import SENT_ON, ready_agreement, typed_approval
from tests.helpers.dialogs import MessageBoxes
from vipdesk.db import Database
from vipdesk.documents.agreement.form import host_field_values, read_returned_bytes
from vipdesk.errors import VipdeskError
from vipdesk.models import DocumentState
from vipdesk.services.agreements.export import export_agreement
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.workflow import new_version, send_for_signature
from vipdesk.services.signatures.recording import record_approval
from vipdesk.ui.agreement.panel import AgreementPanel


def _tab(qtbot: QtBot, db: Database, placement_id: int) -> AgreementPanel:
    panel = AgreementPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(placement_id)
    return panel


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _service_refusal(db: Database, placement_id: int, version: int) -> str:
    with pytest.raises(VipdeskError) as refused:
        export_agreement(db, placement_id, fillable=True, version=version)
    return str(refused.value)


@pytest.fixture
def sent(db: Database) -> tuple[int, int]:
    """A placement and its agreement version out for signature."""
    placement_id, draft = ready_agreement(db)
    version = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    return placement_id, version.id


def test_a_draft_goes_to_hr_with_its_fields_filled_in(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    placement_id, draft = ready_agreement(db)
    panel = _tab(qtbot, db, placement_id)
    target = tmp_path / "for HR.pdf"
    _save_to(monkeypatch, target)
    assert panel.buttons["fillable"].isEnabled()
    panel.buttons["fillable"].click()
    assert message_boxes.shown == []
    returned = read_returned_bytes(target.read_bytes(), target.name)
    assert returned.fields == host_field_values(draft.agreement) != {}
    assert returned.signed == ()


def test_a_version_out_for_signature_goes_to_hr_as_the_command_line_makes_it(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sent: tuple[int, int],
) -> None:
    placement_id, version = sent
    panel = _tab(qtbot, db, placement_id)
    target = tmp_path / "for HR.pdf"
    _save_to(monkeypatch, target)
    panel.buttons["fillable"].click()
    from_the_tab = read_returned_bytes(target.read_bytes(), target.name)
    from_the_cli = export_agreement(db, placement_id, fillable=True).pdf
    assert from_the_tab.fields == read_returned_bytes(from_the_cli, "cli.pdf").fields
    assert from_the_tab.fields == host_field_values(get_document(db, version).agreement)


def test_an_agreement_locked_meanwhile_gets_no_fillable_pdf(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    sent: tuple[int, int],
) -> None:
    placement_id, version = sent
    panel = _tab(qtbot, db, placement_id)
    selected = panel.selected()
    assert selected is not None and selected.state is DocumentState.SENT
    assert panel.buttons["fillable"].isEnabled()
    for party in ("student", "sending", "host"):  # signed elsewhere: the tab still shows "sent"
        record_approval(db, version, party, typed_approval(party), today=SENT_ON)
    folder = tmp_path / "for HR"
    folder.mkdir()
    _save_to(monkeypatch, folder / "agreement.pdf")
    panel.buttons["fillable"].click()
    refusal = _service_refusal(db, placement_id, version)
    assert "locked" in refusal
    assert message_boxes.shown == [("warning", refusal)]
    assert list(folder.iterdir()) == []  # no file, not even a temporary one


def test_a_version_replaced_meanwhile_gets_no_fillable_pdf(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    sent: tuple[int, int],
) -> None:
    placement_id, version = sent
    panel = _tab(qtbot, db, placement_id)
    new_version(db, placement_id, "someone else")
    target = tmp_path / "for HR.pdf"
    _save_to(monkeypatch, target)
    panel.buttons["fillable"].click()
    refusal = _service_refusal(db, placement_id, version)
    assert "no longer the current one" in refusal
    assert message_boxes.shown == [("warning", refusal)]
    assert not target.exists()


def test_what_applies_now_is_a_button_and_every_action_is_in_more(
    qtbot: QtBot, db: Database, sent: tuple[int, int]
) -> None:
    placement_id, _version = sent
    panel = _tab(qtbot, db, placement_id)
    shown = {key for key, button in panel.buttons.items() if button.isVisible()}
    assert shown == {key for key, button in panel.buttons.items() if button.isEnabled()}
    assert "record" in shown and "edit" not in shown  # out for signature: record, not edit
    assert panel.more.isVisible()
    menu = panel.more.menu()
    assert menu is not None and len(menu.actions()) == len(panel.buttons)
    edit = panel.menu_actions["edit"]
    assert not edit.isEnabled() and edit.toolTip() == panel.buttons["edit"].toolTip() != ""
    record = panel.menu_actions["record"]
    assert record.isEnabled()
