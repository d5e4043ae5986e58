"""The Agreement tab driven end to end on a real database: draft, send, sign, lock, verify.

Modal windows are driven, not skipped: `run_dialog` hands each dialog to the next step of the
test, which fills it and presses its own buttons; the wizard hook calls the wizard's `save`
callback as Next/Finish would; QFileDialog's static methods are patched at the class.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.helpers.certificates import PASSPHRASE, Certificates, make_certificates
from tests.helpers.dialogs import MessageBoxes
from tests.helpers.evidence import prepare_fully
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import add_text_to_first_page, fill_fields
from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.models import DocumentKind, DocumentState, SignatureMethod, SignatureState, Status
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.placements.checklist import set_done
from vipdesk.services.placements.lifecycle import change_status
from vipdesk.services.placements.records import load_placement
from vipdesk.services.signatures.recording import scan_of
from vipdesk.services.signatures.trust import trust_certificates
from vipdesk.ui.agreement.dialogs import (
    AmendDialog,
    CertificateDatesDialog,
    CertificateEditor,
    ReturnedPdfDialog,
)
from vipdesk.ui.agreement.panel import AgreementPanel
from vipdesk.ui.agreement.send_dialog import SendDialog
from vipdesk.ui.agreement.signature_dialogs import (
    RETURNED,
    SCANNED,
    SIGN_HERE,
    DeclineDialog,
    RecordSignatureDialog,
)
from vipdesk.ui.agreement.verification_dialog import VerificationDialog

Step = Callable[[Any], object]
Shot = Callable[[QWidget, str], None]


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """Keys in the names the records give the signers, from a CA the `panel` trusts."""
    names = {"sending": "Anna Nowak", "host": "Jürgen Weiß"}
    return make_certificates(tmp_path_factory.mktemp("keys"), names)


def _ready_placement(db: Database) -> int:
    """A placement in preparation with the records "Agreement sent" needs."""
    created = make_placement(db, make_world(db))
    assert created.id is not None and created.version is not None
    set_done(db, created.id, "selection", True, "tester")
    prepare_fully(db, created.id)
    change_status(db, created.id, Status.PREPARING, created.version, "tester")
    return created.id


def _complete(data: AgreementData) -> AgreementData:
    """What the coordinator types in the wizard: the institution's responsible person."""
    contact = Person("Anna Nowak", "Placement coordinator", "anna@uni.example")
    return replace(data, sending=replace(data.sending, contact=contact))


def _retitled(data: AgreementData) -> AgreementData:
    return replace(data, programme=replace(data.programme, title="Churn analytics traineeship"))


class Driver:
    """Stands in for the user at each modal window, in the order the test expects them."""

    def __init__(self, panel: AgreementPanel) -> None:
        self.steps: list[Step] = []
        self.wizard_calls: list[tuple[AgreementData, bool]] = []
        self.within_placement: list[bool] = []
        self.wizard_edit: Callable[[AgreementData], AgreementData] = _retitled
        panel.run_dialog = self.run_dialog  # type: ignore[method-assign]
        panel.open_wizard = self.open_wizard  # type: ignore[method-assign]

    def run_dialog(self, dialog: QDialog) -> bool:
        assert self.steps, f"unexpected dialog {type(dialog).__name__}"
        self.steps.pop(0)(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    def open_wizard(
        self, data: AgreementData, *, save: Any, read_only: bool, within_placement: bool = True
    ) -> None:
        self.wizard_calls.append((data, read_only))
        self.within_placement.append(within_placement)
        if not read_only:
            first = _complete(data)
            save(first)  # Next on the first page, then Finish with more edits
            save(self.wizard_edit(first))


def press_ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    accept = next(b for b in box.buttons() if box.buttonRole(b) is box.ButtonRole.AcceptRole)
    accept.click()


def patch_files(
    monkeypatch: pytest.MonkeyPatch, *, open_path: Path | None = None, save_path: Path | None = None
) -> None:
    if open_path is not None:
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(open_path), ""))
        )
    if save_path is not None:
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(save_path), ""))
        )


def keep_and_close(kept: list[Any]) -> Step:
    def step(dialog: QDialog) -> None:
        kept.append(dialog)
        dialog.reject()

    return step


