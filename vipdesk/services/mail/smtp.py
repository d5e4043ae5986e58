"""Sending the outbox over SMTP, with every failure told in words.

One connection serves a whole batch. Each message is claimed before it is sent and marked
sent only when the server answered 250 to its data; a message the server refused is marked
failed with the reason (server unreachable, login refused, recipient refused, too large), and
the batch goes on, except when the server cannot be reached or refuses the login: then every
message left is marked failed with that reason, to be retried once the settings are right.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any, Self

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Phrase
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import SEVEN_BIT
from vipdesk.services.mail.settings import MailSettings, Security

TIMEOUT = 30.0  # seconds without an answer from the server before giving up


class MailError(VipdeskError):
    """Sending failed; the message says why in words. `whole_batch`: no message can go."""

    def __init__(self, message: str, *, whole_batch: bool = False) -> None:
        super().__init__(message)
        self.whole_batch = whole_batch

    @classmethod
    def said(cls, template: str, *, whole_batch: bool = False, **values: Any) -> Self:
        """The failure said as a phrase (`VipdeskError.said`); `whole_batch` as above."""
        error = super().said(template, **values)
        error.whole_batch = whole_batch
        return error


@dataclass
class SendResult:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # why, in English
    said: dict[int, Phrase] = field(default_factory=dict)  # why, for the reader's language
    left: int = 0  # still queued: the batch was cancelled

    def summary(self) -> str:
        parts = [f"{len(self.sent)} sent"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.left:
            parts.append(f"{self.left} still queued")
        return ", ".join(parts)


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())[:200]


def connect(
    settings: MailSettings,
    secret: str | None,
    *,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT,
) -> smtplib.SMTP:
    """An open, logged-in connection to the office's server.

    Raises:
        MailError: unreachable, no STARTTLS, certificate not trusted, login refused.
    """
    where = f"{settings.host}:{settings.port}"
    if not settings.configured:
        raise MailError.said(
            "No mail server is set: fill in Settings → E-mail, or save the message as .eml.",
            whole_batch=True,
        )
    context = ssl_context or ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security is Security.TLS:
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        smtp.ehlo()
        if settings.security is Security.STARTTLS:
            if not smtp.has_extn("starttls"):
                raise MailError.said(
                    "The server {where} does not offer STARTTLS: choose TLS or ask IT for the "
                    "right port.",
                    whole_batch=True,
                    where=where,
                )
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            if not secret:
                raise MailError.said(
                    "No password is stored for {user}: enter it in Settings → E-mail.",
                    whole_batch=True,
                    user=settings.username,
                )
            _login(smtp, settings.username, secret)
        return smtp
    except MailError:
        _close(smtp)
        raise
    except smtplib.SMTPAuthenticationError as exc:
        _close(smtp)
        raise MailError.said(
            "Login refused by {where}: the user name or password is not accepted ({reply}).",
            whole_batch=True,
            where=where,
            reply=f"{exc.smtp_code} {_text(exc.smtp_error)}",
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        _close(smtp)
        raise MailError.said(
            "The server {where} does not accept a login on this connection: choose STARTTLS "
            "or TLS.",
            whole_batch=True,
            where=where,
        ) from exc
    except ssl.SSLError as exc:
        _close(smtp)
        raise MailError.said(
            "A secure connection to {where} failed: {reason} (is it the right port for the "
            "security chosen?).",
            whole_batch=True,
            where=where,
            reason=str(exc.reason or exc),
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        _close(smtp)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise MailError.said(
            "Server unreachable: cannot connect to {where} ({reason}).",
            whole_batch=True,
            where=where,
            reason=reason or type(exc).__name__,
        ) from exc


def _login(smtp: smtplib.SMTP, user: str, secret: str) -> None:
    """Log in; a user name or password with letters beyond ASCII (which smtplib cannot send)
    goes as UTF-8 in AUTH PLAIN (RFC 4616).

    Raises:
        smtplib.SMTPAuthenticationError: refused.
    """
    if user.isascii() and secret.isascii():
        smtp.login(user, secret)
        return
    mechanisms = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in mechanisms:
        raise MailError.said(
            "The server cannot take a user name or password with letters beyond A–Z "
            "(it offers no AUTH PLAIN).",
            whole_batch=True,
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + secret.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def _envelope(message: EmailMessage) -> tuple[str, list[str]]:
    sender = getaddresses([str(message["From"])])[0][1]
    recipients = [
        a for _, a in getaddresses([str(v) for k in ("To", "Cc") for v in message.get_all(k, [])])
    ]
    return sender, recipients


def send_message(smtp: smtplib.SMTP, message: EmailMessage) -> str:
    """Send one message on an open connection; the server's answer to its data.

    Raises:
        MailError: a recipient or the sender refused, too large, or the connection dropped.
    """
    sender, recipients = _envelope(message)
    international = not all(a.isascii() for a in (sender, *recipients))
    options: list[str] = []
    if international:
        if not smtp.has_extn("smtputf8"):
            raise MailError.said(
                "The server does not take addresses written in non-Latin letters (SMTPUTF8)."
            )
        options.append("SMTPUTF8")
    data = message.as_bytes(policy=policy.SMTPUTF8 if international else SEVEN_BIT)
    limit = smtp.esmtp_features.get("size", "")
    if limit.isdigit() and int(limit) and len(data) > int(limit):
        raise MailError.said(
            "Attachment too large: the message is {size} MB and the server takes at most "
            "{limit} MB.",
            size=Decimal(f"{len(data) / 1048576:.1f}"),
            limit=Decimal(f"{int(limit) / 1048576:.1f}"),
        )
    try:
        code, reply = smtp.mail(sender, options)
        if code != 250:
            smtp.rset()
            raise MailError.said(
                "Sender refused: {sender} ({reply}).", sender=sender, reply=f"{code} {_text(reply)}"
            )
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                smtp.rset()
                raise MailError.said(
                    "Recipient refused: {recipient} ({reply}).",
                    recipient=recipient,
                    reply=f"{code} {_text(reply)}",
                )
        code, reply = smtp.data(data)
    except smtplib.SMTPDataError as exc:
        if exc.smtp_code == 552:
            raise MailError.said(
                "Attachment too large: the server refused the message ({reply}).",
                reply=_text(exc.smtp_error),
            ) from exc
        raise MailError.said(
            "The server refused the message ({reply}).",
            reply=f"{exc.smtp_code} {_text(exc.smtp_error)}",
        ) from exc
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise MailError.said(
            "The connection to the server was lost while sending; the message stays to be sent "
            "again.",
            whole_batch=True,
        ) from exc
    if code != 250:
        raise MailError.said(
            "The server refused the message ({reply}).", reply=f"{code} {_text(reply)}"
        )
    return f"{code} {_text(reply)}"


def send_queued(
    db: Database,
    settings: MailSettings,
    secret: str | None,
    ids: Iterable[int] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    ssl_context: ssl.SSLContext | None = None,
    user: str | None = None,
) -> SendResult:
    """Send the queued messages (of `ids`, else every queued one), oldest first."""
    outbox.release_abandoned(db)
    todo = outbox.queued_ids(db, ids)
    result = SendResult()
    smtp: smtplib.SMTP | None = None
    no_server: MailError | None = None  # the server cannot be reached or refused the login
    try:
        for number, message_id in enumerate(todo):
            if cancelled is not None and cancelled():
                result.left = len(todo) - number
                break
            if progress is not None:
                progress(number, len(todo))
            if not outbox.claim(db, message_id):
                continue  # another coordinator is sending it, or it was cancelled
            if no_server is not None:  # not tried again for each message (30 s each)
                _failed(db, result, message_id, no_server, user)
                continue
            connected = smtp is not None
            try:
                message = outbox.stored_message(db, message_id)
                if smtp is None:
                    smtp = connect(settings, secret, ssl_context=ssl_context)
                reply = send_message(smtp, message)
            except MailError as failure:
                _failed(db, result, message_id, failure, user)
                if failure.whole_batch:
                    _close(smtp)
                    smtp = None
                    if not connected:  # it failed on connecting, not on a lost connection
                        no_server = failure
                continue
            except VipdeskError as problem:  # a stored address that no longer parses
                _failed(db, result, message_id, problem, user)
                continue
            except BaseException:
                outbox.release(db, message_id)  # interrupted before the server took it
                raise
            outbox.mark_sent(db, message_id, reply, user)
            result.sent.append(message_id)
        if progress is not None and not result.left:
            progress(len(todo), len(todo))
    finally:
        _close(smtp)
    return result


def _failed(
    db: Database, result: SendResult, message_id: int, why: VipdeskError, user: str | None
) -> None:
    outbox.mark_failed(db, message_id, why, user)
    result.failed[message_id] = str(why)
    if why.phrase is not None:
        result.said[message_id] = why.phrase


def send_test(
    settings: MailSettings,
    secret: str | None,
    message: EmailMessage,
    *,
    ssl_context: ssl.SSLContext | None = None,
) -> str:
    """Send `message` directly (not through the outbox): the settings' check."""
    smtp = connect(settings, secret, ssl_context=ssl_context, timeout=15.0)
    try:
        return send_message(smtp, message)
    finally:
        _close(smtp)
