"""Agreement documents in the database: drafts, versions, signature rounds, lock, amendments."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement, typed_approval
from tests.helpers.certificates import PASSPHRASE, Certificates, make_certificates
from tests.helpers.pdf_tools import pdf_text
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError, VipdeskError
from vipdesk.models import DocumentKind, DocumentState, SignatureMethod, SignatureState, Status
from vipdesk.services.agreements.queries import documents_of, get_document
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.agreements.workflow import (
    DocumentFrozenError,
    new_version,
    open_draft,
    save_agreement_draft,
    send_for_signature,
)
from vipdesk.services.placements.history import record_history
from vipdesk.services.placements.records import load_placement
from vipdesk.services.signatures.recording import (
    Approval,
    decline,
    record_approval,
    record_digital,
    scan_of,
    sign_here,
)
from vipdesk.services.signatures.trust import trust_certificates


def _png() -> bytes:
    """A small scanned signature: a dark stroke on white."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (240, 80), "white")
    ImageDraw.Draw(picture).line([(10, 60), (80, 20), (150, 55), (230, 15)], "navy", 4)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """Keys in the names the records give the signers (see `ready_agreement`)."""
    names = {"sending": "Anna Nowak", "host": "Jürgen Weiß"}
    return make_certificates(tmp_path_factory.mktemp("keys"), names)


