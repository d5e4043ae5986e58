"""The outbox sends to a real SMTP server (aiosmtpd on 127.0.0.1) and says why when it cannot."""

from __future__ import annotations

import hashlib
import os
import signal
import smtplib
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.smtp import PASSWORD, USER, MailServer, free_port
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.models import AuditEntry, MailState, OutboxMessage, Setting
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import Attachment, Draft
from vipdesk.services.mail.messages import for_signature
from vipdesk.services.mail.settings import (
    MailSettings,
    Security,
    load_mail_settings,
    make_address,
    password,
    save_mail_settings,
    store_password,
)
from vipdesk.services.mail.smtp import send_queued


def settings_for(server: MailServer, **changes: object) -> MailSettings:
    base = MailSettings(
        host="127.0.0.1",
        port=server.port,
        security=Security.NONE,
        sender_name="International Office",
        sender_address="io@uni.example",
        reply_to="placements@uni.example",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def queued_agreement(db: Database, settings: MailSettings) -> tuple[int, int, bytes]:
    """A placement's agreement sent for signature, its message to the host queued."""
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    message = for_signature(db, sent.id, Party.HOST, settings)
    reply_to = make_address("", settings.reply_to) if settings.reply_to else None
    message_id = outbox.queue(db, message, settings.sender, reply_to=reply_to, user="anna")
    return placement_id, message_id, document_pdf(db, sent.id)


def state_of(db: Database, message_id: int) -> OutboxMessage:
    with db.session() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        session.expunge(row)
        return row


def test_the_agreement_reaches_the_host_with_the_stored_pdf_byte_for_byte(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server)
        placement_id, message_id, stored = queued_agreement(db, settings)
        result = send_queued(db, settings, None, user="anna")
    assert result.sent == [message_id] and not result.failed
    (received,) = server.received
    message = received.message
    assert received.sender == "io@uni.example"
    assert str(message["Reply-To"]) == "placements@uni.example"
    assert "for signature" in str(message["Subject"])
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == stored
    body = message.get_body(("plain",))
    assert body is not None and "Please return the signed agreement by" in body.get_content()
    row = state_of(db, message_id)
    assert row.state is MailState.SENT and row.sent_at is not None
    assert row.server_reply == "250 2.0.0 Ok: queued as TEST"
    assert str(message["Message-ID"]) == row.message_id
    with db.session() as session:
        history = session.scalars(
            select(AuditEntry.summary).where(
                AuditEntry.entity == "placement", AuditEntry.entity_id == placement_id
            )
        ).all()
    assert any(line.startswith('added e-mail "Learning agreement') for line in history)
    assert any(line.startswith('changed e-mail "Learning agreement') for line in history)
    # Sent once: a second run finds nothing to send.
    assert send_queued(db, settings, None).sent == []


def test_starttls_and_login_with_the_password_from_the_credential_store(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path, starttls=True, auth=True) as server:
        settings = settings_for(server, security=Security.STARTTLS, username=USER)
        save_mail_settings(db, settings)
        assert store_password(settings, PASSWORD) is True
        stored = load_mail_settings(db)
        assert stored == settings
        _, message_id, _ = queued_agreement(db, stored)
        result = send_queued(db, stored, password(stored), ssl_context=server.client_context)
    assert result.sent == [message_id], result.failed
    assert len(server.received) == 1
    with db.session() as session:
        values = session.scalars(select(Setting.value)).all()
    assert PASSWORD not in " ".join(values)  # never in the database


def test_a_refused_login_fails_with_the_reason_and_can_be_retried(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path, starttls=True, auth=True) as server:
        settings = settings_for(server, security=Security.STARTTLS, username=USER)
        _, message_id, _ = queued_agreement(db, settings)
        result = send_queued(db, settings, "wrong", ssl_context=server.client_context)
        assert result.sent == []
        assert "Login refused" in result.failed[message_id]
        row = state_of(db, message_id)
        assert row.state is MailState.FAILED and "Login refused" in (row.failure or "")
        assert outbox.retry(db, [message_id]) == 1
        again = send_queued(db, settings, PASSWORD, ssl_context=server.client_context)
    assert again.sent == [message_id]
    assert len(server.received) == 1


def test_a_server_that_is_down_is_named_and_nothing_is_lost(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = MailSettings(
        host="127.0.0.1",
        port=free_port(),  # nothing listens there
        security=Security.NONE,
        sender_address="io@uni.example",
    )
    _, first, _ = queued_agreement(db, settings)
    _, second, _ = queued_agreement(db, settings)
    tries: list[object] = []
    real = smtplib.SMTP.__init__

    def counted(self: smtplib.SMTP, *args: object, **kwargs: object) -> None:
        tries.append(args)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(smtplib.SMTP, "__init__", counted)
    result = send_queued(db, settings, None)
    assert len(tries) == 1  # one try for the batch, not one per message
    assert set(result.failed) == {first, second}
    assert result.failed[first].startswith("Server unreachable: cannot connect to 127.0.0.1:")
    assert state_of(db, second).state is MailState.FAILED


def test_a_refused_recipient_fails_that_message_only(db: Database, tmp_path: Path) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server)
        _, refused, _ = queued_agreement(db, settings)
        row = state_of(db, refused)
        server.handler.refused.add(row.recipients.split("<")[-1].rstrip(">"))
        other = outbox.queue(
            db,
            Draft([make_address("Ola", "ola@example.org")], "Hello", "Text"),
            settings.sender,
        )
        result = send_queued(db, settings, None)
    assert result.sent == [other]
    assert result.failed[refused].startswith("Recipient refused: ")
    assert "No such mailbox here" in result.failed[refused]
    # kept as said, for each reader's language; the same English either way
    said = result.said[refused]
    assert said.template == "Recipient refused: {recipient} ({reply})."
    (listed,) = [r for r in outbox.outbox_rows(db) if r.id == refused]
    assert listed.failure_phrase == said and said.english() == listed.failure
    # sent again: nothing of the old failure is left
    assert outbox.retry(db, [refused]) == 1
    (again,) = [r for r in outbox.outbox_rows(db) if r.id == refused]
    assert again.failure == "" and again.failure_phrase is None


def test_a_message_over_the_servers_size_is_refused_as_too_large(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path, size_limit=20_000) as server:
        settings = settings_for(server)
        _, message_id, _ = queued_agreement(db, settings)
        result = send_queued(db, settings, None)
    assert result.failed[message_id].startswith("Attachment too large: the message is")
    assert server.received == []


def test_names_in_every_script_travel_in_headers_and_file_names(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server, sender_name="Biuro Współpracy Międzynarodowej")
        draft = Draft(
            to=[
                make_address("李俊杰", "li@example.cn"),
                make_address("ياسمين حداد", "y@example.jo"),
            ],
            cc=[make_address("Ελένη Παπαδοπούλου", "eleni@example.gr")],
            subject="Umowa — Олена Коваль — 高橋 大輝",
            body="Dzień dobry,\nदेवेंद्र शर्मा\n",
            attachments=[Attachment("Договір 李俊杰.pdf", b"%PDF-1.7 test", "application/pdf")],
        )
        outbox.queue(db, draft, settings.sender)
        assert send_queued(db, settings, None).failed == {}
    (received,) = server.received
    assert received.data.isascii()  # encoded for any server
    message = received.message
    names = [a.display_name for a in message["To"].addresses]
    assert names == ["李俊杰", "ياسمين حداد"]
    assert message["Cc"].addresses[0].display_name == "Ελένη Παπαδοπούλου"
    assert message["From"].addresses[0].display_name == "Biuro Współpracy Międzynarodowej"
    assert str(message["Subject"]) == "Umowa — Олена Коваль — 高橋 大輝"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "Договір 李俊杰.pdf"
    body = message.get_body(("plain",))
    assert body is not None and "देवेंद्र शर्मा" in body.get_content()
    assert sorted(received.recipients) == ["eleni@example.gr", "li@example.cn", "y@example.jo"]


def test_two_senders_never_both_claim_a_message(any_db: Database) -> None:
    draft = Draft([make_address("", "a@example.org")], "Hello", "Text")
    message_id = outbox.queue(any_db, draft, make_address("Office", "io@uni.example"))
    assert outbox.claim(any_db, message_id, "pc-1:11") is True
    assert outbox.claim(any_db, message_id, "pc-2:22") is False
    assert outbox.cancel(any_db, [message_id]) == 0  # being sent: not cancelled under it
    outbox.release(any_db, message_id)
    assert outbox.cancel(any_db, [message_id]) == 1
    assert outbox.queued_ids(any_db) == []


def test_a_message_killed_mid_send_stays_queued_and_goes_once_after_restart(
    sqlite_url: str, db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server)
        save_mail_settings(db, settings)
        _, message_id, _ = queued_agreement(db, settings)
        server.handler.stall = threading.Event()
        server.handler.stall.set()
        sender = subprocess.Popen(
            [sys.executable, "-m", "vipdesk", "--database", sqlite_url, "mail", "outbox", "--send"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])},
        )
        try:
            assert server.handler.stalled.wait(60), "the sender never reached the data"
            assert state_of(db, message_id).state is MailState.SENDING
            os.kill(sender.pid, signal.SIGKILL)
            sender.wait(30)
        finally:
            if sender.poll() is None:
                sender.kill()
        server.handler.stall.clear()
        time.sleep(0.2)
        server.handler.stall = None
        assert server.received == []
        assert outbox.release_abandoned(db) == 1  # its sender is gone: queued again
        assert state_of(db, message_id).state is MailState.QUEUED
        result = send_queued(db, settings, None)
        assert result.sent == [message_id]
        assert send_queued(db, settings, None).sent == []
    (received,) = server.received
    assert str(received.message["Message-ID"]) == state_of(db, message_id).message_id
    assert state_of(db, message_id).attempts == 2


def test_the_stored_attachment_is_the_pdf_as_sent(db: Database, tmp_path: Path) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server)
    _, message_id, stored = queued_agreement(db, settings)
    with db.session() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        (attachment,) = row.attachments
        assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
        assert attachment.document_id is not None and attachment.size == len(stored)


def test_cancel_stops_a_batch_between_messages_and_the_rest_stays_queued(
    db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = settings_for(server)
        ids = outbox.queue_many(
            db,
            [
                Draft([make_address("", f"p{n}@example.org")], f"Reminder {n}", "Text")
                for n in range(5)
            ],
            settings.sender,
        )
        seen: list[tuple[int, int]] = []
        result = send_queued(
            db,
            settings,
            None,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(server.received) >= 2,
        )
    assert result.sent == ids[:2] and result.left == 3
    assert result.summary() == "2 sent, 3 still queued"
    assert outbox.queued_ids(db) == ids[2:]
    assert seen[:2] == [(0, 5), (1, 5)]
