"""Recording signatures on a document out for signature: the order, typed and scanned
approvals with their checks, declines, and the lock with its checklist tick (the scan's own
checks are in `test_scans.py`).

Digital signatures and their verification are tested in `test_workflow.py` and with the
signing module; these tests cover the rest of the round."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PIL import Image

from tests.helpers.agreements import SENT_ON, ready_agreement, signed_agreement, typed_approval
from vipdesk.db import Database
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import DocumentState, SignatureMethod, SignatureState, Status
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.placements.checklist import checklist_state
from vipdesk.services.placements.records import load_placement
from vipdesk.services.signatures.recording import (
    Approval,
    decline,
    record_approval,
    scan_of,
)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "JPEG")
    return out.getvalue()


def sent_agreement(db: Database) -> tuple[int, DocumentView]:
    placement_id, draft = ready_agreement(db)
    return placement_id, send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)


def field_messages(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.field: p.message for p in caught.value.problems}


def test_each_approval_problem_is_named_and_nothing_is_recorded(db: Database) -> None:
    _, sent = sent_agreement(db)
    tomorrow = SENT_ON + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        record_approval(db, sent.id, "student", Approval(" ", email="a@b"), today=SENT_ON)
    assert field_messages(caught) == {
        "name": "Enter the name of the person who signed.",
        "email": "'a@b' is not an e-mail address.",
        "signed_on": "Enter the date of the signature.",
    }
    with pytest.raises(ValidationError) as caught:
        record_approval(db, sent.id, "student", typed_approval("李小龙", tomorrow), today=SENT_ON)
    assert field_messages(caught) == {"signed_on": "The date of the signature is in the future."}
    before = SENT_ON - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        record_approval(db, sent.id, "student", typed_approval("محمد", before), today=SENT_ON)
    assert field_messages(caught)["signed_on"].startswith("The date is before the document was")
    (student, *_) = get_document(db, sent.id).signatures
    assert student.state is SignatureState.PENDING and student.signer_name == ""


def test_a_scan_is_kept_with_its_name_or_a_default_one(db: Database) -> None:
    _, sent = sent_agreement(db)
    with pytest.raises(ValidationError) as caught:
        record_approval(
            db, sent.id, "student", typed_approval("李小龙"), scan=b"GIF89a", today=SENT_ON
        )
    assert field_messages(caught) == {"scan": "The scan is not a PDF, PNG or JPEG file."}
    with pytest.raises(VipdeskError, match="No scan is attached for the trainee"):
        scan_of(db, sent.id, "student")
    picture = jpeg()
    after = record_approval(
        db, sent.id, "student", typed_approval("Łukasz Żółć"), scan=picture, today=SENT_ON
    )
    assert after.signatures[0].method is SignatureMethod.SCANNED
    assert scan_of(db, sent.id, "student") == ("scan-student", picture)
    record_approval(db, sent.id, "sending", typed_approval("Anna Nowak"), today=SENT_ON)
    with pytest.raises(VipdeskError, match="No scan is attached for the sending institution"):
        scan_of(db, sent.id, "sending")  # a typed approval has none


def test_the_order_is_kept_and_a_party_signs_once(db: Database) -> None:
    _, sent = sent_agreement(db)
    with pytest.raises(VipdeskError) as caught:
        record_approval(db, sent.id, "host", typed_approval("Jürgen Weiß"), today=SENT_ON)
    assert str(caught.value) == (
        "The trainee signs first (order: trainee → sending institution → receiving organisation)."
    )
    with pytest.raises(VipdeskError, match="The tutor does not sign the learning agreement 1"):
        record_approval(db, sent.id, "tutor", typed_approval("Ελένη"), today=SENT_ON)
    after = record_approval(db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    assert (after.next_party, after.signatures[0].method) == ("sending", SignatureMethod.TYPED)
    with pytest.raises(VipdeskError, match="The trainee has signed the learning agreement 1"):
        record_approval(db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)


def test_nothing_is_recorded_on_a_draft(db: Database) -> None:
    _, draft = ready_agreement(db)
    with pytest.raises(VipdeskError, match=r"^The learning agreement 1 is not out for signature"):
        record_approval(db, draft.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    with pytest.raises(VipdeskError, match="is not out for signature"):
        decline(db, draft.id, "host", "Not yet.")


def test_a_decline_needs_a_reason_and_a_party_that_signs(db: Database) -> None:
    _, sent = sent_agreement(db)
    record_approval(db, sent.id, "student", typed_approval("Łukasz Żółć"), today=SENT_ON)
    with pytest.raises(ValidationError) as caught:
        decline(db, sent.id, "host", " \n ")
    assert field_messages(caught) == {"reason": "Say why the party declines."}
    with pytest.raises(VipdeskError, match="does not sign"):
        decline(db, sent.id, "tutor", "No.")
    declined = decline(db, sent.id, "sending", "  Tasks unclear.  ", user="محمد")
    student, sending, _host = declined.signatures
    assert (student.state, student.signer_name, student.method) == (
        SignatureState.PENDING,
        "",
        None,
    )
    assert (sending.state, sending.reason, sending.recorded_by) == (
        SignatureState.DECLINED,
        "Tasks unclear.",
        "محمد",
    )
    assert declined.state is DocumentState.SENT and declined.next_party == "student"


def test_the_last_signature_locks_ticks_the_checklist_and_moves_the_placement(
    db: Database,
) -> None:
    placement_id, signed = signed_agreement(db)
    assert signed.state is DocumentState.SIGNED and signed.locked_at is not None
    assert len(signed.final_sha256) == 64
    ticked = {s.item.key: s for s in checklist_state(db, placement_id)}["agreement_signed"]
    assert ticked.done
    assert load_placement(db, placement_id).status is Status.SIGNED
    with pytest.raises(VipdeskError, match="already signed by every party and locked"):
        record_approval(db, signed.id, "host", typed_approval("Again"), today=SENT_ON)


def test_an_approval_keeps_its_trimmed_details(db: Database) -> None:
    _, sent = sent_agreement(db)
    approval = replace(typed_approval("  Łukasz Żółć "), function=" ", email=" lukasz@uw.edu.pl ")
    after = record_approval(db, sent.id, "student", approval, user="anna", today=date.today())
    student = after.signatures[0]
    assert (student.signer_name, student.signer_function, student.signer_email) == (
        "Łukasz Żółć",
        "",
        "lukasz@uw.edu.pl",
    )
    assert student.recorded_by == "anna" and student.signed_on == SENT_ON
