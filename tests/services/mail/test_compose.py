"""Messages as RFC 5322 bytes: addresses checked, no header injection, the .eml fallback."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest
from sqlalchemy import func, select

from vipdesk.db import Database
from vipdesk.errors import ValidationError
from vipdesk.models import OutboxMessage
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import (
    Attachment,
    Draft,
    check_draft,
    eml_bytes,
    eml_name,
    parse_addresses,
)
from vipdesk.services.mail.settings import make_address

OFFICE = make_address("Biuro Współpracy", "io@uni.example")


@pytest.mark.parametrize(
    "typed",
    [
        "Evil\r\nBcc: spy@example.org <a@example.org>",
        "a@example.org\nBcc: spy@example.org",
        '"Name\r\nBcc: spy@example.org" <a@example.org>',
    ],
)
def test_a_line_break_in_an_address_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="may not hold a line break"):
        parse_addresses(typed)


def test_a_name_with_a_line_break_from_a_record_is_refused_and_nothing_queued(
    db: Database,
) -> None:
    with pytest.raises(ValidationError, match="line break"):
        make_address("HR\r\nBcc: spy@example.org", "hr@example.org")
    draft = Draft([make_address("", "hr@example.org")], "Agreement\r\nBcc: spy@x.org", "Text")
    with pytest.raises(ValidationError, match="The subject is one line"):
        outbox.queue(db, draft, OFFICE)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            '"Nowak, Anna" <anna@uni.example>; bob@example.org',
            ["anna@uni.example", "bob@example.org"],
        ),
        ("Jürgen Weiß <j.weiss@firma.example>,", ["j.weiss@firma.example"]),
        ("", []),
    ],
)
def test_addresses_are_read_as_people_type_them(typed: str, expected: list[str]) -> None:
    assert [a.addr_spec for a in parse_addresses(typed)] == expected


@pytest.mark.parametrize(
    "typed", ["anna@", "anna uni.example", "a b@c.example", "x@localhost", "<a@b.c"]
)
def test_a_malformed_address_is_named(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not an e-mail address"):
        parse_addresses(typed)


def test_a_draft_without_recipient_or_subject_says_both() -> None:
    with pytest.raises(ValidationError) as refused:
        check_draft(Draft([], "  ", "Text"))
    assert {p.field for p in refused.value.problems} == {"recipients", "subject"}


def test_attachments_over_25_mb_are_refused_before_queueing() -> None:
    big = Attachment("scan.pdf", b"%PDF" + bytes(26 * 1024 * 1024))
    with pytest.raises(ValidationError, match="most servers take 25 MB"):
        check_draft(Draft([make_address("", "a@example.org")], "S", "T", attachments=[big]))


def test_the_eml_fallback_reads_back_with_the_email_package() -> None:
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40
    draft = Draft(
        to=[make_address("高橋 大輝", "daiki@example.jp")],
        subject="Umowa — Ελένη",
        body="Dzień dobry,\nproszę o podpis.\n",
        attachments=[Attachment("Umowa Łukasz Żółć.pdf", pdf, "application/pdf")],
    )
    data = eml_bytes(draft, OFFICE, make_address("", "placements@uni.example"))
    assert data.isascii() and b"\r\n" in data
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["X-Unsent"] == "1"  # opens as a message to send
    assert message["To"].addresses[0].display_name == "高橋 大輝"
    assert message["From"].addresses[0].display_name == "Biuro Współpracy"
    assert str(message["Reply-To"]) == "placements@uni.example"
    assert str(message["Subject"]) == "Umowa — Ελένη"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "Umowa Łukasz Żółć.pdf"
    assert attachment.get_content() == pdf
    body = message.get_body(("plain",))
    assert body is not None and "proszę o podpis" in body.get_content()


def test_a_message_file_is_named_by_its_subject_without_what_file_systems_refuse() -> None:
    assert eml_name('Re: Umowa 3/2027 "Łukasz"', 7) == "0007 Re- Umowa 3-2027 -Łukasz-.eml"
    assert eml_name("???") == "---.eml"
    assert eml_name("") == "message.eml"
