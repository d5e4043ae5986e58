"""Templates are data; the office's own wording is checked, used and can be undone."""

from __future__ import annotations

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.errors import ValidationError
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.mail.messages import for_signature
from vipdesk.services.mail.settings import MailSettings
from vipdesk.services.mail.templates import (
    SIGNATURE,
    check_wording,
    fill_signature,
    placeholders,
    restore_shipped,
    save_wording,
    shipped_templates,
)

SETTINGS = MailSettings(host="smtp.uni.example", sender_address="io@uni.example")


def test_every_shipped_template_uses_only_known_placeholders() -> None:
    for key, template in shipped_templates().items():
        check_wording(key, template.subject, template.body)
    assert "signature" in placeholders()


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Agreement {refrence}", "Text", "Unknown placeholder {refrence}"),
        ("Agreement", "Dear {recipient, please", "A brace must enclose a placeholder"),
        ("Agreement", "{student!r}", "A brace must enclose a placeholder"),
        ("Agreement", "   ", "The message needs a text"),
    ],
)
def test_a_wording_that_cannot_be_filled_is_refused_when_saved(
    db: Database, subject: str, body: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        save_wording(db, "agreement_for_signature", subject, body)


def test_the_offices_wording_is_used_and_restoring_brings_back_the_shipped_text(
    db: Database,
) -> None:
    _, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    save_wording(
        db,
        "agreement_for_signature",
        "Umowa {reference} do podpisu",
        "Szanowni Państwo,\nw załączeniu umowa {reference}.\n{signature}",
    )
    save_wording(db, SIGNATURE, "", "Z poważaniem\n{sender}\n{institution}")
    mine = for_signature(db, sent.id, Party.HOST, SETTINGS)
    assert mine.subject.startswith("Umowa VIP-") and mine.subject.endswith("do podpisu")
    assert mine.body.startswith("Szanowni Państwo,\nw załączeniu umowa VIP-")
    assert "Z poważaniem\nio@uni.example\n" in mine.body
    restore_shipped(db, "agreement_for_signature")
    shipped = for_signature(db, sent.id, Party.HOST, SETTINGS)
    assert shipped.subject.startswith("Learning agreement VIP-")


def test_a_signature_line_left_empty_is_dropped_not_printed_blank() -> None:
    text = "Kind regards,\n{sender}\n{institution}"
    assert fill_signature(text, MailSettings(), "Uni") == "Kind regards,\nUni"
