"""Issue 20: a screen reader can name every control and table a coordinator reaches."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.accessibility import tab_traps, undescribed_tables, unnamed
from tests.helpers.agreements import typed_approval
from tests.helpers.factories import make_placement, make_world
from tests.helpers.samples import sample_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.models import ReadinessParty
from vipdesk.services.mail.compose import Attachment, Draft
from vipdesk.services.mail.reminders import ReminderPlan
from vipdesk.services.mail.settings import MailSettings, make_address
from vipdesk.ui.agreement.dialogs import AmendDialog, CertificateDatesDialog
from vipdesk.ui.agreement.send_dialog import SendDialog
from vipdesk.ui.agreement.signature_dialogs import DeclineDialog, RecordSignatureDialog
from vipdesk.ui.agreement.trust_dialog import TrustedCertificatesDialog
from vipdesk.ui.agreement.wizard.wizard import AgreementWizard
from vipdesk.ui.funding.cost_editor import CostEditor
from vipdesk.ui.funding.dialogs import RatesDialog
from vipdesk.ui.funding.source_editor import SourceEditor
from vipdesk.ui.mail.agreement_mail import PartyDialog
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.mail.reminders_dialog import RemindersDialog
from vipdesk.ui.mail.settings_dialog import MailSettingsDialog
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.institution_editor import InstitutionEditor
from vipdesk.ui.people.organisation_editor import OrganisationEditor
from vipdesk.ui.people.student_editor import StudentEditor
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.placements.status_dialogs import ReasonDialog
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard
from vipdesk.ui.preparation.tool_tests import ToolTestDialog
from vipdesk.ui.preparation.tools_wizard import ToolsWizard
from vipdesk.ui.shell.main_window import MainWindow
from vipdesk.ui.spreadsheets.export_dialog import ExportReportDialog
from vipdesk.ui.spreadsheets.import_dialog import ImportDialog
from vipdesk.ui.today.dialogs import RulesDialog
from vipdesk.ui.trash.dialog import RecentlyDeletedDialog


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    return placement.id


def _problems(root: QWidget) -> list[str]:
    return (
        [f"unnamed: {w}" for w in unnamed(root)]
        + [f"no description: {t}" for t in undescribed_tables(root)]
        + [f"Tab is typed: {t}" for t in tab_traps(root)]
    )


def test_the_main_window_with_every_tab(qtbot: QtBot, db: Database, placement_id: int) -> None:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # lazy tabs build their tables when shown
    assert _problems(window) == []


def test_the_placement_editor_with_every_tab(qtbot: QtBot, db: Database, placement_id: int) -> None:
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    for index in range(editor.side.count()):
        editor.side.setCurrentIndex(index)
    assert _problems(editor) == []


@pytest.mark.parametrize("party", list(ReadinessParty))
def test_the_readiness_wizard(
    qtbot: QtBot, db: Database, placement_id: int, party: ReadinessParty
) -> None:
    wizard = ReadinessWizard(db, placement_id, party, "")
    qtbot.addWidget(wizard)
    assert _problems(wizard) == []


def test_the_tools_wizard(qtbot: QtBot, db: Database, placement_id: int) -> None:
    wizard = ToolsWizard(db, placement_id, "VIP-2027-00001")
    qtbot.addWidget(wizard)
    assert _problems(wizard) == []


def test_the_agreement_wizard(qtbot: QtBot) -> None:
    wizard = AgreementWizard(
        sample_agreement(),
        placement_start=date(2027, 2, 1),
        placement_end=date(2027, 5, 31),
        save=lambda _data: None,
    )
    qtbot.addWidget(wizard)
    assert _problems(wizard) == []


def _dialogs(db: Database, placement_id: int) -> dict[str, QWidget]:
    def ignore(*_args: object) -> None:
        return None

    return {
        "export report": ExportReportDialog(db),
        "import": ImportDialog(db, "students"),
        "send for signature": SendDialog(
            "Learning agreement 1", ["student", "sending", "host"], ignore
        ),
        "record signature": RecordSignatureDialog(
            "host", "Learning agreement 1", typed_approval("Anna Berg"), ignore
        ),
        "decline": DeclineDialog("Learning agreement 1", ["student", "host"], "host", ignore),
        "amend": AmendDialog(ignore),
        "certificate dates": CertificateDatesDialog(date(2027, 2, 1), date(2027, 5, 31), ignore),
        "tool tests": ToolTestDialog(db, placement_id),
        "trusted certificates": TrustedCertificatesDialog(db),
        "reason": ReasonDialog("Override", "Why?"),
        "student": StudentEditor(db),
        "organisation": OrganisationEditor(db),
        "institution": InstitutionEditor(db),
        "contact": ContactEditor(db),
        "cost": CostEditor(db),
        "funding source": SourceEditor(db),
        "work-list rules": RulesDialog(db),
        "recently deleted": RecentlyDeletedDialog(db),
        "rates": RatesDialog(db),
        "e-mail settings": MailSettingsDialog(db),
        "message": ComposeDialog(
            db,
            Draft(
                [make_address("Jürgen Weiß", "hr@firma.example")],
                "Agreement",
                "Text",
                attachments=[Attachment("a.pdf", b"%PDF-1.7")],
            ),
        ),
        "reminders": RemindersDialog(db, ReminderPlan(), MailSettings()),
        "send by e-mail": PartyDialog(
            [("The trainee: the PDF to sign", Party.STUDENT, False)], None
        ),
    }


def test_the_editors_and_dialogs(qtbot: QtBot, db: Database, placement_id: int) -> None:
    found = {}
    for what, dialog in _dialogs(db, placement_id).items():
        qtbot.addWidget(dialog)
        dialog.show()
        if problems := _problems(dialog):
            found[what] = problems
    assert found == {}