def keep_and_press_ok(kept: list[Any]) -> Step:
    def step(dialog: QDialog) -> None:
        kept.append(dialog)
        press_ok(dialog)

    return step


@pytest.fixture
def shot(qtbot: QtBot) -> Shot:
    """Pictures to look at, in the test's tmp_path (layouts settle first, as on screen)."""

    def take(widget: QWidget, name: str) -> None:
        widget.show()
        QApplication.processEvents()
        qtbot.screenshot(widget, name)

    return take


@pytest.fixture
def panel(qtbot: QtBot, db: Database, keys: Certificates) -> AgreementPanel:
    trust_certificates(db, keys.ca_pem)  # the office's own CA
    widget = AgreementPanel(db)
    qtbot.addWidget(widget)
    widget.resize(560, 720)
    widget.show()
    widget.show_placement(_ready_placement(db))
    return widget


def table_text(panel: AgreementPanel, signatures: bool = False) -> list[list[str]]:
    model = panel.signature_model if signatures else panel.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def draft_and_send(
    panel: AgreementPanel, driver: Driver, order: tuple[str, ...], shot: Shot
) -> None:
    panel.buttons["edit"].click()
    (document,) = panel.documents
    assert document.state is DocumentState.DRAFT

    def send(dialog: SendDialog) -> None:
        assert dialog.order() == ("student", "sending", "host")  # the default
        dialog.set_order(order)
        shot(dialog, "d-send")
        press_ok(dialog)

    driver.steps.append(send)
    panel.buttons["send"].click()


def record(method: str, **fields: Any) -> Step:
    def step(dialog: RecordSignatureDialog) -> None:
        dialog.set_method(method)
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        press_ok(dialog)

    return step


# --- tests ---------------------------------------------------------------------------------


def test_empty_state_says_what_to_do_and_drafting_starts_version_1(
    panel: AgreementPanel,
    shot: Shot,
) -> None:
    assert panel.empty.isVisible() and "Draft the agreement" in panel.empty.text()
    assert panel.buttons["edit"].text() == "&Draft agreement…"
    assert not panel.buttons["send"].isEnabled()
    assert panel.buttons["send"].toolTip() == "Select a document in the list first."
    assert "signed by every party" in panel.buttons["amend"].toolTip()
    shot(panel, "1-empty")
    driver = Driver(panel)
    panel.buttons["edit"].click()
    (call,) = driver.wizard_calls
    assert call[0].trainee.name == "Łukasz Żółć" and call[1] is False
    (document,) = documents_of(panel.db, panel.placement_id)  # type: ignore[arg-type]
    assert document.agreement.sending.contact.name == "Anna Nowak"  # both saves went through
    assert document.agreement.programme.title == "Churn analytics traineeship"
    assert document.row_version == 3  # created, then saved twice with the latest version
    assert table_text(panel) == [["Learning agreement version 1", "Draft", "", "", ""]]
    assert not panel.empty.isVisible()
    assert panel.buttons["edit"].text() == "Edit &draft…"
    assert panel.buttons["send"].isEnabled() and not panel.buttons["record"].isEnabled()
    assert panel.buttons["record"].toolTip() == "It is not out for signature."
    shot(panel, "2-draft")


def test_send_problems_are_listed_by_section(panel: AgreementPanel, shot: Shot) -> None:
    driver = Driver(panel)
    driver.wizard_edit = lambda data: replace(data, programme=replace(data.programme, tasks=()))
    panel.buttons["edit"].click()
    seen: list[str] = []

    def send(dialog: SendDialog) -> None:
        press_ok(dialog)
        shot(dialog, "d-send-problems")
        seen.append(dialog.problems.text())
        assert dialog.result() != QDialog.DialogCode.Accepted  # stays open to read
        dialog.reject()

    driver.steps.append(send)
    panel.buttons["send"].click()
    assert "Tasks and deliverables — " in seen[0]
    assert panel.documents[0].state is DocumentState.DRAFT


