"""`vipdesk mail …` and `vipdesk import-mail`: e-mail from the command line.

    vipdesk mail send-agreement REF --party student|sending|host [--fillable] [--eml FILE.eml]
    vipdesk mail reminders [--as-of DATE] [--dry-run] [--eml FOLDER]
    vipdesk mail outbox [--send] [--retry]
    vipdesk import-mail FILE.eml [--dry-run]

Messages are queued in the outbox, then sent with the office's settings (Settings → E-mail in
the app); the password comes from the system's credential store, or from $VIPDESK_MAIL_PASSWORD
for unattended runs. With `--eml` nothing is queued or sent: the message is written as a file
to open in a mail program. Loaded by `vipdesk.cli` only for these commands.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sqlalchemy import select

from vipdesk.commands.agreement import review_returned_pdf
from vipdesk.commands.due import parse_as_of
from vipdesk.commands.questionnaire import import_returned_pdf
from vipdesk.db import Database, current_user, open_database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.files import write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, MailState
from vipdesk.services.agreements.prefill import find_placement
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import Draft, eml_bytes, eml_name
from vipdesk.services.mail.incoming import read_mail_file
from vipdesk.services.mail.messages import for_signature
from vipdesk.services.mail.reminders import plan_reminders
from vipdesk.services.mail.settings import MailSettings, load_mail_settings, password
from vipdesk.services.mail.smtp import send_queued

PASSWORD_ENV = "VIPDESK_MAIL_PASSWORD"


def run(args: argparse.Namespace, database_url: str) -> int:
    database = open_database(database_url)
    try:
        if args.command == "import-mail":
            database.dispose()
            return import_mail(args.file, dry_run=args.dry_run, database_url=database_url)
        if args.action == "send-agreement":
            return send_agreement(
                database, args.ref, Party(args.party), args.fillable, args.eml, args.language
            )
        if args.action == "reminders":
            return reminders(database, args.as_of, dry_run=args.dry_run, folder=args.eml)
        return show_outbox(database, send=args.send, retry=args.retry)
    finally:
        database.dispose()


def _secret(settings: MailSettings) -> str | None:
    return os.environ.get(PASSWORD_ENV) or password(settings)


def _send_now(database: Database, settings: MailSettings, ids: list[int]) -> int:
    result = send_queued(database, settings, _secret(settings), ids, user=current_user())
    for message_id, reason in result.failed.items():
        print(f"Message {message_id} failed: {reason}")
    print(f"{result.summary().capitalize()}.")
    return 1 if result.failed else 0


def _current_for_signature(database: Database, placement_id: int) -> int:
    with database.session() as session:
        found = session.scalar(
            select(AgreementDocument.id)
            .where(
                AgreementDocument.placement_id == placement_id,
                AgreementDocument.kind.in_((DocumentKind.AGREEMENT, DocumentKind.AMENDMENT)),
                AgreementDocument.state == DocumentState.SENT,
            )
            .order_by(AgreementDocument.id.desc())
            .limit(1)
        )
    if found is None:
        raise VipdeskError(
            "This placement has no agreement out for signature: send it for signature in the "
            "Agreement tab first."
        )
    return found


def send_agreement(
    database: Database,
    ref: str,
    party: Party,
    fillable: bool,
    eml: Path | None,
    language: str | None = None,
) -> int:
    settings = load_mail_settings(database)
    placement_id = find_placement(database, ref)
    document_id = _current_for_signature(database, placement_id)
    draft = for_signature(
        database, document_id, party, settings, fillable=fillable, language=language
    )
    return _deliver(database, settings, [draft], eml)


def _deliver(
    database: Database, settings: MailSettings, drafts: list[Draft], eml: Path | None
) -> int:
    if eml is not None:
        sender, reply_to = settings.addresses()
        files = [eml] if len(drafts) == 1 and eml.suffix.lower() == ".eml" else None
        if files is None:
            eml.mkdir(parents=True, exist_ok=True)
            files = [eml / eml_name(d.subject, n + 1) for n, d in enumerate(drafts)]
        for path, draft in zip(files, drafts, strict=True):
            write_atomically(path, eml_bytes(draft, sender, reply_to))
        where = files[0] if len(files) == 1 else eml
        plural = "s" if len(files) != 1 else ""
        print(f"Wrote {len(files)} message{plural} to {where}; nothing was sent.")
        return 0
    if not settings.configured:
        raise VipdeskError(
            "No mail server is set: fill in Settings → E-mail in the app, or give --eml to write "
            "the message as a file."
        )
    sender, reply_to = settings.addresses()
    ids = outbox.queue_many(database, drafts, sender, reply_to=reply_to, user=current_user())
    for draft in drafts[:20]:
        print(f"Queued: {draft.subject} → {', '.join(str(a) for a in draft.to)}")
    if len(drafts) > 20:
        print(f"… and {len(drafts) - 20} more.")
    return _send_now(database, settings, ids)


def reminders(database: Database, as_of: str | None, *, dry_run: bool, folder: Path | None) -> int:
    settings = load_mail_settings(database)
    day = parse_as_of(as_of)
    plan = plan_reminders(database, settings, day)
    for missing in plan.without_address:
        print(f"No e-mail address for {missing}: no reminder.")
    if plan.reminded_lately:
        print(f"{plan.reminded_lately} item(s) were reminded in the last 7 days: left out.")
    if not plan.drafts:
        print("No reminders are due.")
        return 0
    if dry_run:
        for draft in plan.drafts:
            print(f"{draft.subject} → {', '.join(str(a) for a in draft.to)}")
        print(f"{len(plan.drafts)} reminders would be sent; nothing was queued (--dry-run).")
        return 0
    return _deliver(database, settings, plan.drafts, folder)


def show_outbox(database: Database, *, send: bool, retry: bool) -> int:
    if retry:
        failed = [r.id for r in outbox.outbox_rows(database, states=[MailState.FAILED])]
        print(f"{outbox.retry(database, failed, current_user())} failed message(s) queued again.")
    if send:
        return _send_now(database, load_mail_settings(database), outbox.queued_ids(database))
    rows = outbox.outbox_rows(database, limit=200)
    if not rows:
        print("The outbox is empty.")
    for row in rows:
        when = row.sent_at or row.queued_at
        reference = row.reference or "-"
        print(
            f"{row.id:>6}  {row.state.label:<9} {when:%Y-%m-%d %H:%M}  {reference:<15}", row.subject
        )
        print(f"        to {row.to_text}")
        if row.failure:
            print(f"        {row.failure}")
    return 0


def import_mail(path: Path, *, dry_run: bool, database_url: str) -> int:
    """Each vipdesk document a received message carries, imported as its file would be."""
    received = read_mail_file(path)
    print(
        f"{path.name}: {len(received.files)} document(s) of vipdesk"
        + (f"; not ours: {', '.join(received.others)}" if received.others else "")
        + "."
    )
    status = 0
    for file in received.files:
        if file.kind == "agreement":
            status |= review_returned_pdf(file.data, file.name, database_url=database_url)
        elif file.kind == "questionnaire":
            status |= import_returned_pdf(
                file.data, file.name, dry_run=dry_run, database_url=database_url
            )
        else:
            print(
                f"{file.name}: the {file.kind} of {file.reference}: open it in the placement's "
                "Agreement tab to record its signatures."
            )
    return status
