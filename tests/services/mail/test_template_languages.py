"""Messages in the seven languages: every shipped template translated with its placeholders,
and a request for signatures written in German from subject to dates."""

from __future__ import annotations

import json
import string
from datetime import date

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.resources import resources_dir
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.mail.messages import for_signature
from vipdesk.services.mail.settings import MailSettings
from vipdesk.services.mail.templates import (
    SIGNATURE,
    how_to_sign,
    save_wording,
    shipped_signature,
    shipped_templates,
)

SETTINGS = MailSettings(
    host="smtp.uni.example", sender_name="Anna Nowak", sender_address="io@uni.example"
)
OTHERS = sorted(set(LANGUAGES) - {ENGLISH})


def named(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


@pytest.mark.parametrize("language", OTHERS)
def test_every_template_is_translated_with_its_placeholders(language: str) -> None:
    english, translated = shipped_templates(), shipped_templates(language)
    assert translated.keys() == english.keys()
    for key, template in translated.items():
        original = english[key]
        assert named(template.subject) == named(original.subject), key
        assert named(template.body) == named(original.body), key
        assert template.body != original.body and template.title != original.title, key
    assert named(shipped_signature(language)) == named(shipped_signature())
    for fillable in (False, True):
        assert how_to_sign(language, fillable) != how_to_sign(ENGLISH, fillable)
    shipped = json.loads((resources_dir() / "mail" / f"templates.{language}.json").read_bytes())
    assert set(shipped["templates"]) == set(english)  # nothing more either


def test_a_request_for_signatures_in_german(db: Database) -> None:
    _, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    message = for_signature(
        db, sent.id, Party.HOST, SETTINGS, today=date(2026, 12, 4), language="de"
    )
    assert message.subject.startswith(f"Learning Agreement {sent.agreement.reference} zur")
    assert "bis 18. Dezember 2026 zurück" in message.body
    assert how_to_sign("de", fillable=False) in message.body
    assert message.body.rstrip().endswith(
        "Mit freundlichen Grüßen\nAnna Nowak\n" + sent.agreement.sending.name
    )
    assert "{" not in message.body


def test_the_offices_wording_is_english_and_its_signature_goes_in_every_language(
    db: Database,
) -> None:
    _, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    save_wording(
        db, "agreement_for_signature", "Please sign {reference}", "Hi {recipient}\n{signature}"
    )
    save_wording(db, SIGNATURE, "", "Cheers,\n{sender}\nPhone +49 30 1234")
    english = for_signature(db, sent.id, Party.HOST, SETTINGS)
    german = for_signature(db, sent.id, Party.HOST, SETTINGS, language="de")
    assert english.subject == f"Please sign {sent.agreement.reference}"
    assert german.subject.startswith("Learning Agreement")  # the shipped German text
    assert german.body.rstrip().endswith("Cheers,\nAnna Nowak\nPhone +49 30 1234")


def test_a_language_vipdesk_does_not_speak_is_refused() -> None:
    with pytest.raises(VipdeskError, match="cannot be written in 'tlh'"):
        shipped_templates("tlh")
