"""Putting a work-list item off until a date, with a note: the one choice the list stores."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, ValidationError
from vipdesk.models import Placement, Snooze
from vipdesk.phrase import Count
from vipdesk.services.worklist.rules import shipped_rules

NOTE_LIMIT = 500


def snooze(
    db: Database,
    placement_id: int,
    rule_key: str,
    until: date,
    note: str = "",
    *,
    today: date | None = None,
    user: str | None = None,
) -> None:
    """Hide a placement's item of `rule_key` up to and including `until`.

    Snoozing again replaces the date and the note; the item comes back the day after `until`,
    unless the records changed meanwhile and it is no longer due.

    Raises:
        ValidationError: an unknown rule, a date not after today, or a note too long.
        NotFoundError: the placement was deleted.
    """
    today = today or date.today()
    if rule_key not in {rule.key for rule in shipped_rules()}:
        raise ValidationError.single("rule", f"There is no work-list rule '{rule_key}'.")
    if until <= today:
        raise ValidationError.single("until", "Choose a day after today to snooze until.")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError.on(
            "note", "The note is longer than {limit} characters.", limit=Count(NOTE_LIMIT)
        )
    with db.session(user) as session:
        if session.get(Placement, placement_id) is None:
            raise NotFoundError.said("This placement no longer exists.")
        row = _snooze(session, placement_id, rule_key)
        if row is None:
            row = Snooze(placement_id=placement_id, rule_key=rule_key)
            session.add(row)
        row.until, row.note, row.snoozed_by = until, note or None, session.info["user"]


def wake(db: Database, placement_id: int, rule_key: str, user: str | None = None) -> None:
    """Show a snoozed item again at once (nothing happens when it is not snoozed)."""
    with db.session(user) as session:
        row = _snooze(session, placement_id, rule_key)
        if row is not None:
            session.delete(row)


def snoozed(session: Session, as_of: date) -> dict[tuple[int, str], Snooze]:
    """The snoozes still running on `as_of`, by (placement id, rule key)."""
    rows = session.scalars(select(Snooze).where(Snooze.until >= as_of))
    return {(row.placement_id, row.rule_key): row for row in rows}


def _snooze(session: Session, placement_id: int, rule_key: str) -> Snooze | None:
    return session.scalar(
        select(Snooze).where(Snooze.placement_id == placement_id, Snooze.rule_key == rule_key)
    )