def test_a_draft_starts_from_the_records_and_keeps_what_is_saved(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    assert (draft.kind, draft.number, draft.state) == (DocumentKind.AGREEMENT, 1, "draft")
    assert draft.agreement.trainee.name == "Łukasz Żółć"
    assert open_draft(db, placement_id).id == draft.id  # the same draft, not a second one
    edited = replace(draft.agreement, programme=replace(draft.agreement.programme, title="X"))
    saved = save_agreement_draft(db, draft.id, edited, draft.row_version, "tester")
    assert saved.agreement.programme.title == "X"
    with pytest.raises(ConflictError):  # a stale copy does not overwrite
        save_agreement_draft(db, draft.id, edited, draft.row_version, "other")


def test_sending_checks_every_section_and_changes_nothing_on_a_problem(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    empty = replace(draft.agreement, programme=replace(draft.agreement.programme, tasks=()))
    draft = save_agreement_draft(db, draft.id, empty, draft.row_version, "tester")
    with pytest.raises(ValidationError) as caught:
        send_for_signature(db, draft.id, draft.row_version, user="tester", today=SENT_ON)
    assert any("task" in p.message.lower() for p in caught.value.problems)
    (stored,) = documents_of(db, placement_id)
    assert stored.state is DocumentState.DRAFT and stored.signatures == ()
    assert load_placement(db, placement_id).status is Status.PREPARING


def test_an_agreement_without_tools_is_not_sent(db: Database) -> None:
    """Issue 16: the Technology section must never be empty in what the parties sign."""
    placement_id, draft = ready_agreement(db)
    assert draft.agreement.tools
    draft = save_agreement_draft(
        db, draft.id, replace(draft.agreement, tools=()), draft.row_version, "tester"
    )  # a draft may wait for its tools
    with pytest.raises(ValidationError) as caught:
        send_for_signature(db, draft.id, draft.row_version, user="tester", today=SENT_ON)
    (problem,) = [p for p in caught.value.problems if p.field == "technology.tools"]
    assert "meetings face to face" in problem.message
    assert documents_of(db, placement_id)[0].state is DocumentState.DRAFT


def test_sending_freezes_the_version_and_moves_the_placement(db: Database, tmp_path: Path) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, user="tester", today=SENT_ON)
    assert sent.state is DocumentState.SENT and len(sent.content_hash) == 64
    assert [s.party for s in sent.signatures] == ["student", "sending", "host"]
    assert all(s.state is SignatureState.PENDING for s in sent.signatures)
    assert load_placement(db, placement_id).status is Status.AGREEMENT_SENT
    text = pdf_text(document_pdf(db, sent.id), tmp_path)
    assert "Łukasz Żółć" in text and "Version 1" in text
    with pytest.raises(DocumentFrozenError):
        save_agreement_draft(db, sent.id, sent.agreement, sent.row_version, "tester")


def test_the_order_is_kept_and_configurable(db: Database) -> None:
    _, draft = ready_agreement(db)
    order = ["host", "student", "sending"]
    sent = send_for_signature(db, draft.id, draft.row_version, order=order, today=SENT_ON)
    assert sent.order == ("host", "student", "sending")
    with pytest.raises(VipdeskError, match="receiving organisation signs first"):
        record_approval(db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    after = record_approval(db, sent.id, "host", typed_approval("Jürgen Weiß"), today=SENT_ON)
    assert after.next_party == "student"


def test_three_signatures_of_mixed_kinds_lock_and_archive_the_agreement(
    any_db: Database, keys: Certificates, tmp_path: Path
) -> None:
    placement_id, draft = ready_agreement(any_db)
    trust_certificates(any_db, keys.ca_pem)
    sent = send_for_signature(any_db, draft.id, draft.row_version, user="tester", today=SENT_ON)
    record_approval(
        any_db, sent.id, "student", typed_approval("Łukasz Żółć"), user="anna", today=SENT_ON
    )
    sign_here(any_db, sent.id, "sending", keys.p12["sending"], PASSPHRASE, user="anna")
    from vipdesk.documents.signatures.verification import verify_signatures

    so_far = verify_signatures(document_pdf(any_db, sent.id), "so-far.pdf", [keys.ca_pem])
    assert [(c.party.value if c.party else "", c.holds) for c in so_far] == [("sending", True)]
    done = record_approval(
        any_db,
        sent.id,
        "host",
        typed_approval("Jürgen Weiß"),
        scan=PNG,
        scan_name="signed page.png",
        user="anna",
        today=date.today(),
    )
    assert done.state is DocumentState.SIGNED and done.locked_at is not None
    methods = [s.method for s in done.signatures]
    assert methods == [SignatureMethod.TYPED, SignatureMethod.DIGITAL, SignatureMethod.SCANNED]
    archived = final_pdf(any_db, sent.id)
    assert hashlib.sha256(archived).hexdigest() == done.final_sha256
    text = pdf_text(archived, tmp_path)
    assert "Approved in writing" in text and "Signed on paper" in text
    assert "Signed digitally" in text and "Recorded by anna" in text
    assert scan_of(any_db, sent.id, "host") == ("signed page.png", PNG)
    placement = load_placement(any_db, placement_id)
    assert placement.status is Status.SIGNED
    with pytest.raises(DocumentFrozenError, match="amendment"):
        new_version(any_db, placement_id, "tester")
    with pytest.raises(VipdeskError, match="already signed"):
        record_approval(any_db, sent.id, "host", typed_approval("Again"), today=date.today())


def test_all_digital_signatures_archive_the_signed_file_itself(
    db: Database, keys: Certificates
) -> None:
    from vipdesk.documents.signatures.verification import verify_signatures

    _, draft = ready_agreement(db)
    trust_certificates(db, keys.ca_pem)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    for party in ("student", "sending", "host"):
        done = sign_here(db, sent.id, party, keys.p12[party], PASSPHRASE, user="anna")
    checks = verify_signatures(final_pdf(db, sent.id), "final.pdf", [keys.ca_pem])
    assert [c.party.value for c in checks if c.party] == ["student", "sending", "host"]
    assert all(c.holds for c in checks)
    assert done.state is DocumentState.SIGNED


def test_a_returned_file_must_be_the_one_sent(db: Database, keys: Certificates) -> None:
    from vipdesk.documents.agreement.signature_block import Party
    from vipdesk.documents.signatures.signing import sign_agreement

    _, first = ready_agreement(db)
    _, other = ready_agreement(db)
    sent = send_for_signature(db, first.id, first.row_version, today=SENT_ON)
    other_sent = send_for_signature(db, other.id, other.row_version, today=SENT_ON)
    foreign = sign_agreement(
        document_pdf(db, other_sent.id),
        party=Party.STUDENT,
        pkcs12=keys.p12["student"],
        passphrase=PASSPHRASE,
    )
    with pytest.raises(VipdeskError, match="not the learning agreement 1 as sent"):
        record_digital(db, sent.id, "student", foreign.pdf, name="returned.pdf")
    assert documents_of(db, sent.placement_id)[0].signatures[0].state is SignatureState.PENDING


def test_declining_records_the_reason_and_resets_the_others(
    any_db: Database, keys: Certificates
) -> None:
    placement_id, draft = ready_agreement(any_db)
    trust_certificates(any_db, keys.ca_pem)
    sent = send_for_signature(any_db, draft.id, draft.row_version, today=SENT_ON)
    record_approval(any_db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    sign_here(any_db, sent.id, "sending", keys.p12["sending"], PASSPHRASE)
    with pytest.raises(ValidationError):
        decline(any_db, sent.id, "host", "  ")
    declined = decline(any_db, sent.id, "host", "The tasks need a second look.", user="anna")
    states = {s.party: s.state for s in declined.signatures}
    assert states == {"student": "pending", "sending": "pending", "host": "declined"}
    assert declined.declined is not None and declined.declined.reason.startswith("The tasks")
    assert declined.next_party == "student"
    # The coordinator reworks it as version 2; version 1 stays, superseded.
    second = new_version(any_db, placement_id, "anna", note="Tasks reworded after the decline")
    assert (second.number, second.state) == (2, DocumentState.DRAFT)
    versions = [(d.number, d.state) for d in documents_of(any_db, placement_id)]
    assert versions == [(1, DocumentState.SUPERSEDED), (2, DocumentState.DRAFT)]
    history = " ".join(e.summary for e in record_history(any_db, "placement", placement_id))
    assert "signature of the host" in history


def test_a_bad_approval_or_scan_is_refused_with_every_problem(db: Database) -> None:
    _, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    with pytest.raises(ValidationError) as caught:
        record_approval(
            db,
            sent.id,
            "student",
            Approval("", email="not-an-address", signed_on=date(2027, 1, 9)),
            scan=b"GIF89a",
            scan_name="x.gif",
            today=SENT_ON,
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {"name", "email", "signed_on", "scan"}


def test_two_coordinators_recording_at_once_do_not_mix(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vipdesk.services.signatures import recording as signatures

    _, draft = ready_agreement(any_db)
    sent = send_for_signature(any_db, draft.id, draft.row_version, today=SENT_ON)
    opened = signatures._open_signature

    def meanwhile(row: object, party: str) -> object:
        found = opened(row, party)  # type: ignore[arg-type]
        monkeypatch.setattr(signatures, "_open_signature", opened)
        # Another coordinator records the trainee's approval in the same moment.
        record_approval(any_db, sent.id, "student", typed_approval("Other"), today=SENT_ON)
        return found

    monkeypatch.setattr(signatures, "_open_signature", meanwhile)
    with pytest.raises(ConflictError):
        record_approval(any_db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    (student, *_) = documents_of(any_db, sent.placement_id)[0].signatures
    assert student.signer_name == "Other"


def test_a_draft_saved_racing_another_between_read_and_write_is_a_conflict(
    any_db: Database,
) -> None:
    """Issue 19: the version check in the UPDATE raised a raw StaleDataError."""
    _placement_id, draft = ready_agreement(any_db)
    anna = replace(draft.agreement, programme=replace(draft.agreement.programme, title="Anna's"))
    ben = replace(draft.agreement, programme=replace(draft.agreement.programme, title="Ben's"))
    with (
        before_next_flush(
            lambda: save_agreement_draft(any_db, draft.id, anna, draft.row_version, "anna")
        ),
        pytest.raises(ConflictError),
    ):
        save_agreement_draft(any_db, draft.id, ben, draft.row_version, "ben")
    assert get_document(any_db, draft.id).agreement.programme.title == "Anna's"
