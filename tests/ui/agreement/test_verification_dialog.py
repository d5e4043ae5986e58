"""The verification dialog: altered first, unconfirmed signers with their reason, and each
signer's certificate."""

from __future__ import annotations

from datetime import UTC, datetime

from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.verification import CertificateInfo, SignatureCheck
from vipdesk.phrase import Phrase
from vipdesk.services.signatures.trust import SignerCheck
from vipdesk.ui.agreement.verification_dialog import (
    VerificationDialog,
    verification,
    verification_html,
)

CERTIFICATE = CertificateInfo(
    name="Jürgen Weiß",
    organisation="Nordlicht Analytics GmbH",
    issuer="Nordlicht Issuing CA",
    fingerprint="ab" * 32,
    valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    valid_until=datetime(2028, 1, 1, tzinfo=UTC),
)


def check(changes: tuple[Phrase, ...] = ()) -> SignatureCheck:
    return SignatureCheck(
        field="sig_host",
        party=Party.HOST,
        signer="Jürgen Weiß",
        signed_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        intact=True,
        trusted=False,
        changes_after=changes,
        certificate=CERTIFICATE,
    )


def test_an_unconfirmed_signer_is_shown_with_the_reason_and_the_certificate(qtbot) -> None:  # type: ignore[no-untyped-def]
    reason = "the certificate is not from an authority this office trusts"
    signer = SignerCheck(check(), "Jürgen Weiß", (Phrase(reason),))
    result = verification("returned.pdf", b"%PDF", [signer], "", "learning agreement 1")
    assert result.unconfirmed and not result.altered
    html = verification_html(result)
    assert "a signer is not confirmed" in html and "signer NOT CONFIRMED" in html
    assert reason in html and "on record: Jürgen Weiß" in html
    assert "Nordlicht Analytics GmbH" in html and "issued by Nordlicht Issuing CA" in html
    assert "ab" * 16 in html and "01 Jan 2026 to 01 Jan 2028" in html
    dialog = VerificationDialog(result)
    qtbot.addWidget(dialog)
    assert "NOT CONFIRMED" in dialog.text.text()


def test_an_altered_file_says_by_whom_and_what(qtbot) -> None:  # type: ignore[no-untyped-def]
    altered = SignerCheck(
        check(
            (
                Phrase(
                    "new appearance for field {name}, its value unchanged", {"name": "mentor_name"}
                ),
            )
        ),
        "",
        (),
    )
    html = verification_html(verification("x.pdf", b"%PDF", [altered], "", "x"))
    assert "ALTERED or DAMAGED" in html
    assert "ALTERED after signing by Jürgen Weiß</b>: new appearance for field mentor_name" in html