def test_mixed_signatures_lock_the_agreement_and_the_final_pdf_verifies(
    panel: AgreementPanel,
    keys: Certificates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    shot: Shot,
) -> None:
    changed: list[int] = []
    panel.changed.connect(changed.append)
    driver = Driver(panel)
    draft_and_send(panel, driver, ("host", "student", "sending"), shot)
    sent = panel.selected()
    assert sent is not None and sent.state is DocumentState.SENT
    assert sent.order == ("host", "student", "sending")
    assert load_placement(panel.db, sent.placement_id).status is Status.AGREEMENT_SENT
    assert changed and "Next to sign: <b>Receiving organisation</b>" in panel.details.text()
    assert table_text(panel)[0][1] == "Out for signature"
    shot(panel, "3-sent")

    # The host approves in writing: the dialog names the party, prefilled from the agreement.
    def typed(dialog: RecordSignatureDialog) -> None:
        assert "Receiving organisation" in dialog.windowTitle()
        assert dialog.name.text() == "Jürgen Weiß"
        dialog.function.setText("Head of analytics")
        press_ok(dialog)

    driver.steps.append(typed)
    panel.buttons["record"].click()
    # The trainee signed on paper: the scan is attached.
    scan = tmp_path / "signed page.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan))
    patch_files(monkeypatch, open_path=scan)

    def paper(dialog: RecordSignatureDialog) -> None:
        dialog.set_method(SCANNED)
        dialog.browse_button.click()
        assert dialog.file.text() == str(scan)
        shot(dialog, "d-record-paper")
        press_ok(dialog)

    driver.steps.append(paper)
    panel.buttons["record"].click()
    rows = table_text(panel, signatures=True)
    today = f"{date.today():%d %b %Y}"
    assert rows[0][:4] == ["Receiving organisation", "Signed", "Jürgen Weiß", today]
    assert rows[0][4] == "Typed approval" and rows[0][6] == "Head of analytics"
    assert rows[1][4] == "Paper signature (scan attached)"
    shot(panel, "4-two-signed")
    # The scan can be saved again from the table.
    panel.select_signature("student")
    assert panel.buttons["scan"].isEnabled()
    patch_files(monkeypatch, save_path=tmp_path / "copy.png")
    panel.buttons["scan"].click()
    assert (
        (tmp_path / "copy.png").read_bytes()
        == scan.read_bytes()
        == scan_of(panel.db, sent.id, "student")[1]
    )

    # The institution signs here with its .p12; the passphrase is not kept in the dialog.
    patch_files(monkeypatch, open_path=keys.path("sending"))
    kept: list[str] = []

    def sign_here(dialog: RecordSignatureDialog) -> None:
        dialog.set_method(SIGN_HERE)
        dialog.browse_button.click()
        record(SIGN_HERE, passphrase=PASSPHRASE.decode())(dialog)
        kept.append(dialog.passphrase.text())

    driver.steps.append(sign_here)
    panel.buttons["record"].click()
    assert kept == [""]
    locked = panel.selected()
    assert locked is not None and locked.state is DocumentState.SIGNED
    assert [s.method for s in locked.signatures] == [
        SignatureMethod.TYPED,
        SignatureMethod.SCANNED,
        SignatureMethod.DIGITAL,
    ]
    archived = final_pdf(panel.db, locked.id)
    digest = hashlib.sha256(archived).hexdigest()
    assert locked.final_sha256 == digest
    assert table_text(panel)[0][1:5:3] == ["Signed and locked", digest[:12]]
    assert digest in panel.details.text()
    assert any(digest in text for text in message_boxes.texts())
    assert load_placement(panel.db, locked.placement_id).status is Status.SIGNED
    assert panel.buttons["amend"].isEnabled() and not panel.buttons["record"].isEnabled()
    shot(panel, "5-locked")

    # Save the final PDF, verify it, then a copy someone altered.
    saved = tmp_path / "final.pdf"
    patch_files(monkeypatch, save_path=saved)
    panel.buttons["pdf"].click()
    assert saved.read_bytes() == archived
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(add_text_to_first_page(archived, "Hours per week: 40"))
    shown: list[VerificationDialog] = []
    driver.steps += [keep_and_close(shown)] * 2
    for path in (saved, altered):
        patch_files(monkeypatch, open_path=path)
        panel.buttons["verify"].click()
    verdicts = [d.text.text() for d in shown]
    assert "This is the archived final PDF" in verdicts[0]
    assert "differs from the archived final PDF" in verdicts[1]
    assert "This is the archived" not in verdicts[1]


