"""Deleting with a way back: a deleted placement, cost item or monitoring entry can be restored
for 30 days.

`keep_deleted` is called by a delete inside its session, before the rows go; `recently_deleted`
lists what can still be restored (and forgets what is older); `restore_deleted` puts it back
with its ids, so that everything pointing at it points at it again. A third kind of record
(the monitoring log's entries) needs only an entry in `KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import DeletedRecord
from vipdesk.models.base import utcnow
from vipdesk.phrase import Label
from vipdesk.services.trash.snapshot import capture, from_json, restore, to_json

RETENTION = timedelta(days=30)
# kind → (its table, what the list calls one)
KINDS = {
    "placement": ("placement", "Placement"),
    "cost": ("cost_item", "Cost item"),
    "log": ("monitoring_entry", "Monitoring entry"),
}


@dataclass(frozen=True)
class Deleted:
    """One entry of the "Recently deleted" list."""

    id: int
    kind: str
    what: str  # "Placement", "Cost item"
    label: str  # its reference or description
    deleted_at: datetime
    deleted_by: str
    days_left: int


class RestoreError(VipdeskError):
    """A deleted record cannot come back (what it belongs to is gone too)."""


def keep_deleted(session: Session, kind: str, record_id: int, label: str) -> None:
    """Keep what deleting `record_id` will remove; call it before the delete, same session."""
    table, _what = KINDS[kind]
    session.add(
        DeletedRecord(
            kind=kind,
            record_id=record_id,
            label=label[:200],
            deleted_by=str(session.info.get("user") or "unknown"),
            rows=to_json(capture(session, table, record_id)),
        )
    )


def _forget_expired(session: Session, now: datetime) -> None:
    session.execute(delete(DeletedRecord).where(DeletedRecord.deleted_at < now - RETENTION))


def recently_deleted(db: Database, now: datetime | None = None) -> list[Deleted]:
    """What can still be restored, newest first; entries older than 30 days are forgotten."""
    now = now or utcnow()
    with db.session() as session:
        _forget_expired(session, now)
        rows = session.execute(
            select(
                DeletedRecord.id,
                DeletedRecord.kind,
                DeletedRecord.label,
                DeletedRecord.deleted_at,
                DeletedRecord.deleted_by,
            ).order_by(DeletedRecord.deleted_at.desc(), DeletedRecord.id.desc())
        ).all()
    return [
        Deleted(
            entry_id,
            kind,
            KINDS.get(kind, (kind, kind.capitalize()))[1],
            label,
            deleted_at,
            deleted_by,
            max(0, (deleted_at + RETENTION - now).days),
        )
        for entry_id, kind, label, deleted_at, deleted_by in rows
    ]


def restore_deleted(db: Database, entry_id: int, user: str | None = None) -> Deleted:
    """Put a deleted record back as it was; the entry leaves the list.

    Raises:
        NotFoundError: the entry is gone (restored by someone else, or older than 30 days).
        RestoreError: what the record belonged to was deleted since; nothing changed.
    """
    try:
        with db.session(user) as session:
            entry = session.get(DeletedRecord, entry_id)
            if entry is None or entry.deleted_at < utcnow() - RETENTION:
                raise NotFoundError.said(
                    "This deleted record can no longer be restored: someone restored it, "
                    "or it was deleted more than 30 days ago."
                )
            what = KINDS.get(entry.kind, (entry.kind, entry.kind))[1]
            found = Deleted(entry.id, entry.kind, what, entry.label, entry.deleted_at,
                            entry.deleted_by, 0)  # fmt: skip
            restore(session, from_json(entry.rows))
            session.delete(entry)
            session.flush()
    except IntegrityError as exc:
        raise RestoreError.said(
            "{what} {name} cannot be restored: what it belongs to (a student, host, funding "
            "source or shared cost) was deleted since, or its reference was taken again. Nothing "
            "was changed.",
            what=Label(found.what),
            name=found.label,
        ) from exc
    return found
