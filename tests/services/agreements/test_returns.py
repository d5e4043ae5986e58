"""A fillable agreement returned by company HR: reviewed field by field, accepted as a version."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.helpers import forgeries
from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import PASSPHRASE, Certificates
from tests.helpers.pdf_tools import fill_fields
from vipdesk.db import Database
from vipdesk.documents.agreement.content import Task
from vipdesk.documents.agreement.form import FIELD_LABELS
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.agreement.task_lines import task_line
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import DocumentState
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.returns import (
    accept_changes,
    apply_host_fields,
    parse_amount,
    returned_changes,
)
from vipdesk.services.agreements.workflow import new_version, send_for_signature


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("350.00 EUR", (Decimal("350.00"), "EUR")),
        ("1,250.50", (Decimal("1250.50"), None)),
        ("350,5 pln", (Decimal("350.5"), "PLN")),
        ("", (None, None)),
    ],
)
def test_amounts_are_read_as_hr_writes_them(text: str, expected: tuple[object, object]) -> None:
    assert parse_amount(text) == expected


def test_hr_changes_are_listed_and_the_accepted_ones_become_a_new_version(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    exported = render_agreement(sent.agreement, fillable=True)
    returned = fill_fields(
        exported,
        {
            "host_department": "Data Science — Team Kraków",
            "mentor_email": "j.weiss@nordlicht.example",
            "financial_support": "yes",
            "financial_amount": "300.00 EUR",
        },
    )
    review = returned_changes(db, placement_id, returned, "returned.pdf")
    assert {c.field for c in review.changes} == {
        "host_department",
        "mentor_email",
        "financial_support",
        "financial_amount",
    }
    assert review.document_id == sent.id and not review.made_from_older_draft
    assert documents_of(db, placement_id)[0].state is DocumentState.SENT  # nothing stored yet
    with pytest.raises(ValidationError):
        accept_changes(db, placement_id, review, [], "anna")
    second = accept_changes(
        db, placement_id, review, ["host_department", "financial_support", "financial_amount"]
    )
    data = second.agreement
    assert (second.number, second.state) == (2, DocumentState.DRAFT)
    assert data.receiving.department == "Data Science — Team Kraków"
    assert data.host.financial_support and data.host.amount == Decimal("300.00")
    assert data.receiving.mentor.email == sent.agreement.receiving.mentor.email  # rejected
    assert "returned.pdf" in second.note
    assert [d.state for d in documents_of(db, placement_id)] == [
        DocumentState.SUPERSEDED,
        DocumentState.DRAFT,
    ]


def test_another_placements_file_is_refused_and_changes_nothing(db: Database) -> None:
    first_id, _ = ready_agreement(db)
    _, other = ready_agreement(db)
    exported = render_agreement(other.agreement, fillable=True)
    with pytest.raises(VipdeskError, match="not of"):
        returned_changes(db, first_id, exported, "other.pdf")
    with pytest.raises(VipdeskError, match="cannot be read as a PDF"):
        returned_changes(db, first_id, b"%PDF-1.4 nonsense", "broken.pdf")
    assert [d.number for d in documents_of(db, first_id)] == [1]


def test_a_file_of_a_sent_version_with_other_content_is_refused(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    changed = replace(
        sent.agreement, programme=replace(sent.agreement.programme, title="Something else")
    )
    with pytest.raises(VipdeskError, match="made from other content"):
        returned_changes(db, placement_id, render_agreement(changed, fillable=True), "x.pdf")


def test_an_unreadable_amount_is_named_and_nothing_is_applied(db: Database) -> None:
    _, draft = ready_agreement(db)
    with pytest.raises(ValidationError) as caught:
        apply_host_fields(draft.agreement, {"financial_amount": "three hundred"})
    assert caught.value.problems[0].field == "financial_amount"


def test_over_long_values_returned_by_hr_are_refused_and_nothing_is_stored(db: Database) -> None:
    """Issue 19: a 100 KB mentor name or a 100,000-digit amount was accepted, then broke export."""
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    exported = render_agreement(sent.agreement, fillable=True)
    returned = fill_fields(
        exported,
        {"mentor_name": "M" * 100_000, "financial_amount": "9" * 100_000 + " EUR"},
    )
    review = returned_changes(db, placement_id, returned, "returned.pdf")
    with pytest.raises(ValidationError) as caught:
        accept_changes(db, placement_id, review, ["mentor_name", "financial_amount"], "anna")
    assert [str(p.message) for p in caught.value.problems] == [
        "The returned mentor name is longer than 200 characters (it has 100,000).",
        "The returned financial amount is longer than 20 characters (it has 100,004).",
    ]
    assert [d.state for d in documents_of(db, placement_id)] == [DocumentState.SENT]


def test_a_returned_task_list_too_long_for_an_agreement_is_refused(db: Database) -> None:
    _, draft = ready_agreement(db)
    tasks = "\n".join(task_line(n, Task(f"Task {n}")) for n in range(1, 151))
    data = apply_host_fields(draft.agreement, {"tasks": tasks})
    assert len(data.programme.tasks) == 150
    placement_id = draft.agreement.placement_id
    assert placement_id is not None
    with pytest.raises(
        ValidationError, match="Tasks has 150 items; an agreement holds at most 100"
    ):
        new_version(db, placement_id, "anna", data=data)


def test_a_returned_file_whose_signature_does_not_hold_is_refused(
    db: Database, certificates: Certificates
) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    exported = render_agreement(sent.agreement, fillable=True)
    signed = sign_agreement(
        exported, party=Party.HOST, pkcs12=certificates.p12["host"], passphrase=PASSPHRASE
    ).pdf
    review = returned_changes(db, placement_id, signed, "signed.pdf")
    assert review.signed_parties == ("host",)
    (host,) = review.signers
    assert host.check.holds and not host.confirmed  # another name than the mentor on record
    redrawn = forgeries.redraw_field(signed, "mentor_name", "Somebody Else")
    with pytest.raises(VipdeskError, match="sig_host does not hold: ALTERED after signing by"):
        returned_changes(db, placement_id, redrawn, "redrawn.pdf")
    at = signed.index(b"Learning Agreement for Traineeships")
    flipped = signed[:at] + b"l" + signed[at + 1 :]
    with pytest.raises(VipdeskError, match="does not match the signature"):
        returned_changes(db, placement_id, flipped, "flipped.pdf")


def test_a_returned_form_moved_to_another_placement_is_refused(db: Database) -> None:
    first_id, first = ready_agreement(db)
    second_id, second = ready_agreement(db)
    moved = forgeries.set_properties(
        render_agreement(first.agreement, fillable=True),
        {"VipdeskReference": second.reference, "VipdeskPlacementId": str(second_id)},
    )
    with pytest.raises(VipdeskError, match="was changed after vipdesk exported it"):
        returned_changes(db, second_id, moved, "moved.pdf")
    assert [d.number for d in documents_of(db, second_id)] == [1]
    assert first_id != second_id


def test_a_file_of_another_database_names_both_placement_ids(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    ref = draft.reference
    elsewhere = replace(draft.agreement, placement_id=placement_id + 1000)
    with pytest.raises(VipdeskError) as caught:
        returned_changes(db, placement_id, render_agreement(elsewhere, fillable=True), "x.pdf")
    assert str(caught.value).startswith(
        f"x.pdf carries the reference {ref} with the placement id {placement_id + 1000}, but "
        f"{ref} here is placement {placement_id}"
    )


def test_a_file_without_the_host_fields_says_they_are_missing(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    review = returned_changes(db, placement_id, render_agreement(draft.agreement), "plain.pdf")
    assert review.values == {} and review.changes == ()
    assert review.missing_fields == tuple(FIELD_LABELS.values())