def test_digital_signatures_returned_and_an_altered_copy_shows_altered(
    panel: AgreementPanel,
    keys: Certificates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shot: Shot,
) -> None:
    from vipdesk.documents.agreement.signature_block import Party
    from vipdesk.documents.signatures.signing import sign_agreement

    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    document = panel.selected()
    assert document is not None
    # The trainee signs the PDF we sent in their own reader and sends it back.
    sent = tmp_path / "sent.pdf"
    patch_files(monkeypatch, save_path=sent)
    panel.buttons["pdf"].click()
    assert sent.read_bytes() == document_pdf(panel.db, document.id)
    returned = tmp_path / "returned.pdf"
    signed = sign_agreement(
        sent.read_bytes(), party=Party.STUDENT, pkcs12=keys.p12["student"], passphrase=PASSPHRASE
    )
    returned.write_bytes(signed.pdf)
    patch_files(monkeypatch, open_path=returned)
    driver.steps.append(lambda d: (d.browse_button.click(), record(RETURNED)(d)))
    panel.buttons["record"].click()
    for party in ("sending", "host"):
        patch_files(monkeypatch, open_path=keys.path(party))
        driver.steps.append(
            lambda d: (d.browse_button.click(), record(SIGN_HERE, passphrase="x")(d))
        )
        wrong: list[str] = []

        def wrong_then_right(dialog: RecordSignatureDialog, wrong: list[str] = wrong) -> None:
            dialog.set_method(SIGN_HERE)
            dialog.browse_button.click()
            dialog.passphrase.setText("wrong")
            press_ok(dialog)
            wrong.append(dialog.banner.text())
            record(SIGN_HERE, passphrase=PASSPHRASE.decode())(dialog)

        driver.steps[-1] = wrong_then_right
        panel.buttons["record"].click()
        assert "passphrase is wrong" in wrong[0]
    locked = panel.selected()
    assert locked is not None and locked.state is DocumentState.SIGNED
    assert {s.method for s in locked.signatures} == {SignatureMethod.DIGITAL}
    final = tmp_path / "final.pdf"
    final.write_bytes(final_pdf(panel.db, locked.id))
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(add_text_to_first_page(final.read_bytes(), "Hours per week: 40"))
    shown: list[VerificationDialog] = []
    driver.steps += [keep_and_close(shown)] * 2
    for path in (final, altered):
        patch_files(monkeypatch, open_path=path)
        panel.buttons["verify"].click()
    intact, changed = (d.verification for d in shown)
    assert len(intact.checks) == 3 and not intact.altered and intact.is_archive
    assert "Every signature is intact" in shown[0].text.text()
    assert changed.altered and not changed.is_archive
    assert "ALTERED" in shown[1].text.text()
    shot(shown[1], "6-verify-altered")


def test_a_decline_resets_the_others_and_a_new_version_follows(
    panel: AgreementPanel, message_boxes: MessageBoxes, shot: Shot
) -> None:
    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    driver.steps.append(record("typed"))
    panel.buttons["record"].click()
    assert table_text(panel, signatures=True)[0][1] == "Signed"

    def decline(dialog: DeclineDialog) -> None:
        assert dialog.party.currentData() == "sending"  # the next to sign
        press_ok(dialog)  # no reason yet
        assert dialog.reason_error.text() == "Say why the party declines."
        dialog.party.setCurrentIndex(dialog.party.findData("host"))
        dialog.reason.setPlainText("The tasks need a second look.")
        shot(dialog, "d-decline")
        press_ok(dialog)  # the confirmation is answered No: nothing happens
        assert dialog.result() != QDialog.DialogCode.Accepted
        message_boxes.answers.append(QMessageBox.StandardButton.Yes)
        press_ok(dialog)

    driver.steps.append(decline)
    panel.buttons["decline"].click()
    assert any("Every signature recorded so far" in t for t in message_boxes.texts())
    states = [row[1] for row in table_text(panel, signatures=True)]
    assert states == ["Pending", "Pending", "Declined"]
    assert table_text(panel, signatures=True)[2][5] == "The tasks need a second look."
    assert "Declined by the receiving organisation" in panel.details.text()
    shot(panel, "7-declined")
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    panel.buttons["new_version"].click()
    assert [(d.number, d.state) for d in panel.documents] == [
        (1, DocumentState.SUPERSEDED),
        (2, DocumentState.DRAFT),
    ]
    assert panel.selected() is not None and panel.selected().number == 2  # type: ignore[union-attr]


