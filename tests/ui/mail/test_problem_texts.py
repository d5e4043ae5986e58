"""Why mail could not be sent, worded by the interface: every template of the mail services is
in the catalogue, and in English a failure reads as the service says it."""

from __future__ import annotations

from decimal import Decimal

import vipdesk.services.mail.smtp as smtp
from tests.helpers.phrases import templates_in
from vipdesk.services.mail.smtp import MailError
from vipdesk.ui.mail.problem_texts import TEMPLATES
from vipdesk.ui.phrases import error_text


def test_the_interface_knows_every_template_of_the_mail_services() -> None:
    assert templates_in((smtp,), {"said": 0}) == set(TEMPLATES)


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
