"""Why mail could not be written, sent or read, worded by the interface: every template of the
mail services is in the catalogue, and in English a failure, refusal or problem reads as the
service says it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import vipdesk.services.mail.compose as compose
import vipdesk.services.mail.incoming as incoming
import vipdesk.services.mail.messages as messages
import vipdesk.services.mail.outbox as outbox
import vipdesk.services.mail.settings as settings
import vipdesk.services.mail.smtp as smtp
import vipdesk.services.mail.templates as templates
from tests.helpers.phrases import templates_in
from vipdesk.db import Database
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.mail.compose import Attachment, Draft, check_draft
from vipdesk.services.mail.settings import MailSettings, check_mail_settings
from vipdesk.services.mail.smtp import MailError
from vipdesk.ui.mail.problem_texts import TEMPLATES
from vipdesk.ui.phrases import error_text

MODULES = (compose, incoming, messages, outbox, settings, templates)


def service_templates() -> set[str]:
    said = templates_in((smtp,), {"said": 0})
    said |= templates_in(MODULES, {"said": 0, "FieldProblem.said": 1, "on": 1})
    return said | set(messages._NO_ADDRESS.values()) | set(messages._SIGNED_ALREADY.values())


def test_the_interface_knows_every_template_of_the_mail_services() -> None:
    assert service_templates() == set(TEMPLATES)


def test_a_failure_reads_in_english_as_the_service_says_it_and_keeps_its_batch_flag() -> None:
    refused = MailError.said(
        "Login refused by {where}: the user name or password is not accepted ({reply}).",
        whole_batch=True,
        where="smtp.uni.example:587",
        reply="535 5.7.8 Authentication failed",
    )
    assert refused.whole_batch
    assert (
        error_text(refused)
        == str(refused)
        == (
            "Login refused by smtp.uni.example:587: the user name or password is not accepted "
            "(535 5.7.8 Authentication failed)."
        )
    )
    large = MailError.said(
        "Attachment too large: the message is {size} MB and the server takes at most {limit} MB.",
        size=Decimal("12.5"),
        limit=Decimal("10.0"),
    )
    assert not large.whole_batch
    assert error_text(large) == str(large)


def refusals(db: Database, tmp_path: Path) -> list[VipdeskError]:
    """A refusal of each kind the mail services raise before anything is sent."""
    big = Attachment("a/b.pdf", b"x" * (30 * 1048576), "application/pdf")
    bad_settings = MailSettings(host="smtp example", port=0, username="u" * 201)
    calls: list[Callable[[], object]] = [
        lambda: check_draft(Draft([], "a\nb" + "s" * 300, "", attachments=[big])),
        lambda: check_mail_settings(bad_settings),
        lambda: check_mail_settings(MailSettings(sender_address="anna@uni")),
        lambda: compose.parse_addresses("Anna <anna@uni.example"),
        lambda: compose.parse_addresses("a\nb"),
        lambda: settings.make_address("", " "),
        lambda: settings.make_address("", "anna"),
        lambda: MailSettings().addresses(),
        lambda: settings.store_password(MailSettings(), "secret"),
        lambda: templates.check_wording("reminder", "a\nb {nobody}", "{ }"),
        lambda: templates.save_wording(db, "none such", "s", "b"),
        lambda: outbox.stored_message(db, 999),
        lambda: incoming.read_mail(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "note.msg"),
        lambda: incoming.read_mail(b"%PDF-1.7\n", "signed.pdf"),
        lambda: incoming.read_mail(b"hello", "note.eml"),
        lambda: incoming.read_mail(b"x" * (incoming.MAX_MAIL + 1), "big.eml"),
        lambda: incoming.read_mail(b"Subject: hi\n\nhello", "plain.eml"),
        lambda: incoming.read_mail_file(tmp_path / "missing.eml"),
    ]
    errors: list[VipdeskError] = []
    for call in calls:
        with pytest.raises(VipdeskError) as caught:
            call()
        errors.append(caught.value)
    return errors


def test_each_refusal_reads_in_english_as_the_service_says_it(db: Database, tmp_path: Path) -> None:
    errors = refusals(db, tmp_path)
    phrases = [
        *(e.phrase for e in errors),
        *(p.phrase for e in errors if isinstance(e, ValidationError) for p in e.problems),
    ]
    assert len({p.template for p in phrases if p is not None}) >= 24
    for error in errors:
        if isinstance(error, ValidationError):
            assert all(p.phrase is not None for p in error.problems), error
        else:
            assert error.phrase is not None, error
        assert error_text(error) == str(error)
