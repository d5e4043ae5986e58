"""Recording digital signatures: the validator decides what is recorded, and who signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import forgeries
from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import PASSPHRASE, Certificates, make_certificates, self_signed_p12
from tests.helpers.samples import sample_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.errors import NotFoundError, UnconfirmedSignerError, VipdeskError
from vipdesk.models import DocumentState, Setting, SignatureState
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.placements.history import placement_history, record_history
from vipdesk.services.signatures.recording import record_digital, sign_here
from vipdesk.services.signatures.trust import (
    check_signed_file,
    forget_certificate,
    trust_certificates,
    trusted_certificates,
)

HOST = "Jürgen Weiß"  # the mentor `ready_agreement` names


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    names = {"sending": "Anna Nowak", "host": HOST}
    return make_certificates(tmp_path_factory.mktemp("keys"), names)


def two_signed(db: Database, keys: Certificates) -> tuple[DocumentView, bytes]:
    """An agreement out for signature, signed by the trainee and the institution (trusted
    CA, names on record); the file the host receives."""
    _, draft = ready_agreement(db)
    trust_certificates(db, keys.ca_pem)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    for party in ("student", "sending"):
        sign_here(db, sent.id, party, keys.p12[party], PASSPHRASE, user="anna")
    return sent, document_pdf(db, sent.id)


def host_signs(pdf: bytes, pkcs12: bytes, passphrase: bytes | None = None) -> bytes:
    return sign_agreement(pdf, party=Party.HOST, pkcs12=pkcs12, passphrase=passphrase).pdf


def nothing_recorded_for_the_host(db: Database, sent: DocumentView) -> None:
    (document,) = documents_of(db, sent.placement_id)
    assert document.state is DocumentState.SENT and not document.final_sha256
    assert document.signatures[-1].state is SignatureState.PENDING


@pytest.mark.parametrize(
    "forge",
    [
        lambda pdf: forgeries.add_signature_field(pdf, "sig_terms", "New terms: 5000 EUR"),
        lambda pdf: forgeries.redraw_field(pdf, "sig_sending", "Signed: approved, 40 h/week"),
        lambda pdf: forgeries.set_properties(pdf, {"VipdeskPlacementId": "999"}),
    ],
    ids=["new-field", "redrawn-field", "properties"],
)
def test_a_file_altered_after_the_hosts_signature_is_never_recorded_or_archived(
    db: Database, keys: Certificates, forge: object
) -> None:
    sent, pdf = two_signed(db, keys)
    forged = forge(host_signs(pdf, keys.p12["host"], PASSPHRASE))  # type: ignore[operator]
    with pytest.raises(VipdeskError, match="does not hold: ALTERED after signing by"):
        record_digital(db, sent.id, "host", forged, name="returned.pdf", user="anna")
    nothing_recorded_for_the_host(db, sent)


def test_a_self_signed_certificate_in_the_hosts_name_needs_an_explicit_confirmation(
    db: Database, keys: Certificates
) -> None:
    sent, pdf = two_signed(db, keys)
    forged = host_signs(pdf, self_signed_p12(HOST))
    with pytest.raises(UnconfirmedSignerError, match="not from an authority this office trusts"):
        record_digital(db, sent.id, "host", forged, name="returned.pdf", user="anna")
    nothing_recorded_for_the_host(db, sent)
    done = record_digital(
        db, sent.id, "host", forged, name="returned.pdf", user="anna", confirm_signer=True
    )
    assert done.state is DocumentState.SIGNED
    host = done.signatures[-1]
    assert host.reason.startswith("Signer not confirmed (the certificate is not from an")
    assert "explicit confirmation of anna" in host.reason and "SHA-256" in host.reason
    history = record_history(db, "placement", sent.placement_id)
    assert any("Signer not confirmed" in str(line.changes.get("reason")) for line in history)
    # also kept as a phrase, for each reader's language: the same English
    assert host.reason_phrase is not None and host.reason_phrase.english() == host.reason
    assert host.reason_phrase.template.endswith("of {user}. Certificate: {certificate}")
    told = [e for day in placement_history(db, sent.placement_id) for e in day.events]
    assert host.reason_phrase in [e.note_phrase for e in told]
    # Accepted once, the certificate is remembered: the archived file now verifies clean.
    checked = check_signed_file(db, final_pdf(db, sent.id), "final.pdf")
    assert [s.confirmed for s in checked.signers] == [True, True, True]


def test_a_stranger_signing_the_trainees_field_is_not_confirmed(
    db: Database, keys: Certificates, tmp_path: Path
) -> None:
    _, draft = ready_agreement(db)
    trust_certificates(db, keys.ca_pem)
    strangers = make_certificates(tmp_path, {"student": "Mallory Stranger"})
    trust_certificates(db, strangers.ca_pem)  # even from a trusted authority
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    signed = sign_agreement(
        document_pdf(db, sent.id),
        party=Party.STUDENT,
        pkcs12=strangers.p12["student"],
        passphrase=PASSPHRASE,
    ).pdf
    with pytest.raises(
        UnconfirmedSignerError,
        match="names Mallory Stranger, but the trainee is to be signed for by Łukasz Żółć",
    ):
        record_digital(db, sent.id, "student", signed, name="returned.pdf")
    assert documents_of(db, sent.placement_id)[0].signatures[0].state is SignatureState.PENDING


def test_a_different_certificate_than_the_one_accepted_before_is_flagged(
    db: Database, keys: Certificates
) -> None:
    sent, pdf = two_signed(db, keys)
    first = host_signs(pdf, self_signed_p12(HOST))
    record_digital(db, sent.id, "host", first, user="anna", confirm_signer=True)
    other = host_signs(pdf, self_signed_p12(HOST))
    checked = check_signed_file(db, other, "other.pdf", document_id=sent.id)
    host = checked.of_party("host")[0]
    assert not host.confirmed
    assert "a different certificate than the one accepted before for Jürgen Weiß" in host.verdict


def test_the_stored_document_is_found_by_the_files_identifiers(
    db: Database, keys: Certificates
) -> None:
    _, pdf = two_signed(db, keys)
    checked = check_signed_file(db, pdf, "copy.pdf")
    assert checked.document == "learning agreement 1"
    assert [s.confirmed for s in checked.signers] == [True, True]
    elsewhere = render_agreement(sample_agreement(), fillable=True)
    signed = sign_agreement(
        elsewhere, party=Party.HOST, pkcs12=keys.p12["host"], passphrase=PASSPHRASE
    ).pdf
    (host,) = check_signed_file(db, signed, "elsewhere.pdf").signers
    assert host.check.holds and not host.confirmed
    assert "not a document stored in this database" in host.verdict


def test_trusted_certificates_are_kept_in_settings(db: Database, keys: Certificates) -> None:
    (ca,) = trust_certificates(db, keys.ca_pem, "ca.pem", user="anna")
    trust_certificates(db, keys.ca_pem)  # once is enough
    assert [c.fingerprint for c in trusted_certificates(db)] == [ca.fingerprint]
    with db.session() as session:
        values = session.scalars(select(Setting.value)).all()
    assert values and all(len(value) <= 200 for value in values)
    with pytest.raises(VipdeskError, match="cannot be read as a certificate"):
        trust_certificates(db, b"-----BEGIN CERTIFICATE-----\nnonsense\n", "bad.pem")
    forget_certificate(db, ca.fingerprint)
    assert trusted_certificates(db) == []
    with pytest.raises(NotFoundError):
        forget_certificate(db, ca.fingerprint)
