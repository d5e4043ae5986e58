"""Plain views of agreement documents: titles, who signs next, a decline, the agreement inside."""

from __future__ import annotations

import pytest

from tests.helpers.agreements import document_row
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.content import agreement_to_dict
from vipdesk.models import DocumentKind, DocumentState, SignatureState
from vipdesk.services.agreements.views import DEFAULT_PARTIES, PARTY_LABELS, document_view

PENDING, SIGNED, DECLINED = SignatureState.PENDING, SignatureState.SIGNED, SignatureState.DECLINED
ORDER = (("host", SIGNED), ("student", PENDING), ("sending", PENDING))


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (DocumentKind.AGREEMENT, "Learning agreement version 3"),
        (DocumentKind.AMENDMENT, "Amendment 3"),
        (DocumentKind.CERTIFICATE, "Traineeship certificate 3"),
    ],
)
def test_titles_name_the_kind_and_number(kind: DocumentKind, title: str) -> None:
    assert document_view(document_row(kind, number=3), "VIP-2027-00001").title == title


def test_the_view_carries_plain_values() -> None:
    view = document_view(document_row(signatures=ORDER), "VIP-2027-00001")
    assert (view.reference, view.order, view.content) == (
        "VIP-2027-00001",
        ("host", "student", "sending"),
        {"n": 1},
    )
    assert (view.note, view.sent_by, view.final_sha256, view.content_hash) == ("", "", "", "")
    first = view.signatures[0]
    assert (first.party, first.position, first.state, first.signer_name) == (
        "host",
        1,
        SIGNED,
        "",
    )
    assert first.party_label == "Receiving organisation"


def test_next_party_is_the_first_unsigned_while_out_for_signature() -> None:
    sent = document_view(document_row(state=DocumentState.SENT, signatures=ORDER), "R")
    assert sent.next_party == "student"
    draft = document_view(document_row(state=DocumentState.DRAFT, signatures=ORDER), "R")
    assert draft.next_party is None
    all_signed = tuple((party, SIGNED) for party, _ in ORDER)
    done = document_view(document_row(state=DocumentState.SENT, signatures=all_signed), "R")
    assert done.next_party is None


def test_a_decline_is_found() -> None:
    row = document_row(
        state=DocumentState.SENT,
        signatures=(("student", PENDING), ("sending", PENDING), ("host", DECLINED)),
    )
    view = document_view(row, "R")
    assert view.declined is not None and view.declined.party == "host"
    assert document_view(document_row(signatures=ORDER), "R").declined is None


def test_an_agreement_or_amendment_holds_an_agreement_a_certificate_does_not() -> None:
    content = agreement_to_dict(sample_agreement())
    for kind in (DocumentKind.AGREEMENT, DocumentKind.AMENDMENT):
        view = document_view(document_row(kind, content=content), "R")
        assert view.agreement == sample_agreement()
    certificate = document_view(document_row(DocumentKind.CERTIFICATE), "R")
    with pytest.raises(TypeError, match="a certificate holds no agreement"):
        _ = certificate.agreement


def test_every_default_party_has_a_label() -> None:
    assert [PARTY_LABELS[p] for p in DEFAULT_PARTIES] == [
        "Trainee",
        "Sending institution",
        "Receiving organisation",
    ]