def test_bad_signature_entries_are_shown_beside_their_fields(
    panel: AgreementPanel, shot: Shot
) -> None:
    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    messages: dict[str, str] = {}

    def bad(dialog: RecordSignatureDialog) -> None:
        dialog.name.setText(" ")
        dialog.email.setText("not-an-address")
        press_ok(dialog)
        shot(dialog, "d-record-problems")
        messages.update({k: e.text() for k, e in dialog.errors.items() if not e.isHidden()})
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.reject()

    driver.steps.append(bad)
    panel.buttons["record"].click()
    assert messages["name"] == "Enter the name of the person who signed."
    assert "not an e-mail address" in messages["email"]
    assert all(s.state is SignatureState.PENDING for s in panel.documents[0].signatures)


def test_hr_returns_the_fillable_pdf_with_changes_to_accept_one_by_one(
    panel: AgreementPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shot: Shot
) -> None:
    driver = Driver(panel)
    panel.buttons["edit"].click()
    fillable = tmp_path / "for HR.pdf"
    patch_files(monkeypatch, save_path=fillable)
    panel.buttons["fillable"].click()
    filled = tmp_path / "returned.pdf"
    filled.write_bytes(
        fill_fields(
            fillable.read_bytes(),
            {"host_department": "Data Science", "mentor_position": "Team lead"},
        )
    )
    patch_files(monkeypatch, open_path=filled)
    labels: list[list[str]] = []

    def review(dialog: ReturnedPdfDialog) -> None:
        labels.append(
            [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]  # type: ignore[union-attr]
        )
        dialog.set_accepted(["host_department"])  # the position is rejected
        shot(dialog, "d-returned")
        press_ok(dialog)

    driver.steps.append(review)
    panel.buttons["returned"].click()
    assert labels == [["Department", "Mentor: position"]]
    (document,) = panel.documents  # the open draft takes the accepted change
    assert document.agreement.receiving.department == "Data Science"
    assert document.agreement.receiving.mentor.position != "Team lead"
    assert "Department" in document.note


def test_the_returned_sent_pdf_offers_to_record_its_digital_signature(
    panel: AgreementPanel,
    keys: Certificates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shot: Shot,
) -> None:
    from vipdesk.documents.agreement.signature_block import Party
    from vipdesk.documents.signatures.signing import sign_agreement

    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    document = panel.selected()
    assert document is not None
    returned = tmp_path / "returned.pdf"
    returned.write_bytes(
        sign_agreement(
            document_pdf(panel.db, document.id),
            party=Party.STUDENT,
            pkcs12=keys.p12["student"],
            passphrase=PASSPHRASE,
        ).pdf
    )
    patch_files(monkeypatch, open_path=returned)
    offered: list[list[str]] = []

    def review(dialog: ReturnedPdfDialog) -> None:
        offered.append(list(dialog.record_boxes))
        assert dialog.parties_to_record() == ["student"]  # ticked: no field changed
        press_ok(dialog)

    driver.steps.append(review)
    panel.buttons["returned"].click()
    assert offered == [["student"]]
    first = panel.selected().signatures[0]  # type: ignore[union-attr]
    assert (first.state, first.method) == (SignatureState.SIGNED, SignatureMethod.DIGITAL)


def test_amendment_and_certificate_after_the_agreement_is_locked(
    panel: AgreementPanel, monkeypatch: pytest.MonkeyPatch, shot: Shot
) -> None:
    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    driver.steps += [record("typed")] * 3
    for _ in range(3):
        panel.buttons["record"].click()
    assert panel.documents[0].state is DocumentState.SIGNED

    def amend(dialog: AmendDialog) -> None:
        press_ok(dialog)
        assert "Say why" in dialog.error.text()
        dialog.reason.setPlainText("The project moved to a new team.")
        press_ok(dialog)

    driver.wizard_edit = lambda d: replace(d, programme=replace(d.programme, hours_per_week=25))
    driver.steps.append(amend)
    panel.buttons["amend"].click()
    amendment = panel.selected()
    assert amendment is not None and amendment.kind is DocumentKind.AMENDMENT
    assert amendment.agreement.programme.hours_per_week == 25
    assert amendment.note == "The project moved to a new team."
    assert driver.within_placement == [True, False]  # an amendment may move the period

    def dates(dialog: CertificateDatesDialog) -> None:
        assert dialog.actual_start.date().toPython() == date(2027, 2, 1)  # the planned dates
        dialog.set_dates(date(2027, 2, 3), date(2027, 5, 28))
        press_ok(dialog)

    def content(dialog: CertificateEditor) -> None:
        assert dialog.tasks.toPlainText().strip()  # the agreed tasks, to strike or reword
        dialog.outcomes.setPlainText("Cleans data\n\nBuilds churn models\n")
        dialog.evaluation.setPlainText("Reliable and curious.")
        dialog.assessment.setText("Excellent")
        shot(dialog, "d-certificate")
        press_ok(dialog)

    driver.steps += [dates, content]
    panel.buttons["certificate"].click()
    certificate = panel.selected()
    assert certificate is not None and certificate.kind is DocumentKind.CERTIFICATE
    content_ = certificate.content
    assert content_["actual_start"] == "2027-02-03" and content_["actual_end"] == "2027-05-28"
    assert content_["learning_outcomes"] == ["Cleans data", "Builds churn models"]
    assert (content_["evaluation"], content_["assessment"]) == (
        "Reliable and curious.",
        "Excellent",
    )
    shot(panel, "8-certificate")
    # Send the certificate (the host alone signs it), then View shows it read-only.
    dialogs: list[Any] = []
    driver.steps += [keep_and_press_ok(dialogs), keep_and_close(dialogs)]
    panel.buttons["send"].click()
    panel.buttons["view"].click()
    send, view = dialogs
    assert send.order() == ("host",)
    assert panel.selected().state is DocumentState.SENT  # type: ignore[union-attr]
    assert isinstance(view, CertificateEditor) and view.tasks.isReadOnly()


def test_the_placement_editor_has_the_agreement_tab_and_follows_its_status(
    qtbot: QtBot, db: Database, shot: Shot
) -> None:
    from vipdesk.ui.placements.editor import PlacementEditor

    placement_id = _ready_placement(db)
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    tabs = [editor.side.tabText(i) for i in range(editor.side.count())]
    assert "Agreement" in tabs
    editor.side.setCurrentWidget(editor.agreement)
    panel = editor.agreement
    assert panel.placement_id == placement_id and panel.empty.isVisible()
    driver = Driver(panel)
    draft_and_send(panel, driver, ("student", "sending", "host"), shot)
    assert editor._form.status is Status.AGREEMENT_SENT
    assert editor._form.version == load_placement(db, placement_id).version
    assert not editor.is_dirty()
    shot(editor, "9-editor")


def test_the_real_wizard_edits_drafts_and_shows_sent_versions_read_only(
    panel: AgreementPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vipdesk.ui.agreement.wizard.wizard import AgreementWizard

    opened: list[AgreementWizard] = []

    def run(wizard: AgreementWizard) -> int:
        opened.append(wizard)
        if not wizard.read_only:
            wizard._save_draft(_complete(wizard.current_data()))  # what Finish hands over
        return 0

    monkeypatch.setattr(AgreementWizard, "exec", run)
    panel.buttons["edit"].click()
    assert not opened[0].read_only
    assert panel.documents[0].agreement.sending.contact.name == "Anna Nowak"
    driver = Driver(panel)
    del panel.open_wizard  # the Driver stood in for it: back to the real wizard for View
    driver.steps.append(press_ok)
    panel.buttons["send"].click()
    panel.buttons["view"].click()
    assert opened[1].read_only and "read-only" in opened[1].windowTitle()
